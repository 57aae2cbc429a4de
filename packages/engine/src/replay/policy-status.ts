// Each policy's result for one compiled sign-in, without traces: the replay hot path. Agrees with
// evaluate(...).policies[i].result (tested): the same checks (only the configured ones, cheapest first) and the same
// discharge rules as evaluate's per-policy status.

import type { CompiledPolicy, CompiledSet } from '../evaluate/compile-set.js';
import type { CompiledSignIn } from '../evaluate/compile-signin.js';
import { type ConditionCheck, FAST_ORDER } from '../evaluate/conditions.js';
import { F, U } from '../evaluate/tri.js';

/** Status codes; report-only policies use the same codes (the policy's state says which vocabulary applies). */
export const NOT_ENABLED = 0;
export const NOT_APPLIED = 1;
/** Did not apply only because input was missing (strict mode): reported as notApplied, counted apart. */
export const NOT_DECIDED = 2;
export const SUCCESS = 3;
export const FAILURE = 4;
export const INTERRUPTED = 5;

export interface StatusPlan {
    policies: readonly CompiledPolicy[];
    checks: ConditionCheck[][];
}

export function statusPlan(cs: CompiledSet): StatusPlan {
    return { policies: cs.policies, checks: cs.policies.map((cp) => FAST_ORDER.filter((c) => c.configured(cp))) };
}

/** Writes one status code per policy into `out`. */
export function policyStatuses(plan: StatusPlan, cs: CompiledSet, s: CompiledSignIn, satisfied: Set<string>, lenient: boolean, out: Uint8Array): void {
    const { policies, checks } = plan;
    for (let p = 0; p < policies.length; p++) {
        const cp = policies[p];
        if (cp.state === 'disabled') { out[p] = NOT_ENABLED; continue; }
        const list = checks[p];
        let missing = false;
        let failed = false;
        for (let j = 0; j < list.length; j++) {
            const v = list[j].check(cs, cp, s);
            if (v === F) { failed = true; break; }
            if (v === U && !lenient) missing = true;
        }
        if (failed) { out[p] = NOT_APPLIED; continue; }
        if (missing) { out[p] = NOT_DECIDED; continue; }
        out[p] = grantStatus(cp, s, satisfied);
    }
}

/** An applying policy: block/unmeetable → failure, interactive controls left → interrupted, else success. */
function grantStatus(cp: CompiledPolicy, s: CompiledSignIn, satisfied: Set<string>): number {
    const grant = cp.grant;
    if (grant?.kind === 'block') return FAILURE;
    const controls = cp.controls;
    if (controls.length === 0) return SUCCESS;
    if (s.legacy) return FAILURE; // legacy clients can perform no grant control
    if ((grant as { operator: string }).operator === 'OR') {
        let interactive = false;
        for (let j = 0; j < controls.length; j++) {
            if (satisfied.has(controls[j].key)) return SUCCESS;
            if (controls[j].interactive) interactive = true;
        }
        return interactive ? INTERRUPTED : FAILURE;
    }
    let requires = false;
    for (let j = 0; j < controls.length; j++) {
        if (satisfied.has(controls[j].key)) continue;
        if (!controls[j].interactive) return FAILURE;
        requires = true;
    }
    return requires ? INTERRUPTED : SUCCESS;
}
