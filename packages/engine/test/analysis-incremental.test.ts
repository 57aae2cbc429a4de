// The incremental analyzer must report exactly what a full analysis of the edited set reports, while
// recomputing only the policies an edit can touch.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Finding, Policy, PolicySet, SessionControls } from '../src/index.js';
import { analyzePolicySet, evaluate, IncrementalAnalyzer } from '../src/index.js';
import { A1, A2, conditionFields, directorySet, policyArb } from './analysis-arbitraries.js';

const sessionArb = fc.option(fc.constantFrom<SessionControls>({ persistentBrowser: 'always' }, { persistentBrowser: 'never' }, { signInFrequency: 60 }, { signInFrequency: 240 }), { nil: undefined });
const arb = fc.record({ p: policyArb, session: sessionArb });
type Drawn = typeof arb extends fc.Arbitrary<infer T> ? T : never;
const toPolicy = (d: Drawn, id: string): Policy => ({ id, name: id, state: d.p.state, grant: d.p.grant, session: d.session, ...conditionFields(d.p.c) }) as Policy;

/** Everything of a finding but its witnesses (compared first, for a readable failure). */
const key = (f: Finding) => JSON.stringify([f.code, f.severity, f.policy, f.related, f.assertion, f.message, f.suggestion, f.witnesses.length]);

function expectSameAsFull(set: PolicySet, result: ReturnType<IncrementalAnalyzer['analyze']>) {
    const full = analyzePolicySet(set);
    expect(result.findings.map(key)).toEqual(full.findings.map(key));
    // Witnesses too: a reused finding's witness is the one a full run picks (same regions, same search).
    expect(result.findings).toEqual(full.findings);
    expect(result.unconfirmed).toBe(0);
    for (const f of result.findings) for (const w of f.witnesses) {
        const r = evaluate(set, w.signIn);
        expect(r.outcome).toBe(w.outcome);
        expect(r.policies.filter((p) => p.policyApplies && p.state !== 'disabled').map((p) => p.id)).toEqual(w.applies);
    }
}

describe('incremental analysis', () => {
    it('equals a full analysis after any one-policy edit, addition or removal', () => {
        const edit = fc.oneof(
            fc.record({ kind: fc.constant('replace' as const), at: fc.nat(), with: arb }),
            fc.record({ kind: fc.constant('add' as const), at: fc.nat(), with: arb }),
            fc.record({ kind: fc.constant('remove' as const), at: fc.nat() }),
            fc.record({ kind: fc.constant('tweak' as const), at: fc.nat(), with: arb }),
            fc.record({ kind: fc.constant('tweak' as const), at: fc.nat(), with: arb }),
            fc.record({ kind: fc.constant('label' as const), at: fc.nat(), text: fc.constantFrom('A', 'B', 'Finance "MFA"') }),
            fc.record({ kind: fc.constant('state' as const), at: fc.nat(), state: fc.constantFrom<Policy['state']>('enabled', 'disabled', 'enabledForReportingButNotEnforced') }),
            fc.record({ kind: fc.constant('none' as const), at: fc.nat() }), // a save with nothing changed: the last result
        );
        let incremental = 0;
        fc.assert(fc.property(fc.array(arb, { minLength: 1, maxLength: 7 }), fc.array(edit, { minLength: 1, maxLength: 3 }), (drawn, edits) => {
            let policies = drawn.map((d, i) => toPolicy(d, `P${i}`));
            const analyzer = new IncrementalAnalyzer();
            analyzer.analyze(directorySet(policies));
            let next = drawn.length;
            for (const e of edits) {
                const i = e.at % Math.max(1, policies.length);
                if (e.kind === 'replace' && policies.length > 0) policies = policies.map((p, j) => (j === i ? toPolicy(e.with, p.id) : p));
                if (e.kind === 'add') policies = [...policies.slice(0, i), toPolicy(e.with, `P${next++}`), ...policies.slice(i)];
                if (e.kind === 'remove' && policies.length > 1) policies = policies.filter((_, j) => j !== i);
                // Same principals and targets (the atoms stay): grant, session, platforms, clients, locations, risk.
                if (e.kind === 'tweak' && policies.length > 0) policies = policies.map((p, j) => (j === i ? { ...toPolicy(e.with, p.id), users: p.users, target: p.target } : p));
                if (e.kind === 'label' && policies.length > 0) policies = policies.map((p, j) => (j === i ? { ...p, displayName: e.text, description: e.text } : p));
                if (e.kind === 'state' && policies.length > 0) policies = policies.map((p, j) => (j === i ? { ...p, state: e.state } : p));
                const set = directorySet(policies.map((p) => structuredClone(p)));
                const result = analyzer.analyze(set);
                if (!result.recomputed!.full) incremental++;
                expectSameAsFull(set, result);
            }
        }), { numRuns: 150, seed: 20261206 });
        // The property must exercise reuse, not only full re-runs.
        expect(incremental).toBeGreaterThan(100);
    });

    it('recomputes only the policies that meet the edited one', () => {
        // Four policies on four apps/platform slices that do not meet; editing one leaves the others alone.
        const base = (id: string, app: string, platform: 'windows' | 'iOS'): Policy => ({
            id, name: id, state: 'enabled', users: { include: { all: true, users: [], groups: [], roles: [] }, exclude: { users: [], groups: [], roles: [] } },
            target: { kind: 'apps', include: [app], exclude: [] }, platforms: { include: [platform], exclude: [] },
            grant: { kind: 'controls', operator: 'AND', controls: ['mfa'] },
        });
        const policies = [base('W1', A1, 'windows'), base('I1', A1, 'iOS'), base('W2', A2, 'windows'), base('I2', A2, 'iOS')];
        const analyzer = new IncrementalAnalyzer();
        const first = analyzer.analyze(directorySet(policies));
        expect(first.recomputed).toEqual({ policies: 4, of: 4, full: true });
        // Grant changed to block: only W1's region is touched.
        const edited = directorySet(policies.map((p) => (p.id === 'W1' ? { ...p, grant: { kind: 'block' } } : p)));
        const second = analyzer.analyze(edited);
        expect(second.recomputed).toEqual({ policies: 1, of: 4, full: false });
        expectSameAsFull(edited, second);
        // W2 moves to iOS: it now meets I2 (and nothing else); platforms make no atoms, so the space is kept.
        const moved = directorySet(edited.policies.map((p) => (p.id === 'W2' ? { ...p, platforms: { include: ['iOS'], exclude: [] } } : p)));
        const third = analyzer.analyze(moved);
        expect(third.recomputed).toEqual({ policies: 2, of: 4, full: false });
        expectSameAsFull(moved, third);
        // A new display name is shown by I1's own findings only.
        const renamed = directorySet(moved.policies.map((p) => (p.id === 'I1' ? { ...p, displayName: 'iOS apps' } : p)));
        expect(analyzer.analyze(renamed).recomputed).toEqual({ policies: 1, of: 4, full: false });
        // Nothing changed: nothing recomputed.
        expect(analyzer.analyze(structuredClone(renamed)).recomputed).toEqual({ policies: 0, of: 4, full: false });
        // A new policy names its own targets: the atoms are rebuilt, and so is everything.
        const added = directorySet([...renamed.policies, { ...base('W1b', A1, 'windows'), displayName: 'second' }]);
        const fourth = analyzer.analyze(added);
        expect(fourth.recomputed?.full).toBe(true);
        expect(fourth.findings.some((f) => f.code === 'shadowed-by-block' && f.policy === 'W1b' && f.related.includes('W1'))).toBe(true);
        expectSameAsFull(added, fourth);
    });

    it('re-tests which policies apply to a remembered witness when a policy is enabled or disabled', () => {
        // Two identical MFA policies (each redundant with the other: a witness is evaluated and remembered) and a
        // disabled block over the same scope. Enabling the block must reach the remembered witness: it now applies.
        const all = { include: { all: true, users: [], groups: [], roles: [] }, exclude: { users: [], groups: [], roles: [] } };
        const grant = (id: string): Policy => ({ id, name: id, state: 'enabled', users: all, target: { kind: 'apps', include: [A1], exclude: [] }, grant: { kind: 'controls', operator: 'OR', controls: ['mfa'] } });
        // (its conditions differ from the grants': its applicability is its own)
        const block = (state: Policy['state']): Policy => ({ id: 'B', name: 'B', state, users: all, target: { kind: 'apps', include: [A1, A2], exclude: [] }, grant: { kind: 'block' } });
        const analyzer = new IncrementalAnalyzer();
        const states: Policy['state'][] = ['disabled', 'enabled', 'disabled', 'enabledForReportingButNotEnforced', 'enabled'];
        for (const [k, state] of states.entries()) {
            const set = directorySet([grant('G1'), grant('G2'), block(state)]);
            const r = analyzer.analyze(set);
            expect(r.recomputed?.full).toBe(k === 0);
            expectSameAsFull(set, r);
            expect(r.findings.some((f) => f.code === 'shadowed-by-block')).toBe(state === 'enabled');
        }
    });

    it('starts over when the atoms change (a new constant) or the options do', () => {
        const p: Policy = {
            id: 'P', name: 'P', state: 'enabled', users: { include: { all: true, users: [], groups: [], roles: [] }, exclude: { users: [], groups: [], roles: [] } },
            target: { kind: 'apps', include: [A1], exclude: [] }, grant: { kind: 'block' },
        };
        const analyzer = new IncrementalAnalyzer();
        analyzer.analyze(directorySet([p]));
        const withApp = directorySet([{ ...p, target: { kind: 'apps', include: [A1, A2], exclude: [] } }]);
        expect(analyzer.analyze(withApp).recomputed?.full).toBe(true);
        expect(analyzer.analyze(withApp, { breakGlass: ['u1'] }).recomputed?.full).toBe(true);
        expect(analyzer.analyze(withApp, { breakGlass: ['u1'] }).recomputed?.full).toBe(false);
    });
});
