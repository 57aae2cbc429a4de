import { mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

/**
 * Writes each file to a temporary sibling and renames it into place, so a reader never sees a half-written file
 * and a failure leaves the previous version intact. All temporaries are written before the first rename.
 */
export function writeFilesAtomically(files: ReadonlyArray<{ path: string; text: string }>): void {
    const staged: Array<{ tmp: string; path: string }> = [];
    try {
        for (const f of files) {
            mkdirSync(dirname(f.path), { recursive: true });
            const tmp = join(dirname(f.path), `.${Date.now().toString(36)}-${process.pid}-${staged.length}.latch-tmp`);
            writeFileSync(tmp, f.text, { flag: 'wx' });
            staged.push({ tmp, path: f.path });
        }
        for (const s of staged) renameSync(s.tmp, s.path);
    } catch (e) {
        for (const s of staged) rmSync(s.tmp, { force: true });
        throw e;
    }
}
