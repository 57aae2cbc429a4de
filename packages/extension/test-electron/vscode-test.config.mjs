import { defineConfig } from '@vscode/test-cli';
import { mkdtempSync, cpSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
// A scratch copy of the example tenant with the same seeded problem as the code-server e2e.
const workspace = join(mkdtempSync(join(tmpdir(), 'latch-electron-')), 'contoso');
cpSync(resolve(here, '../../../examples/contoso'), workspace, { recursive: true });
const { SEEDED_FILE, SEEDED_TEXT } = await import('./suite/seed.cjs').then((m) => m.default ?? m);
writeFileSync(join(workspace, SEEDED_FILE), SEEDED_TEXT);

export default defineConfig({
    files: join(here, 'suite/*.test.cjs'),
    extensionDevelopmentPath: resolve(here, '..'),
    workspaceFolder: workspace,
    useInstallation: { fromPath: process.env.LATCH_VSCODE_PATH },
    launchArgs: ['--disable-extensions', '--disable-workspace-trust'],
    mocha: { ui: 'tdd', timeout: 60_000 },
});
