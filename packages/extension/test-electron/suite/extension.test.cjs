// The code-server e2e's core assertions, through the VS Code API (runs only where a desktop VS Code exists).
const assert = require('node:assert');
const vscode = require('vscode');
const { SEEDED_FILE, SEEDED_MESSAGE } = require('./seed.cjs');
const { until } = require('./until.cjs');

const root = () => vscode.workspace.workspaceFolders[0].uri;
const file = (name) => vscode.Uri.joinPath(root(), name);


suite('Latch extension', () => {
    suiteSetup(async () => {
        await vscode.window.showTextDocument(file('scenarios-payroll.latch'));
        await vscode.extensions.getExtension('latch.latch-vscode').activate();
    });

    test('code lenses over scenarios; running one adds its result lens', async () => {
        const uri = file('scenarios-payroll.latch');
        const lenses = () => vscode.commands.executeCommand('vscode.executeCodeLensProvider', uri);
        const before = await until('Run What If lenses', async () => ((await lenses()) ?? []).filter((l) => l.command?.title.includes('Run What If')).length > 0 && lenses());
        const run = before.find((l) => l.command.title.includes('Run What If'));
        await vscode.commands.executeCommand(run.command.command, ...run.command.arguments);
        await until('a result lens', async () => ((await lenses()) ?? []).some((l) => /[✓✗]/.test(l.command?.title ?? '')));
    });

    test('the seeded problem is a diagnostic with the expected message', async () => {
        const uri = file(SEEDED_FILE);
        await vscode.workspace.openTextDocument(uri);
        const diags = await until('diagnostics', () => vscode.languages.getDiagnostics(uri).filter((d) => d.message.includes(SEEDED_MESSAGE)).length > 0 && vscode.languages.getDiagnostics(uri));
        assert.ok(diags.some((d) => d.severity === vscode.DiagnosticSeverity.Error));
    });

    test('completion offers a group name', async () => {
        const uri = file('completion-probe.latch');
        await vscode.workspace.fs.writeFile(uri, Buffer.from('policy P1 "probe" {\n  users include \n}\n'));
        const list = await until('completion', async () => {
            const l = await vscode.commands.executeCommand('vscode.executeCompletionItemProvider', uri, new vscode.Position(1, 16));
            return l?.items.some((i) => (typeof i.label === 'string' ? i.label : i.label.label) === 'Finance') && l;
        });
        assert.ok(list);
    });

    test('hover over a policy shows its summary', async () => {
        const uri = file('policies-apps.latch');
        const doc = await vscode.workspace.openTextDocument(uri);
        const line = doc.getText().split('\n').findIndex((l) => l.startsWith('policy '));
        const hovers = await until('hover', async () => {
            const h = await vscode.commands.executeCommand('vscode.executeHoverProvider', uri, new vscode.Position(line, 8));
            return h?.length > 0 && h;
        });
        const text = hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : c.value))).join('\n');
        assert.match(text, /policy/);
    });

    test('the What If command opens its panel', async () => {
        await vscode.commands.executeCommand('latch.openWhatIf');
        await until('the What If tab', () => vscode.window.tabGroups.all.flatMap((g) => g.tabs).some((t) => t.label === 'Latch: What If'));
    });

    test('Run all scenarios completes through the Test Explorer controller', async () => {
        await vscode.commands.executeCommand('latch.runAllScenarios');
    });
});
