import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { type ImportGraphParams, type ImportGraphResult, LatchRequests } from './protocol.js';
import { whatIfMode } from './settings.js';
import type { LatchTestController } from './test-controller.js';

/** The palette commands; each asks the server and only presents the answer. */
export function registerCommands(context: vscode.ExtensionContext, client: LanguageClient, output: vscode.OutputChannel,
    tests: LatchTestController, openWhatIf: (context: vscode.ExtensionContext) => void): void {
    context.subscriptions.push(
        vscode.commands.registerCommand('latch.runAllScenarios', async () => {
            const results = await tests.run(undefined);
            const failed = results.filter((r) => r.status === 'failed' || r.status === 'errored').length;
            const message = `Latch: ${results.length - failed} of ${results.length} scenarios and assertions did not fail, ${failed} failed.`;
            if (failed > 0) {
                const choice = await vscode.window.showWarningMessage(message, 'Show output');
                if (choice) output.show(true);
            } else void vscode.window.showInformationMessage(message);
        }),
        vscode.commands.registerCommand('latch.openWhatIf', () => openWhatIf(context)),
        vscode.commands.registerCommand('latch.showAnalysisReport', async () => {
            const markdown = await client.sendRequest<string>(LatchRequests.analysisReport, { mode: whatIfMode() });
            const doc = await vscode.workspace.openTextDocument({ language: 'markdown', content: markdown });
            await vscode.window.showTextDocument(doc, { preview: true });
        }),
        vscode.commands.registerCommand('latch.showOutput', () => output.show(true)),
        vscode.commands.registerCommand('latch.importFromEntra', () => importFromEntra(client, output)),
    );
}

/** Pick Graph JSON exports and a target folder; the server converts and writes (as `latch import -o`). */
async function importFromEntra(client: LanguageClient, output: vscode.OutputChannel): Promise<void> {
    const sources = await vscode.window.showOpenDialog({
        canSelectMany: true, canSelectFiles: true, canSelectFolders: true, openLabel: 'Import',
        title: 'Entra Conditional Access exports (Graph JSON files or folders)', filters: { 'Graph JSON': ['json'] },
    });
    if (!sources || sources.length === 0) return;
    const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
    const target = await vscode.window.showOpenDialog({
        canSelectFiles: false, canSelectFolders: true, canSelectMany: false, openLabel: 'Write .latch files here',
        title: 'Folder for directory.latch, locations.latch and policies.latch', defaultUri: folder,
    });
    if (!target || target.length === 0) return;
    const params: ImportGraphParams = { paths: sources.map((u) => u.fsPath), outDir: target[0].fsPath };
    const result = await client.sendRequest<ImportGraphResult>(LatchRequests.importGraph, params);
    for (const w of result.warnings) output.appendLine(`import: ${w}`);
    if (result.error) {
        void vscode.window.showErrorMessage(`Latch import failed: ${result.error}`);
        return;
    }
    const policies = result.written.find((p) => p.endsWith('policies.latch')) ?? result.written[0];
    if (policies) await vscode.window.showTextDocument(vscode.Uri.file(policies));
    void vscode.window.showInformationMessage(`Latch: imported ${result.policies} policies and ${result.namedLocations} named locations${result.warnings.length > 0 ? ` (${result.warnings.length} warnings in the output)` : ''}.`);
}
