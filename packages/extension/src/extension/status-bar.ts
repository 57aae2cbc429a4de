import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { LatchRequests, type TestRunResult } from './protocol.js';
import { whatIfMode } from './settings.js';

/** The analysis' finding codes (packages/engine/src/analysis/finding.ts FINDING_CODES; docs/analysis.md). */
const FINDING_CODES = new Set([
    'never-applies', 'untargeted', 'shadowed-by-block', 'redundant', 'block-grant-overlap', 'session-conflict',
    'coverage-gap', 'lockout-risk', 'break-glass-not-excluded', 'exclusion-without-fallback', 'legacy-auth-open',
    'device-code-open', 'report-only-would-block-admins', 'unsatisfiable-grant', 'assertion-violated',
    'ineffective-exception', 'weak-alternative',
]);

/** `$(shield) Latch 2 conflicts · 1 failing`: counts from diagnostics and the last scenario run; click → Test Explorer. */
export class LatchStatusBar implements vscode.Disposable {
    private readonly item = vscode.window.createStatusBarItem('latch.status', vscode.StatusBarAlignment.Left, 10);
    private readonly disposables: vscode.Disposable[] = [this.item];
    private failing: number | undefined;
    private timer: NodeJS.Timeout | undefined;

    constructor(private readonly client: LanguageClient) {
        this.item.name = 'Latch';
        this.item.command = 'workbench.view.testing.focus';
        this.disposables.push(
            vscode.languages.onDidChangeDiagnostics(() => this.render()),
            vscode.workspace.onDidSaveTextDocument((d) => { if (d.languageId === 'latch') this.refreshFailures(); }),
        );
        this.render();
        this.item.show();
    }

    /** Re-runs every scenario in the server (no Test Explorer run) to keep the failure count current. */
    refreshFailures(): void {
        clearTimeout(this.timer);
        this.timer = setTimeout(async () => {
            const results = await this.client.sendRequest<TestRunResult[]>(LatchRequests.runTests, { mode: whatIfMode() });
            this.showRun(results);
        }, 300);
    }

    showRun(results: readonly TestRunResult[]): void {
        this.failing = results.filter((r) => r.status === 'failed' || r.status === 'errored').length;
        this.render();
    }

    private render(): void {
        let conflicts = 0;
        let errors = 0;
        for (const [uri, diags] of vscode.languages.getDiagnostics()) {
            if (!uri.path.endsWith('.latch')) continue;
            for (const d of diags) {
                const code = String(typeof d.code === 'object' ? d.code.value : d.code ?? '');
                // Informational findings (e.g. block-grant-overlap) are not counted as conflicts.
                if (FINDING_CODES.has(code) && d.severity !== vscode.DiagnosticSeverity.Information) conflicts++;
                if (d.severity === vscode.DiagnosticSeverity.Error) errors++;
            }
        }
        const parts = [`${conflicts} conflict${conflicts === 1 ? '' : 's'}`];
        if (this.failing !== undefined) parts.push(`${this.failing} failing`);
        if (errors > 0) parts.push(`${errors} error${errors === 1 ? '' : 's'}`);
        this.item.text = `$(shield) Latch ${parts.join(' · ')}`;
        this.item.tooltip = 'Latch: conflict findings, failing scenarios and errors in .latch files. Click to open the Test Explorer.';
        this.item.backgroundColor = errors > 0 || (this.failing ?? 0) > 0 ? new vscode.ThemeColor('statusBarItem.warningBackground') : undefined;
    }

    dispose(): void {
        clearTimeout(this.timer);
        for (const d of this.disposables) d.dispose();
    }
}
