import type {
    AnalysisReason, ConditionStatus, ConditionTrace, Decision, EvaluateOptions, EvaluationMode, EvaluationResult,
    PolicyResult, PolicyResultStatus, PolicySet, SignIn,
} from '../model.js';
import { compilePolicySet, type CompiledPolicy, type CompiledSet } from './compile-set.js';
import { compileSignIn, type CompiledSignIn } from './compile-signin.js';
import { CONDITIONS, NC, type Verdict } from './conditions.js';
import { conditionDetail } from './detail.js';
import { grantClauses, isLegacyClient, resolveClauses, satisfiedControls } from './requirement.js';
import { mergeSessions } from './session.js';
import { F, T, U } from './tri.js';

const STATUS: Record<Verdict, ConditionStatus> = { [F]: 'fails', [T]: 'matches', [U]: 'missingInput', [NC]: 'notConfigured' };

/** Does the policy apply? Short-circuits on the first condition that does not match (the hot path). */
export function policyApplies(cs: CompiledSet, cp: CompiledPolicy, s: CompiledSignIn, lenient: boolean): boolean {
    if (cp.state === 'disabled') return false;
    for (let i = 0; i < CONDITIONS.length; i++) {
        const v = CONDITIONS[i].check(cs, cp, s);
        if (v === F || (v === U && !lenient)) return false;
    }
    return true;
}

/** Full per-condition trace and the first failing reason (Graph's analysisReasons). */
export function explainPolicy(cs: CompiledSet, cp: CompiledPolicy, s: CompiledSignIn, lenient: boolean):
    { applies: boolean; reason: AnalysisReason; trace: ConditionTrace[] } {
    const trace: ConditionTrace[] = [];
    let reason: AnalysisReason | undefined = cp.state === 'disabled' ? 'policyNotEnabled' : undefined;
    for (const c of CONDITIONS) {
        const v = c.check(cs, cp, s);
        const condition = c.reason(cp, s);
        trace.push({ condition, status: STATUS[v], detail: conditionDetail(condition, STATUS[v], s.signIn) });
        if (reason === undefined && (v === F || (v === U && !lenient))) reason = v === U ? 'notEnoughInformation' : condition;
    }
    return { applies: reason === undefined, reason: reason ?? 'notSet', trace };
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
    for (const cp of cs.policies) {
        const { applies, reason, trace } = explainPolicy(cs, cp, s, lenient);
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

/**
 * The outcome only (0 allow, 1 block, 2 requires), for throughput: no trace, no allocation beyond the
 * compiled sign-in. Agrees with `evaluate(...).outcome` (tested).
 */
export function decideOutcome(cs: CompiledSet, s: CompiledSignIn, satisfied: Set<string>, lenient = false): number {
    let requires = false;
    let anyClause = false;
    const legacy = isLegacyClient(s.signIn);
    for (let i = 0; i < cs.policies.length; i++) {
        const cp = cs.policies[i];
        if (cp.state !== 'enabled' || !policyApplies(cs, cp, s, lenient)) continue;
        const g = cp.grant;
        if (!g) continue;
        if (g.kind === 'block') return OUTCOME_BLOCK;
        const controls = cp.controls;
        if (controls.length === 0) continue;
        anyClause = true;
        if (g.operator === 'OR') {
            let met = false;
            let interactive = false;
            for (let j = 0; j < controls.length; j++) {
                if (satisfied.has(controls[j].key)) { met = true; break; }
                if (controls[j].interactive) interactive = true;
            }
            if (!met) { if (!interactive && !legacy) return OUTCOME_BLOCK; requires = true; }
        } else {
            for (let j = 0; j < controls.length; j++) {
                if (satisfied.has(controls[j].key)) continue;
                if (!controls[j].interactive && !legacy) return OUTCOME_BLOCK;
                requires = true;
            }
        }
    }
    if (anyClause && legacy) return OUTCOME_BLOCK;
    return requires ? OUTCOME_REQUIRES : OUTCOME_ALLOW;
}

export { compilePolicySet, compileSignIn };
