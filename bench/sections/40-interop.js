// Graph interop (issue #5): import + validate the whole shared corpus (target < 1 s), and export it back.
// Cold = the first run in this process (Langium's lexer/parser set-up included); warm = the median of later runs.

import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fmtMs, median, table } from '../harness.js';

const CORPUS = '/work/shared/corpus';
const TARGET_MS = 1000;

export default async function ({ quick }) {
    const { loadGraphFiles, policyToGraph, namedLocationToGraph } = await import('@latch/engine');
    const { printImport } = await import('../../packages/language/out/printer/print-import.js');
    const { loadLatchWorkspace } = await import('../../packages/language/out/cli/load-workspace.js');
    const { lowerWorkspace } = await import('../../packages/language/out/lowering/lower-workspace.js');
    const { collectDiagnostics } = await import('../../packages/language/out/cli/diagnostics.js');

    const dir = mkdtempSync(join(tmpdir(), 'latch-interop-bench-'));
    const runs = [];
    let last;
    try {
        for (let i = 0; i < (quick ? 3 : 6); i++) {
            const t0 = performance.now();
            const { set } = loadGraphFiles([CORPUS]);
            const t1 = performance.now();
            const printed = printImport(set);
            const files = [['directory.latch', printed.directory], ['locations.latch', printed.locations], ['policies.latch', printed.policies]]
                .filter(([, text]) => text !== '').map(([name, text]) => {
                    const file = join(dir, `${i}-${name}`);
                    writeFileSync(file, text);
                    return file;
                });
            const t2 = performance.now();
            const ws = await loadLatchWorkspace(files);
            const errors = collectDiagnostics(ws.userDocuments).filter((d) => d.severity === 'error').length;
            const t3 = performance.now();
            const lowered = lowerWorkspace(ws.documents);
            const bodies = [...lowered.set.policies.map((p) => policyToGraph(p, { keepIds: true })), ...lowered.set.namedLocations.map((l) => namedLocationToGraph(l, { keepIds: true }))];
            const t4 = performance.now();
            runs.push({ read: t1 - t0, print: t2 - t1, validate: t3 - t2, importTotal: t3 - t0, exportMs: t4 - t3 });
            last = { policies: set.policies.length, locations: set.namedLocations.length, errors, exported: bodies.length };
        }
    } finally {
        rmSync(dir, { recursive: true, force: true });
    }
    const warm = runs.slice(1);
    const pick = (k) => ({ cold: runs[0][k], warm: median(warm.map((r) => r[k])) });
    const rows = [
        ['read Graph JSON', pick('read')],
        ['print .latch', pick('print')],
        ['parse + link + validate', pick('validate')],
        ['**import + validate, total**', pick('importTotal')],
        ['lower + export to Graph', pick('exportMs')],
    ];
    const failures = [];
    if (last.errors > 0) failures.push({ what: 'imported corpus has errors', errors: last.errors });
    if (pick('importTotal').warm > TARGET_MS) failures.push({ what: 'import + validate over target', ms: pick('importTotal').warm, targetMs: TARGET_MS });
    return {
        title: 'Graph interop: the shared corpus',
        markdown: `${last.policies} policies and ${last.locations} named locations (both corpora), imported to .latch with ${last.errors} errors, exported back (${last.exported} objects). Target: import + validate < ${TARGET_MS} ms.\n\n`
            + table(['step', 'cold', 'warm (median)'], rows.map(([name, v]) => [name, fmtMs(v.cold), fmtMs(v.warm)])),
        json: { ...last, runs, targetMs: TARGET_MS },
        failures,
    };
}
