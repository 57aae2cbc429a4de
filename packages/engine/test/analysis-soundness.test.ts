// Soundness and completeness of the analysis against brute force: for small random policy sets, every
// never-applies, shadowed-by-block and assertion verdict must equal what `evaluate` says on a finite grid of
// sign-ins built from the constants the policies may use (the grid holds a sign-in of every atom), and every
// witness must be confirmed by `evaluate` (no unconfirmed witnesses).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Assertion, ClientAppType, Control, Policy, PolicySet, SignIn } from '../src/index.js';
import { analyzePolicySet, evaluate } from '../src/index.js';
import { A1, A2, conditionFields, conditions, directorySet, GA, OTHER_APP, policyArb } from './analysis-arbitraries.js';

/** Every combination of the constants policies may use. */
function grid(): SignIn[] {
    const identities: Partial<SignIn>[] = [];
    for (const userId of ['u1', 'u2', 'u3']) for (const g2 of [false, true]) identities.push({ userId, memberOf: g2 ? ['G2'] : [], roles: [] });
    for (const g2 of [false, true]) for (const ga of [false, true]) for (const guest of [false, true]) {
        identities.push({ anonymous: true, memberOf: g2 ? ['G2'] : [], roles: ga ? [GA] : [], ...(guest ? { guestType: 'b2bCollaborationGuest' as const } : {}) });
    }
    const out: SignIn[] = [];
    for (const id of identities) for (const appId of [A1, A2, OTHER_APP]) for (const devicePlatform of ['windows', 'iOS', 'unknown'] as const)
        for (const clientAppType of ['browser', 'exchangeActiveSync'] as ClientAppType[]) for (const ipAddress of ['10.0.0.5', '198.51.100.7'])
            for (const country of ['NL', 'US']) for (const signInRisk of ['none', 'high'] as const) for (const compliant of [false, true]) {
                out.push({
                    ...id, target: { kind: 'application', appId }, devicePlatform, clientAppType, ipAddress, country, signInRisk, userRisk: 'none',
                    insiderRisk: 'none', authenticationFlow: 'none', time: '2026-01-06T10:00:00Z', satisfied: [],
                    device: compliant ? { registered: true, properties: { isCompliant: true } } : { registered: false, properties: {} },
                });
            }
    return out;
}
const GRID = grid();

const claims: Assertion['claim'][] = [
    { quantifier: 'always', kind: 'block' }, { quantifier: 'never', kind: 'block' }, { quantifier: 'never', kind: 'allow' },
    { quantifier: 'always', kind: 'allow' }, { quantifier: 'always', kind: 'requires', requirement: [['mfa']] },
];

function holds(claim: Assertion['claim'], set: PolicySet, s: SignIn): boolean {
    const r = evaluate(set, s);
    if (claim.kind !== 'requires') return (r.outcome === claim.kind) === (claim.quantifier === 'always');
    const requiresMfa = r.policies.some((p) => p.policyApplies && p.state === 'enabled'
        && set.policies.find((x) => x.id === p.id)!.grant?.kind === 'controls'
        && (set.policies.find((x) => x.id === p.id)!.grant as { operator: string; controls: Control[] }).operator === 'AND'
        && (set.policies.find((x) => x.id === p.id)!.grant as { controls: Control[] }).controls.includes('mfa'));
    return r.outcome === 'block' || requiresMfa;
}

describe('analysis agrees with brute force over the grid', () => {
    it('never-applies, shadowed-by-block and assertions; every witness confirmed', () => {
        fc.assert(fc.property(fc.array(policyArb, { minLength: 1, maxLength: 5 }), conditions, fc.constantFrom(...claims), (ps, scope, claim) => {
            const policies = ps.map((p, i) => ({ id: `P${i}`, name: `P${i}`, state: p.state, grant: p.grant, ...conditionFields(p.c) }) as Policy);
            const set = directorySet(policies);
            const assertion: Assertion = { name: 'A', scope: { id: 'assert:A', name: 'A', state: 'enabled', ...conditionFields(scope) } as Policy, claim };
            const result = analyzePolicySet(set, { assertions: [assertion] });
            expect(result.unconfirmed).toBe(0);
            const results = GRID.map((s) => evaluate(set, s));
            for (const p of policies) {
                const appliesSomewhere = results.some((r) => r.policies.some((x) => x.id === p.id && x.policyApplies));
                const dead = result.findings.some((f) => f.policy === p.id && (f.code === 'never-applies' || f.code === 'untargeted'));
                expect(dead, `${p.id} never-applies`).toBe(!appliesSomewhere);
                if (p.grant?.kind === 'block' || !appliesSomewhere) continue;
                const shadowedOnGrid = results.every((r) => !r.policies.some((x) => x.id === p.id && x.policyApplies)
                    || r.policies.some((x) => x.policyApplies && x.state === 'enabled' && x.id !== p.id && policies.find((y) => y.id === x.id)!.grant?.kind === 'block'));
                const shadowed = result.findings.some((f) => f.policy === p.id && f.code === 'shadowed-by-block');
                expect(shadowed, `${p.id} shadowed`).toBe(shadowedOnGrid);
            }
            // The assertion's scope, as a policy that only reports, decides which grid sign-ins count.
            const probe = directorySet([...policies, { ...assertion.scope, id: 'SCOPE', state: 'enabledForReportingButNotEnforced' }]);
            const inScope = GRID.filter((s) => evaluate(probe, s).policies.some((x) => x.id === 'SCOPE' && x.policyApplies));
            const violatedOnGrid = inScope.some((s) => !holds(claim, set, s));
            expect(result.assertions[0].holds, 'assertion').toBe(!violatedOnGrid);
            for (const f of result.findings) for (const w of f.witnesses) expect(evaluate(set, w.signIn).outcome).toBe(w.outcome);
        }), { numRuns: 80, seed: 20261124 });
    });
});
