import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { LatchRequests } from './protocol.js';
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
    );
}
