// Parse + link + validate a synthetic 2,000-policy workspace with the language services, as the CLI does
// (loadLatchWorkspace: NodeFileSystem, built-in library, DocumentBuilder.build with validation), plus lowering.
// Two layouts (one per worker, so each first run is JIT-cold): directory + 20 files × 100 policies, and
// directory + one file of 2,000 policies.

import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parentPort, workerData } from 'node:worker_threads';
import { DocumentState } from 'langium';
import { NodeFileSystem } from 'langium/node';
import { URI } from 'vscode-uri';
import { BUILTIN_LIBRARY_URI, builtinLibraryText, createLatchServices } from '@latch/language';
import { loadLatchWorkspace } from '../packages/language/out/cli/load-workspace.js';
import { lowerWorkspace } from '../packages/language/out/lowering/lower-workspace.js';
import { median } from './harness.js';
import { directoryText, policiesText } from './workspace-gen.js';

const { policies: P, runs, which } = workerData;
const tmp = mkdtempSync(join(tmpdir(), 'latch-parse-bench-'));

function layout(name, files) {
    const dir = join(tmp, name);
    mkdirSync(dir);
    writeFileSync(join(dir, 'directory.latch'), directoryText());
    const paths = [join(dir, 'directory.latch')];
    let i = 0;
    for (const n of files) {
        const f = join(dir, `policies-${String(paths.length).padStart(2, '0')}.latch`);
        writeFileSync(f, policiesText(i, n));
        paths.push(f);
        i += n;
    }
    return paths;
}

/** loadLatchWorkspace's steps with a clock at each build phase. */
async function phased(files) {
    const marks = {};
    const t0 = process.hrtime.bigint();
    const at = () => Number(process.hrtime.bigint() - t0) / 1e6;
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
    return marks;
}

function diagnosticsOf(ws) {
    let errors = 0;
    let warnings = 0;
    let first;
    for (const d of ws.userDocuments) {
        for (const x of d.diagnostics ?? []) {
            if (x.severity === 1) { errors++; first ??= `${d.uri.path.split('/').pop()}:${x.range.start.line + 1}: ${x.message}`; }
            else if (x.severity === 2) warnings++;
        }
    }
    return { errors, warnings, firstError: first };
}

const results = [];
try {
    const layouts = which === 'split'
        ? [{ name: `directory + ${P / 100} files × 100 policies`, files: layout('split', Array.from({ length: P / 100 }, () => 100)) }]
        : [{ name: `directory + 1 file × ${P} policies`, files: layout('single', [P]) }];
    for (const l of layouts) {
        const totals = [];
        const lowers = [];
        let diag;
        let policyCount = 0;
        let lines = 0;
        for (let r = 0; r < runs; r++) {
            const t0 = process.hrtime.bigint();
            const ws = await loadLatchWorkspace(l.files);
            totals.push(Number(process.hrtime.bigint() - t0) / 1e6);
            const t1 = process.hrtime.bigint();
            const lowered = lowerWorkspace(ws.documents);
            lowers.push(Number(process.hrtime.bigint() - t1) / 1e6);
            policyCount = lowered.set.policies.length;
            diag ??= diagnosticsOf(ws);
            lines = ws.userDocuments.reduce((s, d) => s + d.textDocument.lineCount, 0);
        }
        const phases = [];
        for (let r = 0; r < Math.max(3, Math.ceil(runs / 2)); r++) phases.push(await phased(l.files));
        const phaseMedian = {};
        for (const k of Object.keys(phases[0])) phaseMedian[k] = median(phases.map((p) => p[k]));
        results.push({
            layout: l.name, files: l.files.length, lines, policies: policyCount, ...diag,
            coldMs: totals[0], warmMedianMs: median(totals.slice(1)), medianAllMs: median(totals), runs: totals.length, runMs: totals,
            lowerMedianMs: median(lowers), lowerColdMs: lowers[0], phases: phaseMedian,
        });
    }
} finally {
    rmSync(tmp, { recursive: true, force: true });
}
parentPort.postMessage(results);
