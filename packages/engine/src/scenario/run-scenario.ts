import { evaluate } from '../evaluate/evaluate.js';
import type { Decision, EvaluateOptions, EvaluationResult, MergedSession, PolicySet, SessionControls, SignIn } from '../model.js';
import { formatDuration } from '../time/duration.js';
import { isCaeCapableApp } from '../well-known/index.js';
import { type ControlLabel, formatCnf, requirementToCnf, sameCnf } from './requirement-cnf.js';
import { CRITICAL_EVENTS, type Expectation, type Scenario, type ScenarioStep } from './model.js';

export interface ExpectationResult {
    expectation: Expectation;
    passed: boolean;
    /** What was expected and what happened, in words. */
    expected: string;
    actual: string;
}

export interface StepResult {
    afterMinutes: number;
    result: EvaluationResult;
    /** Minutes after the initial sign-in at which the session is revoked, if it is by now or will be. */
    revokedAt?: number;
    expectations: ExpectationResult[];
}

export interface ScenarioResult {
    name: string;
    passed: boolean;
    steps: StepResult[];
}

/** Default token lifetime (Entra): access tokens are refreshed hourly; CAE-capable sessions live up to 28 hours. */
const TOKEN_LIFETIME_MINUTES = 60;
const CAE_TOKEN_LIFETIME_MINUTES = 28 * 60;

export interface ScenarioOptions extends EvaluateOptions {
    controlLabel?: ControlLabel;
}

export function describeDecision(d: Decision, label?: ControlLabel): string {
    return d.outcome === 'requires' ? `requires ${formatCnf(d.requires, label)}` : d.outcome;
}

function isCaeApp(set: PolicySet, s: SignIn): boolean {
    if (s.target?.kind !== 'application') return false;
    const id = s.target.appId.toLowerCase();
    return isCaeCapableApp(id) || set.directory.apps.some((a) => a.caeCapable && a.id.toLowerCase() === id);
}

/** Is this block caused by an IP-based named-location policy (the only location change CAE sees)? */
function blockedByIpLocation(set: PolicySet, r: EvaluationResult): boolean {
    const ipLocations = new Set(set.namedLocations.filter((l) => l.kind === 'ip').map((l) => l.id.toLowerCase()));
    return r.blockedBy.some((id) => {
        const p = set.policies.find((x) => x.id === id);
        const refs = p?.locations ? [...p.locations.include, ...p.locations.exclude] : [];
        return refs.some((ref) => ref.toLowerCase() === 'alltrusted' || ipLocations.has(ref.toLowerCase()));
    });
}

/** First token refresh at or after `minutes`: every `lifetime` minutes from the initial sign-in. */
function nextRefresh(minutes: number, lifetime: number): number {
    return Math.max(lifetime, Math.ceil(minutes / lifetime) * lifetime);
}

function sessionMatches(expected: SessionControls, actual: MergedSession): { passed: boolean; expected: string; actual: string } {
    // The unit only records how the frequency was written, not what the session does.
    const keys = (Object.keys(expected) as (keyof SessionControls)[]).filter((k) => k !== 'signInFrequencyUnit');
    const show = (v: unknown, k: string) => (k === 'signInFrequency' && typeof v === 'number' ? formatDuration(v) : String(v));
    const passed = keys.every((k) => actual[k] === expected[k]);
    return {
        passed,
        expected: keys.map((k) => `${k} ${show(expected[k], k)}`).join(', '),
        actual: keys.map((k) => `${k} ${actual[k] === undefined ? 'not set' : show(actual[k], k)}`).join(', '),
    };
}

function checkExpectation(e: Expectation, r: EvaluationResult, revokedAt: number | undefined, now: number, label?: ControlLabel): ExpectationResult {
    const byId = new Map(r.policies.map((p) => [p.id, p]));
    const byName = new Map(r.policies.map((p) => [p.name, p]));
    const find = (ref: string) => byId.get(ref) ?? byName.get(ref);
    switch (e.kind) {
        case 'outcome':
            return { expectation: e, passed: r.outcome === e.outcome, expected: e.outcome, actual: describeDecision(r, label) };
        case 'requires': {
            const cnf = requirementToCnf(e.requirement);
            return { expectation: e, passed: r.outcome === 'requires' && sameCnf(cnf, r.requires), expected: `requires ${formatCnf(cnf, label)}`, actual: describeDecision(r, label) };
        }
        case 'shadow': {
            const cnf = e.requirement ? requirementToCnf(e.requirement) : [];
            const passed = r.shadow.outcome === e.outcome && (e.outcome !== 'requires' || sameCnf(cnf, r.shadow.requires));
            return { expectation: e, passed, expected: `shadow ${e.outcome === 'requires' ? `requires ${formatCnf(cnf, label)}` : e.outcome}`, actual: `shadow ${describeDecision(r.shadow, label)}` };
        }
        case 'applies': {
            const missing = e.policies.filter((id) => !find(id)?.policyApplies);
            return {
                expectation: e, passed: missing.length === 0, expected: `applies ${e.policies.join(', ')}`,
                actual: missing.length === 0 ? `applies ${e.policies.join(', ')}`
                    : missing.map((id) => `${id} does not apply (${find(id)?.analysisReasons ?? 'unknown policy'})`).join('; '),
            };
        }
        case 'notApplies': {
            const wrong = e.policies.filter((id) => { const p = find(id); return !p || p.policyApplies || p.analysisReasons !== e.reason; });
            return {
                expectation: e, passed: wrong.length === 0, expected: `notApplies ${e.policies.join(', ')} because ${e.reason}`,
                actual: wrong.length === 0 ? `notApplies because ${e.reason}`
                    : wrong.map((id) => { const p = find(id); return !p ? `${id}: unknown policy` : p.policyApplies ? `${id} applies` : `${id} does not apply because ${p.analysisReasons}`; }).join('; '),
            };
        }
        case 'session': {
            const m = sessionMatches(e.session, r.session);
            return { expectation: e, ...m };
        }
        case 'revoked':
            return {
                expectation: e, passed: revokedAt !== undefined && revokedAt <= now, expected: 'revoked',
                actual: revokedAt === undefined ? 'not revoked' : revokedAt <= now ? `revoked at ${formatDuration(revokedAt)}` : `revoked only at ${formatDuration(revokedAt)}`,
            };
        case 'revokedAt':
            return {
                expectation: e, passed: revokedAt === e.minutes, expected: `revokedAt ${formatDuration(e.minutes)}`,
                actual: revokedAt === undefined ? 'not revoked' : `revoked at ${formatDuration(revokedAt)}`,
            };
    }
}

/**
 * Runs a scenario: each step is a full re-evaluation; after-steps also compute continuous access evaluation
 * (LANGUAGE.md §5): CAE-capable apps revoke at once on critical events and on IP-based location blocks,
 * everything else takes effect at the next token refresh.
 */
export function runScenario(set: PolicySet, scenario: Scenario, options: ScenarioOptions = {}): ScenarioResult {
    const steps: StepResult[] = [];
    let revokedAt: number | undefined;
    let first: EvaluationResult | undefined;
    let previous: ScenarioStep | undefined;
    for (const step of scenario.steps) {
        const result = evaluate(set, step.signIn, options);
        if (!first) {
            first = result;
        } else if (revokedAt === undefined) {
            const cae = isCaeApp(set, step.signIn);
            const critical = step.events.some((ev) => CRITICAL_EVENTS.includes(ev))
                || (step.signIn.userRisk === 'high' && previous?.signIn.userRisk !== 'high');
            const ipChanged = step.signIn.ipAddress !== previous?.signIn.ipAddress;
            const blocked = result.outcome === 'block';
            if (cae && (critical || (ipChanged && blocked && blockedByIpLocation(set, result)))) {
                revokedAt = step.afterMinutes;
            } else if (critical || blocked) {
                const sif = first.session.signInFrequency;
                let lifetime = cae ? CAE_TOKEN_LIFETIME_MINUTES : TOKEN_LIFETIME_MINUTES;
                if (typeof sif === 'number') lifetime = Math.min(lifetime, sif);
                revokedAt = sif === 'everyTime' ? step.afterMinutes : nextRefresh(step.afterMinutes, lifetime);
            }
        }
        const expectations = step.expectations.map((e) => checkExpectation(e, result, revokedAt, step.afterMinutes, options.controlLabel));
        steps.push({ afterMinutes: step.afterMinutes, result, revokedAt, expectations });
        previous = step;
    }
    return { name: scenario.name, passed: steps.every((s) => s.expectations.every((e) => e.passed)), steps };
}
