import { type ControlLabel, describeDecision, runScenario, type ScenarioResult, type StepResult } from '@latch/engine';
import { AstUtils, DocumentState, type LangiumDocuments, WorkspaceCache } from 'langium';
import type { LangiumSharedServices } from 'langium/lsp';
import type * as ast from '../generated/ast.js';
import { type LoweredWorkspace, lowerWorkspace } from '../lowering/lower-workspace.js';
import { latchControlLabel } from '../presentation/control-label.js';

/**
 * One workspace state's What If answers, computed as they are asked for: a scenario's result when its lens, hover or
 * command needs it, and the policy counts (which need every scenario) when a policy's lens does.
 */
export interface ResultsSnapshot {
    lowered: LoweredWorkspace;
    label: ControlLabel;
    /** The scenario's result (undefined when the engine threw on a half-typed scenario, or the node is unknown). */
    resultOf(node: ast.Scenario): ScenarioResult | undefined;
    /** Every scenario's result, in workspace order. */
    allResults(): Map<ast.Scenario, ScenarioResult | undefined>;
    /** Names of the scenarios in which the policy applies at some step. */
    appliesIn(policy: ast.Policy): string[];
    scenarioCount: number;
}

/**
 * Runs the workspace's scenarios with the engine, each at most once per workspace state (a WorkspaceCache is emptied
 * by every document update), so code lenses, hovers and commands read results instead of re-evaluating per request.
 * Also remembers which scenarios the user has run (or saved), whose results the code lenses then show.
 */
export class LatchScenarioResults {
    protected readonly documents: LangiumDocuments;
    protected readonly cache: WorkspaceCache<string, ResultsSnapshot>;
    /** `uri#scenario name` of scenarios whose result is shown. */
    protected readonly revealed = new Set<string>();
    /** The last snapshot's policy set (JSON) and the results it computed, by scenario (JSON). */
    protected previous: { setKey: string; byScenario: Map<string, ScenarioResult | undefined> } | undefined;

    constructor(shared: LangiumSharedServices) {
        this.documents = shared.workspace.LangiumDocuments;
        this.cache = new WorkspaceCache(shared);
        // A snapshot taken mid-build (a request racing the linker) must not outlive that build.
        shared.workspace.DocumentBuilder.onBuildPhase(DocumentState.IndexedReferences, () => this.cache.clear());
    }

    snapshot(): ResultsSnapshot {
        return this.cache.get('snapshot', () => this.compute());
    }

    resultOf(node: ast.Scenario): ScenarioResult | undefined {
        return this.snapshot().resultOf(node);
    }

    isRevealed(uri: string, scenarioName: string): boolean {
        return this.revealed.has(key(uri, scenarioName));
    }

    reveal(uri: string, scenarioNames: Iterable<string>): void {
        for (const name of scenarioNames) this.revealed.add(key(uri, name));
    }

    protected compute(): ResultsSnapshot {
        let lowered: LoweredWorkspace;
        try {
            lowered = lowerWorkspace(this.documents.all.toArray());
        } catch {
            // Lowering is null-safe by design; this guard keeps a half-typed workspace from breaking lenses.
            lowered = { set: { policies: [], namedLocations: [], directory: { users: [], groups: [], roles: [], apps: [], strengths: [], terms: [], authContexts: [] } }, policyNodes: [], scenarios: [] };
        }
        const label = latchControlLabel(lowered.set);
        const byNode = new Map(lowered.scenarios.map((x) => [x.node, x.scenario]));
        const results = new Map<ast.Scenario, ScenarioResult | undefined>();
        // Typing that leaves the model as it was (a comment, layout, a half-typed word in a scenario elsewhere) keeps
        // the answers: a scenario's result is a function of the policy set and the scenario alone.
        const setKey = JSON.stringify(lowered.set);
        const before = this.previous?.setKey === setKey ? this.previous.byScenario : undefined;
        const byScenario = new Map<string, ScenarioResult | undefined>();
        this.previous = { setKey, byScenario };
        const resultOf = (node: ast.Scenario): ScenarioResult | undefined => {
            if (results.has(node)) return results.get(node);
            const scenario = byNode.get(node);
            const scenarioKey = scenario ? JSON.stringify(scenario) : undefined;
            let result: ScenarioResult | undefined;
            if (scenarioKey !== undefined && before?.has(scenarioKey)) result = before.get(scenarioKey);
            else {
                try {
                    result = scenario && runScenario(lowered.set, scenario, { controlLabel: label });
                } catch {
                    result = undefined;
                }
            }
            if (scenarioKey !== undefined) byScenario.set(scenarioKey, result);
            results.set(node, result);
            return result;
        };
        const allResults = () => new Map(lowered.scenarios.map(({ node }) => [node, resultOf(node)]));
        let applies: Map<ast.Policy, string[]> | undefined;
        const appliesIn = (policy: ast.Policy): string[] => {
            if (!applies) {
                const table = new Map<ast.Policy, string[]>(lowered.policyNodes.map((p) => [p, []]));
                for (const { scenario, node } of lowered.scenarios) {
                    const result = resultOf(node);
                    if (!result) continue;
                    // Results list every policy in input order, parallel to `policyNodes`.
                    lowered.policyNodes.forEach((p, i) => {
                        if (result.steps.some((st) => st.result.policies[i]?.policyApplies)) table.get(p)!.push(scenario.name);
                    });
                }
                applies = table;
            }
            return applies.get(policy) ?? [];
        };
        return { lowered, label, resultOf, allResults, appliesIn, scenarioCount: lowered.scenarios.length };
    }
}

function key(uri: string, name: string): string {
    return `${uri}#${name}`;
}

/** The scenario's document URI, as the LSP client spells it. */
export function uriOf(node: ast.Scenario | ast.Policy | ast.Assertion): string {
    return AstUtils.getDocument(node).uri.toString();
}

function appliedNames(step: StepResult): string[] {
    return step.result.policies.filter((p) => p.policyApplies).map((p) => p.state === 'enabledForReportingButNotEnforced' ? `${p.name} (report-only)` : p.name);
}

const at = (m: number) => (m === 0 ? '' : ` after ${m}m`);

/**
 * One line for a scenario result: `✓ block (expected block) · applies: CA001, CA100` or
 * `✗ expected allow, got requires mfa · CA200 applied`.
 */
export function scenarioResultLine(result: ScenarioResult, label: ControlLabel): string {
    for (const step of result.steps) {
        const failed = step.expectations.find((e) => !e.passed);
        if (!failed) continue;
        const applied = appliedNames(step);
        return `✗ expected ${failed.expected}${at(step.afterMinutes)}, got ${failed.actual} · ${applied.length > 0 ? `${applied.join(', ')} applied` : 'no policy applied'}`;
    }
    const first = result.steps[0];
    if (!first) return '✓ no sign-in';
    const outcome = first.expectations.find((e) => e.expectation.kind === 'outcome' || e.expectation.kind === 'requires');
    const applied = appliedNames(first);
    const expected = outcome ? ` (expected ${outcome.expected})` : '';
    const later = result.steps.length > 1 ? ` · ${result.steps.length - 1} later step${result.steps.length > 2 ? 's' : ''} pass` : '';
    return `✓ ${describeDecision(first.result, label)}${expected} · ${applied.length > 0 ? `applies: ${applied.join(', ')}` : 'no policy applies'}${later}`;
}
