// What If webview script: collects the inputs, posts them to the extension and renders the server's answer.
// No evaluation here; CSP allows only this file (nonce) and the stylesheet.
(function () {
    const vscode = acquireVsCodeApi();
    const $ = (id) => document.getElementById(id);
    const list = (v) => v.split(',').map((s) => s.trim()).filter(Boolean);
    let last;
    let tab = 'apply';

    function inputs() {
        const value = (id) => $(id).value.trim() || undefined;
        const registered = $('registered').checked;
        const compliant = $('isCompliant').checked;
        const trustType = value('trustType');
        const time = value('time');
        return {
            user: value('user'), groups: list($('groups').value), roles: list($('roles').value),
            target: value('target') ? { kind: $('targetKind').value, name: value('target') } : undefined,
            ip: value('ip'), country: value('country'), platform: value('platform'), client: value('client'),
            signInRisk: value('signInRisk'), userRisk: value('userRisk'), insiderRisk: value('insiderRisk'), flow: value('flow'),
            device: registered || compliant || trustType ? { registered: registered || compliant || !!trustType, isCompliant: compliant, trustType } : undefined,
            time: time ? { timestamp: time.slice(0, 16), zone: value('zone') || 'UTC' } : undefined,
            satisfied: list($('satisfied').value),
        };
    }

    function fill(id, values) {
        const el = $(id);
        el.replaceChildren(...values.map((v) => { const o = document.createElement('option'); o.value = v; return o; }));
    }

    function text(el, value) { el.textContent = value; return el; }

    function renderPolicies() {
        const body = document.querySelector('#policies tbody');
        $('tab-apply').setAttribute('aria-selected', String(tab === 'apply'));
        $('tab-notapply').setAttribute('aria-selected', String(tab !== 'apply'));
        text($('col3'), tab === 'apply' ? 'Grant / result' : 'Reason');
        const rows = (last?.policies ?? []).filter((p) => p.applies === (tab === 'apply')).map((p) => {
            const tr = document.createElement('tr');
            const name = document.createElement('td');
            const link = document.createElement('a');
            link.href = '#';
            text(link, p.displayName ? `${p.name} — ${p.displayName}` : p.name);
            if (p.location) link.addEventListener('click', (e) => { e.preventDefault(); vscode.postMessage({ type: 'open', uri: p.location.uri, line: p.location.range.start.line }); });
            name.append(link);
            const state = text(document.createElement('td'), p.state === 'enabledForReportingButNotEnforced' ? 'report-only' : p.state);
            const third = document.createElement('td');
            if (p.applies) text(third, `${p.block ? 'block' : p.requires ? `requires ${p.requires}` : 'grant (satisfied)'} · ${p.result}`);
            else text(third, `${p.reason}${p.detail ? ` — ${p.detail}` : ''}`);
            tr.append(name, state, third);
            tr.className = p.applies ? 'applies' : 'not-applies';
            return tr;
        });
        body.replaceChildren(...rows);
    }

    function render(r) {
        last = r;
        $('results').hidden = false;
        $('errors').hidden = r.errors.length === 0;
        text($('errors'), r.errors.join('\n'));
        $('summary').hidden = r.errors.length > 0;
        const outcome = $('outcome');
        text(outcome, r.decision ?? '');
        outcome.className = `badge ${r.outcome ?? ''}`;
        text($('requirement'), r.requirement ?? (r.outcome === 'block' ? 'blocked' : 'none'));
        text($('session'), r.session.length > 0 ? r.session.join(', ') : 'none');
        text($('shadow'), r.shadowDecision ?? '');
        renderPolicies();
    }

    $('inputs').addEventListener('submit', (e) => { e.preventDefault(); vscode.postMessage({ type: 'evaluate', inputs: inputs() }); });
    $('save').addEventListener('click', () => vscode.postMessage({ type: 'save', inputs: inputs(), name: $('scenarioName').value.trim() || 'What If' }));
    $('tab-apply').addEventListener('click', () => { tab = 'apply'; renderPolicies(); });
    $('tab-notapply').addEventListener('click', () => { tab = 'notapply'; renderPolicies(); });
    window.addEventListener('message', (event) => {
        const m = event.data;
        if (m.type === 'names') {
            const n = m.names;
            fill('users', n.users); fill('groups', n.groups); fill('roles', n.roles);
            fill('targets', [...n.apps, ...n.authContexts, 'registerSecurityInfo', 'registerDevice']);
            fill('controls', ['mfa', 'compliantDevice', 'hybridJoinedDevice', 'approvedApp', 'appProtection', 'passwordChange',
                ...n.strengths.map((s) => `strength ${s}`), ...n.terms.map((t) => `terms ${t}`)]);
            text($('mode'), m.mode);
        } else if (m.type === 'result') render(m.result);
    });
    vscode.postMessage({ type: 'ready' });
})();
