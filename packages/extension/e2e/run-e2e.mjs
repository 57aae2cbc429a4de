// End-to-end test in a real VS Code (code-server 4.100.3 = VS Code 1.100.3) in a real browser (Debian Chromium driven
// by playwright-core): installs the packaged .vsix, opens a copy of examples/contoso plus one seeded problem file, and
// checks what a user sees. Screenshots go to docs/screenshots/. Loopback only; everything it starts it stops.
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

const here = dirname(fileURLToPath(import.meta.url));
const extensionDir = resolve(here, '..');
const repo = resolve(extensionDir, '../..');
const vsix = join(extensionDir, 'out/latch-vscode.vsix');
const shots = join(repo, 'docs/screenshots');
const chromiumPath = process.env.LATCH_E2E_CHROMIUM ?? '/usr/bin/chromium';
const systemNode = process.env.LATCH_E2E_NODE ?? '/usr/bin/node';

/** The seeded conflict (shared with the desktop suite): a grant policy CA001 always overrides (`shadowed-by-block`). */
export const { SEEDED_FILE, SEEDED_TEXT, SEEDED_MESSAGE } = seed;

const started = Date.now();
const elapsed = () => `${((Date.now() - started) / 1000).toFixed(1)}s`;
const log = (m) => console.log(`[e2e ${elapsed()}] ${m}`);
const results = [];
let failed = false;

let currentPage;

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

/** The language server process (our bundle) and the Node binary it runs on. */
function serverProcess() {
    for (const pid of readdirSync('/proc').filter((p) => /^\d+$/.test(p))) {
        try {
            const cmd = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0');
            if (cmd.some((a) => a.includes('latch.latch-vscode') && a.endsWith('out/language/main.cjs'))) return { pid, exe: readlinkSync(`/proc/${pid}/exe`) };
        } catch { /* process gone */ }
    }
    return undefined;
}

async function main() {
    if (!existsSync(vsix)) throw new Error(`${vsix} not found: run \`npm run package\` first`);
    if (!existsSync(chromiumPath)) throw new Error(`${chromiumPath} not found: apt-get install -y chromium (or set LATCH_E2E_CHROMIUM)`);
    mkdirSync(shots, { recursive: true });

    log('installing code-server (cached in the tool folder)…');
    const csBin = execFileSync('bash', [join(here, 'install-code-server.sh')], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'], env: { ...process.env, LATCH_E2E_NODE: systemNode } }).trim().split('\n').pop();
    log(`code-server ready: ${csBin}`);

    const scratch = mkdtempSync(join(tmpdir(), 'latch-e2e-'));
    const workspace = join(scratch, 'contoso');
    cpSync(join(repo, 'examples/contoso'), workspace, { recursive: true });
    writeFileSync(join(workspace, SEEDED_FILE), SEEDED_TEXT);
    const extDir = join(scratch, 'extensions');
    const userData = join(scratch, 'user-data');
    mkdirSync(join(userData, 'User'), { recursive: true });
    writeFileSync(join(userData, 'User/settings.json'), JSON.stringify({
        'workbench.startupEditor': 'none', 'workbench.tips.enabled': false, 'telemetry.telemetryLevel': 'off',
        'extensions.autoUpdate': false, 'extensions.autoCheckUpdates': false, 'update.mode': 'none',
        'workbench.colorTheme': 'Default Dark Modern', 'editor.minimap.enabled': false, 'window.commandCenter': false,
        'chat.commandCenter.enabled': false, 'workbench.secondarySideBar.defaultVisibility': 'hidden',
    }, null, 2));
    const env = { ...process.env, XDG_CONFIG_HOME: join(scratch, 'config'), XDG_DATA_HOME: join(scratch, 'data'), PATH: `${dirname(systemNode)}:${process.env.PATH}` };
    const common = ['--extensions-dir', extDir, '--user-data-dir', userData];

    log('installing the .vsix…');
    execFileSync(systemNode, [csBin, ...common, '--install-extension', vsix], { env, stdio: ['ignore', 'pipe', 'inherit'] });

    const port = await freePort();
    const server = spawn(systemNode, [csBin, ...common, '--auth', 'none', '--bind-addr', `127.0.0.1:${port}`, '--disable-telemetry',
        '--disable-update-check', '--disable-workspace-trust', workspace], { env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
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
        await page.waitForSelector('.explorer-folders-view .monaco-list-row', { timeout: 60_000 });
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

async function runChecks(page) {
    const editor = page.locator('.editor-instance .monaco-editor').first();

    await check('the language server runs the bundle on the extension host Node (Node 20 here)', async () => {
        await openFile(page, 'scenarios-payroll.latch');
        let proc;
        for (let i = 0; i < 120 && !proc; i++) { proc = serverProcess(); if (!proc) await page.waitForTimeout(250); }
        if (!proc) throw new Error('no language server process running out/language/main.cjs');
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
        await page.keyboard.press('Control+Shift+M');
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
    });

    await check('the What If panel renders a result', async () => {
        await runCommand(page, 'Latch: Open What If');
        const frame = page.frameLocator('iframe.webview.ready').frameLocator('#active-frame');
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
        log(`What If: ${await outcome.innerText()} (${rows} policies apply)`);
        await frame.locator('#policies').evaluate((el) => el.scrollIntoView({ block: 'end' }));
        await shot(page, 'what-if.png');
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
