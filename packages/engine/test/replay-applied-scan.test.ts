// The byte path (pick-record.ts, applied-policies.ts) against JSON.parse, the ground truth: whatever it accepts must
// be what JSON.parse + mapSignInRecord make of the record (the picked record is JSON.parse's value cut down to the
// values the mapping reads), and it must never accept a record JSON.parse rejects. Random records (any key order, escapes, non-ASCII, nested values, duplicates,
// null/absent/empty values, random whitespace incl. CRLF), byte-level mutations of them, and edge cases; then the
// replay's report with the byte path equals the report without it.
import fc from 'fast-check';
import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadGraphFiles } from '../src/graph/index.js';
import type { PolicySet } from '../src/model.js';
import { logText, SignInLogGenerator } from '../src/replay/generate-signin-log.js';
import * as bytes from '../src/replay/json-bytes.js';
import { isWs } from '../src/replay/json-bytes.js';
import { type EntraPolicyResult, mapSignInRecord, RECORD_READS, type RecordReads, readReplayDirectory, RecordMappingError } from '../src/replay/map-signin-record.js';
import { pickRecord, RecordPick } from '../src/replay/pick-record.js';
import { replayLog } from '../src/replay/replay-log.js';
import { project } from './replay-projection.js';

const K = 'appliedConditionalAccessPolicies';
/** How the byte path read a record: the array scanned (CUT) or not there to scan (WHOLE). */
const WHOLE = 0, CUT = 1;
const utf8 = (s: string) => new TextEncoder().encode(s);

/** mapSignInRecord's answer: the sign-in, its id and Entra's results, or its error. */
type Mapped = { signIn?: unknown; id?: string; entra?: EntraPolicyResult[]; error?: string };

function mapped(value: unknown): Mapped {
    try {
        const m = mapSignInRecord(value, undefined);
        return { signIn: m.signIn, id: m.id, entra: m.entra };
    } catch (e) {
        if (e instanceof RecordMappingError) return { error: `${e.path.join('.')}: ${e.message}` };
        throw e;
    }
}

type Read = { slow: true } | { slow: false; kind: number; value: unknown; mapped: Mapped };

/** What the replay does with one record's text on the byte path. `pick` carries the entries known from earlier records. */
function fastRead(text: string, pick = new RecordPick()): Read {
    const u = utf8(text);
    if (!pickRecord(u, 0, u.length, pick)) return { slow: true };
    let i = pick.end;
    while (i < u.length && isWs(u[i]!)) i++;
    if (i !== u.length) return { slow: true }; // the replay's check after the record
    const m = mapped(pick.record);
    return { slow: false, kind: pick.scanned ? CUT : WHOLE, value: pick.record, mapped: pick.scanned && !m.error ? { ...m, entra: pick.applied.results() } : m };
}


/** The ground truth: JSON.parse and mapSignInRecord (undefined: JSON.parse rejects the text). */
function truth(text: string): { value: Record<string, unknown>; mapped: Mapped } | undefined {
    let value: Record<string, unknown>;
    try {
        value = JSON.parse(text);
    } catch {
        return undefined;
    }
    return { value, mapped: mapped(value) };
}

/** The byte path agrees with the ground truth wherever it does not hand the record to JSON.parse. */
function checkSound(text: string, pick?: RecordPick): Read {
    const fast = fastRead(text, pick);
    if (fast.slow) return fast;
    const t = truth(new TextDecoder().decode(utf8(text))); // the text as a log file holds it (lone surrogates → U+FFFD)
    expect(t, `accepted a record JSON.parse rejects: ${JSON.stringify(text)}`).toBeDefined();
    const picked = project(t!.value, RECORD_READS) as Record<string, unknown>;
    expect(fast.value).toEqual(fast.kind === WHOLE ? picked : { ...picked, [K]: null });
    expect(fast.mapped).toEqual(t!.mapped);
    return fast;
}

// ---- Random records: objects as key/value pairs (duplicates, any order), serialised with random whitespace.

type J = null | boolean | number | string | J[] | { pairs: [string, J][] };

const tricky = fc.constantFrom('"', '\\', '/', '\n', '\r', '\t', '\u0000', '\u001f', '\u2028', 'é', '😀', '\ud800', 'a', 'Z', ' ', '{', '}', '[', ']', ',', ':', 'id', 'result');
const str = fc.array(fc.oneof(tricky, fc.string({ maxLength: 4 })), { maxLength: 6 }).map((xs) => xs.join(''));
const guid = fc.uuid();
const resultWord = fc.constantFrom('success', 'failure', 'notApplied', 'notEnabled', 'reportOnlySuccess', 'reportOnlyFailure', 'reportOnlyInterrupted',
    'reportOnlyNotApplied', 'unknown', 'unknownFutureValue', 'SUCCESS', 'interrupted', '');
const num = fc.oneof(fc.integer(), fc.double({ noNaN: true, noDefaultInfinity: true }));
const scalar: fc.Arbitrary<J> = fc.oneof(fc.constant(null), fc.boolean(), num, str);
const { value: anyValue } = fc.letrec<{ value: J }>((tie) => ({
    value: fc.oneof({ depthSize: 'small', withCrossShrink: true }, scalar, fc.array(tie('value'), { maxLength: 3 }),
        fc.array(fc.tuple(fc.oneof(str, fc.constantFrom('id', 'result')), tie('value')), { maxLength: 3 }).map((pairs) => ({ pairs }))),
}));
const idOrResult = (words: fc.Arbitrary<string>) => fc.oneof({ weight: 8, arbitrary: words }, { weight: 1, arbitrary: fc.constant(null) }, { weight: 1, arbitrary: str });
const entry: fc.Arbitrary<J> = fc.record({
    id: fc.option(idOrResult(guid), { nil: undefined }),
    result: fc.option(idOrResult(resultWord), { nil: undefined }),
    others: fc.array(fc.tuple(fc.constantFrom('displayName', 'enforcedGrantControls', 'conditionsSatisfied', 'x'), anyValue), { maxLength: 3 }),
    dup: fc.boolean(),
}).chain(({ id, result, others, dup }) => {
    const pairs: [string, J][] = [...others];
    if (id !== undefined) pairs.push(['id', id]);
    if (result !== undefined) pairs.push(['result', result]);
    if (dup && id !== undefined) pairs.unshift(['id', 'shadowed-by-the-last']);
    return fc.shuffledSubarray(pairs, { minLength: pairs.length, maxLength: pairs.length }).map((p) => ({ pairs: p }) as J);
});
const appliedValue: fc.Arbitrary<J> = fc.oneof({ weight: 12, arbitrary: fc.array(entry, { maxLength: 6 }) }, { weight: 1, arbitrary: fc.constant(null) });
// Values the mapping reads, nested ones too (right and wrong types, escapes, duplicates), among others it does not.
const readString = fc.oneof(str, fc.constantFrom('Windows 10', 'iOS 17', 'Azure AD joined', 'browser', 'Other clients', 'high', 'guest', 'deviceCode',
    'multiFactorAuthentication', 'MFA completed in Azure AD', 'CN', 'xx', '2026-11-04T13:44:18Z', '10.0.0.1', ''));
const readValue = fc.oneof({ weight: 4, arbitrary: readString }, { weight: 1, arbitrary: anyValue });
const objectOf = (keys: string[]) => fc.array(fc.tuple(fc.constantFrom(...keys, 'other'), fc.oneof(readValue, fc.boolean(), fc.constantFrom(0, '0', 1))), { maxLength: 5 })
    .map((pairs) => ({ pairs }) as J);
const readPair: fc.Arbitrary<[string, J]> = fc.oneof(
    fc.tuple(fc.constantFrom('id', 'userId', 'userType', 'homeTenantId', 'resourceTenantId', 'appId', 'resourceId', 'ipAddress', 'clientAppUsed',
        'riskLevelDuringSignIn', 'riskLevelAggregated', 'originalTransferMethod', 'authenticationProtocol', 'createdDateTime', 'authenticationRequirement'), readValue),
    fc.tuple(fc.constant('deviceDetail'), fc.oneof({ weight: 4, arbitrary: objectOf(['operatingSystem', 'deviceId', 'trustType', 'isCompliant', 'displayName']) }, { weight: 1, arbitrary: anyValue })),
    fc.tuple(fc.constant('location'), fc.oneof({ weight: 4, arbitrary: objectOf(['countryOrRegion']) }, { weight: 1, arbitrary: anyValue })),
    fc.tuple(fc.constant('status'), fc.oneof({ weight: 4, arbitrary: objectOf(['errorCode']) }, { weight: 1, arbitrary: anyValue })),
    fc.tuple(fc.constant('authenticationDetails'), fc.oneof({ weight: 4, arbitrary: fc.array(fc.oneof(objectOf(['succeeded', 'authenticationStepResultDetail']), anyValue), { maxLength: 3 }) },
        { weight: 1, arbitrary: anyValue })),
);
const record: fc.Arbitrary<J> = fc.record({
    applied: fc.option(appliedValue, { nil: undefined }),
    others: fc.array(fc.oneof(fc.tuple(fc.constantFrom('id', 'displayName', 'status', 'x', 'é', 'a b', 'appliedConditionalAccessPolicie'), anyValue), readPair), { maxLength: 8 }),
}).chain(({ applied, others }) => {
    const pairs: [string, J][] = [...others];
    if (applied !== undefined) pairs.push([K, applied]);
    return fc.shuffledSubarray(pairs, { minLength: pairs.length, maxLength: pairs.length }).map((p) => ({ pairs: p }) as J);
});

const WS = ['', ' ', '  ', '\t', '\n', '\r\n', '\n    '];

function serialise(v: J, ws: () => string): string {
    if (v === null || typeof v !== 'object') return JSON.stringify(v);
    if (Array.isArray(v)) return `[${ws()}${v.map((x) => serialise(x, ws)).join(`${ws()},${ws()}`)}${ws()}]`;
    return `{${ws()}${v.pairs.map(([k, x]) => `${JSON.stringify(k)}${ws()}:${ws()}${serialise(x, ws)}`).join(`${ws()},${ws()}`)}${ws()}}`;
}

const textAndTree = fc.tuple(record, fc.integer({ min: 0, max: WS.length - 1 }), fc.infiniteStream(fc.integer({ min: 0, max: WS.length - 1 })), fc.boolean())
    .map(([r, fixed, stream, varied]) => {
        const it = stream[Symbol.iterator]();
        return [serialise(r, varied ? () => WS[it.next().value as number]! : () => WS[fixed]!), r] as const;
    });
const text = textAndTree.map(([t]) => t);

/** Whether an object the mapping reads keys of has a key JSON writes escaped (duplicates included). */
function escapedReadKey(v: J, reads: RecordReads): boolean {
    if (v === null || typeof v !== 'object' || Array.isArray(v)) return false;
    return v.pairs.some(([k, x]) => {
        if (JSON.stringify(k) !== `"${k}"`) return true;
        const read = reads[k];
        if (read === undefined || read === true) return false;
        return Array.isArray(read) ? Array.isArray(x) && x.some((y) => escapedReadKey(y, read[0])) : escapedReadKey(x, read as RecordReads);
    });
}

describe('appliedConditionalAccessPolicies read from bytes = JSON.parse + mapSignInRecord', () => {
    it('random records: every accepted record reads as JSON.parse reads it; well-formed ones are never handed over', () => {
        fc.assert(fc.property(textAndTree, ([t, tree]) => {
            const fast = checkSound(t);
            // Handing over is only for what the byte path leaves to JSON.parse: mapping errors inside the array, a
            // second key of the name, an escaped key where the mapping reads keys.
            if (fast.slow) {
                const g = truth(t)!;
                const keys = (t.match(/"appliedConditionalAccessPolicies"\s*:/g) ?? []).length;
                expect(g.mapped.error?.startsWith(K) || keys > 1 || escapedReadKey(tree, RECORD_READS)).toBe(true);
            }
        }), { numRuns: 3000 });
    });

    it('mutated records: the byte path never accepts what JSON.parse rejects, and never reads differently', () => {
        const bytes = fc.constantFrom('"', '\\', '{', '}', '[', ']', ',', ':', ' ', '\n', '\t', '\u0001', '0', '-', '.', 'e', 'u', 'n', 'a', 'é', '\\u00e9', '\\"');
        const mutation = fc.tuple(fc.nat(), fc.constantFrom('insert', 'delete', 'replace'), bytes);
        fc.assert(fc.property(text, fc.array(mutation, { minLength: 1, maxLength: 3 }), (t, ms) => {
            let m = t;
            for (const [at, op, s] of ms) {
                const i = m.length === 0 ? 0 : at % (m.length + 1);
                m = op === 'insert' ? m.slice(0, i) + s + m.slice(i) : op === 'delete' ? m.slice(0, i) + m.slice(i + 1) : m.slice(0, i) + s + m.slice(i + 1);
            }
            checkSound(m);
        }), { numRuns: 5000 });
    });

    it('a sequence of records sharing most entries (known entries reused, near-misses not): each reads as JSON.parse reads it', () => {
        const flip = fc.tuple(fc.nat(), fc.constantFrom('"', '\\', '}', ',', 'x', 'é', '\u0001', ' '));
        fc.assert(fc.property(text, fc.array(fc.option(flip, { freq: 2 }), { minLength: 2, maxLength: 8 }), (t, steps) => {
            const pick = new RecordPick(); // one replay: what earlier records taught it stays
            for (const step of steps) {
                if (step === null) { checkSound(t, pick); continue; }
                const [at, c] = step;
                const i = at % (t.length || 1);
                checkSound(t.slice(0, i) + c + t.slice(i + 1), pick);
            }
        }), { numRuns: 2000 });
    });

    it('arrays seen before, pretty-printed, near-misses at any byte: each reads as JSON.parse reads it, lines as they are', () => {
        // A few arrays of a few entries, repeated across records in any order, printed with one indentation (so the
        // same array has the same bytes), records at column 3: lines inside that start a record there are noted.
        const entryOf = fc.record({ id: fc.constantFrom('p1', 'p2', 'P3', 'p4'), result: resultWord, x: fc.oneof(anyValue, fc.constant({ pairs: [] } as J)) })
            .map(({ id, result, x }) => ({ pairs: [['id', id], ['displayName', 'n'], ['x', x], ['result', result]] }) as J);
        const arrays = fc.array(fc.array(entryOf, { minLength: 1, maxLength: 4 }), { minLength: 1, maxLength: 4 });
        const flip = fc.tuple(fc.nat(), fc.constantFrom('"', '}', ']', ',', 'x', ' ', '\n', '{'));
        fc.assert(fc.property(arrays, fc.array(fc.tuple(fc.nat(), fc.option(flip, { freq: 3 })), { minLength: 2, maxLength: 12 }), fc.constantFrom('', '\n', '\n  ', '\n    '),
            (list, steps, indent) => {
                const pick = new RecordPick();
                for (const [which, mutation] of steps) {
                    let t = serialise({ pairs: [['id', 'r'], [K, list[which % list.length]!], ['userId', 'u']] }, () => indent);
                    if (mutation !== null) {
                        const i = mutation[0] % t.length;
                        t = t.slice(0, i) + mutation[1] + t.slice(i + 1);
                    }
                    const u = utf8(t);
                    if (!pickRecord(u, 0, u.length, pick, 3)) continue; // handed to JSON.parse (checkSound checks what is accepted)
                    checkSound(t, pick);
                    expect(pickRecord(u, 0, u.length, pick, 3)).toBe(true); // again, for its lines (checkSound's walk has no column)
                    // Line ends inside the record as the walk counted them, and a line inside starting `{` at column 3.
                    // (byte offsets: the text may hold multi-byte characters)
                    const inside = u.subarray(0, pick.end);
                    expect(bytes.lines).toBe(inside.filter((b) => b === 0x0a).length);
                    expect(bytes.lastLine).toBe(inside.lastIndexOf(0x0a));
                    expect(bytes.recordLine).toBe(/\n[ \t]{2}\{/.test(t.slice(0, new TextDecoder().decode(inside).length)));
                }
            }), { numRuns: 3000 });
    });

    const entries = (text: string) => {
        const r = checkSound(text);
        return r.slow ? 'slow' : r.mapped.entra ?? r.mapped.error;
    };

    it('edge cases', () => {
        // Escaped quotes and backslashes in ids and display names; \u escapes; a nested object and arrays inside an entry.
        expect(entries(String.raw`{"a":1,"${K}":[{"id":"p\"1\\","displayName":"say \"hi\" \\ {[","result":"succ\u0065ss"},`
            + String.raw`{"conditionsSatisfied":{"id":"inner","result":["x",{"id":"deeper"}]},"id":"p2","result":"failure","n":-1.5e3}],"b":"}"}`))
            .toEqual([{ id: 'p"1\\', result: 'success' }, { id: 'p2', result: 'failure' }]);
        // Empty array, null, absent.
        expect(entries(`{"${K}":[]}`)).toEqual([]);
        expect(fastRead(`{"${K}":null}`)).toMatchObject({ kind: WHOLE });
        expect(fastRead(`{"x":1}`)).toMatchObject({ kind: WHOLE });
        expect(fastRead(`{}`)).toMatchObject({ kind: WHOLE });
        // Pretty-printed with CRLF, key order arbitrary, the array first.
        const pretty = JSON.stringify({ [K]: [{ result: 'notApplied', enforcedGrantControls: [], id: 'P3' }], id: 'x' }, null, 2).replace(/\n/g, '\r\n');
        expect(entries(pretty)).toEqual([{ id: 'P3', result: 'notApplied' }]);
        // Absent, null and empty ids/results drop the entry; the last duplicate key wins.
        expect(entries(`{"${K}":[{"id":"a"},{"id":null,"result":"success"},{"id":"","result":"success"},{"id":"b","result":"x","result":"failure"},{"id":"c","result":null}]}`))
            .toEqual([{ id: 'b', result: 'failure' }]);
        // Non-ASCII ids and results are kept exactly.
        expect(entries(`{"${K}":[{"id":"élan😀","result":"réussi"}]}`)).toEqual([{ id: 'élan😀', result: 'réussi' }]);
        // Handed to JSON.parse (mapSignInRecord reports them): a non-object entry, a non-string id, an escaped top-level key,
        // a second key of the name.
        expect(entries(`{"${K}":[1]}`)).toBe('slow');
        expect(entries(`{"${K}":[{"id":7,"result":"success"}]}`)).toBe('slow');
        expect(entries(`{"appliedConditional\\u0041ccessPolicies":[],"${K}":[]}`)).toBe('slow');
        expect(entries(`{"${K}":[],"${K}":[]}`)).toBe('slow');
        // Not JSON: rejected (control character in a string, bad escape, trailing comma, leading zero, bad literal).
        for (const bad of [`{"${K}":[{"id":"a\tb","result":"success"}]}`, `{"${K}":[{"id":"a\\x","result":"success"}]}`, `{"${K}":[{"id":"a","result":"success"},]}`,
            `{"${K}":[{"id":"a","n":01}]}`, `{"${K}":[{"id":"a","n":nul}]}`, `{"${K}":[{"id":"a","result":"success"}]`, `{"${K}":[{"id":"a"}] x}`]) {
            expect(fastRead(bad).slow, bad).toBe(true);
        }
        // The array nested deeper than the top level is not Entra's.
        expect(fastRead(`{"x":{"${K}":[{"id":"a","result":"success"}]}}`)).toMatchObject({ kind: WHOLE });
    });
});

describe('the replay reports the same with and without the byte path', () => {
    const corpus = fileURLToPath(new URL('../../../../shared/corpus/j0eyv-ConditionalAccessBaseline/Config/ConditionalAccess/', import.meta.url));
    const j0eyv: PolicySet = loadGraphFiles(readdirSync(corpus).filter((f) => f.endsWith('.json')).map((f) => corpus + f)).set;
    const gen = new SignInLogGenerator(j0eyv, { seed: 3, entraNoise: 0.02 });
    const records = Array.from({ length: 300 }, () => gen.next().record);
    const directory = readReplayDirectory(gen.directoryJson());
    // Odd but valid entries: upper-case ids, escapes, an unknown policy, unknown results, a result outside the vocabulary.
    const ids = j0eyv.policies.map((p) => p.id);
    const applied = (records[5]!.appliedConditionalAccessPolicies as Record<string, unknown>[]);
    applied[0]!.id = ids[0]!.toUpperCase();
    applied[1]!.displayName = 'quote " and \\ backslash';
    applied[2]!.result = 'unknownFutureValue';
    applied[3]!.result = 'interrupted';
    applied.push({ id: 'not-a-policy-of-the-set', result: 'success' }, { id: ids[4], result: null }, { id: '', result: 'failure' });
    records[6]!.appliedConditionalAccessPolicies = [];
    delete records[7]!.appliedConditionalAccessPolicies;
    records[8]!.appliedConditionalAccessPolicies = null;
    records[9]!.appliedConditionalAccessPolicies = [{ id: ids[2], result: 'success' }, 'not an object'];

    it.each(['lines', 'array', 'pages'] as const)('%s', (layout) => {
        const text = [...logText(records, layout, 100)].join('');
        // An escaped key spells the same name but sends every record down the whole-record JSON.parse path.
        const slow = text.replaceAll(`"${K}"`, `"appliedConditionalAccessPolic\\u0069es"`);
        const a = replayLog(j0eyv, text, { directory, maxDisagreements: 100_000 });
        const b = replayLog(j0eyv, slow, { directory, maxDisagreements: 100_000 });
        expect(a.evaluated).toBe(299);
        expect(a.errors.map((e) => e.message)).toEqual(['record 9: appliedConditionalAccessPolicies[1]: expected an object']);
        expect(a.entra.unknownPolicies).toEqual({ 'not-a-policy-of-the-set': 1 });
        expect(a.entra.unknownResults).toBeGreaterThan(0);
        expect(a.disagreements.some((d) => d.entra === 'interrupted')).toBe(true);
        // Pages put many records on one line: there the longer key moves the later records' columns.
        const strip = (r: typeof a) => ({ ...r, errors: [], disagreements: r.disagreements.map((d) => ({ ...d, column: layout === 'pages' ? 0 : d.column })) });
        expect(strip(a)).toEqual(strip(b));
        const [ea, eb] = [a.errors, b.errors];
        expect(ea.map((e) => [e.index, e.line, e.message])).toEqual(eb.map((e) => [e.index, e.line, e.message]));
    });
});
