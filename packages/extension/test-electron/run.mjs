// Suite 3: the core e2e assertions through the VS Code API in a desktop VS Code (@vscode/test-cli + test-electron).
// It needs a VS Code executable (LATCH_VSCODE_PATH, or `code` on PATH); without one it is skipped with the reason
// printed — never silently passed. Our CI machines cannot obtain VS Code desktop (STYLE §4.3), so CI prints the skip.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, realpathSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));

function findVsCode() {
    if (process.env.LATCH_VSCODE_PATH) return existsSync(process.env.LATCH_VSCODE_PATH) ? process.env.LATCH_VSCODE_PATH : undefined;
    try {
        const onPath = execFileSync('sh', ['-c', 'command -v code'], { encoding: 'utf8' }).trim();
        // The `code` launcher script lives in <install>/bin; the executable is <install>/code.
        const candidate = join(dirname(dirname(realpathSync(onPath))), 'code');
        return existsSync(candidate) ? candidate : undefined;
    } catch {
        return undefined;
    }
}

const vscodePath = findVsCode();
if (!vscodePath) {
    console.log('SKIPPED test-electron suite (suite 3): no VS Code desktop executable on this machine '
        + '(set LATCH_VSCODE_PATH=/path/to/code, or put `code` on PATH; VS Code desktop is not obtainable offline here). '
        + 'The same assertions ran in code-server above.');
    process.exit(0);
}
const needsDisplay = process.platform === 'linux' && !process.env.DISPLAY;
const command = needsDisplay ? ['xvfb-run', '-a'] : [];
if (needsDisplay && spawnSync('sh', ['-c', 'command -v xvfb-run']).status !== 0) {
    console.error('test-electron suite: no DISPLAY and no xvfb-run (apt-get install -y xvfb)');
    process.exit(1);
}
const cli = resolve(here, '../../../node_modules/@vscode/test-cli/out/bin.mjs');
const r = spawnSync(command[0] ?? process.execPath, [...command.slice(1), ...(command.length ? [process.execPath] : []), cli, '--config', join(here, 'vscode-test.config.mjs')],
    { stdio: 'inherit', env: { ...process.env, LATCH_VSCODE_PATH: vscodePath } });
process.exit(r.status ?? 1);
