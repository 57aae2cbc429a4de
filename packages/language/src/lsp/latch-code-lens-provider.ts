import { interruptAndCheck, type LangiumDocument, type MaybePromise } from 'langium';
import type { CodeLensProvider } from 'langium/lsp';
import type { CancellationToken, CodeLens, CodeLensParams, Range } from 'vscode-languageserver';
import * as ast from '../generated/ast.js';
import type { LatchServices } from '../latch-module.js';
import { findingData, workspaceAnalysis } from '../analysis/finding-diagnostics.js';
import { LatchCommands } from './latch-commands.js';
import { type LatchScenarioResults, scenarioResultLine } from './latch-scenario-results.js';

/**
 * Above each scenario `▶ Run What If` and, once run or saved, its result; above each policy `applies in N of M
 * scenarios`. Reads the cached What If answers of the current workspace state: each scenario runs once per state,
 * and only when a lens shows its result (a revealed scenario, or the counts above policies).
 */
export class LatchCodeLensProvider implements CodeLensProvider {
    protected readonly results: LatchScenarioResults;
    protected readonly services: LatchServices;

    constructor(services: LatchServices) {
        this.services = services;
        this.results = services.whatIf.ScenarioResults;
    }

    provideCodeLens(document: LangiumDocument, _params: CodeLensParams, cancelToken?: CancellationToken): MaybePromise<CodeLens[] | undefined> {
        return this.lenses(document, cancelToken);
    }

    protected async lenses(document: LangiumDocument, cancelToken?: CancellationToken): Promise<CodeLens[]> {
        const root = document.parseResult.value;
        if (!ast.isDocument(root)) return [];
        const uri = document.uri.toString();
        const snapshot = this.results.snapshot();
        const lenses: CodeLens[] = [];
        for (const element of root.elements) {
            if (cancelToken) await interruptAndCheck(cancelToken);
            const range = headerRange(element);
            if (!range) continue;
            if (ast.isScenario(element) && element.name !== undefined) {
                lenses.push({ range, command: { title: '▶ Run What If', command: LatchCommands.runScenario, arguments: [uri, element.name] } });
                const result = this.results.isRevealed(uri, element.name) ? snapshot.resultOf(element) : undefined;
                if (result) {
                    lenses.push({ range, command: { title: scenarioResultLine(result, snapshot.label), command: LatchCommands.showScenarioResult, arguments: [uri, element.name] } });
                }
            } else if (ast.isAssertion(element) && element.name !== undefined) {
                lenses.push(this.assertionLens(uri, element, range));
            } else if (ast.isPolicy(element) && element.name !== undefined && snapshot.scenarioCount > 0) {
                const names = snapshot.appliesIn(element);
                const title = `applies in ${names.length} of ${snapshot.scenarioCount} scenario${snapshot.scenarioCount === 1 ? '' : 's'}`;
                lenses.push({ range, command: { title, command: names.length > 0 ? LatchCommands.showScenarios : '', arguments: [uri, element.name, names] } });
            }
        }
        return lenses;
    }

    /**
     * `✓ holds`, or `✗ counterexample: …` (clickable: writes the counterexample as a scenario). The exact analysis is
     * computed once per workspace state, shared with the diagnostics, and only for documents that hold assertions.
     */
    protected assertionLens(uri: string, element: ast.Assertion, range: Range): CodeLens {
        const analysis = workspaceAnalysis(this.services);
        const result = analysis.result.assertions.find((r) => r.assertion.name === element.name);
        if (!result) return { range, command: { title: 'assertion not checked (fix the errors first)', command: '' } };
        if (result.holds) return { range, command: { title: '✓ holds', command: '' } };
        const data = result.finding ? findingData(analysis, result.finding) : undefined;
        const title = `✗ counterexample: ${data?.witnessText ?? 'see the diagnostic'}`;
        return data?.scenarioText
            ? { range, command: { title, command: LatchCommands.insertScenario, arguments: [uri, data.scenarioText] } }
            : { range, command: { title, command: '' } };
    }
}

/** The first line of a top-level element: where the lens sits. */
function headerRange(node: ast.Element): Range | undefined {
    const range = node.$cstNode?.range;
    return range && { start: range.start, end: range.start };
}
