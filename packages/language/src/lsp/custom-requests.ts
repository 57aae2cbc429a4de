// Latch's own LSP requests for the VS Code client (What If panel, Test Explorer, analysis report). The client holds no
// policy logic: every answer here is computed by the engine over the workspace's lowered model.

import {
    type EvaluationMode, type EvaluationResult, type PolicySet, describeDecision, evaluate, formatDuration, runScenario,
    JsonInputError,
} from '@latch/engine';
import { AstUtils, DocumentState, type LangiumDocument, URI } from 'langium';
import type { LangiumSharedServices } from 'langium/lsp';
import type { Connection, Diagnostic, Range } from 'vscode-languageserver';
import { isBuiltinUri } from '../builtins/builtin-library.js';
import * as ast from '../generated/ast.js';
import { lowerScenario } from '../lowering/lower-scenario.js';
import { type LoweredWorkspace, lowerWorkspace } from '../lowering/lower-workspace.js';
import { latchControlLabel } from '../presentation/control-label.js';
import { findingData, workspaceAnalysis } from '../analysis/finding-diagnostics.js';
import type { LatchServices } from '../latch-module.js';
import { importGraph, writeImported } from '../interop/import-graph.js';

// ---------------------------------------------------------------------------------------------------------------
// Protocol (the extension imports these types)

export const LatchRequests = {
    whatIf: 'latch/whatIf',
    workspaceNames: 'latch/workspaceNames',
    tests: 'latch/tests',
    runTests: 'latch/runTests',
    analysisReport: 'latch/analysisReport',
    importGraph: 'latch/importGraph',
} as const;

/** Import Graph JSON files or folders as .latch files into a folder (what `latch import -o` does). */
export interface ImportGraphParams { paths: string[]; outDir: string }
export interface ImportGraphResult { written: string[]; policies: number; namedLocations: number; warnings: string[]; error?: string }

/** What If inputs in Latch spelling (names, not ids): exactly what a scenario block would say. */
export interface WhatIfInputs {
    user?: string;
    groups?: string[];
    roles?: string[];
    guest?: string;
    target?: { kind: 'app' | 'action' | 'authContext'; name: string };
    ip?: string;
    country?: string;
    platform?: string;
    client?: string;
    device?: { registered?: boolean; isCompliant?: boolean; trustType?: string };
    signInRisk?: string;
    userRisk?: string;
    insiderRisk?: string;
    flow?: string;
    time?: { timestamp: string; zone: string };
    satisfied?: string[];
}

export interface WhatIfParams { inputs: WhatIfInputs; mode?: EvaluationMode; scenarioName?: string }

export interface SourceLocation { uri: string; range: Range }

export interface WhatIfPolicy {
    name: string;
    displayName?: string;
    state: string;
    applies: boolean;
    /** Entra's per-policy result (`success`, `reportOnlyFailure`, …). */
    result: string;
    /** Why it does not apply: the first failing condition and its trace detail. */
    reason?: string;
    detail?: string;
    /** The policy's own requirement after discharge, in Latch spelling. */
    requires?: string;
    block: boolean;
    location?: SourceLocation;
}

export interface WhatIfResponse {
    /** Problems with the inputs (unknown names, bad IP, …); no result when non-empty. */
    errors: string[];
    outcome?: 'allow' | 'block' | 'requires';
    /** `requires mfa and compliantDevice`, `block`, `allow`. */
    decision?: string;
    requirement?: string;
    shadowDecision?: string;
    session: string[];
    policies: WhatIfPolicy[];
    /** The inputs as a scenario block pinning this result (for "Save as scenario"). */
    scenarioText: string;
}

export interface WorkspaceNames {
    users: string[]; groups: string[]; roles: string[]; apps: string[]; authContexts: string[];
    strengths: string[]; terms: string[]; policies: string[]; locations: string[];
}

export interface TestExpectation { label: string; range: Range }
export interface TestItemInfo {
    /** `uri#kind:name`, stable across edits that keep the name. */
    id: string;
    kind: 'scenario' | 'assertion';
    name: string;
    uri: string;
    range: Range;
    expectations: TestExpectation[];
}
export interface TestFile { uri: string; items: TestItemInfo[] }

export interface RunTestsParams { ids?: string[]; mode?: EvaluationMode }
export interface TestFailure { message: string; expected: string; actual: string; location: SourceLocation }
export interface TestRunResult {
    id: string;
    status: 'passed' | 'failed' | 'skipped' | 'errored';
    /** One-line outcome, e.g. `requires mfa · applies: CA100`. */
    summary: string;
    message?: string;
    failures: TestFailure[];
    durationMs: number;
}

// ---------------------------------------------------------------------------------------------------------------
// Handlers

export function registerCustomRequests(shared: LangiumSharedServices, connection: Connection): void {
    const handlers = createCustomRequestHandlers(shared);
    connection.onRequest(LatchRequests.whatIf, (p: WhatIfParams) => handlers.whatIf(p));
    connection.onRequest(LatchRequests.workspaceNames, () => handlers.workspaceNames());
    connection.onRequest(LatchRequests.tests, () => handlers.tests());
    connection.onRequest(LatchRequests.runTests, (p: RunTestsParams) => handlers.runTests(p ?? {}));
    connection.onRequest(LatchRequests.analysisReport, (p: { mode?: EvaluationMode }) => handlers.analysisReport(p ?? {}));
    connection.onRequest(LatchRequests.importGraph, (p: ImportGraphParams) => importGraphRequest(p));
}

/** Runs on an explicit user command only; bad input comes back as a message (file:line:col), never a crash. */
export function importGraphRequest(params: ImportGraphParams): ImportGraphResult {
    try {
        const imported = importGraph(params.paths);
        if (imported.policies === 0 && imported.namedLocations === 0) {
            return { written: [], policies: 0, namedLocations: 0, warnings: imported.warnings, error: 'no conditional access policies or named locations found' };
        }
        return { written: writeImported(imported, params.outDir), policies: imported.policies, namedLocations: imported.namedLocations, warnings: imported.warnings };
    } catch (e) {
        return { written: [], policies: 0, namedLocations: 0, warnings: [], error: e instanceof JsonInputError ? e.toString() : e instanceof Error ? e.message : String(e) };
    }
}

export type CustomRequestHandlers = ReturnType<typeof createCustomRequestHandlers>;

/** The request handlers without a connection (tests call them directly). */
export function createCustomRequestHandlers(shared: LangiumSharedServices) {
    const documents = shared.workspace.LangiumDocuments;
    const builder = shared.workspace.DocumentBuilder;
    let cached: LoweredWorkspace | undefined;
    builder.onUpdate(() => { cached = undefined; });

    async function workspace(): Promise<{ docs: LangiumDocument[]; lowered: LoweredWorkspace }> {
        await builder.waitUntil(DocumentState.Validated);
        const docs = documents.all.toArray();
        cached ??= lowerWorkspace(docs);
        return { docs, lowered: cached };
    }
    const userDocs = (docs: LangiumDocument[]) => docs.filter((d) => !isBuiltinUri(d.uri.toString()) && ast.isDocument(d.parseResult.value));

    return {
        async whatIf(params: WhatIfParams): Promise<WhatIfResponse> {
            const { lowered } = await workspace();
            const body = inputStatements(params.inputs);
            const name = params.scenarioName?.trim() || 'What If';
            const empty = { session: [], policies: [], scenarioText: scenarioBlock(name, body.lines, []) };
            if (body.errors.length > 0) return { ...empty, errors: body.errors };
            const probe = await parseProbe(shared, scenarioBlock(name, body.lines, []));
            if (probe.errors.length > 0) return { ...empty, errors: probe.errors };
            const signIn = lowerScenario(probe.scenario).scenario.steps[0].signIn;
            const result = evaluate(lowered.set, signIn, { mode: params.mode ?? 'strict' });
            return { ...present(lowered, result), errors: [], scenarioText: scenarioBlock(name, body.lines, pinnedExpectations(lowered.set, result)) };
        },

        async workspaceNames(): Promise<WorkspaceNames> {
            const { docs } = await workspace();
            const names: WorkspaceNames = { users: [], groups: [], roles: [], apps: [], authContexts: [], strengths: [], terms: [], policies: [], locations: [] };
            const slot: Record<string, keyof WorkspaceNames> = {
                [ast.User.$type]: 'users', [ast.Group.$type]: 'groups', [ast.Role.$type]: 'roles', [ast.App.$type]: 'apps',
                [ast.AuthContext.$type]: 'authContexts', [ast.Strength.$type]: 'strengths', [ast.Terms.$type]: 'terms',
                [ast.Policy.$type]: 'policies', [ast.Location.$type]: 'locations',
            };
            for (const doc of docs) {
                const root = doc.parseResult.value;
                if (!ast.isDocument(root)) continue;
                for (const el of root.elements) {
                    const key = slot[el.$type];
                    if (key && 'name' in el && typeof el.name === 'string') names[key].push(el.name);
                }
            }
            for (const list of Object.values(names) as string[][]) list.sort((a, b) => a.localeCompare(b));
            return names;
        },

        async tests(): Promise<TestFile[]> {
            const { docs } = await workspace();
            return userDocs(docs).map((doc) => ({ uri: doc.uri.toString(), items: testItems(doc) })).filter((f) => f.items.length > 0);
        },

        async runTests(params: RunTestsParams): Promise<TestRunResult[]> {
            const { docs, lowered } = await workspace();
            const wanted = params.ids ? new Set(params.ids) : undefined;
            const label = latchControlLabel(lowered.set);
            const byNode = new Map(lowered.scenarios.map((s) => [s.node, s]));
            const results: TestRunResult[] = [];
            for (const doc of userDocs(docs)) {
                const uri = doc.uri.toString();
                for (const el of (doc.parseResult.value as ast.Document).elements) {
                    if (!ast.isScenario(el) && !ast.isAssertion(el)) continue;
                    const id = testId(uri, el);
                    if (wanted && !wanted.has(id)) continue;
                    const started = performance.now();
                    const errors = errorsWithin(doc, el);
                    if (errors.length > 0) {
                        results.push({ id, status: 'errored', summary: 'does not compile', message: errors.join('\n'), failures: [], durationMs: 0 });
                    } else if (ast.isAssertion(el)) {
                        // The exact analysis proves the assertion over every sign-in in its scope (shared, cached).
                        const analysis = workspaceAnalysis(shared.ServiceRegistry.getServices(doc.uri) as LatchServices);
                        const r = analysis.result.assertions.find((x) => x.assertion.name === el.name);
                        const data = r?.finding ? findingData(analysis, r.finding) : undefined;
                        results.push(!r
                            ? { id, status: 'skipped', summary: 'not checked', message: 'The assertion could not be analysed.', failures: [], durationMs: 0 }
                            : r.holds
                                ? { id, status: 'passed', summary: 'holds for every sign-in in scope', failures: [], durationMs: performance.now() - started }
                                : {
                                    id, status: 'failed', summary: `counterexample: ${data?.witnessText ?? 'see the diagnostic'}`,
                                    failures: [{
                                        message: r.finding?.message ?? 'the assertion does not hold', expected: 'holds for every sign-in in scope',
                                        actual: `counterexample: ${data?.witnessText ?? ''}`, location: { uri, range: rangeOf(el) },
                                    }],
                                    durationMs: performance.now() - started,
                                });
                    } else {
                        const lowered1 = byNode.get(el);
                        if (!lowered1) continue;
                        const r = runScenario(lowered.set, lowered1.scenario, { mode: params.mode, controlLabel: label });
                        const failures: TestFailure[] = [];
                        r.steps.forEach((step, i) => step.expectations.forEach((e, j) => {
                            if (e.passed) return;
                            const node = lowered1.expectationNodes[i]?.[j] ?? el;
                            const at = step.afterMinutes > 0 ? ` after ${formatDuration(step.afterMinutes)}` : '';
                            failures.push({
                                message: `expected ${e.expected}${at}, got ${e.actual}`, expected: e.expected, actual: e.actual,
                                location: { uri, range: rangeOf(node) },
                            });
                        }));
                        const first = r.steps[0].result;
                        results.push({
                            id, status: r.passed ? 'passed' : 'failed', summary: `${describeDecision(first, label)} · ${appliedList(first)}`,
                            failures, durationMs: performance.now() - started,
                        });
                    }
                }
            }
            return results;
        },

        /** A Markdown report: diagnostics by file, then every scenario's result. */
        async analysisReport(params: { mode?: EvaluationMode }): Promise<string> {
            const { docs } = await workspace();
            const runs = await this.runTests({ mode: params.mode });
            const lines = ['# Latch analysis report', ''];
            const sev = ['', 'error', 'warning', 'info', 'hint'];
            const diags = userDocs(docs).flatMap((d) => (d.diagnostics ?? []).map((x) => ({ file: d.uri.path.split('/').pop(), d: x })));
            lines.push(`## Diagnostics (${diags.length})`, '');
            if (diags.length === 0) lines.push('No problems.');
            for (const { file, d } of diags) {
                lines.push(`- **${sev[d.severity ?? 1]}** \`${file}:${d.range.start.line + 1}\` ${d.code ? `\`${String(d.code)}\` ` : ''}${d.message}`);
            }
            const failed = runs.filter((r) => r.status === 'failed' || r.status === 'errored');
            lines.push('', `## Scenarios and assertions (${runs.length}: ${runs.filter((r) => r.status === 'passed').length} passed, ${failed.length} failed)`, '');
            for (const r of runs) {
                const mark = { passed: '✓', failed: '✗', errored: '✗', skipped: '○' }[r.status];
                lines.push(`- ${mark} ${r.id.split('#')[1]} — ${r.summary}`);
                for (const f of r.failures) lines.push(`  - ${f.message}`);
            }
            return lines.join('\n') + '\n';
        },
    };
}

// ---------------------------------------------------------------------------------------------------------------
// What If: inputs → scenario text → the same lowering as a written scenario

const NAME = /^\^?[A-Za-z_]([A-Za-z0-9_.-]*[A-Za-z0-9_])?$/;
const CONTROL = /^(strength|terms)\s+\^?[A-Za-z_][A-Za-z0-9_.-]*$|^\^?[A-Za-z_][A-Za-z0-9_]*$/;
const IP = /^[0-9A-Fa-f:.]+$/;
const TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?$/;

/** The scenario statements for the inputs; values are checked token by token so no input can inject syntax. */
export function inputStatements(i: WhatIfInputs): { lines: string[]; errors: string[] } {
    const lines: string[] = [];
    const errors: string[] = [];
    const name = (what: string, v: string | undefined): string | undefined => {
        const t = v?.trim();
        if (!t) return undefined;
        if (!NAME.test(t)) { errors.push(`${what}: "${t}" is not a name`); return undefined; }
        return t;
    };
    const names = (what: string, vs: string[] | undefined) => (vs ?? []).map((v) => name(what, v)).filter((v): v is string => !!v);

    const user = name('user', i.user);
    const groups = names('group', i.groups);
    const roles = names('role', i.roles);
    const guest = name('guest type', i.guest);
    const extras = [groups.length ? `groups ${groups.join(', ')}` : '', roles.length ? `roles ${roles.join(', ')}` : '', guest ? `guest ${guest}` : ''].filter(Boolean);
    if (user || extras.length > 0) lines.push(`user${user ? ` ${user}` : ''}${extras.length ? ` { ${extras.join('  ')} }` : ''}`);
    const target = name('target', i.target?.name);
    if (target && i.target) lines.push(`${i.target.kind} ${target}`);
    const ip = i.ip?.trim();
    if (ip) { if (IP.test(ip)) lines.push(`ip ${ip}`); else errors.push(`ip: "${ip}" is not an IP address`); }
    const country = i.country?.trim();
    if (country) { if (/^([A-Za-z]{2}|unknown)$/.test(country)) lines.push(`country ${country === 'unknown' ? country : country.toUpperCase()}`); else errors.push(`country: "${country}" is not a two-letter code`); }
    for (const [keyword, v] of [['platform', i.platform], ['client', i.client], ['signInRisk', i.signInRisk], ['userRisk', i.userRisk], ['insiderRisk', i.insiderRisk], ['flow', i.flow]] as const) {
        const t = name(keyword, v);
        if (t) lines.push(`${keyword} ${t}`);
    }
    if (i.device && (i.device.registered || i.device.isCompliant !== undefined || i.device.trustType)) {
        const props = [`registered ${i.device.registered === true}`];
        if (i.device.isCompliant !== undefined) props.push(`isCompliant ${i.device.isCompliant}`);
        if (i.device.trustType) props.push(`trustType ${JSON.stringify(i.device.trustType)}`);
        lines.push(`device { ${props.join('  ')} }`);
    }
    if (i.time?.timestamp) {
        if (TIMESTAMP.test(i.time.timestamp)) lines.push(`at ${i.time.timestamp} ${JSON.stringify(i.time.zone || 'UTC')}`);
        else errors.push(`time: "${i.time.timestamp}" is not YYYY-MM-DDTHH:MM`);
    }
    const satisfied = (i.satisfied ?? []).map((c) => c.trim().replace(/\s+/g, ' ')).filter(Boolean);
    const badControl = satisfied.find((c) => !CONTROL.test(c));
    if (badControl) errors.push(`satisfied: "${badControl}" is not a control`);
    else if (satisfied.length > 0) lines.push(`satisfied ${satisfied.join(', ')}`);
    return { lines, errors };
}

export function scenarioBlock(name: string, inputs: string[], expectations: string[]): string {
    return [`scenario ${JSON.stringify(name)} {`, ...inputs.map((l) => `  ${l}`), ...expectations.map((l) => `  ${l}`), '}', ''].join('\n');
}

/** `expect …` lines that pin a result: the outcome (or requirement) and the applied policies. */
function pinnedExpectations(set: PolicySet, r: EvaluationResult): string[] {
    const out = [`expect ${describeDecision(r, latchControlLabel(set))}`];
    const applied = r.policies.filter((p) => p.policyApplies && p.state === 'enabled').map((p) => p.name);
    if (applied.length > 0) out.push(`expect applies ${applied.join(', ')}`);
    return out;
}

/** Parses and links a scenario against the workspace index without adding it to the workspace. */
async function parseProbe(shared: LangiumSharedServices, text: string): Promise<{ scenario: ast.Scenario; errors: string[] }> {
    const services = shared.ServiceRegistry.getServices(URI.parse('file:///probe.latch'));
    const doc = shared.workspace.LangiumDocumentFactory.fromString<ast.Document>(text, URI.parse('latch-whatif:///probe.latch'));
    const errors = [...doc.parseResult.lexerErrors.map((e) => e.message), ...doc.parseResult.parserErrors.map((e) => e.message)];
    const scenario = doc.parseResult.value.elements.find(ast.isScenario);
    if (!scenario) return { scenario: undefined as unknown as ast.Scenario, errors: errors.length ? errors : ['no scenario'] };
    await services.references.Linker.link(doc);
    for (const { reference } of AstUtils.streamAst(scenario).flatMap((n) => AstUtils.streamReferences(n))) {
        if ('ref' in reference && !reference.ref) errors.push(`unknown name "${reference.$refText}"`);
    }
    // Value checks (country code, time zone, IP…) come from the validator, exactly as in a file.
    const diagnostics = await services.validation.DocumentValidator.validateDocument(doc);
    for (const d of diagnostics) {
        const message = typeof d.message === 'string' ? d.message : d.message.value;
        if (d.severity === 1 && !/Could not resolve/.test(message) && !errors.includes(message)) errors.push(message);
    }
    return { scenario, errors: [...new Set(errors)] };
}

function present(lowered: LoweredWorkspace, r: EvaluationResult): Omit<WhatIfResponse, 'errors' | 'scenarioText'> {
    const label = latchControlLabel(lowered.set);
    const nodes = new Map(lowered.set.policies.map((p, i) => [p, lowered.policyNodes[i]]));
    const byId = new Map(lowered.set.policies.map((p) => [p.id, p]));
    return {
        outcome: r.outcome,
        decision: describeDecision(r, label),
        requirement: r.outcome === 'requires' ? describeDecision(r, label).replace(/^requires /, '') : undefined,
        shadowDecision: describeDecision(r.shadow, label),
        session: sessionLines(r),
        policies: r.policies.map((p) => {
            const policy = byId.get(p.id);
            const node = policy ? nodes.get(policy) : undefined;
            const failing = p.trace.find((t) => t.condition === p.analysisReasons);
            return {
                name: p.name, displayName: p.displayName, state: p.state, applies: p.policyApplies, result: p.result,
                reason: p.policyApplies ? undefined : p.analysisReasons, detail: p.policyApplies ? undefined : failing?.detail,
                requires: p.requires && p.requires.length > 0 ? describeDecision({ outcome: 'requires', requires: p.requires } as EvaluationResult, label).replace(/^requires /, '') : undefined,
                block: policy?.grant?.kind === 'block',
                location: node?.$cstNode ? { uri: AstUtils.getDocument(node).uri.toString(), range: node.$cstNode.range } : undefined,
            };
        }),
    };
}

function sessionLines(r: EvaluationResult): string[] {
    const s = r.session as Record<string, unknown>;
    return Object.entries(s).filter(([, v]) => v !== undefined && v !== false).map(([k, v]) => {
        if (k === 'signInFrequency') return `signInFrequency ${typeof v === 'number' ? formatDuration(v) : String(v)}`;
        return v === true ? k : `${k} ${typeof v === 'object' ? JSON.stringify(v) : String(v)}`;
    });
}

function appliedList(r: EvaluationResult): string {
    const applied = r.policies.filter((p) => p.policyApplies).map((p) => (p.state === 'enabledForReportingButNotEnforced' ? `${p.name} (report-only)` : p.name));
    return applied.length > 0 ? `applies: ${applied.join(', ')}` : 'no policy applies';
}

// ---------------------------------------------------------------------------------------------------------------
// Tests

function testId(uri: string, el: ast.Scenario | ast.Assertion): string {
    return `${uri}#${ast.isScenario(el) ? 'scenario' : 'assertion'}:${el.name}`;
}

const ZERO: Range = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
function rangeOf(node: ast.Scenario | ast.Assertion | ast.Expectation): Range {
    return node.$cstNode?.range ?? ZERO;
}

function testItems(doc: LangiumDocument): TestItemInfo[] {
    const uri = doc.uri.toString();
    const text = doc.textDocument.getText();
    return (doc.parseResult.value as ast.Document).elements.filter((e): e is ast.Scenario | ast.Assertion => ast.isScenario(e) || ast.isAssertion(e))
        .filter((e) => typeof e.name === 'string')
        .map((el) => ({
            id: testId(uri, el),
            kind: ast.isScenario(el) ? 'scenario' : 'assertion',
            name: el.name,
            uri,
            range: rangeOf(el),
            expectations: ast.isScenario(el)
                ? AstUtils.streamAllContents(el).filter(ast.isExpectation).map((e) => ({ label: e.$cstNode ? text.slice(e.$cstNode.offset, e.$cstNode.end) : 'expect', range: rangeOf(e) })).toArray()
                : [],
        }));
}

function errorsWithin(doc: LangiumDocument, el: ast.Scenario | ast.Assertion): string[] {
    const r = el.$cstNode?.range;
    if (!r) return [];
    const inside = (d: Diagnostic) => d.range.start.line >= r.start.line && d.range.end.line <= r.end.line;
    return (doc.diagnostics ?? []).filter((d) => d.severity === 1 && inside(d)).map((d) => `line ${d.range.start.line + 1}: ${d.message}`);
}
