import { type EvaluationMode, type EvaluationResult, type PolicySet, evaluate, loadGraphFiles, loadSignInFile, sessionToGraph } from '@latch/engine';
import { collectDiagnostics, formatDiagnostic } from './diagnostics.js';
import { CliInputError, collectFiles, loadLatchWorkspace } from './load-workspace.js';
import { lowerWorkspace } from '../lowering/lower-workspace.js';

function mergeSets(a: PolicySet, b: PolicySet): PolicySet {
    const d = a.directory;
    const e = b.directory;
    return {
        policies: [...a.policies, ...b.policies],
        namedLocations: [...a.namedLocations, ...b.namedLocations],
        directory: {
            users: [...d.users, ...e.users], groups: [...d.groups, ...e.groups], roles: [...d.roles, ...e.roles],
            apps: [...d.apps, ...e.apps], strengths: [...d.strengths, ...e.strengths], terms: [...d.terms, ...e.terms],
            authContexts: [...d.authContexts, ...e.authContexts],
        },
    };
}

/** Policies from .latch files (one workspace) and Graph JSON files, in the order given. */
export async function loadPolicySet(paths: readonly string[]): Promise<PolicySet> {
    const latchFiles = collectFiles(paths.filter((p) => !p.toLowerCase().endsWith('.json')), ['.latch']);
    const jsonFiles = paths.filter((p) => p.toLowerCase().endsWith('.json'));
    let set: PolicySet = { policies: [], namedLocations: [], directory: { users: [], groups: [], roles: [], apps: [], strengths: [], terms: [], authContexts: [] } };
    if (latchFiles.length > 0) {
        const ws = await loadLatchWorkspace(latchFiles);
        const errors = collectDiagnostics(ws.userDocuments).filter((d) => d.severity === 'error');
        if (errors.length > 0) throw new CliInputError(errors.map(formatDiagnostic).join('\n'));
        set = lowerWorkspace(ws.documents).set;
    }
    if (jsonFiles.length > 0) set = mergeSets(set, loadGraphFiles(jsonFiles).set);
    return set;
}

/** The `latch whatif` JSON contract. */
export function whatIfJson(r: EvaluationResult): Record<string, unknown> {
    return {
        outcome: r.outcome,
        requires: r.requires,
        shadowOutcome: r.shadow.outcome,
        session: sessionToGraph(r.session),
        policies: r.policies.map((p) => ({
            id: p.id, displayName: p.displayName ?? p.name, state: p.state, policyApplies: p.policyApplies, analysisReasons: p.analysisReasons,
        })),
    };
}

export async function runWhatIf(policyPaths: readonly string[], signInFile: string, modeFlag: EvaluationMode | undefined): Promise<string> {
    const set = await loadPolicySet(policyPaths);
    const request = loadSignInFile(signInFile);
    const result = evaluate(set, request.signIn, { mode: modeFlag ?? request.mode ?? 'strict' });
    return JSON.stringify(whatIfJson(result), null, 2);
}
