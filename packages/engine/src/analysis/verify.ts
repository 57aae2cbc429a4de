// "No witness, no finding": every witness is run through `evaluate` (strict mode) and kept only when the
// evaluator shows what the finding claims.
//
// Speed: `evaluate` traces every policy of the set, which on thousands of policies dominates the analysis. The
// witness is therefore evaluated on the policies that apply to it — found with the evaluator's own
// `policyApplies` over the compiled full set (the same test `evaluate` makes) — and the result is checked to show
// every one of them applying. Policies that do not apply contribute nothing to the decision, the shadow decision
// or the session, so outcome, requires, blockedBy, session and the applying policies are those of the full run.
// The subsets share the full set's compilation (`subsetOf`).
// Identical sign-ins (several checks often pick the same witness) are evaluated once per analysis. Across the
// analyses of an editing session (incremental.ts), an evaluation is carried over when the same policies, in the
// same versions, apply to the sign-in: the result depends on nothing else (same atoms: same directory and locations).

import type { EvaluationResult, Policy, PolicySet, SignIn } from '../model.js';
import { evaluate, policyApplies } from '../evaluate/evaluate.js';
import { compilePolicySet, subsetOf } from '../evaluate/compile-set.js';
import { type CompiledSignIn, compileSignIn } from '../evaluate/compile-signin.js';
import type { Witness } from './finding.js';

export interface VerifyStats {
    unconfirmed: number;
    /** Evaluations of this analysis, by sign-in (JSON). */
    evaluations?: Map<string, EvaluationResult>;
    /** Applying-policy subsets already built, by their ids (so each compiles once). */
    subsets?: Map<string, PolicySet>;
    /** Evaluations of earlier analyses with unchanged atoms (incremental re-analysis). */
    carried?: CarriedEvaluations;
}

/** Earlier evaluations by sign-in (JSON), each with the versions of the policies that applied to it. */
export interface CarriedEvaluations {
    /** A number per policy content: equal numbers, equal policies. */
    version(p: Policy): number;
    /**
     * A number per policy of the set, in order, for what policyApplies reads of it (its conditions, and whether it is
     * disabled): equal numbers, the same answer on any sign-in while the atoms are unchanged.
     */
    applicability: readonly number[];
    /** Where each applicability number sits in the previous analysis's policies. */
    previousAt: ReadonlyMap<number, number>;
    previous: ReadonlyMap<string, CarriedEvaluation>;
    /** This analysis's evaluations (what the next analysis may carry over). */
    current: Map<string, CarriedEvaluation>;
}

export interface CarriedEvaluation {
    applying: string;
    result: EvaluationResult;
    /** policyApplies (1 or 0) for each policy of its analysis's set, in order. */
    applies: Uint8Array;
}

/** Strict, without the per-condition traces: the checks read outcomes, requirements, sessions and who applies. */
const LEAN = { mode: 'strict', trace: false } as const;

/** `evaluate(set, signIn, strict)` restricted to what the checks read (see above). */
export function evaluateWitness(set: PolicySet, signIn: SignIn, stats?: VerifyStats): EvaluationResult {
    const key = stats ? JSON.stringify(signIn) : '';
    const hit = stats?.evaluations?.get(key);
    if (hit) return hit;
    const cs = compilePolicySet(set);
    const carried = stats?.carried?.applicability.length === cs.policies.length ? stats.carried : undefined;
    const before = carried?.previous.get(key);
    // Which policies apply: an earlier analysis's answer for a policy whose applicability is unchanged (an edit
    // touches one or two policies; the others need no test), else policyApplies.
    const applies = carried ? new Uint8Array(cs.policies.length) : undefined;
    const applying = [];
    let s: CompiledSignIn | undefined;
    for (let i = 0; i < cs.policies.length; i++) {
        const cp = cs.policies[i]!;
        const at = before ? carried!.previousAt.get(carried!.applicability[i]!) : undefined;
        const a = at !== undefined ? before!.applies[at] === 1 : policyApplies(cs, cp, (s ??= compileSignIn(cs, signIn)), false);
        if (!a) continue;
        applying.push(cp);
        if (applies) applies[i] = 1;
    }
    const versions = carried ? applying.map((cp) => carried.version(cp.policy)).join(',') : '';
    let r: EvaluationResult;
    if (before && before.applying === versions) r = before.result;
    else if (applying.length === set.policies.length || !stats) r = evaluate(set, signIn, LEAN);
    else {
        const ids = applying.map((cp) => cp.index).join(',');
        stats.subsets ??= new Map();
        let sub = stats.subsets.get(ids);
        if (!sub) { sub = subsetOf(cs, applying); stats.subsets.set(ids, sub); }
        r = evaluate(sub, signIn, LEAN);
        // Consistency with the full set: every policy kept applies here too.
        if (r.policies.length !== applying.length || r.policies.some((x) => !x.policyApplies)) r = evaluate(set, signIn, LEAN);
    }
    if (stats) (stats.evaluations ??= new Map()).set(key, r);
    if (carried) carried.current.set(key, { applying: versions, result: r, applies: applies! });
    return r;
}

export function witnessOf(set: PolicySet, signIn: SignIn, r: EvaluationResult = evaluate(set, signIn, { mode: 'strict' })): Witness {
    return {
        signIn, outcome: r.outcome, requires: r.requires, shadowOutcome: r.shadow.outcome,
        applies: r.policies.filter((p) => p.policyApplies && p.state !== 'disabled').map((p) => p.id),
    };
}

/** Evaluates the sign-in; returns the witness when `claim` holds, else undefined (and counts the miss). */
export function confirm(set: PolicySet, signIn: SignIn | undefined, claim: (r: EvaluationResult) => boolean, stats: VerifyStats): Witness | undefined {
    if (!signIn) return undefined;
    const r = evaluateWitness(set, signIn, stats);
    if (!claim(r)) {
        stats.unconfirmed++;
        return undefined;
    }
    return witnessOf(set, signIn, r);
}

export function applies(r: EvaluationResult, id: string): boolean {
    return r.policies.some((p) => p.id === id && p.policyApplies);
}
