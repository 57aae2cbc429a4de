import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { registerCommands } from './commands.js';
import { createLanguageClient } from './language-client.js';
import { LatchStatusBar } from './status-bar.js';
import { LatchTestController } from './test-controller.js';
import { WhatIfPanel } from './what-if-panel.js';

let client: LanguageClient | undefined;

export async function activate(context: vscode.ExtensionContext): Promise<void> {
    const output = vscode.window.createOutputChannel('Latch', { log: true });
    client = createLanguageClient(context, output);
    await client.start();
    output.appendLine(`Latch language server started on Node ${process.version} (VS Code ${vscode.version}).`);

    const status = new LatchStatusBar(client);
    const tests = new LatchTestController(client, output, (results) => status.showRun(results));
    context.subscriptions.push(output, status, tests);
    registerCommands(context, client, output, tests, (ctx) => WhatIfPanel.show(ctx, client!));
    await tests.refresh();
    status.refreshFailures();
}

export function deactivate(): Thenable<void> | undefined {
    return client?.stop();
}
