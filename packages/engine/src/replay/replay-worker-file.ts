// Where the compiled worker script of a parallel replay is: beside this module, found with `import.meta`. The engine's
// index does not export this module (the CLI imports it as `@latch/engine/replay-worker-file`), so CommonJS bundles
// of the engine, such as the VS Code extension's language server, never meet `import.meta`.

import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** The compiled replay-worker.js; undefined when running from TypeScript sources (no compiled script beside them). */
export function replayWorkerFile(): string | undefined {
    const url = new URL('./replay-worker.js', import.meta.url);
    if (url.protocol !== 'file:') return undefined;
    const path = fileURLToPath(url);
    return existsSync(path) ? path : undefined;
}

/** Whether a parallel replay can run here. */
export function parallelReplayAvailable(): boolean {
    return replayWorkerFile() !== undefined;
}
