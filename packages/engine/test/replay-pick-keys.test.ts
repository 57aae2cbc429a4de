// The byte reader's shortcuts for records that look like the ones before (pick-record.ts): each key is compared with
// the key that followed the previous one last time (KnownKey), a skipped value with the last value skipped after that
// key, and a read string with the strings that field had (TextCache, by its first twelve bytes). Records drawn from
// one shape, then broken on purpose: keys reordered, dropped, added, renamed to a prefix or an extension of the
// expected key, escaped; values changed to a prefix or an extension of the last one (numbers, strings), followed by
// whitespace, spread over lines; any byte flipped. Whatever the reader accepts must be JSON.parse's value cut down to
// what the mapping reads, with the record's line ends counted; it must refuse what JSON.parse refuses; and it must not
// hand over a valid record whose keys are not escaped.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import * as bytes from '../src/replay/json-bytes.js';
import { RECORD_READS } from '../src/replay/map-signin-record.js';
import { pickRecord, RecordPick } from '../src/replay/pick-record.js';
import { project } from './replay-projection.js';

const utf8 = (s: string) => new TextEncoder().encode(s);

type Pair = [string, string]; // key (raw JSON text, quotes included), value (raw JSON text)

/** A record's text from its pairs, with `sep` after each `:` and `,`. */
const textOf = (pairs: Pair[], sep: string) => `{${pairs.map(([k, v]) => `${k}:${sep}${v}`).join(`,${sep}`)}}`;

const K = (name: string) => JSON.stringify(name);
// Values that are prefixes or extensions of one another, as text.
const SCALARS = ['1', '12', '123', '1.5', '1.50', '-1', '1e5', '0', 'true', 'false', 'null', '""', '"a"', '"ab"', '"a\\"b"', '"a\\\\"', '"\\u0061"',
    '"Windows 10"', '"Windows 11"', '"Windows"', '"Windows 10 "', '"member"', '"guest"', '"é😀"', '"12345678901234567890"', '"1234567890123456789"'];
const NESTED = ['{}', '[]', '{"a":1}', '{"a":12}', '[1,2]', '[1,2,3]', '{"countryOrRegion":"RU"}', '{"countryOrRegion":"RU","x":[1]}', '{"errorCode":0}',
    '{\n "a": 1\n}', '[1,\n 2]', '[\n {"a":1}]', '[\n{"a":1}]', '{"a":\r\n\t{}}'];
const value = fc.constantFrom(...SCALARS, ...NESTED);

/** A base shape: keys the mapping reads and others, nested objects it reads keys of. */
const BASE: Pair[] = [
    [K('id'), '"r-1"'], [K('createdDateTime'), '"2026-11-24T17:28:13Z"'], [K('userDisplayName'), '"user46"'], [K('userId'), '"8916f6ff-a69e-44e7-a6b2-ab8666e7c3ef"'],
    [K('userType'), '"member"'], [K('appId'), '"d3590ed6-52b3-4102-aeff-aad2292ab01c"'], [K('userAgent'), '"Mozilla/5.0 (Windows NT 10.0; Win64; x64)"'],
    [K('isInteractive'), 'true'], [K('clientAppUsed'), '"Browser"'], [K('riskDetail'), '"none"'], [K('status'), '{"errorCode":0,"failureReason":"Other.","additionalDetails":null}'],
    [K('deviceDetail'), '{"deviceId":"","displayName":"PC-1","operatingSystem":"Windows 10","isCompliant":true,"trustType":"Azure AD joined"}'],
    [K('location'), '{"city":"City","countryOrRegion":"RU","geoCoordinates":{"altitude":null,"latitude":52.37}}'],
    [K('authenticationDetails'), '[{"succeeded":true,"authenticationStepResultDetail":"MFA completed in Azure AD","x":1},{"succeeded":false}]'],
    [K('appliedConditionalAccessPolicies'), '[{"id":"p1","result":"success"},{"id":"p2","result":"failure"}]'],
];
/** Other keys: prefixes and extensions of read keys, escaped spellings of them, unread ones. */
const KEYS = [K('userI'), K('userIdx'), K('userid'), '"user\\u0049d"', K('i'), K('idx'), K('status2'), K('statu'), K('riskDetai'), K('x'), K('é'), K('a b'),
    K('deviceDetail'), K('location'), K('userId'), K('id'), K('appId'), K('clientAppUsed')];

type Step =
    | { op: 'same' } | { op: 'swap'; a: number; b: number } | { op: 'drop'; a: number } | { op: 'insert'; a: number; key: string; value: string }
    | { op: 'rekey'; a: number; key: string } | { op: 'revalue'; a: number; value: string } | { op: 'flip'; at: number; c: string };

const step: fc.Arbitrary<Step> = fc.oneof(
    { weight: 4, arbitrary: fc.constant({ op: 'same' } as Step) },
    fc.record({ op: fc.constant('swap' as const), a: fc.nat(), b: fc.nat() }),
    fc.record({ op: fc.constant('drop' as const), a: fc.nat() }),
    fc.record({ op: fc.constant('insert' as const), a: fc.nat(), key: fc.constantFrom(...KEYS), value }),
    fc.record({ op: fc.constant('rekey' as const), a: fc.nat(), key: fc.constantFrom(...KEYS) }),
    { weight: 3, arbitrary: fc.record({ op: fc.constant('revalue' as const), a: fc.nat(), value }) },
    fc.record({ op: fc.constant('flip' as const), at: fc.nat(), c: fc.constantFrom('"', '\\', '}', ']', ',', ':', 'x', '1', ' ', '\n', '\u0001', 'é') }),
);

function apply(pairs: Pair[], s: Step): { pairs: Pair[]; flip?: { at: number; c: string } } {
    const p = pairs.map((x) => [...x] as Pair);
    const at = (a: number) => a % p.length;
    switch (s.op) {
        case 'same': return { pairs: p };
        case 'swap': { const a = at(s.a), b = at(s.b); [p[a], p[b]] = [p[b]!, p[a]!]; return { pairs: p }; }
        case 'drop': if (p.length > 1) p.splice(at(s.a), 1); return { pairs: p };
        case 'insert': p.splice(s.a % (p.length + 1), 0, [s.key, s.value]); return { pairs: p };
        case 'rekey': p[at(s.a)]![0] = s.key; return { pairs: p };
        case 'revalue': p[at(s.a)]![1] = s.value; return { pairs: p };
        case 'flip': return { pairs: p, flip: { at: s.at, c: s.c } };
    }
}

/** One record through the reader (sharing `pick` with the records before): checked against JSON.parse. */
function check(text: string, pick: RecordPick, column: number): void {
    const u = utf8(text);
    let parsed: unknown, ok = true;
    try {
        parsed = JSON.parse(new TextDecoder().decode(u));
    } catch {
        ok = false;
    }
    const accepted = pickRecord(u, 0, u.length, pick, column) && u.subarray(pick.end).every((b) => bytes.isWs(b));
    if (!ok) {
        expect(accepted, `accepted what JSON.parse refuses: ${text}`).toBe(false);
        return;
    }
    if (!accepted) {
        // Handed over: only for an escaped key, a second applied array, or what the array scan leaves to the mapping.
        const escapedKey = /"(?:[^"\\]|\\.)*\\(?:[^"\\]|\\.)*"\s*:/.test(text);
        const applied = (text.match(/"appliedConditionalAccessPolicies"\s*:/g) ?? []).length;
        const value = (parsed as Record<string, unknown>).appliedConditionalAccessPolicies;
        const arrayIssue = Array.isArray(value) && value.some((e) => typeof e !== 'object' || e === null || Array.isArray(e)
            || ['id', 'result'].some((k) => !['string', 'undefined'].includes(typeof (e as Record<string, unknown>)[k]) && (e as Record<string, unknown>)[k] !== null));
        expect(escapedKey || applied > 1 || arrayIssue, `handed over a record the reader handles: ${text}`).toBe(true);
        return;
    }
    const picked = project(parsed, RECORD_READS) as Record<string, unknown>;
    expect(pick.record).toEqual(pick.scanned ? { ...picked, appliedConditionalAccessPolicies: null } : picked);
    if (pick.scanned) {
        const entries = ((parsed as Record<string, unknown>).appliedConditionalAccessPolicies as Record<string, unknown>[])
            .filter((e) => typeof e.id === 'string' && e.id !== '' && typeof e.result === 'string' && e.result !== '')
            .map((e) => ({ id: e.id, result: e.result }));
        expect(pick.applied.results()).toEqual(entries);
    }
    const inside = u.subarray(0, pick.end);
    expect(bytes.lines).toBe(inside.filter((b) => b === 0x0a).length);
    expect(bytes.lastLine).toBe(inside.lastIndexOf(0x0a));
    if (column > 0) expect(bytes.recordLine).toBe(new RegExp(`\\n[ \\t]{${column - 1}}\\{`).test(new TextDecoder().decode(inside)));
}

describe('keys, skipped values and strings compared with the records before', () => {
    it('records of one shape, broken on purpose now and then: each reads as JSON.parse reads it', () => {
        fc.assert(fc.property(fc.array(step, { minLength: 1, maxLength: 30 }), fc.constantFrom('', ' ', '\n', '\n  ', '\r\n\t'), fc.boolean(), (steps, sep, unkeyed) => {
            const pick = new RecordPick(unkeyed ? ['id', 'createdDateTime', 'deviceDetail.deviceId', 'deviceDetail.displayName'] : []);
            let pairs = BASE;
            for (const s of steps) {
                const next = apply(pairs, s);
                let text = textOf(next.pairs, sep);
                if (next.flip) {
                    const i = next.flip.at % text.length;
                    text = text.slice(0, i) + next.flip.c + text.slice(i + 1);
                } else {
                    pairs = next.pairs; // a broken record is a one-off: the next one goes on from the last good shape
                }
                check(text, pick, sep.startsWith('\n') ? 2 : -1);
            }
        }), { numRuns: 3000 });
    });

    it('a key that is a prefix or an extension of the expected one, or spelled with an escape', () => {
        const pick = new RecordPick();
        const rec = (k: string, v = '"u"') => `{"id":"a",${k}:${v},"userType":"member"}`;
        for (const text of [rec('"userId"'), rec('"userI"'), rec('"userId"'), rec('"userIdx"'), rec('"userId"'), rec('"userid"'), rec('"user\\u0049d"'), rec('"userId"')]) check(text, pick, -1);
        expect(pickRecord(utf8(rec('"user\\u0049d"')), 0, rec('"user\\u0049d"').length, pick)).toBe(false); // an escaped key: JSON.parse's to read
        const t = rec('"userIdx"');
        expect(pickRecord(utf8(t), 0, t.length, pick)).toBe(true);
        expect(pick.record).toEqual({ id: 'a', userType: 'member' });
    });

    it('a skipped value that is a prefix or an extension of the last one, or followed by whitespace', () => {
        const pick = new RecordPick();
        for (const v of ['12', '123', '12', '1', '12 ', '12\n', '"ab"', '"abc"', '"ab"', 'true', '{"a":1}', '{"a":1} ', '{"a":12}', '[1,2]', '[1,2,3]', '[1,2]', '12', '12x', '12', '"a\tb"', '"ab"']) {
            check(`{"x":${v},"userId":"u1"}`, pick, -1);
            check(`{"x":${v}}`, pick, -1);
        }
    });

    it('strings that share their first twelve bytes, and what follows them', () => {
        const pick = new RecordPick();
        for (const v of ['Windows 10', 'Windows 11', 'Windows 10', 'Windows 10x', 'Windows 1', 'Windows', 'Windows 10', 'Windows 10\\"', 'Windows 10', 'Windows 1\\u0030',
            'abcdefghijklmnop', 'abcdefghijklmnopq', 'abcdefghijklmno', 'abcdefghijklmnop', '', 'a', '']) {
            for (const after of [',"trustType":"x"}}', '}}', ' }}']) check(`{"deviceDetail":{"operatingSystem":"${v}"${after}`, pick, -1);
            check(`{"userId":"${v}","x":1}`, pick, -1);
            check(`{"userId":"${v}"}`, pick, -1);
        }
    });
});
