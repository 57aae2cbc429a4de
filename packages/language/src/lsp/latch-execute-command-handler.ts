import { describeDecision } from '@latch/engine';
import { AstUtils, type AstNode, DocumentState, type LangiumDocument } from 'langium';
import { AbstractExecuteCommandHandler, type ExecuteCommandAcceptor, type LangiumSharedServices } from 'langium/lsp';
import { URI } from 'vscode-uri';
import * as ast from '../generated/ast.js';
import type { LatchServices } from '../latch-module.js';
import { LatchCommands, type ScenarioLocation, type ScenarioRunSummary } from './latch-commands.js';
import type { LatchDocumentUpdateHandler } from './latch-document-update-handler.js';
import { scenarioResultLine } from './latch-scenario-results.js';

/**
 * Server-side commands behind the code lenses (ids and arguments in latch-commands.ts). Each validates its
 * arguments and answers `undefined` for unknown documents or names instead of throwing.
 */
export class LatchExecuteCommandHandler extends AbstractExecuteCommandHandler {
    protected readonly shared: LangiumSharedServices;

    constructor(shared: LangiumSharedServices) {
        super();
        this.shared = shared;
    }

    registerCommands(accept: ExecuteCommandAcceptor): void {
        accept(LatchCommands.runScenario, async ([uri, name]) => {
            const found = await this.scenario(uri, name);
            if (!found) return undefined;
            found.services.whatIf.ScenarioResults.reveal(String(uri), [String(name)]);
            await this.refreshCodeLenses();
            return this.summary(found.services, found.node);
        });
        accept(LatchCommands.runScenariosInFile, async ([uri]) => {
            const doc = await this.document(uri);
            if (!doc) return undefined;
            const services = this.services(doc);
            const scenarios = scenariosOf(doc);
            services.whatIf.ScenarioResults.reveal(String(uri), scenarios.map((s) => s.name));
            await this.refreshCodeLenses();
            return scenarios.map((s) => this.summary(services, s));
        });
        accept(LatchCommands.showScenarioResult, async ([uri, name]) => {
            const found = await this.scenario(uri, name);
            return found && this.summary(found.services, found.node);
        });
        accept(LatchCommands.showScenarios, async ([, , names]) => {
            if (!Array.isArray(names)) return [];
            await this.shared.workspace.DocumentBuilder.waitUntil(DocumentState.IndexedReferences);
            const wanted = new Set(names.map(String));
            const found: ScenarioLocation[] = [];
            for (const doc of this.shared.workspace.LangiumDocuments.all) {
                for (const s of scenariosOf(doc)) {
                    if (wanted.has(s.name)) found.push({ name: s.name, uri: doc.uri.toString(), line: s.$cstNode?.range.start.line ?? 0 });
                }
            }
            return found;
        });
        accept(LatchCommands.insertScenario, async ([uri, text]) => {
            const doc = await this.document(uri);
            const connection = this.shared.lsp.Connection;
            if (!doc || typeof text !== 'string' || !connection) return { applied: false };
            const content = doc.textDocument.getText();
            const end = doc.textDocument.positionAt(content.length);
            const prefix = content.length === 0 || content.endsWith('\n\n') ? '' : content.endsWith('\n') ? '\n' : '\n\n';
            const result = await connection.workspace.applyEdit({
                label: 'Add scenario',
                edit: { changes: { [String(uri)]: [{ range: { start: end, end }, newText: `${prefix}${text.trimEnd()}\n` }] } },
            });
            return { applied: result.applied };
        });
    }

    protected async refreshCodeLenses(): Promise<void> {
        await (this.shared.lsp.DocumentUpdateHandler as Partial<LatchDocumentUpdateHandler>).refreshCodeLenses?.();
    }

    protected async document(uri: unknown): Promise<LangiumDocument | undefined> {
        if (typeof uri !== 'string') return undefined;
        let parsed: URI;
        try {
            parsed = URI.parse(uri);
        } catch {
            return undefined;
        }
        const doc = this.shared.workspace.LangiumDocuments.getDocument(parsed);
        if (!doc) return undefined;
        await this.shared.workspace.DocumentBuilder.waitUntil(DocumentState.IndexedReferences, parsed);
        return doc;
    }

    protected async scenario(uri: unknown, name: unknown): Promise<{ node: ast.Scenario; services: LatchServices } | undefined> {
        const doc = await this.document(uri);
        const node = doc && scenariosOf(doc).find((s) => s.name === name);
        return node && { node, services: this.services(doc) };
    }

    protected services(doc: LangiumDocument): LatchServices {
        return this.shared.ServiceRegistry.getServices(doc.uri) as LatchServices;
    }

    protected summary(services: LatchServices, node: ast.Scenario): ScenarioRunSummary {
        const results = services.whatIf.ScenarioResults;
        const snapshot = results.snapshot();
        const result = snapshot.resultOf(node);
        const lowered = snapshot.lowered.scenarios.find((s) => s.node === node);
        const line = (n: AstNode | undefined) => n?.$cstNode?.range.start.line ?? 0;
        const base = { name: node.name, uri: AstUtils.getDocument(node).uri.toString(), line: line(node) };
        if (!result) return { ...base, passed: false, summary: '✗ could not run this scenario (see its diagnostics)', steps: [] };
        return {
            ...base,
            passed: result.passed,
            summary: scenarioResultLine(result, snapshot.label),
            steps: result.steps.map((step, i) => ({
                afterMinutes: step.afterMinutes,
                outcome: describeDecision(step.result, snapshot.label),
                applied: step.result.policies.filter((p) => p.policyApplies).map((p) => p.name),
                revokedAt: step.revokedAt,
                expectations: step.expectations.map((e, j) => ({ line: line(lowered?.expectationNodes[i]?.[j]), passed: e.passed, expected: e.expected, actual: e.actual })),
            })),
        };
    }
}

function scenariosOf(doc: LangiumDocument): ast.Scenario[] {
    const root = doc.parseResult.value;
    return ast.isDocument(root) ? root.elements.filter(ast.isScenario) : [];
}
