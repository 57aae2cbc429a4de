// The policy sets under test: examples/contoso (.latch), the j0eyv baseline (Graph JSON) and, should contoso be
// missing or broken, a synthetic 40-policy .latch workspace.

import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadGraphFiles } from '@latch/engine';
import { collectFiles, loadLatchWorkspace } from '../packages/language/out/cli/load-workspace.js';
import { lowerWorkspace } from '../packages/language/out/lowering/lower-workspace.js';
import { directoryText, policiesText } from './workspace-gen.js';

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
export const J0EYV = '/work/shared/corpus/j0eyv-ConditionalAccessBaseline';

/** Loads .latch files; throws when the workspace has errors. */
export async function loadLatch(files) {
    const ws = await loadLatchWorkspace(files);
    const errors = ws.userDocuments.flatMap((d) => (d.diagnostics ?? []).filter((x) => x.severity === 1)
        .map((x) => `${d.uri.path}:${x.range.start.line + 1}: ${x.message}`));
    if (errors.length > 0) throw new Error(`${errors.length} errors, first: ${errors[0]}`);
    return lowerWorkspace(ws.documents).set;
}

export async function loadContoso() {
    const dir = join(ROOT, 'examples', 'contoso');
    try {
        if (!existsSync(dir)) throw new Error('examples/contoso does not exist');
        const files = collectFiles([dir], ['.latch']);
        if (files.length === 0) throw new Error('examples/contoso has no .latch files');
        const set = await loadLatch(files);
        return { key: 'contoso', label: 'examples/contoso (.latch)', set, note: undefined };
    } catch (e) {
        const tmp = mkdtempSync(join(tmpdir(), 'latch-bench-'));
        try {
            writeFileSync(join(tmp, 'directory.latch'), directoryText());
            writeFileSync(join(tmp, 'policies.latch'), policiesText(0, 40));
            const set = await loadLatch([join(tmp, 'directory.latch'), join(tmp, 'policies.latch')]);
            return { key: 'synthetic40', label: 'synthetic 40-policy set (.latch)', set, note: `contoso unavailable (${e.message}): synthetic fallback` };
        } finally {
            rmSync(tmp, { recursive: true, force: true });
        }
    }
}

export function loadJ0eyv() {
    const folders = ['Config/ConditionalAccess', 'Config/NamedLocations'].map((f) => join(J0EYV, f));
    const { set, warnings } = loadGraphFiles(folders);
    return { key: 'j0eyv', label: 'j0eyv ConditionalAccessBaseline (Graph JSON)', set, note: warnings.length ? `${warnings.length} reader warnings` : undefined };
}
