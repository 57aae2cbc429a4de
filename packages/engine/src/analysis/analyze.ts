// Entry point: every check over one policy set, findings in a stable order. Scopes are cached per policy (by
// content) so that after a one-policy edit only that policy's scope is rebuilt when the atoms did not change.

import type { PolicySet } from '../model.js';
import { type Assertion, type AssertionResult, checkAssertions } from './assertions.js';
import { checkCoverage, checkLegacyAndDeviceCode, coverageTable, type CoverageTable } from './check-coverage.js';
import { checkBlockGrantOverlap, checkNeverApplies, checkRedundant, checkSessionConflicts, checkShadowed, checkUnsatisfiable } from './check-policies.js';
import { checkBreakGlass, checkExclusions, checkReportOnlyAdmins } from './check-populations.js';
import { type AnalysisOptions, buildContext, type Context } from './context.js';
import type { Finding } from './finding.js';

export interface AnalysisResult {
    findings: Finding[];
    assertions: AssertionResult[];
    /** Witnesses the evaluator did not confirm (their findings were dropped); 0 unless the analysis has a bug. */
    unconfirmed: number;
    context: Context;
}

export interface AnalyzeOptions extends AnalysisOptions {
    assertions?: Assertion[];
}

const ORDER = { error: 0, warning: 1, info: 2 } as const;

export function analyzePolicySet(set: PolicySet, options: AnalyzeOptions = {}): AnalysisResult {
    const assertions = options.assertions ?? [];
    const ctx = buildContext(set, { ...options, extraScopes: [...(options.extraScopes ?? []), ...assertions.map((a) => a.scope)] });
    const findings: Finding[] = [];
    findings.push(...checkNeverApplies(ctx));
    const { findings: shadowFindings, shadowed } = checkShadowed(ctx);
    findings.push(...shadowFindings);
    findings.push(...checkUnsatisfiable(ctx));
    findings.push(...checkRedundant(ctx, shadowed));
    findings.push(...checkBlockGrantOverlap(ctx, shadowed));
    findings.push(...checkSessionConflicts(ctx));
    findings.push(...checkBreakGlass(ctx));
    findings.push(...checkReportOnlyAdmins(ctx));
    findings.push(...checkExclusions(ctx));
    findings.push(...checkLegacyAndDeviceCode(ctx));
    findings.push(...checkCoverage(ctx));
    const results = checkAssertions(ctx, assertions);
    for (const r of results) if (r.finding) findings.push(r.finding);
    const index = new Map(set.policies.map((p, i) => [p.id, i]));
    findings.sort((a, b) => (index.get(a.policy ?? '') ?? 1e9) - (index.get(b.policy ?? '') ?? 1e9) || ORDER[a.severity] - ORDER[b.severity]);
    return { findings, assertions: results, unconfirmed: ctx.stats.unconfirmed, context: ctx };
}

export function analyzeCoverage(set: PolicySet, options: AnalysisOptions = {}): CoverageTable {
    return coverageTable(buildContext(set, options));
}
