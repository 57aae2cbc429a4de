import { type RequirementExpr, requirementToCnf } from '@latch/engine';
import { AstUtils, CstUtils, GrammarUtils, type LangiumDocument, type LangiumDocuments, type MaybePromise } from 'langium';
import type { CodeActionProvider } from 'langium/lsp';
import { type CodeAction, CodeActionKind, type CodeActionParams, type Command, type Diagnostic, type TextEdit } from 'vscode-languageserver';
import { counterexampleScenario } from '../analysis/finding-diagnostics.js';
import * as ast from '../generated/ast.js';
import type { LatchServices } from '../latch-module.js';
import { IssueCodes } from '../validation/issue-codes.js';

/** Analysis findings about break-glass accounts (lockout risk) are mended by excluding them. */
const LOCKOUT_CODE = /lockout|break-?glass|emergency/i;

/**
 * Quick fixes for findings with an obvious mend: add a missing `state`, split a mixed and/or grant into policies
 * (the grant's CNF: one `or` clause per policy, which Entra ANDs), exclude the break-glass principals, and write an
 * analysis counterexample as a scenario at the end of the document (made from the last analysis's finding when asked;
 * a diagnostic that brings its own `data.scenarioText` uses that).
 */
export class LatchCodeActionProvider implements CodeActionProvider {
    protected readonly documents: LangiumDocuments;
    protected readonly services: LatchServices;

    constructor(services: LatchServices) {
        this.services = services;
        this.documents = services.shared.workspace.LangiumDocuments;
    }

    getCodeActions(document: LangiumDocument, params: CodeActionParams): MaybePromise<Array<Command | CodeAction>> {
        const actions: CodeAction[] = [];
        for (const diagnostic of params.context.diagnostics) {
            try {
                actions.push(...this.actionsFor(document, diagnostic));
            } catch {
                // A fix for a half-typed document is not worth a failed request.
            }
        }
        return actions;
    }

    protected actionsFor(document: LangiumDocument, diagnostic: Diagnostic): CodeAction[] {
        const data = diagnostic.data as { code?: string; scenarioText?: unknown } | undefined;
        const code = String(diagnostic.code ?? data?.code ?? '');
        const actions: CodeAction[] = [];
        const scenario = typeof data?.scenarioText === 'string' ? data.scenarioText : counterexampleScenario(this.services, diagnostic);
        if (scenario !== undefined) actions.push(this.addScenario(document, diagnostic, scenario));
        const policy = this.policyAt(document, diagnostic);
        if (!policy) return actions;
        if (code === IssueCodes.MissingState) {
            actions.push(this.addState(document, diagnostic, policy, 'reportOnly', true), this.addState(document, diagnostic, policy, 'on', false));
        } else if (code === IssueCodes.MixedAndOr) {
            const split = this.splitGrant(document, diagnostic, policy);
            if (split) actions.push(split);
        } else if (LOCKOUT_CODE.test(code)) {
            actions.push(...this.excludeBreakGlass(document, diagnostic, policy));
        }
        return actions;
    }

    protected policyAt(document: LangiumDocument, diagnostic: Diagnostic): ast.Policy | undefined {
        const root = document.parseResult.value.$cstNode;
        const leaf = root && CstUtils.findLeafNodeAtOffset(root, document.textDocument.offsetAt(diagnostic.range.start));
        return leaf ? AstUtils.getContainerOfType(leaf.astNode, ast.isPolicy) : undefined;
    }

    protected fix(title: string, diagnostic: Diagnostic, document: LangiumDocument, edits: TextEdit[], preferred = false): CodeAction {
        return { title, kind: CodeActionKind.QuickFix, diagnostics: [diagnostic], isPreferred: preferred, edit: { changes: { [document.uri.toString()]: edits } } };
    }

    protected addState(document: LangiumDocument, diagnostic: Diagnostic, policy: ast.Policy, state: string, preferred: boolean): CodeAction {
        const open = policy.$cstNode && GrammarUtils.findNodeForKeyword(policy.$cstNode, '{');
        const at = open ? open.range.end : policy.$cstNode!.range.end;
        return this.fix(`Add 'state ${state}'`, diagnostic, document, [{ range: { start: at, end: at }, newText: `\n  state ${state}` }], preferred);
    }

    /** `grant a and b or c` = (a ∧ b) ∨ c = (a ∨ c) ∧ (b ∨ c): this policy keeps the first clause, copies take the rest. */
    protected splitGrant(document: LangiumDocument, diagnostic: Diagnostic, policy: ast.Policy): CodeAction | undefined {
        const grant = policy.clauses.find(ast.isGrantClause);
        const text = (c: ast.ControlRef) => c.$cstNode?.text ?? '';
        if (!grant || grant.controls.length < 2 || !grant.$cstNode || !policy.$cstNode) return undefined;
        // `and` binds tighter than `or`: fold the and-runs, then or them.
        const runs: RequirementExpr[] = [];
        let run: RequirementExpr = { kind: 'control', control: text(grant.controls[0]) };
        grant.connectives.forEach((op, i) => {
            const next: RequirementExpr = { kind: 'control', control: text(grant.controls[i + 1]) };
            if (op === 'and') run = { kind: 'and', left: run, right: next };
            else { runs.push(run); run = next; }
        });
        runs.push(run);
        const expr = runs.reduce((left, right) => ({ kind: 'or', left, right }));
        const clauses = requirementToCnf(expr);
        if (clauses.length === 0) return undefined;
        const grantText = (clause: string[]) => `grant ${clause.join(' or ')}`;
        const policyText = policy.$cstNode.text;
        const grantOffset = grant.$cstNode.offset - policy.$cstNode.offset;
        const copies = clauses.slice(1).map((clause, i) => {
            const body = policyText.slice(0, grantOffset) + grantText(clause) + policyText.slice(grantOffset + grant.$cstNode!.length);
            return body.replace(/^policy\s+\S+/, `policy ${policy.name}-${i + 2}`).replace(/\bid\s+"[^"]*"\s*/, '');
        });
        const edits: TextEdit[] = [
            { range: grant.$cstNode.range, newText: grantText(clauses[0]) },
            { range: { start: policy.$cstNode.range.end, end: policy.$cstNode.range.end }, newText: copies.map((c) => `\n\n${c}`).join('') },
        ];
        const title = clauses.length === 1 ? `Use '${grantText(clauses[0])}'` : `Split into ${clauses.length} policies: ${clauses.map(grantText).join(' · ')}`;
        return this.fix(title, diagnostic, document, edits, true);
    }

    /** Adds every emergency-access principal of the workspace to the policy's `users exclude`. */
    protected excludeBreakGlass(document: LangiumDocument, diagnostic: Diagnostic, policy: ast.Policy): CodeAction[] {
        const breakGlass = this.documents.all
            .flatMap((d) => (ast.isDocument(d.parseResult.value) ? d.parseResult.value.elements : []))
            .filter((e): e is ast.Group => ast.isGroup(e) && e.emergencyAccess)
            .map((g) => g.name).toArray();
        const users = policy.clauses.find(ast.isUsersClause);
        if (breakGlass.length === 0 || !users?.$cstNode) return [];
        const excluded = new Set(users.exclude?.items.filter(ast.isPrincipalRef).map((p) => p.principal?.$refText) ?? []);
        const missing = breakGlass.filter((n) => !excluded.has(n));
        if (missing.length === 0) return [];
        const end = (users.exclude ?? users.include)?.$cstNode?.range.end ?? users.$cstNode.range.end;
        const newText = users.exclude ? `, ${missing.join(', ')}` : `  exclude ${missing.join(', ')}`;
        return [this.fix(`Exclude ${missing.join(', ')} (break-glass)`, diagnostic, document, [{ range: { start: end, end }, newText }], true)];
    }

    protected addScenario(document: LangiumDocument, diagnostic: Diagnostic, scenarioText: string): CodeAction {
        const text = document.textDocument.getText();
        const end = document.textDocument.positionAt(text.length);
        const prefix = text.length === 0 || text.endsWith('\n\n') ? '' : text.endsWith('\n') ? '\n' : '\n\n';
        return this.fix('Add the counterexample as a scenario', diagnostic, document, [{ range: { start: end, end }, newText: `${prefix}${scenarioText.trimEnd()}\n` }]);
    }
}
