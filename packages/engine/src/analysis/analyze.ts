// Entry point: every check over one policy set, findings in a stable order. `runChecks` is shared with the
// incremental analyzer (incremental.ts), which runs the per-policy checks for the policies an edit can touch only.

import type { PolicySet } from '../model.js';
import { type Assertion, type AssertionResult, checkAssertions } from './assertions.js';
import { checkCoverage, checkLegacyAndDeviceCode, coverageTable, type CoverageTable } from './check-coverage.js';
import { checkBlockGrantOverlap, checkNeverApplies, checkRedundant, checkSessionConflicts, checkShadowed, checkUnsatisfiable } from './check-policies.js';
import { checkIneffectiveExceptions, checkWeakAlternatives } from './check-grants.js';
import { checkBreakGlass, checkExclusions, checkReportOnlyAdmins } from './check-populations.js';
import { type AnalysisOptions, buildContext, type Context } from './context.js';
import type { Finding } from './finding.js';

export interface AnalysisResult {
    findings: Finding[];
    assertions: AssertionResult[];
    /** Witnesses the evaluator did not confirm (their findings were dropped); 0 unless the analysis has a bug. */
    unconfirmed: number;
    context: Context;
    /** Set by the incremental analyzer: how many policies' findings this run computed (the rest were reused). */
    recomputed?: { policies: number; of: number; full: boolean };
}

export interface AnalyzeOptions extends AnalysisOptions {
    assertions?: Assertion[];
}

export interface CheckResults {
    /** Findings of the per-policy checks (for the policies in focus), by policy id, in check order. */
    perPolicy: Map<string, Finding[]>;
    /** Workspace-wide findings: legacy auth, device code, coverage, assertions. */
    global: Finding[];
    assertions: AssertionResult[];
}

const ORDER = { error: 0, warning: 1, info: 2 } as const;

/** Every check on the context: per-policy ones for the policies in `ctx.focus` (all if unset), global ones always. */
export function runChecks(ctx: Context, assertions: readonly Assertion[]): CheckResults {
    const own: Finding[] = [];
    own.push(...checkNeverApplies(ctx));
    const { findings: shadowFindings, shadowed } = checkShadowed(ctx);
    own.push(...shadowFindings);
    own.push(...checkUnsatisfiable(ctx));
    const exceptions = checkIneffectiveExceptions(ctx, shadowed);
    own.push(...exceptions.findings);
    own.push(...checkRedundant(ctx, shadowed, exceptions.reported));
    own.push(...checkWeakAlternatives(ctx));
    own.push(...checkBlockGrantOverlap(ctx, shadowed));
    own.push(...checkSessionConflicts(ctx));
    own.push(...checkBreakGlass(ctx));
    own.push(...checkReportOnlyAdmins(ctx));
    own.push(...checkExclusions(ctx));
    const perPolicy = new Map<string, Finding[]>();
    for (const f of own) {
        const list = perPolicy.get(f.policy!) ?? [];
        list.push(f);
        perPolicy.set(f.policy!, list);
    }
    const global: Finding[] = [...checkLegacyAndDeviceCode(ctx), ...checkCoverage(ctx)];
    const results = checkAssertions(ctx, [...assertions]);
    for (const r of results) if (r.finding) global.push(r.finding);
    return { perPolicy, global, assertions: results };
}

/** Findings in report order: by policy (set order), then severity; workspace-wide ones last. */
export function orderFindings(set: PolicySet, perPolicy: ReadonlyMap<string, readonly Finding[]>, global: readonly Finding[]): Finding[] {
    const findings: Finding[] = [];
    const seen = new Set<string>();
    for (const p of set.policies) {
        if (seen.has(p.id)) continue;
        seen.add(p.id);
        findings.push(...(perPolicy.get(p.id) ?? []));
    }
    findings.push(...global);
    const index = new Map(set.policies.map((p, i) => [p.id, i]));
    return findings.sort((a, b) => (index.get(a.policy ?? '') ?? 1e9) - (index.get(b.policy ?? '') ?? 1e9) || ORDER[a.severity] - ORDER[b.severity]);
}

/** The options with the assertions' scopes among the scopes the space atomizes. */
export function withAssertionScopes(options: AnalyzeOptions): AnalysisOptions {
    const assertions = options.assertions ?? [];
    return { ...options, extraScopes: [...(options.extraScopes ?? []), ...assertions.map((a) => a.scope)] };
}

export function analyzePolicySet(set: PolicySet, options: AnalyzeOptions = {}): AnalysisResult {
    const ctx = buildContext(set, withAssertionScopes(options));
    const checks = runChecks(ctx, options.assertions ?? []);
    return { findings: orderFindings(set, checks.perPolicy, checks.global), assertions: checks.assertions, unconfirmed: ctx.stats.unconfirmed, context: ctx };
}

export function analyzeCoverage(set: PolicySet, options: AnalysisOptions = {}): CoverageTable {
    return coverageTable(buildContext(set, options));
}
