// Time windows in the analysis are exact over every daylight-saving regime of 2026, including the weeks when one
// zone has switched and another has not (the only time some window combinations exist).
import { describe, expect, it } from 'vitest';
import type { Policy } from '../src/index.js';
import { analyzePolicySet, buildSpace, evaluate } from '../src/index.js';
import { timeCuts } from '../src/analysis/time-atoms.js';
import { A1, directorySet } from './analysis-arbitraries.js';

const everyone = { include: { all: true, users: [], groups: [], roles: [] }, exclude: { users: [], groups: [], roles: [] } };
const ALL_DAYS = [0, 1, 2, 3, 4, 5, 6];
const at = (id: string, zone: string, start: number, end: number, grant: Policy['grant']): Policy => ({
    id, name: id, state: 'enabled', users: everyone, target: { kind: 'apps', include: [A1], exclude: [] }, grant,
    times: [{ days: ALL_DAYS, start, end, zone }],
});

describe('time atoms', () => {
    // New York 09:00-10:00 and Amsterdam 14:00-15:00 meet only while New York is on daylight time and Amsterdam
    // is not (8-29 March 2026) and in the week between Europe's and the US's autumn switch (25 Oct - 1 Nov).
    const block = at('NY', 'America/New_York', 9 * 60, 10 * 60, { kind: 'block' });
    const mfa = at('AMS', 'Europe/Amsterdam', 14 * 60, 15 * 60, { kind: 'controls', operator: 'AND', controls: ['mfa'] });

    it('finds the overlap that exists only between the two zones’ switches, with a confirmed witness', () => {
        const set = directorySet([block, mfa]);
        const f = analyzePolicySet(set).findings.find((x) => x.code === 'block-grant-overlap');
        expect(f?.policy).toBe('AMS');
        const time = f!.witnesses[0].signIn.time!;
        const inGap = (time >= '2026-03-08T07' && time < '2026-03-29T01') || (time >= '2026-10-25T01' && time < '2026-11-01T06');
        expect(inGap, time).toBe(true);
        const r = evaluate(set, f!.witnesses[0].signIn);
        expect(r.outcome).toBe('block');
        expect(r.policies.filter((p) => p.policyApplies).map((p) => p.id).sort()).toEqual(['AMS', 'NY']);
    });

    it('distinguishes every combination of memberships that occurs in 2026, and no impossible one', () => {
        const space = buildSpace(directorySet([block, mfa]));
        // Neither, NY only, AMS only, both: all four occur.
        expect(space.times).toHaveLength(4);
        // One zone only: one week of each offset is enough (its windows meet nothing else).
        const cuts = timeCuts([{ days: [1, 2, 3, 4, 5], start: 8 * 60, end: 18 * 60, zone: 'Europe/Amsterdam' }]);
        for (const t of cuts) expect(t).toBeGreaterThanOrEqual(Date.parse('2026-01-01T00:00:00Z'));
        expect(cuts.length).toBeLessThan(100);
    });
});
