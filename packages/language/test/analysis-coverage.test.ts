// The coverage table (`latch analyze --coverage`) is exact: the union of its rows is the gap region (scope minus
// every block and protective grant). Checked three ways on the example workspaces: region algebra (rows ⊆ gap ⊆
// rows), witnesses sampled from every row run through `evaluate` (each an unprotected, unblocked sign-in), and a
// seeded grid of atom points over the whole space whose evaluated outcome decides membership in the rows.
// Also: the row count stays small, and --scope-users / --scope-apps narrow the scope.

import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { Policy, PolicySet, SignIn } from '@latch/engine';
import { buildContext, type Context, isProtective } from '../../engine/src/analysis/context.js';
import { coverageRows, coverageTable, gapParts } from '../../engine/src/analysis/check-coverage.js';
import { type Box, atomsOf, coveredBy, hasAtom } from '../../engine/src/analysis/region.js';
import { signInOfBox } from '../../engine/src/analysis/witness.js';
import { evaluate } from '../../engine/src/evaluate/evaluate.js';
import { seededRandom } from '../../engine/src/replay/generate-signin-log.js';
import { collectFiles, loadLatchWorkspace } from '../src/cli/load-workspace.js';
import { lowerWorkspace } from '../src/lowering/lower-workspace.js';
import { coverageScopePolicy } from '../src/cli/commands/analyze.js';

const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));

async function load(dir: string): Promise<PolicySet> {
    const ws = await loadLatchWorkspace(collectFiles([join(repoRoot, dir)], ['.latch']));
    return lowerWorkspace(ws.documents).set as PolicySet;
}

/** Seeded PRNG: the engine's mulberry32. */
const rng = seededRandom;

/** One atom per dimension, drawn from the box. */
function pointOf(ctx: Context, box: Box, rand: () => number): Box {
    const l = ctx.space.layout;
    const p = new Uint32Array(l.total);
    for (let d = 0; d < l.sizes.length; d++) {
        const atoms = atomsOf(box, l, d);
        const a = atoms[Math.floor(rand() * atoms.length)];
        p[l.offsets[d] + (a >>> 5)] |= 1 << (a & 31);
    }
    return p;
}

function inBox(ctx: Context, box: Box, point: Box): boolean {
    const l = ctx.space.layout;
    for (let d = 0; d < l.sizes.length; d++) if (!hasAtom(box, l, d, atomsOf(point, l, d)[0])) return false;
    return true;
}

/** The evaluator's word: neither blocked nor challenged by an applying enforced protective policy. */
function unprotected(set: PolicySet, s: SignIn): boolean {
    const r = evaluate(set, s, { mode: 'strict' });
    return r.outcome !== 'block'
        && !r.policies.some((p) => p.policyApplies && p.state === 'enabled' && isProtective(set.policies.find((x) => x.id === p.id)!));
}

function checkExact(set: PolicySet, ctx: Context, seed: number): { rows: number; gapPoints: number } {
    const l = ctx.space.layout;
    const { gap, scope, exact } = gapParts(ctx);
    const { rows } = coverageRows(ctx);
    expect(exact).toBe(true);
    // Region algebra: union(rows) = gap.
    expect(coveredBy(rows, gap, l)).toBe(true);
    expect(coveredBy(gap, rows, l)).toBe(true);
    const rand = rng(seed);
    // Every row: its first-atom witness and random points of it are unprotected sign-ins.
    for (const row of rows) {
        expect(unprotected(set, signInOfBox(ctx.space, row))).toBe(true);
        for (let i = 0; i < 20; i++) expect(unprotected(set, signInOfBox(ctx.space, pointOf(ctx, row, rand)))).toBe(true);
    }
    // Grid: points of the scope (and of the gap, so positives are plentiful); in a row ⇔ unprotected.
    let gapPoints = 0;
    const sources = [...scope, ...gap];
    for (let i = 0; i < 1500; i++) {
        const src = sources[Math.floor(rand() * sources.length)];
        const p = pointOf(ctx, src, rand);
        const inRows = rows.some((r) => inBox(ctx, r, p));
        const gapHere = unprotected(set, signInOfBox(ctx.space, p));
        if (gapHere) gapPoints++;
        expect(inRows, JSON.stringify(signInOfBox(ctx.space, p))).toBe(gapHere);
    }
    return { rows: rows.length, gapPoints };
}

describe('coverage table is exact and small', () => {
    it('examples/contoso (default scope: all users but break-glass × all apps)', async () => {
        const set = await load('examples/contoso');
        const ctx = buildContext(set);
        const { rows, gapPoints } = checkExact(set, ctx, 1);
        expect(rows).toBeGreaterThan(0);
        expect(rows).toBeLessThanOrEqual(12);
        expect(gapPoints).toBeGreaterThan(0);
        // Rows largest first; every row has a confirmed witness; columns every row gives as "any" are dropped.
        const t = coverageTable(buildContext(set));
        expect(t.rows.length).toBe(rows);
        for (let i = 1; i < t.rows.length; i++) expect(t.rows[i - 1].share).toBeGreaterThanOrEqual(t.rows[i].share);
        for (const r of t.rows) expect(r.witness?.outcome).toBe('allow');
        for (const c of t.columns) expect(t.rows.some((r) => r.cells[c] !== 'any')).toBe(true);
    });

    it('examples/conflicts', async () => {
        const set = await load('examples/conflicts');
        checkExact(set, buildContext(set), 2);
    });

    it('a configured scope (--scope-users / --scope-apps) narrows the gap to it', async () => {
        const set = await load('examples/contoso');
        const scope = coverageScopePolicy(set, ['svcMailer', 'Internals'], undefined) as Policy;
        expect(scope.users?.include.users.length).toBe(1);
        expect(scope.users?.include.groups.length).toBe(1);
        const ctx = buildContext(set, { coverageScope: scope });
        checkExact(set, ctx, 3);
        const t = coverageTable(buildContext(set, { coverageScope: scope }));
        expect(t.rows.length).toBeGreaterThan(0);
        for (const r of t.rows) expect(r.witness?.signIn.userId).toBe('svcMailer');
        const none = coverageScopePolicy(set, ['alice'], ['Payroll']) as Policy;
        expect(coverageTable(buildContext(set, { coverageScope: none })).rows).toEqual([]);
        expect(coverageScopePolicy(set, undefined, undefined)).toBeUndefined();
        expect(() => coverageScopePolicy(set, ['nobody'], undefined)).toThrow(/no user, group or role/);
        expect(() => coverageScopePolicy(set, undefined, ['NoSuchApp'])).toThrow(/no app/);
    });
});
