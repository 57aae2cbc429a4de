import type {
    AnalysisReason, ConditionStatus, ConditionTrace, Decision, EvaluateOptions, EvaluationMode, EvaluationResult,
    PolicyResult, PolicyResultStatus, PolicySet, SignIn,
} from '../model.js';
import { compilePolicySet, type CompiledPolicy, type CompiledSet } from './compile-set.js';
import { compileSignIn, type CompiledSignIn } from './compile-signin.js';
import { CONDITIONS, type ConditionCheck, FAST_ORDER, NC, type Verdict } from './conditions.js';
import { conditionDetail } from './detail.js';
import { grantClauses, resolveClauses, satisfiedControls } from './requirement.js';
import { mergeSessions } from './session.js';
import { F, T, U } from './tri.js';

const STATUS: Record<Verdict, ConditionStatus> = { [F]: 'fails', [T]: 'matches', [U]: 'missingInput', [NC]: 'notConfigured' };

/** The first condition that keeps the policy from applying (its state aside), or undefined: short-circuits. */
function firstFailing(cs: CompiledSet, cp: CompiledPolicy, s: CompiledSignIn, lenient: boolean): ConditionCheck | undefined {
    for (let i = 0; i < CONDITIONS.length; i++) {
        const v = CONDITIONS[i].check(cs, cp, s);
        if (v === F || (v === U && !lenient)) return CONDITIONS[i];
    }
    return undefined;
}

/** Does the policy apply? Short-circuits on the first condition that does not match (the hot path). */
export function policyApplies(cs: CompiledSet, cp: CompiledPolicy, s: CompiledSignIn, lenient: boolean): boolean {
    return cp.state !== 'disabled' && firstFailing(cs, cp, s, lenient) === undefined;
}

/** Full per-condition trace and the first failing reason (Graph's analysisReasons). */
export function explainPolicy(cs: CompiledSet, cp: CompiledPolicy, s: CompiledSignIn, lenient: boolean,
    details: Map<string, string> = new Map()): { applies: boolean; reason: AnalysisReason; trace: ConditionTrace[] } {
    const trace: ConditionTrace[] = [];
    let reason: AnalysisReason | undefined = cp.state === 'disabled' ? 'policyNotEnabled' : undefined;
    for (const c of CONDITIONS) {
        const v = c.check(cs, cp, s);
        const condition = c.reason(cp, s);
        // Details depend only on the sign-in and the verdict: build each once per evaluation, not per policy.
        const key = `${condition}:${v}`;
        let detail = details.get(key);
        if (detail === undefined) {
            detail = conditionDetail(condition, STATUS[v], s.signIn);
            details.set(key, detail);
        }
        trace.push({ condition, status: STATUS[v], detail });
        if (reason === undefined && (v === F || (v === U && !lenient))) reason = v === U ? 'notEnoughInformation' : condition;
    }
    return { applies: reason === undefined, reason: reason ?? 'notSet', trace };
}

/** explainPolicy without the trace: whether it applies and the first failing reason (the analysis's witness checks). */
function decidePolicy(cs: CompiledSet, cp: CompiledPolicy, s: CompiledSignIn, lenient: boolean): { applies: boolean; reason: AnalysisReason; trace: ConditionTrace[] } {
    if (cp.state === 'disabled') return { applies: false, reason: 'policyNotEnabled', trace: [] };
    const c = firstFailing(cs, cp, s, lenient);
    if (c === undefined) return { applies: true, reason: 'notSet', trace: [] };
    return { applies: false, reason: c.check(cs, cp, s) === U ? 'notEnoughInformation' : c.reason(cp, s), trace: [] };
}

function decideFor(applied: CompiledPolicy[], s: SignIn, satisfied: Set<string>): Decision {
    const blockedBy = applied.filter((cp) => cp.grant?.kind === 'block').map((cp) => cp.policy.id);
    if (blockedBy.length > 0) {
        return { outcome: 'block', requires: [], satisfiedControls: [], unsatisfiable: [], blockedBy };
    }
    const clauses = applied.flatMap((cp) => grantClauses(cp.grant));
    const r = resolveClauses(clauses, s, satisfied);
    if (r.unsatisfiable.length > 0) {
        const blockers = applied.filter((cp) => resolveClauses(grantClauses(cp.grant), s, satisfied).unsatisfiable.length > 0);
        return { outcome: 'block', requires: [], satisfiedControls: r.used, unsatisfiable: r.unsatisfiable, blockedBy: blockers.map((cp) => cp.policy.id) };
    }
    return {
        outcome: r.requires.length > 0 ? 'requires' : 'allow',
        requires: r.requires, satisfiedControls: r.used, unsatisfiable: [], blockedBy: [],
    };
}

function policyStatus(cp: CompiledPolicy, applies: boolean, s: SignIn, satisfied: Set<string>): { result: PolicyResultStatus; requires?: string[][] } {
    const reportOnly = cp.state === 'enabledForReportingButNotEnforced';
    const tag = (base: 'success' | 'failure' | 'interrupted' | 'notApplied'): PolicyResultStatus =>
        reportOnly ? (`reportOnly${base[0].toUpperCase()}${base.slice(1)}` as PolicyResultStatus) : base;
    if (cp.state === 'disabled') return { result: 'notEnabled' };
    if (!applies) return { result: tag('notApplied') };
    if (cp.grant?.kind === 'block') return { result: tag('failure') };
    const r = resolveClauses(grantClauses(cp.grant), s, satisfied);
    if (r.unsatisfiable.length > 0) return { result: tag('failure') };
    if (r.requires.length > 0) return { result: tag('interrupted'), requires: r.requires };
    return { result: tag('success'), requires: [] };
}

/**
 * What If: evaluates every policy against a sign-in (LANGUAGE.md §4) and combines the applicable enabled ones;
 * report-only policies are reported and feed the shadow decision only.
 */
export function evaluate(set: PolicySet, signIn: SignIn, options: EvaluateOptions = {}): EvaluationResult {
    const mode: EvaluationMode = options.mode ?? 'strict';
    const lenient = mode === 'lenient';
    const cs = compilePolicySet(set);
    const s = compileSignIn(cs, signIn);
    const satisfied = satisfiedControls(signIn);
    const policies: PolicyResult[] = [];
    const enforced: CompiledPolicy[] = [];
    const shadowApplied: CompiledPolicy[] = [];
    const details = new Map<string, string>();
    for (const cp of cs.policies) {
        const { applies, reason, trace } = options.trace === false ? decidePolicy(cs, cp, s, lenient) : explainPolicy(cs, cp, s, lenient, details);
        const status = policyStatus(cp, applies, signIn, satisfied);
        policies.push({
            id: cp.policy.id, name: cp.policy.name, displayName: cp.policy.displayName, state: cp.state,
            policyApplies: applies, analysisReasons: reason, trace, result: status.result, requires: status.requires,
        });
        if (applies && cp.state === 'enabled') enforced.push(cp);
        if (applies) shadowApplied.push(cp);
    }
    const decision = decideFor(enforced, signIn, satisfied);
    return {
        ...decision,
        shadow: decideFor(shadowApplied, signIn, satisfied),
        session: mergeSessions(enforced.map((cp) => cp.policy.session)),
        policies,
        mode,
    };
}

export const OUTCOME_ALLOW = 0;
export const OUTCOME_BLOCK = 1;
export const OUTCOME_REQUIRES = 2;

/** An enforced policy that can change the outcome, with only its configured conditions, cheapest first. */
interface FastPolicy {
    cp: CompiledPolicy;
    checks: ConditionCheck[];
}

const plans = new WeakMap<CompiledSet, FastPolicy[]>();

/** Enabled policies that block or grant (session-only, report-only and off ones cannot change the outcome), blocks first. */
function fastPlan(cs: CompiledSet): FastPolicy[] {
    let plan = plans.get(cs);
    if (!plan) {
        const relevant = cs.policies.filter((cp) => cp.state === 'enabled' && (cp.grant?.kind === 'block' || cp.controls.length > 0));
        relevant.sort((a, b) => Number(b.grant?.kind === 'block') - Number(a.grant?.kind === 'block'));
        plan = relevant.map((cp) => ({ cp, checks: FAST_ORDER.filter((c) => c.configured(cp)) }));
        plans.set(cs, plan);
    }
    return plan;
}

/**
 * The outcome only (0 allow, 1 block, 2 requires), for throughput: no trace, no allocation beyond the
 * compiled sign-in. Agrees with `evaluate(...).outcome` (tested, and checked by the benchmark).
 */
export function decideOutcome(cs: CompiledSet, s: CompiledSignIn, satisfied: Set<string>, lenient = false): number {
    const plan = fastPlan(cs);
    const legacy = s.legacy;
    let requires = false;
    for (let i = 0; i < plan.length; i++) {
        const { cp, checks } = plan[i];
        let applies = true;
        for (let j = 0; j < checks.length; j++) {
            const v = checks[j].check(cs, cp, s);
            if (v === F || (v === U && !lenient)) { applies = false; break; }
        }
        if (!applies) continue;
        // Blocks come first in the plan; any clause blocks a legacy client.
        if (legacy || cp.grant!.kind === 'block') return OUTCOME_BLOCK;
        const controls = cp.controls;
        if ((cp.grant as { operator: string }).operator === 'OR') {
            let met = false;
            let interactive = false;
            for (let j = 0; j < controls.length; j++) {
                if (satisfied.has(controls[j].key)) { met = true; break; }
                if (controls[j].interactive) interactive = true;
            }
            if (!met) { if (!interactive) return OUTCOME_BLOCK; requires = true; }
        } else {
            for (let j = 0; j < controls.length; j++) {
                if (satisfied.has(controls[j].key)) continue;
                if (!controls[j].interactive) return OUTCOME_BLOCK;
                requires = true;
            }
        }
    }
    return requires ? OUTCOME_REQUIRES : OUTCOME_ALLOW;
}

export { compilePolicySet, compileSignIn };
