import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { LatchRequests, type RunTestsParams, type TestFile, type TestRunResult } from './protocol.js';
import { whatIfMode } from './settings.js';

const toRange = (r: { start: { line: number; character: number }; end: { line: number; character: number } }) =>
    new vscode.Range(r.start.line, r.start.character, r.end.line, r.end.character);

/** Every scenario and assertion of the workspace as a test item (file → item); runs happen in the server. */
export class LatchTestController implements vscode.Disposable {
    private readonly controller = vscode.tests.createTestController('latch', 'Latch scenarios');
    private readonly disposables: vscode.Disposable[] = [this.controller];
    private refreshTimer: NodeJS.Timeout | undefined;

    constructor(private readonly client: LanguageClient, private readonly output: vscode.OutputChannel,
        private readonly onResults: (results: TestRunResult[]) => void) {
        this.controller.refreshHandler = () => this.refresh();
        // The handler must return the run's promise: VS Code ends the run it started for the request when the handler
        // settles, and results reported after that land in a detached run (the Test Explorer summary showed 0/0).
        this.controller.createRunProfile('Run', vscode.TestRunProfileKind.Run, async (request, token) => { await this.run(request, token); }, true);
        const soon = () => { clearTimeout(this.refreshTimer); this.refreshTimer = setTimeout(() => void this.refresh(), 500); };
        this.disposables.push(
            vscode.workspace.onDidSaveTextDocument((d) => { if (d.languageId === 'latch') soon(); }),
            vscode.workspace.onDidChangeTextDocument((e) => { if (e.document.languageId === 'latch' && e.contentChanges.length > 0) soon(); }),
        );
    }

    /** Rebuilds the tree from `latch/tests`, keeping items whose id survives. */
    async refresh(): Promise<void> {
        const files = await this.client.sendRequest<TestFile[]>(LatchRequests.tests);
        const seen = new Set<string>();
        for (const file of files) {
            const uri = vscode.Uri.parse(file.uri);
            seen.add(file.uri);
            const fileItem = this.controller.items.get(file.uri) ?? this.controller.createTestItem(file.uri, vscode.workspace.asRelativePath(uri), uri);
            fileItem.children.replace(file.items.map((info) => {
                const item = fileItem.children.get(info.id) ?? this.controller.createTestItem(info.id, info.name, uri);
                item.range = toRange(info.range);
                item.description = info.kind === 'assertion' ? 'assertion' : undefined;
                return item;
            }));
            this.controller.items.add(fileItem);
        }
        this.controller.items.forEach((item) => { if (!seen.has(item.id)) this.controller.items.delete(item.id); });
    }

    /** Runs all (no request) or the chosen items; failures carry expected vs actual at the failing expectation. */
    async run(request: vscode.TestRunRequest | undefined, token?: vscode.CancellationToken): Promise<TestRunResult[]> {
        await this.refresh();
        const leaves = new Map<string, vscode.TestItem>();
        const add = (item: vscode.TestItem) => {
            if (request?.exclude?.includes(item)) return;
            if (item.children.size === 0 && item.parent) leaves.set(item.id, item);
            item.children.forEach(add);
        };
        (request?.include ?? gather(this.controller.items)).forEach(add);
        const run = this.controller.createTestRun(request ?? new vscode.TestRunRequest(), 'Latch', true);
        leaves.forEach((item) => run.started(item));
        const params: RunTestsParams = { ids: [...leaves.keys()], mode: whatIfMode() };
        let results: TestRunResult[] = [];
        try {
            results = token?.isCancellationRequested ? [] : await this.client.sendRequest<TestRunResult[]>(LatchRequests.runTests, params);
        } finally {
            for (const r of results) {
                const item = leaves.get(r.id);
                if (!item) continue;
                run.appendOutput(`${r.status === 'passed' ? '✓' : r.status === 'skipped' ? '○' : '✗'} ${item.label} — ${r.summary}\r\n`, undefined, item);
                if (r.status === 'passed') run.passed(item, r.durationMs);
                else if (r.status === 'skipped') run.skipped(item);
                else if (r.status === 'errored') run.errored(item, new vscode.TestMessage(r.message ?? 'does not compile'));
                else run.failed(item, r.failures.map((f) => {
                    const m = vscode.TestMessage.diff(f.message, f.expected, f.actual);
                    m.location = new vscode.Location(vscode.Uri.parse(f.location.uri), toRange(f.location.range));
                    return m;
                }), r.durationMs);
            }
            run.end();
        }
        const failed = results.filter((r) => r.status === 'failed' || r.status === 'errored');
        this.output.appendLine(`Scenarios: ${results.filter((r) => r.status === 'passed').length} passed, ${failed.length} failed, ${results.filter((r) => r.status === 'skipped').length} skipped`);
        for (const r of failed) this.output.appendLine(`  ✗ ${r.id.split('#')[1]} — ${r.summary}${r.failures.map((f) => `\n      ${f.message}`).join('')}`);
        this.onResults(results);
        return results;
    }

    dispose(): void {
        clearTimeout(this.refreshTimer);
        for (const d of this.disposables) d.dispose();
    }
}

function gather(items: vscode.TestItemCollection): vscode.TestItem[] {
    const out: vscode.TestItem[] = [];
    items.forEach((i) => out.push(i));
    return out;
}
