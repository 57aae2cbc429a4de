// The replay reports exactly what it reported before the byte path (the string splitter and whole-record JSON.parse
// kept in test/reference/replay-v1): every count, problem (message, file:line:col) and disagreement, on generated logs
// in every layout, undamaged and damaged at random (bytes inserted, deleted or replaced: quotes, brackets, commas,
// line ends, non-ASCII), read in random chunks.
import fc from 'fast-check';
import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadGraphFiles } from '../src/graph/index.js';
import type { PolicySet } from '../src/model.js';
import { type LogLayout, logText, SignInLogGenerator } from '../src/replay/generate-signin-log.js';
import { readReplayDirectory } from '../src/replay/map-signin-record.js';
import { type LogError, type LogRecord, RecordSplitter } from '../src/replay/record-splitter.js';
import { LogReplay, type ReplayOptions } from '../src/replay/replay-log.js';
import { RecordSplitter as RecordSplitterV1 } from './reference/replay-v1/record-splitter.js';
import { LogReplay as LogReplayV1 } from './reference/replay-v1/replay-log.js';

const corpus = fileURLToPath(new URL('../../../../shared/corpus/j0eyv-ConditionalAccessBaseline/Config/ConditionalAccess/', import.meta.url));
const j0eyv: PolicySet = loadGraphFiles(readdirSync(corpus).filter((f) => f.endsWith('.json')).map((f) => corpus + f)).set;
const gen = new SignInLogGenerator(j0eyv, { seed: 17, entraNoise: 0.02 });
const records = Array.from({ length: 40 }, () => gen.next().record);
// Some oddities a log may hold: a non-ASCII user, an escaped quote, a policy unknown to the set, a null result.
(records[2] as Record<string, unknown>).userDisplayName = 'Zoë "Z" Ångström';
(records[3]!.appliedConditionalAccessPolicies as unknown[]).push({ id: 'not-in-the-set', result: 'success' }, { id: j0eyv.policies[0]!.id, result: null });
const directory = readReplayDirectory(gen.directoryJson());
const options: ReplayOptions = { directory, maxDisagreements: 100_000, maxErrors: 10_000 };
const utf8 = (s: string) => new TextEncoder().encode(s);

const logs: Record<LogLayout | 'crlf', string> = {
    lines: [...logText(records, 'lines')].join(''),
    array: [...logText(records, 'array')].join(''),
    pages: [...logText(records, 'pages', 15)].join(''),
    crlf: [...logText(records, 'array')].join('').replace(/\n/g, '\r\n'),
};

/** Chunk sizes: the same pieces of text for the old replay and, encoded, for the new one. */
function pieces(text: string, sizes: number[]): string[] {
    const out: string[] = [];
    for (let i = 0, k = 0; i < text.length; k++) {
        let end = Math.min(text.length, i + sizes[k % sizes.length]!);
        if (end < text.length && /[\ud800-\udbff]/.test(text[end - 1]!)) end++; // the old reader never split a pair
        out.push(text.slice(i, end));
        i = end;
    }
    return out;
}

function both(text: string, sizes: number[]) {
    const before = new LogReplayV1(j0eyv, options);
    const after = new LogReplay(j0eyv, options);
    for (const p of pieces(text, sizes)) {
        before.push(p);
        after.push(utf8(p));
    }
    return { before: before.finish(), after: after.finish() };
}

const damage = fc.array(fc.tuple(fc.nat(), fc.constantFrom('insert', 'delete', 'replace'),
    fc.constantFrom('"', '\\', '{', '}', '[', ']', ',', ':', '\n', '\r\n', '  {', '\n  {', ' ', 'é', 'x', '0', 'null', '\t')), { maxLength: 4 });

function damaged(text: string, ms: [number, string, string][]): string {
    let t = text;
    for (const [at, op, s] of ms) {
        const i = at % (t.length + 1);
        t = op === 'insert' ? t.slice(0, i) + s + t.slice(i) : op === 'delete' ? t.slice(0, i) + t.slice(i + s.length) : t.slice(0, i) + s + t.slice(i + s.length);
    }
    return t;
}

// Chunks of a few bytes make both splitters rescan an unfinished record with every chunk: tiny chunks only for a short log.
const chunking = fc.array(fc.integer({ min: 700, max: 70_000 }), { minLength: 1, maxLength: 4 });
const tinyChunking = fc.array(fc.integer({ min: 1, max: 64 }), { minLength: 1, maxLength: 4 });
const short = [...logText(records.slice(0, 3), 'array')].join('');

describe('the byte-path replay reports what the string replay reported', () => {
    it.each(Object.keys(logs) as (keyof typeof logs)[])('%s, undamaged, whole and in small chunks', (layout) => {
        for (const sizes of [[logs[layout].length], [1000, 37], [4096]]) {
            const { before, after } = both(logs[layout], sizes);
            expect(after.problems).toBe(0);
            expect(after.disagreements.length).toBeGreaterThan(0);
            expect(after).toEqual(before);
        }
    });

    it.each(Object.keys(logs) as (keyof typeof logs)[])('%s, damaged at random, in random chunks', (layout) => {
        fc.assert(fc.property(damage, chunking, (ms, sizes) => {
            const { before, after } = both(damaged(logs[layout], ms), sizes);
            expect(after).toEqual(before);
        }), { numRuns: 60 });
    });

    it('keys and values recognised by their bytes: their line ends, and a line inside that starts a record at the records\' column, count as before', () => {
        // Every record holds an unread value whose second line starts with `{` at the records' column: the splitter's
        // recovery rule takes it for a new record, in the first record (value checked) and in later ones (value
        // recognised by its bytes) alike; between them, a well-formed multi-line value recognised by its bytes.
        const text = logs.array.replace(/\n {4}"userType"/g, (m, at: number) => at % 2 === 0
            ? `\n    "odd": [\n  {"k": 1}\n    ],${m}` : `\n    "geo": {\n      "lat": 1,\n      "long": 2\n    },${m}`);
        expect(text).not.toBe(logs.array);
        for (const sizes of [[text.length], [1000, 37]]) {
            const { before, after } = both(text, sizes);
            expect(after).toEqual(before);
        }
        // A well-formed multi-line value in every record, then junk before the end: its line counts every line before.
        const geo = logs.array.replace(/\n {4}"userType"/g, (m) => `\n    "geo": {\n      "lat": 1,\n      "long": 2\n    },${m}`).replace(/\n\]\n$/, '\n  x\n]\n');
        const g = both(geo, [geo.length]);
        expect(g.before.errors.length).toBe(1);
        expect(g.after).toEqual(g.before);
        const uniform = logs.array.replace(/\n {4}"userType"/g, (m) => `\n    "odd": [\n  {"k": 1}\n    ],${m}`);
        const { before, after } = both(uniform, [uniform.length]);
        expect(before.problems).toBeGreaterThan(1);
        expect(after).toEqual(before);
    });

    it('elements waiting for the next chunk: the first record on the line of `[`, and records near maxRecordChars, at every cut', () => {
        const compare = (text: string, cuts: number[], opts: ReplayOptions) => {
            for (const cut of cuts) {
                const before = new LogReplayV1(j0eyv, opts), after = new LogReplay(j0eyv, opts);
                for (const p of [text.slice(0, cut), text.slice(cut)]) { before.push(p); after.push(utf8(p)); }
                expect(after.finish()).toEqual(before.finish());
            }
        };
        // The first record starts on the line of `[`: not at a line start, so no records' column (nothing is waited
        // for there: waiting would drop the `[` that tells it).
        const sameLine = '[{"id":"a","userId":"u","x":[\n {"k":1}]},\n' + Array.from({ length: 200 }, (_, k) => `{"id":"b${k}","userId":"u"}`).join(',\n') + ']\n';
        compare(sameLine, [sameLine.length, 100, 20, 1], options);
        compare(`{"value":[{"id":"a","userId":"u"},\n{"id":"b","userId":"u"}]}\n`, [60, 12], options);
        // A record longer than maxRecordChars after one of 2,000 characters (so that it may wait), cut with more or
        // fewer than that many bytes before the cut.
        const long = `[\n  {"id":"a","userId":"u","x":"${'x'.repeat(2000)}"},\n  {"id":"b","userId":"u","x":"${'x'.repeat(6000)}"},\n  {"id":"c","userId":"u"}\n]\n`;
        const at = long.indexOf('{"id":"b"');
        compare(long, [at + 3200, at + 4500, at + 7000, at + 2000, at + 100, long.length], { ...options, maxRecordChars: 3000 });
    });

    it('the splitter alone: the same records (text, index, line, column) and problems, damaged logs, any chunking', () => {
        const split = (S: typeof RecordSplitter | typeof RecordSplitterV1, chunks: (string | Uint8Array)[], max: number) => {
            const out: { records: [string, number, number, number][]; errors: LogError[] } = { records: [], errors: [] };
            const s = new S({ record: (r: LogRecord | { text: string; index: number; line: number; column: number }) => out.records.push([r.text, r.index, r.line, r.column]), error: (e: LogError) => out.errors.push(e) }, { maxRecordChars: max });
            for (const c of chunks) s.push(c as string & Uint8Array);
            s.end();
            return out;
        };
        const same = (text: string, sizes: number[], max: number) => {
            const chunks = pieces(text, sizes);
            expect(split(RecordSplitter, chunks.map(utf8), max)).toEqual(split(RecordSplitterV1, chunks, max));
        };
        fc.assert(fc.property(fc.constantFrom(...Object.values(logs)), damage, chunking, fc.constantFrom(6000, 4 * 1024 * 1024), (log, ms, sizes, max) => {
            same(damaged(log, ms), sizes, max);
        }), { numRuns: 200 });
        fc.assert(fc.property(damage, tinyChunking, fc.constantFrom(6000, 4 * 1024 * 1024), (ms, sizes, max) => {
            same(damaged(short, ms), sizes, max);
        }), { numRuns: 100 });
    });
});
