// The workspace-wide analysis, computed once per workspace state (a WorkspaceCache evicted on every update) and
// shared by every document's validation, the CLI and the language server.

import { type AnalysisResult, type AnalyzeOptions, analyzePolicySet, IncrementalAnalyzer } from '@latch/engine';
import { type LangiumDocument, WorkspaceCache } from 'langium';
import type { LangiumSharedServices } from 'langium/lsp';
import type * as ast from '../generated/ast.js';
import { isBuiltinUri } from '../builtins/builtin-library.js';
import { lowerAssertions } from '../lowering/lower-assertion.js';
import { elementsOf, lowerPolicySet, PolicySetLowering } from '../lowering/policy-set-lowering.js';

export interface WorkspaceAnalysis {
    result: AnalysisResult;
    policyNodes: Map<string, ast.Policy>;
    assertionNodes: Map<string, ast.Assertion>;
    /** The workspace's first policy or assertion: where workspace-wide findings are shown. */
    anchor: ast.Policy | ast.Assertion | undefined;
}

/** What an editing session keeps between analyses: only what changed since the last run is recomputed. */
export interface IncrementalState { analyzer: IncrementalAnalyzer; lowering: PolicySetLowering }

/** Analyses lowered documents (CLI, tests; the language server with its IncrementalState). */
export function analyzeDocuments(documents: readonly LangiumDocument[], options: AnalyzeOptions = {}, incremental?: IncrementalState): WorkspaceAnalysis {
    const ws = incremental ? incremental.lowering.lower(documents) : lowerPolicySet(elementsOf(documents));
    const analyzer = incremental?.analyzer;
    const assertions = lowerAssertions(documents);
    const all = { ...options, assertions: assertions.map((a) => a.assertion) };
    const result = analyzer ? analyzer.analyze(ws.set, all) : analyzePolicySet(ws.set, all);
    const policyNodes = new Map(ws.set.policies.map((p, i) => [p.id, ws.policyNodes[i]]));
    const assertionNodes = new Map(assertions.map((a) => [a.assertion.name, a.node]));
    const firstUser = documents.find((d) => !isBuiltinUri(d.uri.toString()) && (ws.policyNodes.some((p) => p.$cstNode && docOf(p) === d)));
    const anchor = ws.policyNodes.find((p) => docOf(p) === firstUser) ?? assertions[0]?.node;
    return { result, policyNodes, assertionNodes, anchor };
}

function docOf(node: ast.Policy | ast.Assertion): LangiumDocument | undefined {
    let n: { $container?: unknown; $document?: LangiumDocument } = node as never;
    while (n.$container) n = n.$container as never;
    return n.$document;
}

/** One analysis per workspace state; each state's analysis reuses the findings the edit since the last one left alone. */
export class WorkspaceAnalysisCache {
    private readonly cache: WorkspaceCache<string, WorkspaceAnalysis>;
    private readonly incremental: IncrementalState = { analyzer: new IncrementalAnalyzer(), lowering: new PolicySetLowering() };
    /** The analysis computed last (kept across workspace states). */
    last: WorkspaceAnalysis | undefined;

    constructor(private readonly shared: LangiumSharedServices) {
        this.cache = new WorkspaceCache(shared);
    }

    /** The analysis for these break-glass names (the `latch.breakGlass` setting) of the current workspace state. */
    get(breakGlass: readonly string[] = []): WorkspaceAnalysis {
        return this.cache.get(`analysis\u0000${breakGlass.join('\u0000')}`, () => {
            // A diagnostic, its quick fix and lens show one witness per finding: the editor asks for no more.
            this.last = analyzeDocuments(this.shared.workspace.LangiumDocuments.all.toArray(), { breakGlass: [...breakGlass], maxWitnesses: 1 }, this.incremental);
            return this.last;
        });
    }
}
