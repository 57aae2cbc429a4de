// ineffective-exception (C06) and weak-alternative (C09): when they fire, when they must not, and that their
// witnesses show what they claim.
import { describe, expect, it } from 'vitest';
import type { Policy } from '../src/index.js';
import { analyzePolicySet, evaluate } from '../src/index.js';
import { A1, A2, directorySet } from './analysis-arbitraries.js';

const everyone = { include: { all: true, users: [], groups: [], roles: [] }, exclude: { users: [], groups: [], roles: [] } };
const policy = (id: string, rest: Partial<Policy>): Policy => ({ id, name: id, state: 'enabled', users: everyone, target: { kind: 'apps', include: [A1], exclude: [] }, ...rest }) as Policy;
const mfa: Policy['grant'] = { kind: 'controls', operator: 'AND', controls: ['mfa'] };
const mfaAndTerms: Policy['grant'] = { kind: 'controls', operator: 'AND', controls: ['mfa', 'termsOfUse:T1'] };
const mfaOrTerms: Policy['grant'] = { kind: 'controls', operator: 'OR', controls: ['mfa', 'termsOfUse:T1'] };
const codes = (ps: Policy[]) => analyzePolicySet(directorySet(ps)).findings.map((f) => `${f.code}:${f.policy}`).sort();

describe('ineffective-exception', () => {
    const outer = policy('Q', { grant: mfaAndTerms });
    it('fires on a narrower, weaker policy inside a stronger one (instead of redundant)', () => {
        const inner = policy('P', { grant: mfa, platforms: { include: ['windows'], exclude: [] } });
        const result = analyzePolicySet(directorySet([outer, inner]));
        const f = result.findings.find((x) => x.code === 'ineffective-exception');
        expect(f?.policy).toBe('P');
        expect(f?.related).toEqual(['Q']);
        expect(result.findings.some((x) => x.code === 'redundant' && x.policy === 'P')).toBe(false);
        const r = evaluate(directorySet([outer, inner]), f!.witnesses[0].signIn);
        expect(r.policies.filter((x) => x.policyApplies).map((x) => x.id).sort()).toEqual(['P', 'Q']);
        expect(r.requires.flat().sort()).toEqual(['mfa', 'termsOfUse:T1']);
    });
    it('does not fire on equal scopes (that is redundant), a wider policy, or an equally strong one', () => {
        expect(codes([outer, policy('P', { grant: mfa })])).toContain('redundant:P');
        expect(codes([outer, policy('P', { grant: mfa })])).not.toContain('ineffective-exception:P');
        expect(codes([outer, policy('P', { grant: mfa, target: { kind: 'apps', include: [A1, A2], exclude: [] } })])).not.toContain('ineffective-exception:P');
        expect(codes([outer, policy('P', { grant: mfaAndTerms, platforms: { include: ['windows'], exclude: [] } })])).not.toContain('ineffective-exception:P');
    });
});

describe('weak-alternative', () => {
    it('fires where the policy alone decides, with a witness that only accepted the terms and got in', () => {
        const result = analyzePolicySet(directorySet([policy('W', { grant: mfaOrTerms })]));
        const f = result.findings.find((x) => x.code === 'weak-alternative');
        expect(f?.policy).toBe('W');
        expect(f!.witnesses[0].signIn.satisfied).toEqual(['termsOfUse:T1']);
        expect(f!.witnesses[0].outcome).toBe('allow');
    });
    it('does not fire where another policy asks for MFA wherever the weak one applies, nor on an AND grant', () => {
        expect(codes([policy('W', { grant: mfaOrTerms }), policy('M', { grant: mfa, target: { kind: 'apps', include: ['All'], exclude: [] } })])).not.toContain('weak-alternative:W');
        expect(codes([policy('W', { grant: mfaAndTerms })])).not.toContain('weak-alternative:W');
    });
});
