// Findings → Langium diagnostics on the policy (or assertion) they are about, with related information on the
// other policies and data { code, analysis } (`carried` while typing, see below). The counterexample scenario the quick
// fix writes is made when the fix is asked for (counterexampleScenario), not sent with every diagnostic: on a large
// workspace the scenario texts and long related lists were most of the bytes of every analysis's publishDiagnostics.

import { describeSignIn, type Finding } from '@latch/engine';
import { AstUtils, type LangiumDocument, type ValidationAcceptor } from 'langium';
import type { Diagnostic, DiagnosticRelatedInformation } from 'vscode-languageserver-types';
import * as ast from '../generated/ast.js';
import type { LatchServices } from '../latch-module.js';
import { scenarioText } from './scenario-text.js';
import { type WorkspaceAnalysis, WorkspaceAnalysisCache } from './workspace-analysis.js';

const caches = new WeakMap<object, WorkspaceAnalysisCache>();
const enabled = new WeakSet<object>();

/** Turns analysis diagnostics on for these services (the CLI does; the language server has them on whenever it has a connection). */
export function enableAnalysisDiagnostics(services: LatchServices): void {
    enabled.add(services);
}

/** The editor settings the analysis honours (`latch.analysis.enabled`, `latch.breakGlass`), as last read. */
export interface AnalysisSettings { enabled: boolean; breakGlass: string[] }
const settings = new WeakMap<object, AnalysisSettings>();

/** Reads the client's settings (absent without an editor: analysis on, no extra break-glass names). */
export async function readAnalysisSettings(services: LatchServices): Promise<AnalysisSettings> {
    const config = services.shared.workspace.ConfigurationProvider;
    const analysis = await config.getConfiguration('latch', 'analysis').catch(() => undefined) as { enabled?: unknown } | undefined;
    const breakGlass = await config.getConfiguration('latch', 'breakGlass').catch(() => undefined) as unknown;
    const read: AnalysisSettings = {
        enabled: analysis?.enabled !== false,
        breakGlass: Array.isArray(breakGlass) ? breakGlass.filter((x): x is string => typeof x === 'string' && x !== '') : [],
    };
    settings.set(services.shared, read);
    return read;
}

/** The analysis most recently computed (of an earlier workspace state while a keystroke's build runs). */
function lastAnalysis(services: LatchServices): WorkspaceAnalysis | undefined {
    return caches.get(services.shared)?.last;
}

/** The workspace analysis of these services' current workspace state (computed once, shared with validation). */
export function workspaceAnalysis(services: LatchServices): WorkspaceAnalysis {
    let cache = caches.get(services.shared);
    if (!cache) { cache = new WorkspaceAnalysisCache(services.shared); caches.set(services.shared, cache); }
    return cache.get(settings.get(services.shared)?.breakGlass);
}

function isOn(services: LatchServices): boolean {
    return enabled.has(services) || services.shared.lsp.Connection !== undefined;
}

export function findingNode(a: WorkspaceAnalysis, f: Finding): ast.Policy | ast.Assertion | undefined {
    if (f.assertion !== undefined) return a.assertionNodes.get(f.assertion);
    if (f.policy !== undefined) return a.policyNodes.get(f.policy);
    return a.anchor;
}

export interface FindingData {
    code: string;
    /** Marks the analysis's diagnostics (replaced as a whole at each analysis pass). */
    analysis: true;
    /** Shown from the last analysis while the edited document waits for the next one (positions are current). */
    carried?: true;
    witnessText?: string;
    scenarioText?: string;
}

/**
 * Per finding object: an incremental analysis hands back the same objects for the policies an edit did not touch
 * (their names, witnesses and directory unchanged), so their texts are built once, not on every pass.
 */
const presented = new WeakMap<Finding, { data: DiagnosticData; text: string }>();

/** What a diagnostic carries in `data`: the code and the marker (a client's own diagnostic may bring a `scenarioText`). */
export type DiagnosticData = Pick<FindingData, 'code' | 'analysis' | 'carried' | 'scenarioText'>;

/**
 * Related locations per diagnostic, at most: a policy overlapping thirty block policies names them all in its
 * message; thirty links under it help nobody and cost ~150 bytes each on every analysis pass.
 */
export const MAX_RELATED = 5;

function presentation(a: WorkspaceAnalysis, f: Finding): { data: DiagnosticData; text: string } {
    let p = presented.get(f);
    if (!p) {
        const w = f.witnesses[0];
        // The witness in words goes into the message, not into `data`.
        const text = w ? `${f.message}\nWitness: ${witnessLine(a, w.signIn, w.outcome)}` : f.message;
        p = { data: { code: f.code, analysis: true }, text };
        presented.set(f, p);
    }
    return p;
}

function witnessLine(a: WorkspaceAnalysis, signIn: Finding['witnesses'][number]['signIn'], outcome: string): string {
    return `${describeSignIn(a.result.context.set, signIn)} → ${outcome}`;
}

/**
 * The counterexample scenario of an analysis diagnostic, for the quick fix: the finding of the last analysis that
 * this diagnostic shows (same code, same message; a diagnostic carried while typing shows the sentence only).
 */
export function counterexampleScenario(services: LatchServices, diagnostic: Diagnostic): string | undefined {
    const data = diagnostic.data as Partial<FindingData> | undefined;
    if (data?.analysis !== true) return undefined;
    const a = lastAnalysis(services);
    if (!a) return undefined;
    for (const f of a.result.findings) {
        if (f.code !== data.code || f.witnesses.length === 0) continue;
        if (data.carried ? diagnostic.message === f.message : diagnostic.message === presentation(a, f).text) return findingData(a, f).scenarioText;
    }
    return undefined;
}

export function findingData(a: WorkspaceAnalysis, f: Finding): FindingData {
    const w = f.witnesses[0];
    if (!w) return { code: f.code, analysis: true };
    const set = a.result.context.set;
    const subject = f.assertion ?? (f.policy !== undefined ? set.policies.find((p) => p.id === f.policy)?.name : undefined) ?? f.code;
    return { code: f.code, analysis: true, witnessText: witnessLine(a, w.signIn, w.outcome), scenarioText: scenarioText(set, `${f.code}: ${subject}`, w) };
}

function related(nodes: ReadonlyMap<string, ast.Policy>, f: Finding): DiagnosticRelatedInformation[] {
    return f.related.slice(0, MAX_RELATED).flatMap((id) => {
        const node = nodes.get(id);
        const cst = node?.$cstNode;
        if (!node || !cst) return [];
        return [{ location: { uri: AstUtils.getDocument(node).uri.toString(), range: cst.range }, message: `involved: ${node.name}` }];
    });
}

function isAnalysisDiagnostic(d: { data?: unknown }): boolean {
    return (d.data as Partial<FindingData> | undefined)?.analysis === true;
}

/**
 * While the user types, the edited document is re-validated without the analysis (it runs when typing pauses). So
 * that its findings do not vanish and come back on every keystroke, the last analysis's findings are shown on the
 * policies (and assertions) of the same name in the new text until the next analysis replaces them.
 */
function carryLastFindings(services: LatchServices, root: ast.Document, accept: ValidationAcceptor): void {
    const last = lastAnalysis(services);
    if (!last || settings.get(services.shared)?.enabled === false) return;
    const document = AstUtils.getDocument(root);
    const policies = new Map<string, ast.Policy>();
    const assertions = new Map<string, ast.Assertion>();
    for (const doc of services.shared.workspace.LangiumDocuments.all) {
        const r = doc.parseResult.value;
        if (!ast.isDocument(r)) continue;
        for (const e of r.elements) {
            if (ast.isPolicy(e) && e.name !== undefined && !policies.has(e.name)) policies.set(e.name, e);
            else if (ast.isAssertion(e) && e.name !== undefined && !assertions.has(e.name)) assertions.set(e.name, e);
        }
    }
    // Findings name policies by id; the new text by name: map through the last analysis's nodes.
    const now = new Map<string, ast.Policy>();
    for (const [id, old] of last.policyNodes) {
        const p = old.name !== undefined ? policies.get(old.name) : undefined;
        if (p) now.set(id, p);
    }
    for (const f of last.result.findings) {
        const node: ast.Policy | ast.Assertion | undefined = f.assertion !== undefined ? assertions.get(f.assertion) : f.policy !== undefined ? now.get(f.policy) : undefined;
        if (!node || AstUtils.getDocument(node) !== document) continue;
        // The finding's sentence and code only: the witness, scenario and related policies (most of a finding's bytes,
        // re-sent on every keystroke otherwise) return with the next analysis.
        accept(f.severity === 'info' ? 'info' : f.severity, f.message, {
            node, property: 'name', code: f.code, data: { code: f.code, analysis: true, carried: true } satisfies DiagnosticData,
        });
    }
}

export function registerAnalysisChecks(services: LatchServices): void {
    const check = async (doc: ast.Document, accept: ValidationAcceptor): Promise<void> => {
        if (!isOn(services)) return;
        const document: LangiumDocument = AstUtils.getDocument(doc);
        // This pass replaces every analysis diagnostic of the document (carried or from an earlier pass).
        if (document.diagnostics) document.diagnostics = document.diagnostics.filter((d) => !isAnalysisDiagnostic(d));
        // In the editor the user may turn the analysis off or name break-glass accounts (settings latch.analysis.enabled,
        // latch.breakGlass); read them before each slow pass so a change applies at the next pause or save.
        if (services.shared.lsp.Connection !== undefined && !(await readAnalysisSettings(services)).enabled) return;
        const a = workspaceAnalysis(services);
        for (const f of a.result.findings) {
            const node = findingNode(a, f);
            if (!node || AstUtils.getDocument(node) !== document) continue;
            const { data, text } = presentation(a, f);
            accept(f.severity === 'info' ? 'info' : f.severity, text, {
                node, property: 'name', code: f.code, data, relatedInformation: related(a.policyNodes, f),
            });
        }
    };
    // Whole-workspace analysis is too costly per keystroke in large workspaces: the `slow` category runs when typing
    // pauses or on save (see lsp/latch-document-update-handler.ts) and in every CLI build.
    services.validation.ValidationRegistry.register({ Document: check }, undefined, 'slow');
    // A keystroke's build (fast checks only) shows the last analysis's findings meanwhile; a build that runs the
    // analysis itself (save, idle, CLI) does not need them.
    services.validation.ValidationRegistry.registerBeforeDocument((root, accept, categories) => {
        if (services.shared.lsp.Connection === undefined || categories.includes('slow') || !ast.isDocument(root)) return;
        carryLastFindings(services, root, accept);
    });
}
