import { relative } from 'node:path';
import { type ControlLabel, describeDecision, runScenario, type EvaluationMode, type ScenarioResult } from '@latch/engine';
import { AstUtils } from 'langium';
import type * as ast from '../generated/ast.js';
import type { LoweredWorkspace } from '../lowering/lower-workspace.js';
import { latchControlLabel } from '../presentation/control-label.js';

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
export function formatText(reports: readonly ScenarioReport[], color: boolean): string {
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
    const failed = reports.filter((r) => !r.passed).length;
    lines.push('', `${reports.length - failed} passed, ${failed} failed`);
    return lines.join('\n');
}

export function formatJson(reports: readonly ScenarioReport[]): string {
    const failed = reports.filter((r) => !r.passed).length;
    return JSON.stringify({
        passed: reports.length - failed,
        failed,
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

export function formatJunit(reports: readonly ScenarioReport[]): string {
    const failed = reports.filter((r) => !r.passed).length;
    const cases = reports.map((r) => {
        const failures = r.result.steps.flatMap((s, i) => s.expectations.flatMap((e, j) => e.passed ? [] : [`expected ${e.expected}${at(s.afterMinutes)}, got ${e.actual} (${r.file}:${r.expectationLines[i][j]})`]));
        const body = failures.length === 0 ? '' : `\n      <failure message="${xml(failures[0])}">${xml(failures.join('\n'))}</failure>\n    `;
        return `    <testcase classname="${xml(r.file)}" name="${xml(r.name)}" file="${xml(r.file)}" line="${r.line}">${body}</testcase>`;
    });
    return [
        '<?xml version="1.0" encoding="UTF-8"?>',
        `<testsuites name="latch" tests="${reports.length}" failures="${failed}">`,
        `  <testsuite name="latch scenarios" tests="${reports.length}" failures="${failed}" errors="0" skipped="0">`,
        ...cases,
        '  </testsuite>',
        '</testsuites>',
    ].join('\n');
}
