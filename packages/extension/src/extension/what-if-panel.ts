import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { LatchRequests, type WhatIfInputs, type WhatIfResponse, type WorkspaceNames } from './protocol.js';
import { whatIfMode } from './settings.js';

type FromWebview =
    | { type: 'ready' }
    | { type: 'evaluate'; inputs: WhatIfInputs }
    | { type: 'save'; inputs: WhatIfInputs; name: string }
    | { type: 'open'; uri: string; line: number };

/** The What If webview: inputs and results in the Entra layout; every answer comes from `latch/whatIf`. */
export class WhatIfPanel {
    private static current: WhatIfPanel | undefined;

    static show(context: vscode.ExtensionContext, client: LanguageClient): void {
        if (WhatIfPanel.current) { WhatIfPanel.current.panel.reveal(); return; }
        const media = vscode.Uri.joinPath(context.extensionUri, 'media', 'what-if');
        const panel = vscode.window.createWebviewPanel('latch.whatIf', 'Latch: What If', vscode.ViewColumn.Beside,
            { enableScripts: true, localResourceRoots: [media], retainContextWhenHidden: true });
        WhatIfPanel.current = new WhatIfPanel(panel, media, client);
    }

    private constructor(private readonly panel: vscode.WebviewPanel, media: vscode.Uri, private readonly client: LanguageClient) {
        panel.webview.html = html(panel.webview, media);
        panel.onDidDispose(() => { WhatIfPanel.current = undefined; });
        panel.webview.onDidReceiveMessage((m: FromWebview) => void this.handle(m));
    }

    private async handle(m: FromWebview): Promise<void> {
        if (m.type === 'ready') {
            const names = await this.client.sendRequest<WorkspaceNames>(LatchRequests.workspaceNames);
            await this.panel.webview.postMessage({ type: 'names', names, mode: whatIfMode() });
        } else if (m.type === 'evaluate') {
            const result = await this.client.sendRequest<WhatIfResponse>(LatchRequests.whatIf, { inputs: m.inputs, mode: whatIfMode() });
            await this.panel.webview.postMessage({ type: 'result', result });
        } else if (m.type === 'save') {
            await this.save(m.inputs, m.name);
        } else if (m.type === 'open') {
            const position = new vscode.Position(m.line, 0);
            await vscode.window.showTextDocument(vscode.Uri.parse(m.uri), { viewColumn: vscode.ViewColumn.One, selection: new vscode.Range(position, position) });
        }
    }

    /** Appends the scenario block (pinning the current result) to a .latch file the user picks. */
    private async save(inputs: WhatIfInputs, name: string): Promise<void> {
        const result = await this.client.sendRequest<WhatIfResponse>(LatchRequests.whatIf, { inputs, mode: whatIfMode(), scenarioName: name });
        if (result.errors.length > 0) { void vscode.window.showErrorMessage(`Latch: ${result.errors.join('; ')}`); return; }
        const files = await vscode.workspace.findFiles('**/*.latch', '**/node_modules/**');
        const preferred = files.filter((f) => /scenario/i.test(f.path));
        const picks = [...preferred, ...files.filter((f) => !preferred.includes(f))].map((uri) => ({ label: vscode.workspace.asRelativePath(uri), uri }));
        const pick = picks.length === 1 ? picks[0] : await vscode.window.showQuickPick(picks, { placeHolder: 'Save the scenario into…' });
        if (!pick) return;
        const doc = await vscode.workspace.openTextDocument(pick.uri);
        const edit = new vscode.WorkspaceEdit();
        const end = doc.lineAt(doc.lineCount - 1).range.end;
        edit.insert(pick.uri, end, `${doc.getText().endsWith('\n') ? '' : '\n'}\n${result.scenarioText}`);
        await vscode.workspace.applyEdit(edit);
        await doc.save();
        const editor = await vscode.window.showTextDocument(doc, vscode.ViewColumn.One);
        const last = new vscode.Position(doc.lineCount - 1, 0);
        editor.revealRange(new vscode.Range(last, last));
        void vscode.window.showInformationMessage(`Latch: saved scenario "${name}" to ${pick.label}.`);
    }
}

function html(webview: vscode.Webview, media: vscode.Uri): string {
    const nonce = [...crypto.getRandomValues(new Uint8Array(16))].map((b) => b.toString(16).padStart(2, '0')).join('');
    const script = webview.asWebviewUri(vscode.Uri.joinPath(media, 'panel.js'));
    const style = webview.asWebviewUri(vscode.Uri.joinPath(media, 'panel.css'));
    const csp = `default-src 'none'; style-src ${webview.cspSource}; script-src 'nonce-${nonce}'; img-src ${webview.cspSource}; font-src ${webview.cspSource}`;
    const select = (id: string, label: string, options: string[]) =>
        `<label>${label}<select id="${id}"><option value="">(not set)</option>${options.map((o) => `<option>${o}</option>`).join('')}</select></label>`;
    return `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<link rel="stylesheet" href="${style}"><title>What If</title></head>
<body>
<h1>What If</h1>
<p class="hint">Evaluate a sign-in against every policy of this workspace. Mode: <b id="mode">strict</b> (setting <code>latch.whatIf.mode</code>).</p>
<form id="inputs" autocomplete="off">
  <fieldset><legend>User or workload</legend>
    <label>User<input id="user" list="users" placeholder="carol — or leave empty for anyone"></label>
    <label>Groups<input id="groups" list="groups" placeholder="Contractors, …"></label>
    <label>Roles<input id="roles" list="roles" placeholder="GlobalAdministrator, …"></label>
  </fieldset>
  <fieldset><legend>Target resource</legend>
    <label>Kind<select id="targetKind"><option value="app">Cloud app</option><option value="action">User action</option><option value="authContext">Authentication context</option></select></label>
    <label>Target<input id="target" list="targets" placeholder="ExchangeOnline"></label>
  </fieldset>
  <fieldset><legend>Network</legend>
    <label>IP address<input id="ip" placeholder="198.51.100.7"></label>
    <label>Country<input id="country" placeholder="NL" maxlength="7"></label>
  </fieldset>
  <fieldset><legend>Conditions</legend>
    ${select('platform', 'Device platform', ['android', 'ios', 'windows', 'windowsPhone', 'macos', 'linux', 'unknown'])}
    ${select('client', 'Client app', ['browser', 'mobileAndDesktop', 'exchangeActiveSync', 'easSupported', 'other'])}
    ${select('signInRisk', 'Sign-in risk', ['none', 'low', 'medium', 'high'])}
    ${select('userRisk', 'User risk', ['none', 'low', 'medium', 'high'])}
    ${select('insiderRisk', 'Insider risk', ['none', 'minor', 'moderate', 'elevated'])}
    ${select('flow', 'Authentication flow', ['none', 'deviceCode', 'authenticationTransfer'])}
  </fieldset>
  <fieldset><legend>Device</legend>
    <label class="check"><input type="checkbox" id="registered"> Registered</label>
    <label class="check"><input type="checkbox" id="isCompliant"> Compliant</label>
    ${select('trustType', 'Trust type', ['AzureAD', 'ServerAD', 'Workplace'])}
  </fieldset>
  <fieldset><legend>Time and controls</legend>
    <label>Time<input id="time" type="datetime-local"></label>
    <label>Time zone<input id="zone" placeholder="Europe/Amsterdam"></label>
    <label>Satisfied controls<input id="satisfied" list="controls" placeholder="mfa, compliantDevice"></label>
  </fieldset>
  <div class="actions">
    <button type="submit" id="run">What If</button>
    <input id="scenarioName" placeholder="Scenario name" value="What If">
    <button type="button" id="save" class="secondary">Save as scenario</button>
  </div>
</form>
<datalist id="users"></datalist><datalist id="groups"></datalist><datalist id="roles"></datalist>
<datalist id="targets"></datalist><datalist id="controls"></datalist>
<section id="results" hidden>
  <div id="errors" class="errors" hidden></div>
  <div id="summary">
    <div class="outcome"><span class="label">Outcome</span><span id="outcome"></span></div>
    <div><span class="label">Requirement</span><span id="requirement"></span></div>
    <div><span class="label">Session</span><span id="session"></span></div>
    <div><span class="label">Report-only (shadow) outcome</span><span id="shadow"></span></div>
  </div>
  <div class="tabs" role="tablist">
    <button type="button" role="tab" id="tab-apply" aria-selected="true">Policies that will apply</button>
    <button type="button" role="tab" id="tab-notapply" aria-selected="false">Policies that will not apply</button>
  </div>
  <table id="policies"><thead><tr><th>Policy</th><th>State</th><th id="col3">Grant / result</th></tr></thead><tbody></tbody></table>
</section>
<script nonce="${nonce}" src="${script}"></script>
</body></html>`;
}
