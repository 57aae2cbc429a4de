// "No witness, no finding": every witness is run through `evaluate` (strict mode) and kept only when the
// evaluator shows what the finding claims.

import type { EvaluationResult, PolicySet, SignIn } from '../model.js';
import { evaluate } from '../evaluate/evaluate.js';
import type { Witness } from './finding.js';

export function witnessOf(set: PolicySet, signIn: SignIn, r: EvaluationResult = evaluate(set, signIn, { mode: 'strict' })): Witness {
    return {
        signIn, outcome: r.outcome, requires: r.requires, shadowOutcome: r.shadow.outcome,
        applies: r.policies.filter((p) => p.policyApplies && p.state !== 'disabled').map((p) => p.id),
    };
}

/** Evaluates the sign-in; returns the witness when `claim` holds, else undefined (and counts the miss). */
export function confirm(set: PolicySet, signIn: SignIn | undefined, claim: (r: EvaluationResult) => boolean, stats: { unconfirmed: number }): Witness | undefined {
    if (!signIn) return undefined;
    const r = evaluate(set, signIn, { mode: 'strict' });
    if (!claim(r)) {
        stats.unconfirmed++;
        return undefined;
    }
    return witnessOf(set, signIn, r);
}

export function applies(r: EvaluationResult, id: string): boolean {
    return r.policies.some((p) => p.id === id && p.policyApplies);
}
