// Editor latency: the Latch language server in-process over JSON-RPC (in-memory streams), as an editor drives it.
// didChange → publishDiagnostics (fast validation: what typing waits for), didSave → publishDiagnostics (with the
// `slow` category), completion and code lens requests, on examples/contoso and on a synthetic 195-policy workspace;
// then heap after loading 2,000 policies. Each workspace runs in its own worker thread (own V8 isolate), and its
// server in another one, as an editor runs the server in its own process (JSON-RPC framing on both sides).

import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { PassThrough } from 'node:stream';
import { fileURLToPath } from 'node:url';
import v8 from 'node:v8';
import { isMainThread, MessageChannel, parentPort, Worker, workerData } from 'node:worker_threads';
import { fmtInt, median, table } from '../harness.js';
import { directoryText, policiesText, scenariosText } from '../workspace-gen.js';

const here = dirname(fileURLToPath(import.meta.url));
const contosoDir = join(here, '..', '..', 'examples', 'contoso');
const TARGETS = { changeMedianMs: 50, completionMedianMs: 20, codeLensMedianMs: 30 };

function percentile(xs, p) {
    const s = [...xs].sort((a, b) => a - b);
    return s[Math.min(s.length - 1, Math.floor(p * s.length))];
}

/** The server's side: Latch services on JSON-RPC over the given streams (as `latch-language-server` runs them). */
async function serve(input, output) {
    const { EmptyFileSystem } = await import('langium');
    const { startLanguageServer } = await import('langium/lsp');
    const rpc = await import('vscode-languageserver/node');
    const { createLatchServices } = await import('@latch/language');
    const connection = rpc.createConnection(new rpc.StreamMessageReader(input), new rpc.StreamMessageWriter(output));
    const { shared } = createLatchServices({ connection, ...EmptyFileSystem });
    startLanguageServer(shared);
}

/** Byte streams over a MessagePort: the JSON-RPC framing (encode, decode) runs on each side, like stdio or IPC. */
function portStreams(port) {
    const input = new PassThrough();
    const output = new PassThrough();
    port.on('message', (chunk) => input.write(Buffer.from(chunk)));
    output.on('data', (chunk) => port.postMessage(chunk));
    return { input, output };
}

/**
 * A client connected to a server. `separate`: the server runs in its own thread (own isolate, own heap and GC), as
 * the editor runs it in its own process, so the client's decoding of large diagnostics lists is not counted as
 * server time; otherwise in this thread (for the heap measurement).
 */
async function startServer({ separate = true } = {}) {
    const rpc = await import('vscode-languageserver/node');
    let reader;
    let writer;
    let server;
    if (separate) {
        const { port1, port2 } = new MessageChannel();
        server = new Worker(fileURLToPath(import.meta.url), { workerData: { section: '30-editor-latency-server', port: port2 }, transferList: [port2] });
        const { input, output } = portStreams(port1);
        reader = new rpc.StreamMessageReader(input);
        writer = new rpc.StreamMessageWriter(output);
    } else {
        const up = new PassThrough();
        const down = new PassThrough();
        await serve(up, down);
        reader = new rpc.StreamMessageReader(down);
        writer = new rpc.StreamMessageWriter(up);
    }
    const client = rpc.createProtocolConnection(reader, writer);
    const waiters = new Map();
    client.onNotification('textDocument/publishDiagnostics', (p) => {
        const list = waiters.get(p.uri) ?? [];
        waiters.delete(p.uri);
        for (const resolve of list) resolve(p.diagnostics);
    });
    client.onRequest('workspace/codeLens/refresh', () => null);
    client.onRequest('client/registerCapability', () => null);
    client.listen();
    await client.sendRequest('initialize', { processId: null, rootUri: null, workspaceFolders: null, capabilities: { workspace: { codeLens: { refreshSupport: true } } } });
    await client.sendNotification('initialized', {});
    const next = (uri) => new Promise((resolve) => waiters.set(uri, [...(waiters.get(uri) ?? []), resolve]));
    const stop = async () => {
        client.dispose();
        await server?.terminate();
    };
    return { client, next, stop };
}

/** One workspace: open every file, then time edits, saves, completions and code lenses on `editFile`. */
async function runWorkspace({ files, editFile, lensFile, rounds }) {
    const { client, next, stop } = await startServer();
    const uri = (name) => `file:///bench/${name}`;
    const opened = Object.keys(files).map((name) => next(uri(name)));
    for (const [name, text] of Object.entries(files)) {
        await client.sendNotification('textDocument/didOpen', { textDocument: { uri: uri(name), languageId: 'latch', version: 1, text } });
    }
    await Promise.all(opened);
    // Saving the lens file reveals its scenarios' results, so its lenses show (and compute) them, as for a user who
    // has saved or run them once.
    const revealed = next(uri(lensFile));
    await client.sendNotification('textDocument/didSave', { textDocument: { uri: uri(lensFile) } });
    await revealed;
    const editUri = uri(editFile);
    const base = files[editFile];
    const change = [];
    const save = [];
    const policySave = [];
    const completion = [];
    const lensCold = [];
    const lensWarm = [];
    // Completion inside the first policy's users clause of the edited file.
    const usersAt = base.indexOf('users include ') + 'users include '.length;
    const before = base.slice(0, usersAt);
    const position = { line: before.split('\n').length - 1, character: usersAt - before.lastIndexOf('\n') - 1 };
    let version = 1;
    for (let i = 0; i < rounds; i++) {
        // A keystroke: a comment that grows by one character each round (the model is unchanged).
        const text = `${base}\n// edit ${'x'.repeat(i % 20)}\n`;
        const published = next(editUri);
        let t = performance.now();
        await client.sendNotification('textDocument/didChange', { textDocument: { uri: editUri, version: ++version }, contentChanges: [{ text }] });
        await published;
        change.push(performance.now() - t);

        t = performance.now();
        await client.sendRequest('textDocument/codeLens', { textDocument: { uri: uri(lensFile) } });
        lensCold.push(performance.now() - t);
        t = performance.now();
        await client.sendRequest('textDocument/codeLens', { textDocument: { uri: uri(lensFile) } });
        lensWarm.push(performance.now() - t);

        t = performance.now();
        await client.sendRequest('textDocument/completion', { textDocument: { uri: editUri }, position });
        completion.push(performance.now() - t);

        if (i % 5 === 0) {
            const saved = next(editUri);
            t = performance.now();
            await client.sendNotification('textDocument/didSave', { textDocument: { uri: editUri } });
            await saved;
            save.push(performance.now() - t);
        }
        if (i % 5 === 2) {
            // A real policy edit: one policy's `state on` becomes `state reportOnly` (another policy each time), then
            // save: the conflict analysis runs at once, incrementally (only the policies meeting the edited one).
            const text = toggleState(base, i / 5);
            const built = next(editUri);
            await client.sendNotification('textDocument/didChange', { textDocument: { uri: editUri, version: ++version }, contentChanges: [{ text }] });
            await built;
            const saved = next(editUri);
            t = performance.now();
            await client.sendNotification('textDocument/didSave', { textDocument: { uri: editUri } });
            await saved;
            policySave.push(performance.now() - t);
        }
    }
    await stop();
    const stats = (xs) => ({ median: +median(xs).toFixed(2), p95: +percentile(xs, 0.95).toFixed(2), n: xs.length });
    return { change: stats(change), save: stats(save), policySave: stats(policySave), completion: stats(completion), lensCold: stats(lensCold), lensWarm: stats(lensWarm) };
}

/** The text with its k-th `state on` (cycling) turned into `state reportOnly`. */
function toggleState(text, k) {
    const at = [...text.matchAll(/state on\b/g)].map((m) => m.index);
    const i = at[Math.floor(k * 7) % at.length];
    return `${text.slice(0, i)}state reportOnly${text.slice(i + 'state on'.length)}`;
}

async function memoryAfterLoading(policies) {
    const gc = () => globalThis.gc?.();
    gc();
    const before = v8.getHeapStatistics().used_heap_size;
    const { client, next, stop } = await startServer({ separate: false });
    const files = { 'directory.latch': directoryText() };
    for (let k = 0; k < policies / 100; k++) files[`policies-${k}.latch`] = policiesText(k * 100, 100);
    const waits = Object.keys(files).map((n) => next(`file:///mem/${n}`));
    for (const [name, text] of Object.entries(files)) {
        await client.sendNotification('textDocument/didOpen', { textDocument: { uri: `file:///mem/${name}`, languageId: 'latch', version: 1, text } });
    }
    await Promise.all(waits);
    gc();
    const after = v8.getHeapStatistics().used_heap_size;
    await stop();
    return { heapMiB: +((after - before) / 2 ** 20).toFixed(1), totalHeapMiB: +(after / 2 ** 20).toFixed(1) };
}

async function workerMain() {
    const { kind, quick } = workerData;
    const rounds = quick ? 25 : 80;
    if (kind === 'contoso') {
        const files = Object.fromEntries(readdirSync(contosoDir).filter((f) => f.endsWith('.latch')).map((f) => [f, readFileSync(join(contosoDir, f), 'utf8')]));
        return runWorkspace({ files, editFile: 'policies-global.latch', lensFile: 'scenarios-internals.latch', rounds });
    }
    if (kind === 'synthetic') {
        const files = { 'directory.latch': directoryText(), 'policies.latch': policiesText(0, 195), 'scenarios.latch': scenariosText(40) };
        return runWorkspace({ files, editFile: 'policies.latch', lensFile: 'policies.latch', rounds });
    }
    return memoryAfterLoading(2000);
}

if (!isMainThread && workerData?.section === '30-editor-latency-server') {
    const { input, output } = portStreams(workerData.port);
    await serve(input, output);
}

if (!isMainThread && workerData?.section === '30-editor-latency') {
    v8.setFlagsFromString('--expose-gc');
    globalThis.gc = (await import('node:vm')).runInNewContext('gc');
    parentPort.postMessage(await workerMain());
}

function inWorker(kind, quick) {
    return new Promise((resolve, reject) => {
        const w = new Worker(fileURLToPath(import.meta.url), { workerData: { section: '30-editor-latency', kind, quick } });
        let result;
        w.once('message', (m) => { result = m; });
        w.once('error', reject);
        w.once('exit', (code) => (code === 0 && result ? resolve(result) : reject(new Error(`editor-latency worker ${kind} exited with ${code}`))));
    });
}

export default async function ({ quick }) {
    const contoso = await inWorker('contoso', quick);
    const synthetic = await inWorker('synthetic', quick);
    const memory = await inWorker('memory', quick);
    const ms = (s) => `${s.median.toFixed(1)} / ${s.p95.toFixed(1)}`;
    const rows = [
        ['didChange → publishDiagnostics (fast checks)', ms(contoso.change), ms(synthetic.change), `≤ ${TARGETS.changeMedianMs} ms median`],
        ['didSave after a comment edit → publishDiagnostics (+ slow checks: the analysis also undoes the last round\'s policy edit)', ms(contoso.save), ms(synthetic.save), '—'],
        ['policy edit (a `state`), then didSave → publishDiagnostics with the incremental conflict analysis', ms(contoso.policySave), ms(synthetic.policySave), `≤ ${TARGETS.changeMedianMs} ms median`],
        ['completion (users include …)', ms(contoso.completion), ms(synthetic.completion), `≤ ${TARGETS.completionMedianMs} ms median`],
        ['code lens, first after an edit (the scenarios it shows — the saved file\'s, or all for the counts above policies — run again unless the edit left the policy set as it was)', ms(contoso.lensCold), ms(synthetic.lensCold), `≤ ${TARGETS.codeLensMedianMs} ms median`],
        ['code lens, cached', ms(contoso.lensWarm), ms(synthetic.lensWarm), '—'],
    ];
    const failures = [];
    for (const [name, r] of [['contoso', contoso], ['synthetic-195', synthetic]]) {
        if (r.policySave.median > TARGETS.changeMedianMs) failures.push({ check: 'editor analysis after a policy edit median', workspace: name, ms: r.policySave.median, target: TARGETS.changeMedianMs });
        if (r.change.median > TARGETS.changeMedianMs) failures.push({ check: 'editor didChange median', workspace: name, ms: r.change.median, target: TARGETS.changeMedianMs });
        if (r.completion.median > TARGETS.completionMedianMs) failures.push({ check: 'editor completion median', workspace: name, ms: r.completion.median, target: TARGETS.completionMedianMs });
        if (r.lensCold.median > TARGETS.codeLensMedianMs) failures.push({ check: 'editor code lens median', workspace: name, ms: r.lensCold.median, target: TARGETS.codeLensMedianMs });
    }
    const markdown = [
        `Language server in-process over JSON-RPC; ${quick ? 25 : 80} edits per workspace (a growing comment in one policy file; every fifth`,
        'round also a real policy edit, saved), median / p95 in ms. Typing runs the fast checks; the conflict analysis (Langium\'s `slow`',
        'category) runs 300 ms after typing pauses, or at once on save, and recomputes only the findings of policies that meet the edited one.',
        '',
        table(['request', 'examples/contoso (30 policies, 66 scenarios)', 'synthetic: 195 policies', 'target'], rows),
        '',
        `Heap after loading ${fmtInt(2000)} policies (directory + 20 files × 100, built and validated): **${memory.heapMiB} MiB** above the empty server (${memory.totalHeapMiB} MiB total heap).`,
    ].join('\n');
    return { title: 'Editor latency (language server)', markdown, json: { targets: TARGETS, contoso, synthetic195: synthetic, memory2000: memory }, failures };
}
