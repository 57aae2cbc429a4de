// Statuses remembered by record key (record-memo.ts) and the values the byte path picks (RECORD_READS): the replay
// with the memo reports exactly what it reports mapping and evaluating every record, on random policy sets (time
// conditions and IP-range locations included, where the time and IP address count) and logs that repeat sign-ins
// with new ids, times and addresses; and mapSignInRecord reads nothing RECORD_READS leaves out.
import fc from 'fast-check';
import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadGraphFiles } from '../src/graph/index.js';
import type { PolicySet } from '../src/model.js';
import { logText, seededRandom, SignInLogGenerator } from '../src/replay/generate-signin-log.js';
import { mapSignInRecord, RECORD_READS, type RecordReads, readReplayDirectory } from '../src/replay/map-signin-record.js';
import { replayLog, unkeyedValues } from '../src/replay/replay-log.js';
import { RecordMemo } from '../src/replay/record-memo.js';
import { compilePolicySet } from '../src/evaluate/compile-set.js';
import { arbPolicySet, IPS } from './reference/arbitraries.js';

const corpus = fileURLToPath(new URL('../../../../shared/corpus/j0eyv-ConditionalAccessBaseline/Config/ConditionalAccess/', import.meta.url));
const j0eyv: PolicySet = loadGraphFiles(readdirSync(corpus).filter((f) => f.endsWith('.json')).map((f) => corpus + f)).set;

/** A log of `pool` sign-ins repeated `times` times, each repeat with a new id and, now and then, a new time, address, user or device. */
function repeatingLog(set: PolicySet, seed: number, pool: number, times: number): { records: Record<string, unknown>[]; directory: unknown } {
    const gen = new SignInLogGenerator(set, { seed, entraNoise: 0.05 });
    const base = Array.from({ length: pool }, () => gen.next().record);
    const rnd = seededRandom(seed + 1);
    const records: Record<string, unknown>[] = [];
    for (let t = 0; t < times; t++) {
        for (const b of base) {
            const r: Record<string, unknown> = { ...b, id: `r-${records.length}` };
            if (rnd() < 0.3) r.createdDateTime = new Date(Date.UTC(2026, 10, 1) + Math.floor(rnd() * 30 * 24 * 3600) * 1000).toISOString();
            if (rnd() < 0.3) r.ipAddress = IPS[Math.floor(rnd() * IPS.length)];
            // Another sign-in's user or device: records that share all but one value the evaluation reads.
            if (rnd() < 0.2) r.userId = base[Math.floor(rnd() * base.length)]!.userId;
            if (rnd() < 0.2) r.deviceDetail = base[Math.floor(rnd() * base.length)]!.deviceDetail;
            // Another device id or name only (left out of the key when no device filter reads them): a kiosk name
            // some device filters look for, empty, null, or none.
            if (rnd() < 0.2 && typeof r.deviceDetail === 'object' && r.deviceDetail !== null) {
                const names = ['KIOSK-7', 'PC-1', '', null, undefined], ids = ['d-1', 'd-2', '', null, undefined];
                const d: Record<string, unknown> = { ...r.deviceDetail as Record<string, unknown> };
                const name = names[Math.floor(rnd() * names.length)], id = ids[Math.floor(rnd() * ids.length)];
                if (name === undefined) delete d.displayName; else d.displayName = name;
                if (id === undefined) delete d.deviceId; else d.deviceId = id;
                r.deviceDetail = d;
            }
            if (rnd() < 0.05) r.id = rnd() < 0.5 ? null : '';
            if (rnd() < 0.02) r.createdDateTime = 7; // a mapping error, every time it comes
            records.push(r);
        }
    }
    return { records, directory: gen.directoryJson() };
}

describe('statuses remembered by record key', () => {
    it.each(['lines', 'array', 'pages'] as const)('j0eyv, %s: the same report as without the memo', (layout) => {
        const { records, directory } = repeatingLog(j0eyv, 5, 40, 5);
        const text = [...logText(records, layout, 50)].join('');
        const options = { directory: readReplayDirectory(directory), maxDisagreements: 100_000, maxErrors: 10_000 };
        const withMemo = replayLog(j0eyv, text, options);
        expect(withMemo.evaluated).toBeGreaterThan(150);
        expect(withMemo.skipped).toBeGreaterThan(0);
        expect(withMemo).toEqual(replayLog(j0eyv, text, { ...options, memo: false }));
    });

    it('random policy sets (times, IP ranges), strict and lenient: the same report as without the memo', () => {
        fc.assert(fc.property(arbPolicySet(), fc.integer({ min: 1, max: 1000 }), fc.constantFrom('strict', 'lenient') as fc.Arbitrary<'strict' | 'lenient'>, (set, seed, mode) => {
            const { records, directory } = repeatingLog(set, seed, 8, 4);
            const text = [...logText(records, 'lines')].join('');
            const options = { mode, directory: readReplayDirectory(directory), maxDisagreements: 100_000, maxErrors: 10_000 };
            expect(replayLog(set, text, options)).toEqual(replayLog(set, text, { ...options, memo: false }));
        }), { numRuns: 60 });
    });
});

describe('what the record key leaves out', () => {
    const withFilter = (rule: string): PolicySet => ({
        ...j0eyv, policies: j0eyv.policies.map((p, i) => i === 0 ? { ...p, deviceFilter: { mode: 'include', rule } } : p),
    });

    it('device ids and names unless a device filter reads them; everything when a rule does not parse', () => {
        const device = ['deviceDetail.deviceId', 'deviceDetail.displayName'];
        expect(unkeyedValues(compilePolicySet(j0eyv))).toEqual(expect.arrayContaining(['id', ...device]));
        expect(unkeyedValues(compilePolicySet(withFilter('device.deviceId -eq "d-1"')))).not.toContain('deviceDetail.deviceId');
        expect(unkeyedValues(compilePolicySet(withFilter('device.DisplayName -contains "KIOSK"')))).not.toContain('deviceDetail.displayName');
        expect(unkeyedValues(compilePolicySet(withFilter('device.deviceId -eq (')))).not.toEqual(expect.arrayContaining([device[0]]));
        expect(unkeyedValues(compilePolicySet(withFilter('device.deviceId -eq (')))).not.toEqual(expect.arrayContaining([device[1]]));
    });

    it.each(['device.deviceId -eq "d-1"', 'device.displayName -startsWith "KIOSK"', 'device.isCompliant -eq True'])(
        'a device filter %s: the same report as without the memo', (rule) => {
            const set = withFilter(rule);
            const { records, directory } = repeatingLog(set, 11, 40, 6);
            const text = [...logText(records, 'lines')].join('');
            const options = { directory: readReplayDirectory(directory), maxDisagreements: 100_000, maxErrors: 10_000 };
            expect(replayLog(set, text, options)).toEqual(replayLog(set, text, { ...options, memo: false }));
        });

    it('the memo resting and coming back (a log where it rarely pays): the same report', () => {
        const { records, directory } = repeatingLog(j0eyv, 13, 30, 8);
        const text = [...logText(records, 'lines')].join('');
        const options = { directory: readReplayDirectory(directory), maxDisagreements: 100_000, maxErrors: 10_000 };
        const plain = replayLog(j0eyv, text, { ...options, memo: false });
        for (const [window, rest] of [[4, 3], [16, 40], [1, 1], [64, 7]] as const) expect(replayLog(j0eyv, text, { ...options, memo: { window, rest } })).toEqual(plain);
    });
});

describe('RecordMemo', () => {
    it('finds what it was given, starts afresh when full or out of key room, never answers for a key it does not hold', () => {
        // Keys compared as words (at a multiple of 4 in their buffer) or byte by byte (elsewhere); of every length.
        fc.assert(fc.property(fc.array(fc.uint8Array({ maxLength: 40 }), { minLength: 1, maxLength: 300 }), fc.integer({ min: 1, max: 16 }), fc.integer({ min: 40, max: 400 }),
            fc.integer({ min: 0, max: 3 }), (keys, max, keyBytes, offset) => {
                const memo = new RecordMemo(max, keyBytes);
                const held = new Map<string, Uint8Array>();
                const buffer = new Uint8Array(new ArrayBuffer(72), offset, 64);
                keys.forEach((key, n) => {
                    buffer.fill(0xee); buffer.set(key); // the key is a prefix of a longer buffer, as the replay's is
                    const name = key.join(',');
                    const found = memo.find(buffer, key.length);
                    const out = new Uint8Array(3);
                    if (found >= 0) {
                        memo.statusesOf(found, out);
                        expect(held.get(name)).toEqual(out); // anything found was set, with its statuses
                        return;
                    }
                    const statuses = Uint8Array.of(n & 0xff, key.length, 7);
                    memo.set(buffer, key.length, statuses);
                    held.set(name, statuses);
                    expect(memo.find(buffer, key.length)).toBeGreaterThanOrEqual(0); // found right after
                });
            }), { numRuns: 300 });
    });
});

describe('RECORD_READS', () => {
    /** A value that records every path read from it into `reads` (as dotted paths, array indices as []). */
    function recording(value: unknown, path: string, reads: Set<string>): unknown {
        if (typeof value !== 'object' || value === null) return value;
        return new Proxy(value as object, {
            get(target, key, receiver) {
                const v = Reflect.get(target, key, receiver);
                if (typeof key !== 'string' || (Array.isArray(target) && (key === 'length' || typeof v === 'function'))) return v;
                const p = Array.isArray(target) ? `${path}[]` : path ? `${path}.${key}` : key;
                reads.add(p);
                return recording(v, p, reads);
            },
        });
    }

    function allowed(reads: RecordReads, path = ''): Set<string> {
        const out = new Set<string>();
        for (const [k, r] of Object.entries(reads)) {
            const p = path ? `${path}.${k}` : k;
            out.add(p);
            if (r === true) continue;
            if (Array.isArray(r)) { out.add(`${p}[]`); for (const x of allowed(r[0], `${p}[]`)) out.add(x); } else for (const x of allowed(r as RecordReads, p)) out.add(x);
        }
        return out;
    }

    it('lists every value mapSignInRecord reads', () => {
        const gen = new SignInLogGenerator(j0eyv, { seed: 9 });
        const reads = new Set<string>();
        for (let k = 0; k < 200; k++) {
            const r = gen.next().record;
            // Every kind of value the mapping looks into, whole records included.
            r.authenticationDetails = [{ succeeded: true, authenticationStepResultDetail: 'MFA completed in Azure AD', authenticationMethod: 'x' }, 'odd'];
            r.homeTenantId = 't'; r.resourceTenantId = 'u'; r.originalTransferMethod = k % 2 ? 'deviceCodeFlow' : 'x';
            if (k % 3 === 0) r.userType = 'guest';
            mapSignInRecord(recording(JSON.parse(JSON.stringify(r)), '', reads), undefined);
        }
        const listed = allowed(RECORD_READS);
        // Below a value read whole (`true`), anything may be read.
        const whole = [...listed].filter((p) => !listed.has(`${p}[]`) && ![...listed].some((q) => q.startsWith(`${p}.`)));
        expect([...reads].filter((p) => !listed.has(p) && !whole.some((w) => p.startsWith(`${w}.`) || p.startsWith(`${w}[]`)))).toEqual([]);
        expect(reads.has('deviceDetail.isCompliant') && reads.has('authenticationDetails[].succeeded')).toBe(true);
    });
});
