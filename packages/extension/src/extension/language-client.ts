import * as vscode from 'vscode';
import { LanguageClient, type LanguageClientOptions, type ServerOptions, TransportKind } from 'vscode-languageclient/node';
import { ServerCommands } from './protocol.js';

interface ScenarioLocation { name: string; uri: string; line: number }
interface ScenarioRunSummary { name: string; uri: string; line: number; passed: boolean; summary: string;
    steps: Array<{ afterMinutes: number; expectations: Array<{ line: number; passed: boolean; expected: string; actual: string }> }> }

/**
 * Starts the bundled language server over IPC on the extension host's own Node (no separate runtime to install).
 * The server's lens commands run on the server; the middleware only adds UI around their answers.
 */
export function createLanguageClient(context: vscode.ExtensionContext, output: vscode.LogOutputChannel): LanguageClient {
    const module = context.asAbsolutePath('out/language/main.cjs');
    const serverOptions: ServerOptions = {
        run: { module, transport: TransportKind.ipc },
        debug: { module, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6009'] } },
    };
    const clientOptions: LanguageClientOptions = {
        documentSelector: [{ scheme: 'file', language: 'latch' }, { scheme: 'untitled', language: 'latch' }],
        outputChannel: output,
        traceOutputChannel: output,
        middleware: {
            executeCommand: async (command, args, next) => {
                const answer: unknown = await next(command, args);
                if (command === ServerCommands.showScenarioResult || command === ServerCommands.runScenario) showSummary(output, answer as ScenarioRunSummary | undefined, command === ServerCommands.showScenarioResult);
                if (command === ServerCommands.showScenarios) await pickScenario(answer as ScenarioLocation[] | undefined);
                return answer;
            },
        },
    };
    return new LanguageClient('latch', 'Latch', serverOptions, clientOptions);
}

function showSummary(output: vscode.LogOutputChannel, s: ScenarioRunSummary | undefined, reveal: boolean): void {
    if (!s) return;
    output.appendLine(`${s.passed ? '✓' : '✗'} ${s.name} — ${s.summary}`);
    for (const step of s.steps) {
        for (const e of step.expectations) if (!e.passed) output.appendLine(`    ✗ line ${e.line + 1}: expected ${e.expected}, got ${e.actual}`);
    }
    if (reveal) output.show(true);
}

async function pickScenario(locations: ScenarioLocation[] | undefined): Promise<void> {
    if (!locations || locations.length === 0) return;
    const pick = await vscode.window.showQuickPick(locations.map((l) => ({ label: l.name, description: `${vscode.workspace.asRelativePath(vscode.Uri.parse(l.uri))}:${l.line + 1}`, l })), { placeHolder: 'Scenarios in which this policy applies' });
    if (!pick) return;
    const position = new vscode.Position(pick.l.line, 0);
    await vscode.window.showTextDocument(vscode.Uri.parse(pick.l.uri), { selection: new vscode.Range(position, position) });
}
