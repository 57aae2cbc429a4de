// End-to-end test in a real VS Code (code-server 4.100.3 = VS Code 1.100.3) in a real browser (Debian Chromium driven
// by playwright-core): installs the packaged .vsix, opens a scratch copy of examples/contoso plus a seeded problem file
// and a seeded failing scenario, and checks what a user sees. Workspace trust is on: the folder is declined at VS Code's
// trust prompt, so every check up to the Test Explorer runs in Restricted Mode; running tests from the Test Explorer
// then asks for trust (VS Code's rule for any test run), which the test grants. Screenshots go to docs/screenshots/.
// Loopback only; everything it starts it stops; the repository's examples/ are never written.
//
//   node e2e/run-e2e.mjs            (after `npm run package`; see STYLE §4.5 for the offline recipe)
//
// Environment: LATCH_E2E_CHROMIUM (default /usr/bin/chromium), LATCH_E2E_NODE (default /usr/bin/node: the Node
// code-server and therefore the language server run on), LATCH_E2E_TOOLS (tool cache, default ~/.cache/latch-e2e).

import { execFileSync, spawn } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, readlinkSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import seed from '../test-electron/suite/seed.cjs';
import polling from '../test-electron/suite/until.cjs';

const untilShared = polling.until;

const here = dirname(fileURLToPath(import.meta.url));
const extensionDir = resolve(here, '..');
const repo = resolve(extensionDir, '../..');
const vsix = join(extensionDir, 'out/latch-vscode.vsix');
const shots = join(repo, 'docs/screenshots');
const chromiumPath = process.env.LATCH_E2E_CHROMIUM ?? '/usr/bin/chromium';
const systemNode = process.env.LATCH_E2E_NODE ?? '/usr/bin/node';

/** The seeded conflict (shared with the desktop suite): a grant policy CA001 always overrides (`shadowed-by-block`). */
export const { SEEDED_FILE, SEEDED_TEXT, SEEDED_MESSAGE } = seed;

/** A scenario with a wrong expectation (CA001 blocks legacy authentication): the Test Explorer must report it failed. */
const FAILING_FILE = 'seeded-failing.latch';
const FAILING_NAME = 'Seeded: legacy authentication to Exchange is allowed (wrong on purpose)';
const FAILING_TEXT = `// Seeded by the e2e test: a scenario whose expectation is wrong, so the Test Explorer must report one failure.
scenario "${FAILING_NAME}" {
  user bob
  app ExchangeOnline
  client exchangeActiveSync
  expect allow
}
`;
/** The scenario the What If panel saves (into SAVE_INTO, in the scratch workspace). */
const SAVED_NAME = 'E2E: Adele opens the Azure portal from the US';
const SAVE_INTO = 'scenarios-admins.latch';

const started = Date.now();
const elapsed = () => `${((Date.now() - started) / 1000).toFixed(1)}s`;
const log = (m) => console.log(`[e2e ${elapsed()}] ${m}`);
const results = [];
let failed = false;

let currentPage;
/** The scratch workspace (a copy of examples/contoso) and the code-server process, for checks that read them. */
let workspace;
let serverPid;

async function check(name, fn) {
    const t = Date.now();
    try {
        await fn();
        results.push(`  ✓ ${name} (${((Date.now() - t) / 1000).toFixed(1)}s)`);
    } catch (e) {
        failed = true;
        // What the page showed when the check failed, for diagnosis (not a README screenshot).
        await currentPage?.screenshot({ path: join(tmpdir(), `latch-e2e-failure-${results.length + 1}.png`) }).catch(() => undefined);
        results.push(`  ✗ ${name}: ${e instanceof Error ? e.message.split('\n')[0] : e}`);
        console.error(e);
    }
}

function freePort() {
    return new Promise((res, rej) => {
        const s = createServer();
        s.listen(0, '127.0.0.1', () => { const { port } = s.address(); s.close(() => res(port)); });
        s.on('error', rej);
    });
}

async function waitForHttp(url, ms) {
    const until = Date.now() + ms;
    while (Date.now() < until) {
        try { if ((await fetch(url)).status < 500) return; } catch { /* not up yet */ }
        await new Promise((r) => setTimeout(r, 250));
    }
    throw new Error(`${url} did not answer within ${ms} ms`);
}

/** Every live process: pid → { ppid, exe, argv } (Linux /proc). */
function processTable() {
    const table = new Map();
    for (const pid of readdirSync('/proc').filter((p) => /^\d+$/.test(p))) {
        try {
            const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
            const ppid = stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1];
            table.set(pid, { ppid, exe: readlinkSync(`/proc/${pid}/exe`), argv: readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').filter(Boolean) });
        } catch { /* process gone, or not ours to read */ }
    }
    return table;
}

/** The processes code-server started (its whole tree, itself included). */
function codeServerTree() {
    const table = processTable();
    const tree = new Map();
    const visit = (pid) => {
        const p = table.get(pid);
        if (!p || tree.has(pid)) return;
        tree.set(pid, p);
        for (const [child, c] of table) if (c.ppid === pid) visit(child);
    };
    visit(String(serverPid));
    return tree;
}

/** The language server process (our bundle) and the Node binary it runs on. */
function serverProcess() {
    for (const [pid, p] of processTable()) {
        if (p.argv.some((a) => a.includes('latch.latch-vscode') && a.endsWith('out/language/main.cjs'))) return { pid, exe: p.exe, argv: p.argv };
    }
    return undefined;
}

/** The shared poller, with this test's default patience. */
const until = (what, fn, ms = 20_000) => untilShared(what, fn, ms);

async function main() {
    if (!existsSync(vsix)) throw new Error(`${vsix} not found: run \`npm run package\` first`);
    if (!existsSync(chromiumPath)) throw new Error(`${chromiumPath} not found: apt-get install -y chromium (or set LATCH_E2E_CHROMIUM)`);
    mkdirSync(shots, { recursive: true });

    log('installing code-server (cached in the tool folder)…');
    const csBin = execFileSync('bash', [join(here, 'install-code-server.sh')], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'], env: { ...process.env, LATCH_E2E_NODE: systemNode } }).trim().split('\n').pop();
    log(`code-server ready: ${csBin}`);

    const scratch = mkdtempSync(join(tmpdir(), 'latch-e2e-'));
    workspace = join(scratch, 'contoso');
    cpSync(join(repo, 'examples/contoso'), workspace, { recursive: true });
    writeFileSync(join(workspace, SEEDED_FILE), SEEDED_TEXT);
    writeFileSync(join(workspace, FAILING_FILE), FAILING_TEXT);
    const extDir = join(scratch, 'extensions');
    const userData = join(scratch, 'user-data');
    mkdirSync(join(userData, 'User'), { recursive: true });
    writeFileSync(join(userData, 'User/settings.json'), JSON.stringify({
        'workbench.startupEditor': 'none', 'workbench.tips.enabled': false, 'telemetry.telemetryLevel': 'off',
        'extensions.autoUpdate': false, 'extensions.autoCheckUpdates': false, 'update.mode': 'none',
        'workbench.colorTheme': 'Default Dark Modern', 'editor.minimap.enabled': false, 'window.commandCenter': false,
        'chat.commandCenter.enabled': false, 'workbench.secondarySideBar.defaultVisibility': 'hidden',
        // Workspace trust stays on (VS Code's default, stated so a changed default cannot skip the prompt).
        'security.workspace.trust.enabled': true, 'security.workspace.trust.startupPrompt': 'once',
        // VS Code for the web auto-saves after a delay by default; edits made by a check stay in the editor instead.
        'files.autoSave': 'off',
    }, null, 2));
    const env = { ...process.env, XDG_CONFIG_HOME: join(scratch, 'config'), XDG_DATA_HOME: join(scratch, 'data'), PATH: `${dirname(systemNode)}:${process.env.PATH}` };
    const common = ['--extensions-dir', extDir, '--user-data-dir', userData];

    log('installing the .vsix…');
    execFileSync(systemNode, [csBin, ...common, '--install-extension', vsix], { env, stdio: ['ignore', 'pipe', 'inherit'] });

    const port = await freePort();
    // No --disable-workspace-trust: the folder opens behind VS Code's trust prompt (declined in the first check).
    const server = spawn(systemNode, [csBin, ...common, '--auth', 'none', '--bind-addr', `127.0.0.1:${port}`, '--disable-telemetry',
        '--disable-update-check', workspace], { env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
    serverPid = server.pid;
    let serverLog = '';
    server.stdout.on('data', (d) => { serverLog += d; });
    server.stderr.on('data', (d) => { serverLog += d; });
    const browser = await chromium.launch({
        executablePath: chromiumPath,
        args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
    });
    try {
        await waitForHttp(`http://127.0.0.1:${port}/healthz`, 60_000);
        log(`code-server listening on 127.0.0.1:${port}`);
        const page = await browser.newPage({ viewport: { width: 1600, height: 1000 } });
        currentPage = page;
        await page.goto(`http://127.0.0.1:${port}/?folder=${encodeURIComponent(workspace)}`);
        await page.waitForSelector('.monaco-workbench', { timeout: 60_000 });
        await runChecks(page);
    } finally {
        await browser.close();
        try { process.kill(-server.pid, 'SIGTERM'); } catch { /* already gone */ }
        if (failed) console.error(serverLog.split('\n').slice(-40).join('\n'));
        rmSync(scratch, { recursive: true, force: true });
    }
}

async function openFile(page, name) {
    await page.locator('.explorer-folders-view .monaco-list-row', { hasText: name }).first().click();
    await page.locator('.tab.active', { hasText: name }).waitFor({ timeout: 20_000 });
    await page.locator('.editor-instance .monaco-editor .view-lines').first().waitFor();
}

const shot = (page, name) => page.screenshot({ path: join(shots, name) });

async function runCommand(page, title) {
    await page.keyboard.press('F1');
    await page.locator('.quick-input-widget input').fill(`>${title}`);
    await page.locator('.quick-input-list .monaco-list-row', { hasText: title }).first().waitFor({ timeout: 20_000 });
    await page.keyboard.press('Enter');
}

/** The status bar's Restricted Mode entry (VS Code shows it while the workspace is untrusted). */
const restrictedModeItem = (page) => page.locator('#status\\.workspaceTrust', { hasText: 'Restricted Mode' });

/** Counts `scenario` and `assert` blocks in the scratch workspace's files on disk: what the Test Explorer must list. */
function testBlocksOnDisk() {
    return readdirSync(workspace).filter((f) => f.endsWith('.latch'))
        .reduce((n, f) => n + (readFileSync(join(workspace, f), 'utf8').match(/^(scenario|assert)\s/gm) ?? []).length, 0);
}

async function runChecks(page) {
    const editor = page.locator('.editor-instance .monaco-editor').first();

    await check('Restricted Mode: declining VS Code\'s trust prompt opens the folder restricted (status bar), and Latch works there (code lenses over scenarios)', async () => {
        const prompt = page.locator('.monaco-dialog-box', { hasText: 'Do you trust the authors of the files in this folder?' });
        await prompt.waitFor({ timeout: 60_000 });
        await prompt.locator('a.monaco-button', { hasText: 'No, I don\'t trust the authors' }).click();
        await restrictedModeItem(page).waitFor({ timeout: 20_000 });
        await page.locator('.explorer-folders-view .monaco-list-row').first().waitFor({ timeout: 30_000 });
        await openFile(page, 'scenarios-payroll.latch');
        await editor.locator('.codelens-decoration a[role=button]', { hasText: 'Run What If' }).first().waitFor({ timeout: 60_000 });
        await page.locator('[id="latch.latch-vscode.latch.status"]', { hasText: 'Latch' }).waitFor({ timeout: 20_000 });
        await shot(page, 'restricted-mode.png');
        // The banner ("Restricted Mode is intended for safe code browsing…") only takes room in later screenshots; the
        // status bar entry stays.
        await page.locator('.part.banner a[aria-label="Close Banner"]').click({ timeout: 5_000 }).catch(() => undefined);
    });

    await check('the language server runs the bundle on the extension host Node (Node 20 here)', async () => {
        const proc = await until('a language server process running out/language/main.cjs', () => serverProcess(), 30_000);
        const version = execFileSync(proc.exe, ['--version'], { encoding: 'utf8' }).trim();
        log(`language server pid ${proc.pid} runs on ${proc.exe} ${version}`);
        if (!/^v20\./.test(version)) throw new Error(`expected the server on Node 20 (esbuild target node20), got ${version}`);
    });

    await check('code lenses appear over scenarios; clicking ▶ Run What If shows the result lens', async () => {
        const run = editor.locator('.codelens-decoration a[role=button]', { hasText: 'Run What If' });
        await run.first().waitFor({ timeout: 60_000 });
        const scenarios = (readFileSync(join(repo, 'examples/contoso/scenarios-payroll.latch'), 'utf8').match(/^scenario /gm) ?? []).length;
        const visible = await run.count();
        if (visible < Math.min(scenarios, 2)) throw new Error(`expected lenses over the scenarios, saw ${visible}`);
        const firstLens = editor.locator('.codelens-decoration').first();
        await run.first().click();
        await firstLens.locator('a, span', { hasText: /[✓✗]/ }).first().waitFor({ timeout: 30_000 });
        const text = await firstLens.innerText();
        if (!/✓|✗/.test(text)) throw new Error(`lens did not update: ${text}`);
        log(`lens after run: ${text.replace(/\s+/g, ' ')}`);
        await shot(page, 'code-lenses.png');
    });

    await check('hover over a policy reference shows the policy summary', async () => {
        // Identifiers share a span with their neighbours (the TextMate grammar scopes keywords only): hover the
        // middle of the name inside its span, assuming the editor's monospace font.
        const span = editor.locator('.view-line span', { hasText: /\bCA\d+/ }).first();
        await span.waitFor({ timeout: 20_000 });
        const spanText = await span.innerText();
        const match = /\bCA\d+/.exec(spanText);
        const name = match[0];
        const box = await span.boundingBox();
        const charWidth = box.width / spanText.length;
        await page.mouse.move(box.x + charWidth * (match.index + name.length / 2), box.y + box.height / 2);
        const hover = page.locator('.monaco-hover .hover-contents').first();
        await hover.waitFor({ timeout: 20_000 });
        const text = await hover.innerText();
        if (!text.includes('policy') || !text.includes(name)) throw new Error(`hover for ${name} was: ${text}`);
        await shot(page, 'hover.png');
        await page.keyboard.press('Escape');
    });

    await check('a seeded conflict (shadowed-by-block) shows a squiggle and a Problems entry with its message', async () => {
        await openFile(page, SEEDED_FILE);
        await editor.locator('.squiggly-warning').first().waitFor({ timeout: 30_000 });
        await page.keyboard.press('Control+Shift+M');
        // The workspace has other (intended) findings too: filter the panel down to the seeded policy.
        await page.getByPlaceholder(/^Filter \(e\.g\./).first().fill('SEEDED1');
        const row = page.locator('.markers-panel .monaco-list-row', { hasText: SEEDED_MESSAGE });
        await row.first().waitFor({ timeout: 20_000 });
        await shot(page, 'problems.png');
        await runCommand(page, 'View: Hide Panel');
        await page.locator('#workbench\\.parts\\.panel').waitFor({ state: 'hidden', timeout: 10_000 });
    });

    await check('completion offers a group name', async () => {
        await editor.locator('.view-lines').click();
        await page.keyboard.press('Control+End');
        await page.keyboard.type('\npolicy E2E1 "typed" {\nusers include Fin');
        await page.keyboard.press('Control+Space');
        const item = page.locator('.suggest-widget .monaco-list-row', { hasText: 'Finance' });
        await item.first().waitFor({ timeout: 20_000 });
        await shot(page, 'completion.png');
        await page.keyboard.press('Escape');
        // Leave the seeded file as it was (the half-typed policy would otherwise reach the test run): auto-save is
        // off (settings above), so the typing is only in the editor until reverted.
        await page.locator('.tab.active.dirty', { hasText: SEEDED_FILE }).waitFor({ timeout: 10_000 });
        await runCommand(page, 'File: Revert File');
        await page.locator('.tab.active.dirty').waitFor({ state: 'detached', timeout: 10_000 });
        await editor.locator('.view-line', { hasText: 'E2E1' }).waitFor({ state: 'detached', timeout: 10_000 });
        if (readFileSync(join(workspace, SEEDED_FILE), 'utf8') !== SEEDED_TEXT) throw new Error(`${SEEDED_FILE} changed on disk`);
    });

    const frame = page.frameLocator('iframe.webview.ready').frameLocator('#active-frame');
    let outcomeText = '';
    await check('the What If panel renders a result', async () => {
        await runCommand(page, 'Latch: Open What If');
        await frame.locator('#inputs').waitFor({ timeout: 30_000 });
        await frame.locator('#user').fill('adele');
        await frame.locator('#target').fill('AzurePortal');
        await frame.locator('#ip').fill('203.0.113.30');
        await frame.locator('#country').fill('US');
        await frame.locator('#platform').selectOption('windows');
        await frame.locator('#client').selectOption('browser');
        await frame.locator('#run').click();
        const outcome = frame.locator('#outcome');
        await outcome.filter({ hasText: /allow|block|requires/ }).waitFor({ timeout: 30_000 });
        const rows = await frame.locator('#policies tbody tr').count();
        if (rows === 0) throw new Error('no policies listed under "Policies that will apply"');
        outcomeText = (await outcome.innerText()).trim();
        log(`What If: ${outcomeText} (${rows} policies apply)`);
        await frame.locator('#policies').evaluate((el) => el.scrollIntoView({ block: 'end' }));
        await shot(page, 'what-if.png');
    });

    await check('Latch: Run all scenarios runs every scenario and assertion in Restricted Mode (no trust prompt) and reports the seeded failure', async () => {
        const total = testBlocksOnDisk();
        await runCommand(page, 'Latch: Run all scenarios');
        const toast = page.locator('.notifications-toasts .notification-toast', { hasText: 'scenarios and assertions did not fail' });
        await toast.waitFor({ timeout: 30_000 });
        const text = (await toast.innerText()).replace(/\s+/g, ' ');
        const expected = `Latch: ${total - 1} of ${total} scenarios and assertions did not fail, 1 failed.`;
        if (!text.includes(expected)) throw new Error(`expected "${expected}", the notification says "${text}"`);
        if (await page.locator('.monaco-dialog-box').count() > 0) throw new Error('a dialog appeared (trust prompt?)');
        if (await restrictedModeItem(page).count() === 0) throw new Error('no longer in Restricted Mode');
        await runCommand(page, 'Notifications: Clear All Notifications');
        await toast.waitFor({ state: 'detached', timeout: 10_000 });
    });

    await check(`What If "Save as scenario" appends a scenario block pinning the shown result to the picked file (${SAVE_INTO}, scratch copy)`, async () => {
        const target = join(workspace, SAVE_INTO);
        if (readFileSync(target, 'utf8').includes(SAVED_NAME)) throw new Error(`${SAVE_INTO} already holds "${SAVED_NAME}"`);
        if (!outcomeText) throw new Error('the What If check produced no result to save');
        await frame.locator('#scenarioName').fill(SAVED_NAME);
        await frame.locator('#save').click();
        // Several .latch files: the extension asks which one (scenario files first).
        const pick = page.locator('.quick-input-widget');
        await pick.locator('input[placeholder="Save the scenario into…"]').waitFor({ timeout: 20_000 });
        await pick.locator('input').fill(SAVE_INTO);
        await pick.locator('.quick-input-list .monaco-list-row', { hasText: SAVE_INTO }).first().waitFor({ timeout: 10_000 });
        await page.keyboard.press('Enter');
        // The block is saved to disk: read the file, not the editor.
        const block = await until(`a scenario "${SAVED_NAME}" block in ${SAVE_INTO} on disk`, () => {
            const text = readFileSync(target, 'utf8');
            const at = text.indexOf(`scenario "${SAVED_NAME}" {`);
            return at >= 0 && /\n}\s*$/.test(text.slice(at)) && text.slice(at);
        });
        for (const line of ['user adele', 'app AzurePortal', 'ip 203.0.113.30', 'country US', 'platform windows', 'client browser', `expect ${outcomeText}`]) {
            if (!block.split('\n').some((l) => l.trim() === line)) throw new Error(`saved block lacks "${line}":\n${block}`);
        }
        if (readFileSync(join(repo, 'examples/contoso', SAVE_INTO), 'utf8').includes(SAVED_NAME)) throw new Error('examples/contoso was modified');
        await page.locator('.notifications-toasts', { hasText: `saved scenario "${SAVED_NAME}"` }).waitFor({ timeout: 10_000 });
        await page.locator('.tab.active', { hasText: SAVE_INTO }).waitFor({ timeout: 10_000 });
        const savedLine = editor.locator('.view-line', { hasText: `scenario "${SAVED_NAME}"` });
        await savedLine.waitFor({ timeout: 10_000 });
        // Saving reveals the file's scenario results: the new one passes, since it pins what the panel showed. Its lens
        // is the one right above its line (other scenarios of the file may have the same outcome).
        const passLens = `✓ ${outcomeText} (expected ${outcomeText})`;
        let lensText = '';
        await until('the result lens over the saved scenario', async () => {
            const line = await savedLine.boundingBox();
            const lenses = await editor.locator('.codelens-decoration').evaluateAll((els) => els.map((e) => ({ text: e.textContent, bottom: e.getBoundingClientRect().bottom })));
            lensText = lenses.filter((l) => l.bottom <= line.y + 2).sort((a, b) => b.bottom - a.bottom)[0]?.text ?? '';
            return lensText.includes(passLens);
        }).catch(() => { throw new Error(`the lens over the saved scenario says "${lensText}", expected "${passLens}"`); });
        log(`saved into ${SAVE_INTO}: ${block.split('\n').filter((l) => l.trim().startsWith('expect')).map((l) => l.trim()).join('; ')}`);
        await shot(page, 'save-as-scenario.png');
        await runCommand(page, 'Notifications: Clear All Notifications');
    });

    await check('Restricted Mode held through every check above, and no process code-server started runs a file from the workspace', async () => {
        if (await restrictedModeItem(page).count() === 0) throw new Error('the status bar no longer shows Restricted Mode');
        const tree = codeServerTree();
        const server = serverProcess();
        if (!server || !tree.has(server.pid)) throw new Error('the language server is not in the code-server process tree (process scan broken?)');
        const inside = (path) => path.startsWith(`${workspace}/`);
        const offenders = [...tree].filter(([, p]) => inside(p.exe) || p.argv.some(inside));
        if (offenders.length > 0) throw new Error(`runs workspace files: ${offenders.map(([pid, p]) => `${pid} ${p.argv.join(' ')}`).join('; ')}`);
        log(`${tree.size} processes in code-server's tree, none runs a file from the workspace`);
    });

    await check('Test Explorer: Run Tests (VS Code asks for trust first; granted) runs every scenario and assertion, the seeded wrong expectation fails with expected vs actual', async () => {
        const total = testBlocksOnDisk();
        // The Latch status bar item opens the Test Explorer.
        await page.locator('[id="latch.latch-vscode.latch.status"]').click();
        const side = page.locator('#workbench\\.parts\\.sidebar');
        await side.locator('.test-explorer-tree .monaco-list-row', { hasText: FAILING_FILE }).waitFor({ timeout: 20_000 });
        await side.locator('.title-actions a[aria-label="Run Tests"]').first().click();
        // VS Code guards every test run in Restricted Mode (any test run may execute workspace code).
        const prompt = page.locator('.monaco-dialog-box', { hasText: 'Running tests may execute code in your workspace' });
        await prompt.waitFor({ timeout: 20_000 });
        await prompt.locator('a.monaco-button', { hasText: 'Trust Folder & Continue' }).click();
        await restrictedModeItem(page).waitFor({ state: 'detached', timeout: 20_000 });
        // The summary of the latest run: "passed/total" and a failed icon once finished (a run the extension never
        // reported into stays at 0/0). The earlier command run had one test fewer (before the saved scenario).
        const summary = side.locator('.result-summary-container .result-summary');
        const want = `${total - 1}/${total}`;
        let seen = '';
        await until(`the Test Explorer summary ${want} with a failure`, async () => {
            seen = (await summary.innerText().catch(() => '')).replace(/\s+/g, ' ');
            return seen.split(' ').includes(want) && await summary.locator('.codicon-testing-failed-icon').count() === 1;
        }, 30_000).catch(() => { throw new Error(`expected ${want} passed (every scenario and assertion on disk, one seeded failure) with a failure icon; the summary says "${seen}"`); });
        const fileRow = side.locator('.test-explorer-tree .monaco-list-row', { hasText: FAILING_FILE });
        await fileRow.locator('.codicon-testing-failed-icon').waitFor({ timeout: 10_000 });
        const passedFiles = await side.locator('.test-explorer-tree .monaco-list-row .computed-state.codicon-testing-passed-icon').count();
        if (passedFiles < 2) throw new Error(`expected the contoso files to show as passed, ${passedFiles} do`);
        // The Test Results panel lists the failure with its message; selecting it shows Expected vs Actual.
        const failure = page.locator('#workbench\\.parts\\.panel .test-output-peek-tree .monaco-list-row', { hasText: FAILING_NAME });
        await failure.waitFor({ timeout: 20_000 });
        const description = await failure.innerText();
        if (!description.includes('expected allow, got block')) throw new Error(`failure row says: ${description}`);
        await failure.click();
        const diff = page.locator('#workbench\\.parts\\.panel .monaco-diff-editor');
        await diff.waitFor({ timeout: 20_000 });
        const original = (await diff.locator('.editor.original .view-lines').innerText()).trim();
        const modified = (await diff.locator('.editor.modified .view-lines').innerText()).trim();
        if (original !== 'allow' || modified !== 'block') throw new Error(`diff shows expected "${original}", actual "${modified}"`);
        await fileRow.click();
        log(`Test Explorer: ${want} passed; ${FAILING_FILE}: expected ${original}, actual ${modified}`);
        await shot(page, 'test-explorer.png');
    });
}

try {
    await main();
} catch (e) {
    failed = true;
    console.error(e);
}
console.log(`\nLatch e2e (code-server + Chromium) in ${elapsed()}:\n${results.join('\n')}`);
process.exit(failed ? 1 : 0);
