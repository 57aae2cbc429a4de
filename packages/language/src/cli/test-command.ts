import { relative } from 'node:path';
import { type ControlLabel, describeDecision, describeSignIn, runScenario, type EvaluationMode, type ScenarioResult } from '@latch/engine';
import { AstUtils } from 'langium';
import type * as ast from '../generated/ast.js';
import type { LoweredWorkspace } from '../lowering/lower-workspace.js';
import { latchControlLabel } from '../presentation/control-label.js';
import { analyzeDocuments } from '../analysis/workspace-analysis.js';
import type { LangiumDocument } from 'langium';

/** One assertion of the workspace, checked over every sign-in of its scope. */
export interface AssertionReport {
    name: string;
    file: string;
    line: number;
    passed: boolean;
    /** The violation and its counterexample, in words. */
    detail?: string;
}

export function runAssertions(documents: readonly LangiumDocument[]): AssertionReport[] {
    const a = analyzeDocuments(documents);
    return a.result.assertions.map((r) => {
        const node = a.assertionNodes.get(r.assertion.name)!;
        const w = r.finding?.witnesses[0];
        return {
            name: r.assertion.name, file: relative(process.cwd(), AstUtils.getDocument(node).uri.fsPath), line: (node.$cstNode?.range.start.line ?? 0) + 1,
            passed: r.holds, detail: r.finding ? `${r.finding.message}${w ? ` Counterexample: ${describeSignIn(a.result.context.set, w.signIn)}` : ''}` : undefined,
        };
    });
}

export interface ScenarioReport {
    name: string;
    file: string;
    line: number;
    passed: boolean;
    result: ScenarioResult;
    /** Source line of each expectation, parallel to result.steps[i].expectations. */
    expectationLines: number[][];
    label: ControlLabel;
}

function lineOf(node: ast.Scenario | ast.Expectation): number {
    return (node.$cstNode?.range.start.line ?? 0) + 1;
}

export function runScenarios(ws: LoweredWorkspace, mode: EvaluationMode | undefined): ScenarioReport[] {
    const label = latchControlLabel(ws.set);
    return ws.scenarios.map(({ scenario, node, expectationNodes }) => {
        const result = runScenario(ws.set, scenario, { mode, controlLabel: label });
        return {
            name: scenario.name,
            file: relative(process.cwd(), AstUtils.getDocument(node).uri.fsPath),
            line: lineOf(node),
            passed: result.passed,
            result,
            expectationLines: expectationNodes.map((step) => step.map(lineOf)),
            label,
        };
    });
}

const at = (m: number) => (m === 0 ? '' : ` after ${m}m`);

function appliedList(r: ScenarioResult['steps'][number]['result']): string {
    const applied = r.policies.filter((p) => p.policyApplies).map((p) => p.state === 'enabledForReportingButNotEnforced' ? `${p.name} (report-only)` : p.name);
    return applied.length > 0 ? `applies: ${applied.join(', ')}` : 'no policy applies';
}

/** The human report: one line per scenario, details for failures (outcome, applied policies, expected policy's reason). */
export function formatText(reports: readonly ScenarioReport[], color: boolean, assertions: readonly AssertionReport[] = []): string {
    const green = (s: string) => (color ? `\x1b[32m${s}\x1b[0m` : s);
    const red = (s: string) => (color ? `\x1b[31m${s}\x1b[0m` : s);
    const lines: string[] = [];
    for (const r of reports) {
        const last = r.result.steps[0].result;
        const summary = `${describeDecision(last, r.label)} · ${appliedList(last)}`;
        lines.push(`${r.passed ? green('✓') : red('✗')} ${r.name}  —  ${summary}`);
        if (r.passed) continue;
        lines.push(`    at ${r.file}:${r.line}`);
        r.result.steps.forEach((step, i) => {
            step.expectations.forEach((e, j) => {
                if (e.passed) return;
                lines.push(red(`    ✗ expected ${e.expected}${at(step.afterMinutes)}, got ${e.actual}  (${r.file}:${r.expectationLines[i][j]})`));
            });
            if (step.expectations.some((e) => !e.passed)) {
                lines.push(`      outcome${at(step.afterMinutes)}: ${describeDecision(step.result, r.label)} · ${appliedList(step.result)}`);
                const named = new Set(step.expectations.flatMap((e) => ('policies' in e.expectation ? e.expectation.policies : [])));
                for (const p of step.result.policies) {
                    if ((named.has(p.id) || named.has(p.name)) && !p.policyApplies) lines.push(`      ${p.name} does not apply: ${p.analysisReasons}`);
                }
            }
        });
    }
    for (const a of assertions) {
        lines.push(`${a.passed ? green('✓') : red('✗')} assert "${a.name}"  —  ${a.passed ? 'holds for every sign-in in scope' : 'violated'}`);
        if (!a.passed) lines.push(`    at ${a.file}:${a.line}`, red(`    ✗ ${a.detail}`));
    }
    const failed = reports.filter((r) => !r.passed).length + assertions.filter((a) => !a.passed).length;
    lines.push('', `${reports.length + assertions.length - failed} passed, ${failed} failed`);
    return lines.join('\n');
}

export function formatJson(reports: readonly ScenarioReport[], assertions: readonly AssertionReport[] = []): string {
    const failed = reports.filter((r) => !r.passed).length + assertions.filter((a) => !a.passed).length;
    return JSON.stringify({
        passed: reports.length + assertions.length - failed,
        failed,
        assertions,
        scenarios: reports.map((r) => ({
            name: r.name, file: r.file, line: r.line, passed: r.passed,
            steps: r.result.steps.map((s, i) => ({
                afterMinutes: s.afterMinutes,
                outcome: s.result.outcome,
                requires: s.result.requires,
                shadowOutcome: s.result.shadow.outcome,
                applied: s.result.policies.filter((p) => p.policyApplies).map((p) => p.id),
                revokedAt: s.revokedAt ?? null,
                expectations: s.expectations.map((e, j) => ({ line: r.expectationLines[i][j], passed: e.passed, expected: e.expected, actual: e.actual })),
            })),
        })),
    }, null, 2);
}

const xml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

export function formatJunit(reports: readonly ScenarioReport[], assertions: readonly AssertionReport[] = []): string {
    const failed = reports.filter((r) => !r.passed).length;
    const failedAssertions = assertions.filter((a) => !a.passed).length;
    const cases = reports.map((r) => {
        const failures = r.result.steps.flatMap((s, i) => s.expectations.flatMap((e, j) => e.passed ? [] : [`expected ${e.expected}${at(s.afterMinutes)}, got ${e.actual} (${r.file}:${r.expectationLines[i][j]})`]));
        const body = failures.length === 0 ? '' : `\n      <failure message="${xml(failures[0])}">${xml(failures.join('\n'))}</failure>\n    `;
        return `    <testcase classname="${xml(r.file)}" name="${xml(r.name)}" file="${xml(r.file)}" line="${r.line}">${body}</testcase>`;
    });
    return [
        '<?xml version="1.0" encoding="UTF-8"?>',
        `<testsuites name="latch" tests="${reports.length + assertions.length}" failures="${failed + failedAssertions}">`,
        `  <testsuite name="latch scenarios" tests="${reports.length}" failures="${failed}" errors="0" skipped="0">`,
        ...cases,
        '  </testsuite>',
        ...(assertions.length === 0 ? [] : [
            `  <testsuite name="latch assertions" tests="${assertions.length}" failures="${failedAssertions}" errors="0" skipped="0">`,
            ...assertions.map((a) => `    <testcase classname="${xml(a.file)}" name="${xml(`assert ${a.name}`)}" file="${xml(a.file)}" line="${a.line}">${a.passed ? '' : `\n      <failure message="${xml(a.detail ?? 'violated')}"></failure>\n    `}</testcase>`),
            '  </testsuite>',
        ]),
        '</testsuites>',
    ].join('\n');
}
