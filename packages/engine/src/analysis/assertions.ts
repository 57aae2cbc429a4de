// Assertions (LANGUAGE.md §6): a claim over every sign-in of a scope, checked exactly. A violation is an
// assertion-violated finding with a counterexample confirmed by `evaluate`.

import type { Control, EvaluationResult, Policy, PolicySet, SignIn } from '../model.js';
import { grantClauses } from '../evaluate/requirement.js';
import { BUILT_IN_STRENGTHS } from '../well-known/index.js';
import type { Context } from './context.js';
import type { Finding } from './finding.js';
import { type Region, intersect, union } from './region.js';
import { scopeRegion } from './scope.js';
import { confirm } from './verify.js';
import { witnessOf as pickWitness, witnessOutside } from './witness.js';

export type AssertionClaim =
    | { quantifier: 'always' | 'never'; kind: 'block' | 'allow' }
    | { quantifier: 'always' | 'never'; kind: 'requires'; requirement: Control[][] };

export interface Assertion {
    name: string;
    /** Conditions only (a policy shape); omitted users/target cover everything. */
    scope: Policy;
    claim: AssertionClaim;
}

export interface AssertionResult {
    assertion: Assertion;
    holds: boolean;
    finding?: Finding;
}

function combos(set: PolicySet, control: string): Set<string> | undefined {
    const id = control.slice('authenticationStrength:'.length).toLowerCase();
    const s = [...set.directory.strengths, ...BUILT_IN_STRENGTHS].find((x) => x.id.toLowerCase() === id);
    return s ? new Set(s.combinations.map((c) => [...c].sort().join('+'))) : undefined;
}

/** Does performing `c` also perform `k`? Equal controls; any strength performs mfa; a strength whose combinations all belong to another's performs it. */
export function controlImplies(set: PolicySet, c: Control, k: Control): boolean {
    const a = c.toLowerCase();
    const b = k.toLowerCase();
    if (a === b) return true;
    if (!a.startsWith('authenticationstrength:')) return false;
    if (b === 'mfa') return true;
    if (!b.startsWith('authenticationstrength:')) return false;
    const ca = combos(set, c);
    const cb = combos(set, k);
    return ca !== undefined && cb !== undefined && [...ca].every((x) => cb.has(x));
}

/** Where the enforced policies require the clause K (some applicable grant clause whose every control performs a control of K). */
function requiresClause(ctx: Context, clause: Control[]): Region {
    let r: Region = [];
    for (const { policy, scope } of ctx.enabled) {
        if (grantClauses(policy.grant).some((c) => c.every((x) => clause.some((k) => controlImplies(ctx.set, x, k))))) r = union(r, scope, ctx.space.layout);
    }
    return r;
}

function requiresAll(ctx: Context, cnf: Control[][]): Region {
    let r: Region | undefined;
    for (const k of cnf) r = r === undefined ? requiresClause(ctx, k) : intersect(r, requiresClause(ctx, k), ctx.space.layout);
    return r ?? [];
}

/** The same judgement on one evaluated sign-in (the witness check). */
function holdsOn(ctx: Context, a: Assertion, r: EvaluationResult): boolean {
    const c = a.claim;
    const applied = r.policies.filter((p) => p.policyApplies && p.state === 'enabled').map((p) => ctx.set.policies.find((x) => x.id === p.id)!);
    const req = (cnf: Control[][]) => r.outcome !== 'block' && cnf.every((k) => applied.some((p) => grantClauses(p.grant).some((cl) => cl.every((x) => k.some((y) => controlImplies(ctx.set, x, y))))));
    if (c.kind !== 'requires') return (r.outcome === c.kind) === (c.quantifier === 'always');
    return c.quantifier === 'always' ? r.outcome === 'block' || req(c.requirement) : !req(c.requirement);
}

function describeClaim(set: PolicySet, c: AssertionClaim): string {
    if (c.kind !== 'requires') return `${c.quantifier} ${c.kind}`;
    return `${c.quantifier} requires ${c.requirement.map((k) => k.join(' or ')).join(' and ')}`;
}

export function checkAssertions(ctx: Context, assertions: readonly Assertion[]): AssertionResult[] {
    const l = ctx.space.layout;
    return assertions.map((a) => {
        const scope = scopeRegion(ctx.space, a.scope, { openDefaults: true });
        const c = a.claim;
        const { blocked, requires } = ctx.decision;
        let s: SignIn | undefined;
        if (c.kind === 'requires') {
            const req = requiresAll(ctx, c.requirement);
            s = c.quantifier === 'always' ? witnessOutside(ctx.space, scope, union(blocked, req)) : witnessOutside(ctx.space, intersect(scope, req, l), blocked);
        } else if (c.kind === 'block') {
            s = c.quantifier === 'always' ? witnessOutside(ctx.space, scope, blocked) : pickWitness(ctx.space, intersect(scope, blocked, l));
        } else {
            s = c.quantifier === 'always' ? pickWitness(ctx.space, intersect(scope, union(blocked, requires), l))
                : witnessOutside(ctx.space, scope, union(blocked, requires));
        }
        if (!s) return { assertion: a, holds: true };
        const w = confirm(ctx.set, s, (r) => !holdsOn(ctx, a, r), ctx.stats);
        const finding: Finding = {
            code: 'assertion-violated', severity: 'error', assertion: a.name, related: [], witnesses: w ? [w] : [],
            message: `Assertion "${a.name}" (${describeClaim(ctx.set, c)}) is violated${w ? `: the sign-in below gets ${w.outcome}` : ''}.`,
        };
        return { assertion: a, holds: false, finding };
    });
}
