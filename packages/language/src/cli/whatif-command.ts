import {
    type EvaluationMode, type EvaluationResult, type PolicySet, type SignIn, evaluate, loadGraphFiles, loadSignInFile,
    policyResponseShape, policyToGraph, sessionToGraph, signInToGraphRequest,
} from '@latch/engine';
import { collectDiagnostics, formatDiagnostic } from './diagnostics.js';
import { CliInputError, collectFiles, loadLatchWorkspace } from './load-workspace.js';
import { lowerWorkspace, type LoweredWorkspace } from '../lowering/lower-workspace.js';

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
    return (await loadPolicyInputs(paths)).set;
}

/** The policy set, plus the .latch workspace's scenarios (for `--scenario`). */
async function loadPolicyInputs(paths: readonly string[]): Promise<{ set: PolicySet; scenarios: LoweredWorkspace['scenarios'] }> {
    let scenarios: LoweredWorkspace['scenarios'] = [];
    const latchFiles = collectFiles(paths.filter((p) => !p.toLowerCase().endsWith('.json')), ['.latch']);
    const jsonFiles = paths.filter((p) => p.toLowerCase().endsWith('.json'));
    let set: PolicySet = { policies: [], namedLocations: [], directory: { users: [], groups: [], roles: [], apps: [], strengths: [], terms: [], authContexts: [] } };
    if (latchFiles.length > 0) {
        const ws = await loadLatchWorkspace(latchFiles);
        const errors = collectDiagnostics(ws.userDocuments).filter((d) => d.severity === 'error');
        if (errors.length > 0) throw new CliInputError(errors.map(formatDiagnostic).join('\n'));
        const lowered = lowerWorkspace(ws.documents);
        set = lowered.set;
        scenarios = lowered.scenarios;
    }
    if (jsonFiles.length > 0) set = mergeSets(set, loadGraphFiles(jsonFiles).set);
    return { set, scenarios };
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

/**
 * Graph's evaluate response: the whatIfAnalysisResult collection, each the full policy in Graph's response shape
 * (every property, unset ones null or [] as Graph writes them; ids kept) plus policyApplies and analysisReasons,
 * in input order.
 */
export function whatIfGraph(r: EvaluationResult, set: PolicySet): Record<string, unknown> {
    return {
        '@odata.context': 'https://graph.microsoft.com/beta/$metadata#Collection(microsoft.graph.whatIfAnalysisResult)',
        value: r.policies.map((p, i) => ({
            ...policyResponseShape(policyToGraph(set.policies[i]!, { keepIds: true, idDeclared: true }), set.directory.strengths),
            policyApplies: p.policyApplies,
            analysisReasons: p.analysisReasons,
        })),
    };
}

export interface WhatIfOptions {
    mode?: EvaluationMode;
    /** `json` (the Latch contract, default) or `graph` (Graph's evaluate response). */
    format?: 'json' | 'graph';
    /** Print the evaluate request body instead of evaluating. */
    requestOnly?: boolean;
    /** A scenario of the .latch workspace to take the sign-in from (its initial sign-in), instead of a file. */
    scenario?: string;
}

export async function runWhatIf(policyPaths: readonly string[], signInFile: string | undefined, modeFlag: EvaluationMode | undefined, options: WhatIfOptions = {}): Promise<string> {
    const { set, scenarios } = await loadPolicyInputs(policyPaths);
    let signIn: SignIn;
    let mode = modeFlag;
    if (options.scenario !== undefined) {
        const found = scenarios.find((s) => s.scenario.name === options.scenario);
        if (!found) {
            const names = scenarios.map((s) => JSON.stringify(s.scenario.name));
            const known = names.length === 0 ? 'none' : names.length > 5 ? `${names.slice(0, 5).join(', ')}, … (${names.length} in all)` : names.join(', ');
            throw new CliInputError(`no scenario named ${JSON.stringify(options.scenario)} in the .latch inputs (scenarios: ${known})`);
        }
        signIn = found.scenario.steps[0]!.signIn;
    } else if (signInFile !== undefined) {
        const request = loadSignInFile(signInFile);
        signIn = request.signIn;
        mode ??= request.mode;
    } else {
        throw new CliInputError('give the sign-in: --signin FILE or --scenario NAME');
    }
    if (options.requestOnly) return JSON.stringify(signInToGraphRequest(signIn), null, 2);
    const result = evaluate(set, signIn, { mode: mode ?? 'strict' });
    return JSON.stringify(options.format === 'graph' ? whatIfGraph(result, set) : whatIfJson(result), null, 2);
}

