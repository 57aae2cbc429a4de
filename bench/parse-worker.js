// Parse + link + validate a synthetic workspace with the language services, as the CLI does (loadLatchWorkspace:
// NodeFileSystem, built-in library, DocumentBuilder.build with validation), then lowering.
//
// mode 'cold': a fresh worker (own V8 isolate) times loading the modules, then one loadLatchWorkspace + lowering
//              with a JIT-cold engine: what `latch check` pays once per run, minus Node's own start-up.
// mode 'warm': after one untimed load, `runs` timed loads (a forced GC before each), with a clock at every
//              DocumentBuilder phase: what a long-lived process (the language server) pays for a full rebuild.

import { parentPort, workerData } from 'node:worker_threads';

const { files, mode, runs } = workerData;
const now = () => Number(process.hrtime.bigint()) / 1e6;

const t0 = now();
const { DocumentState } = await import('langium');
const { NodeFileSystem } = await import('langium/node');
const { URI } = await import('vscode-uri');
const { BUILTIN_LIBRARY_URI, builtinLibraryText, createLatchServices } = await import('@latch/language');
const { loadLatchWorkspace } = await import('../packages/language/out/cli/load-workspace.js');
const { lowerWorkspace } = await import('../packages/language/out/lowering/lower-workspace.js');
const { median } = await import('./harness.js');
const importMs = now() - t0;

function diagnosticsOf(userDocuments) {
    let errors = 0;
    let warnings = 0;
    let firstError;
    for (const d of userDocuments) {
        for (const x of d.diagnostics ?? []) {
            if (x.severity === 1) { errors++; firstError ??= `${d.uri.path.split('/').pop()}:${x.range.start.line + 1}: ${x.message}`; }
            else if (x.severity === 2) warnings++;
        }
    }
    return { errors, warnings, firstError };
}

/** loadLatchWorkspace's steps, with a clock at each build phase (cumulative ms). */
async function phased() {
    const marks = {};
    const start = now();
    const at = () => now() - start;
    const { shared } = createLatchServices(NodeFileSystem);
    const builder = shared.workspace.DocumentBuilder;
    for (const [state, name] of [[DocumentState.IndexedContent, 'index'], [DocumentState.ComputedScopes, 'scopes'],
        [DocumentState.Linked, 'link'], [DocumentState.IndexedReferences, 'refs'], [DocumentState.Validated, 'validate']]) {
        builder.onBuildPhase(state, () => { marks[name] = at(); });
    }
    marks.services = at();
    const documents = shared.workspace.LangiumDocuments;
    const builtin = shared.workspace.LangiumDocumentFactory.fromString(builtinLibraryText(), URI.parse(BUILTIN_LIBRARY_URI));
    documents.addDocument(builtin);
    const docs = [];
    for (const f of files) docs.push(await documents.getOrCreateDocument(URI.file(f)));
    marks.parse = at();
    await builder.build([builtin, ...docs], { validation: true });
    marks.total = at();
    const l0 = now();
    const lowered = lowerWorkspace([builtin, ...docs]);
    marks.lower = now() - l0;
    return { marks, userDocuments: docs, policies: lowered.set.policies.length };
}

let result;
if (mode === 'cold') {
    const c0 = process.cpuUsage();
    const a = now();
    const ws = await loadLatchWorkspace(files);
    const loadMs = now() - a;
    const c = process.cpuUsage(c0);
    const loadCpuMs = (c.user + c.system) / 1000;
    const b = now();
    const lowered = lowerWorkspace(ws.documents);
    const lowerMs = now() - b;
    result = {
        importMs, loadMs, loadCpuMs, lowerMs, policies: lowered.set.policies.length, ...diagnosticsOf(ws.userDocuments),
        lines: ws.userDocuments.reduce((s, d) => s + d.textDocument.lineCount, 0),
        bytes: ws.userDocuments.reduce((s, d) => s + d.textDocument.getText().length, 0),
    };
} else {
    const { collectGarbage: gc } = await import('./harness.js');
    await phased(); // warm-up
    const all = [];
    const cpu = [];
    for (let r = 0; r < runs; r++) {
        gc();
        const c0 = process.cpuUsage();
        all.push((await phased()).marks);
        const c = process.cpuUsage(c0);
        cpu.push((c.user + c.system) / 1000);
    }
    const phases = {};
    for (const k of Object.keys(all[0])) phases[k] = median(all.map((m) => m[k]));
    result = { phases, totals: all.map((m) => m.total), lowers: all.map((m) => m.lower), cpu };
}
parentPort.postMessage(result);
