// The streaming record splitter: every layout, any chunking, positions, and recovery from damaged records.
import { describe, expect, it } from 'vitest';
import { type LogError, type LogRecord, RecordSplitter, type ResumePoint } from '../src/replay/record-splitter.js';

function split(text: string, chunk = text.length || 1, maxRecordChars?: number): { records: LogRecord[]; errors: LogError[] } {
    const records: LogRecord[] = [];
    const errors: LogError[] = [];
    const s = new RecordSplitter({ record: (r) => records.push(r), error: (e) => errors.push(e) }, { maxRecordChars });
    for (let i = 0; i < text.length; i += chunk) s.push(text.slice(i, i + chunk));
    s.end();
    return { records, errors };
}

const recs = [{ id: 'a', n: 1, s: 'x "q" \\ {[' }, { id: 'b', nested: { list: [{ k: 1 }, { k: 2 }] } }, { id: 'c', values: [1, 2] }];
const pretty = '[\n' + recs.map((r) => JSON.stringify(r, null, 2).replace(/^/gm, '  ')).join(',\n') + '\n]\n';
const lines = recs.map((r) => JSON.stringify(r)).join('\n') + '\n';
const pages = `{"@odata.context":"ctx","value":[${JSON.stringify(recs[0])},${JSON.stringify(recs[1])}],"@odata.nextLink":"next"}\n`
    + `{"value":[${JSON.stringify(recs[2])}]}`;

describe('record splitter', () => {
    it.each([['pretty array', pretty], ['JSON lines', lines], ['Graph pages', pages], ['compact array', JSON.stringify(recs)],
        ['pretty objects in a row', recs.map((r) => JSON.stringify(r, null, 2)).join('\n')]])('%s: the same records at every chunk size', (_name, text) => {
        for (const chunk of [1, 2, 3, 7, 64, text.length]) {
            const { records, errors } = split(text, chunk);
            expect(errors).toEqual([]);
            expect(records.map((r) => JSON.parse(r.text))).toEqual(recs);
            expect(records.map((r) => r.index)).toEqual([0, 1, 2]);
        }
    });

    it('gives each record its 1-based line and column', () => {
        const starts = pretty.split('\n').flatMap((l, i) => (l.startsWith('  {') ? [[i + 1, 3]] : []));
        expect(starts).toHaveLength(3);
        expect(split(pretty).records.map((r) => [r.line, r.column])).toEqual(starts);
        expect(split(lines).records.map((r) => [r.line, r.column])).toEqual([[1, 1], [2, 1], [3, 1]]);
    });

    it('a top-level object with a "value" array is a Graph page; other keys around it are ignored', () => {
        const text = '{"@odata.context":"c","value":[{"id":"a"},{"id":"b"}],"@odata.nextLink":"n","x":{"value":[1]}}\n{"value":[]}\n[{"id":"c"}]';
        for (const chunk of [1, 4, text.length]) {
            const { records, errors } = split(text, chunk);
            expect(errors).toEqual([]);
            expect(records.map((r) => JSON.parse(r.text).id)).toEqual(['a', 'b', 'c']);
        }
    });

    it('a byte-order mark and CRLF line ends are accepted', () => {
        const { records, errors } = split('\ufeff' + lines.replace(/\n/g, '\r\n'), 5);
        expect(errors).toEqual([]);
        expect(records.map((r) => JSON.parse(r.text).id)).toEqual(['a', 'b', 'c']);
    });

    it('JSON lines: a damaged line is one bad record; the next lines are read', () => {
        const text = lines.replace('{"id":"b"', '{"id":"b" oops');
        const { records } = split(text, 10);
        expect(records.map((r) => r.index)).toEqual([0, 1, 2]);
        expect(() => JSON.parse(records[1]!.text)).toThrow();
        expect(JSON.parse(records[2]!.text).id).toBe('c');
    });

    it('pretty array: a record missing its closing brace is reported and the next record is found by its indentation', () => {
        const text = pretty.replace(/\n  },\n  \{\n    "id": "b"/, ',\n  {\n    "id": "b"');
        const { records, errors } = split(text, 16);
        expect(errors).toHaveLength(1);
        expect(errors[0]).toMatchObject({ index: 0, line: 2, column: 3 });
        expect(errors[0]!.message).toMatch(/not terminated/);
        expect(records.map((r) => JSON.parse(r.text).id)).toEqual(['b', 'c']);
        expect(records.map((r) => r.index)).toEqual([1, 2]);
    });

    it('an unterminated string spoils only its record', () => {
        const text = pretty.replace('"id": "b"', '"id": "b');
        const { records, errors } = split(text, 9);
        expect(errors).toHaveLength(1);
        expect(errors[0]!.message).toMatch(/record 1: unterminated string/);
        expect(errors[0]!.line).toBe(text.split('\n').findIndex((l) => l.includes('"id": "b')) + 1);
        expect(records.map((r) => JSON.parse(r.text).id)).toEqual(['a', 'c']);
    });

    it('a truncated log reports the unfinished record', () => {
        const text = pretty.slice(0, pretty.indexOf('"id": "c"') + 4);
        const { records, errors } = split(text, 11);
        expect(records.map((r) => JSON.parse(r.text).id)).toEqual(['a', 'b']);
        expect(errors).toHaveLength(1);
        expect(errors[0]).toMatchObject({ index: 2 });
        expect(errors[0]!.message).toMatch(/not terminated/);
    });

    it('non-object elements and junk between records are reported, not fatal', () => {
        const { records, errors } = split('[1, {"id":"a"} {"id":"b"}, "x", {"id":"c"},]');
        expect(records.map((r) => JSON.parse(r.text).id)).toEqual(['a', 'b', 'c']);
        expect(errors.map((e) => e.message)).toEqual([
            "record 0 is not an object (found '1'); skipped", "expected ',' or ']' after record 1, found '{'",
            "record 3 is not an object (found '\"'); skipped", "trailing comma before ']'",
        ]);
    });

    it('a record longer than the limit is skipped, and reading goes on at the next record', () => {
        const big = { id: 'big', pad: 'x'.repeat(5000) };
        const text = '[\n' + [recs[0], big, recs[2]].map((r) => JSON.stringify(r, null, 2).replace(/^/gm, '  ')).join(',\n') + '\n]\n';
        const { records, errors } = split(text, 256, 1000);
        expect(errors).toHaveLength(1);
        expect(errors[0]!.message).toMatch(/record 1 is longer than 1000/);
        expect(records.map((r) => JSON.parse(r.text).id)).toEqual(['a', 'c']);
    });
});

describe('elements replayed whole by the sink', () => {
    // 300 pretty-printed records (~40 KB): the sink's whole() knows each record's text and vouches for it when it is
    // all there, as LogReplay's byte walk does; it notes every element it was asked about whose bytes were cut.
    const many = Array.from({ length: 300 }, (_, k) => ({ id: `r${k}`, n: k, pad: 'x'.repeat(k % 97) }));
    const texts = many.map((r) => JSON.stringify(r, null, 2).replace(/\n/g, '\n  '));
    const log = '[\n' + texts.map((t) => '  ' + t).join(',\n') + '\n]\n';
    const run = (chunk: number, stopAt?: number) => {
        const records: string[] = [];
        let cut = 0, index = 0;
        const s = new RecordSplitter({
            record: (r) => { records.push(r.text); index++; },
            error: (e) => { throw new Error(e.message); },
            whole: (bytes, start, limit, _at, lines) => {
                const want = new TextEncoder().encode(texts[index]!);
                if (start + want.length > limit) { if (index > 0) cut++; return -1; } // the log's first record does not wait
                for (let k = 0; k < want.length; k++) if (bytes[start + k] !== want[k]) return -1;
                records.push(texts[index++]!);
                lines.count = 0;
                for (let k = 0; k < want.length; k++) if (want[k] === 10) { lines.count++; lines.last = start + k; }
                return start + want.length;
            },
        });
        const text = stopAt === undefined ? log : log.slice(0, stopAt);
        for (let i = 0; i < text.length; i += chunk) s.push(text.slice(i, i + chunk));
        return { s, records, cut: () => cut };
    };

    it('every chunking gives the same records, and no element but the first is offered cut by a chunk\'s end', () => {
        for (const chunk of [1, 100, 1000, 4099, 7777, log.length]) {
            const r = run(chunk);
            r.s.end();
            expect(r.records).toEqual(texts);
            expect(r.cut()).toBe(0);
        }
    });

    it('an element near the end of the bytes waits for more, and resumePoint() splits it first', () => {
        const at = log.indexOf('\n  {', log.indexOf('"r200"')) + 1; // the line where record 201 starts
        const r = run(1000, at);
        expect(r.records.length).toBeLessThan(201); // the last few wait for bytes that will not come
        expect(r.s.resumePoint()).toEqual({ layout: 'array', column: 3, inPage: false });
        expect(r.records).toEqual(texts.slice(0, 201));
        expect(r.s.records).toBe(201);
    });
});

describe('resume points (parallel replay)', () => {
    const split = (text: string, resume?: ResumePoint) => {
        const records: LogRecord[] = [];
        const errors: LogError[] = [];
        const s = new RecordSplitter({ record: (r) => records.push(r), error: (e) => errors.push(e) }, { resume });
        s.push(text);
        return { s, records, errors };
    };

    it.each([['JSON lines', lines], ['pretty array', pretty]])('%s: a stretch that starts at a resume point splits as in the whole log', (name, text) => {
        const whole = split(text);
        whole.s.end();
        // Cut after the first record's line end (array: at the second record's line).
        const at = text.indexOf(name === 'JSON lines' ? '\n' : '\n  {', text.indexOf('"a"')) + 1;
        const head = split(text.slice(0, at));
        const point = head.s.resumePoint();
        expect(point).toEqual(name === 'JSON lines' ? { layout: 'lines', column: 1 } : { layout: 'array', column: 3, inPage: false });
        const rest = split(text.slice(at), point);
        rest.s.end();
        expect([...head.records, ...rest.records].map((r) => r.text)).toEqual(whole.records.map((r) => r.text));
        expect(rest.records.map((r) => [r.index + head.s.records, r.line + head.s.lines, r.column])).toEqual(whole.records.slice(1).map((r) => [r.index, r.line, r.column]));
        expect([...head.errors, ...rest.errors]).toEqual(whole.errors);
    });

    it('no resume point inside a record, before the layout is known, or in Graph pages', () => {
        expect(split(pretty.slice(0, pretty.indexOf('"n"'))).s.resumePoint()).toBeUndefined();
        expect(split('').s.resumePoint()).toBeUndefined();
        const p = split(pages.slice(0, pages.indexOf('\n') + 1));
        expect(p.s.resumePoint()).toBeUndefined();
        expect(p.s.layout()).toBeUndefined();
    });
});
