// Direct provider calls (STYLE §1.5): completion, hover, code lenses, formatting, code actions, semantic tokens,
// symbols and rename, on in-memory documents built with the built-in library.

import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { TextDocument, type LangiumDocument } from 'langium';
import { SemanticTokensDecoder } from 'langium/lsp';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { CodeAction, Diagnostic } from 'vscode-languageserver';
import { LatchCommands } from '../../src/lsp/latch-commands.js';
import { IssueCodes } from '../../src/validation/issue-codes.js';
import { buildWorkspace, clearWorkspace, ensureBuiltins, services } from '../helpers.js';
import { extractLatchBlocks, readLanguageMd } from '../language-md.js';

const contosoDir = fileURLToPath(new URL('../../../../examples/contoso/', import.meta.url));
const contoso = Object.fromEntries(readdirSync(contosoDir).filter((f) => f.endsWith('.latch')).map((f) => [f, readFileSync(join(contosoDir, f), 'utf8')]));

const lsp = services.lsp;

beforeAll(async () => {
    await ensureBuiltins();
});
afterEach(async () => {
    await clearWorkspace();
});

function params(doc: LangiumDocument, offset = 0) {
    return { textDocument: { uri: doc.uri.toString() }, position: doc.textDocument.positionAt(offset) };
}

async function completionLabels(text: string, files: Record<string, string> = {}): Promise<string[]> {
    const ws = await buildWorkspace({ ...files, 'c.latch': text }, { validation: false });
    const doc = ws.docs[ws.docs.length - 1];
    const list = await lsp.CompletionProvider!.getCompletion(doc, params(doc, text.length));
    return (list?.items ?? []).map((i) => i.label);
}

async function hoverAt(text: string, marker: string): Promise<string> {
    const ws = await buildWorkspace({ 'h.latch': text }, { validation: false });
    const doc = ws.docs[0];
    const hover = await lsp.HoverProvider!.getHoverContent(doc, params(doc, text.indexOf(marker) + 1));
    const contents = hover?.contents;
    return contents && typeof contents === 'object' && 'value' in contents ? contents.value : '';
}

async function format(text: string): Promise<string> {
    const ws = await buildWorkspace({ 'f.latch': text }, { validation: false });
    const doc = ws.docs[0];
    const edits = await lsp.Formatter!.formatDocument(doc, { textDocument: { uri: doc.uri.toString() }, options: { tabSize: 4, insertSpaces: true } });
    await clearWorkspace();
    return TextDocument.applyEdits(TextDocument.create('file:///x.latch', 'latch', 0, text), edits);
}

const DIRECTORY = `
user alice { upn "alice@contoso.com" }
user bg1 { upn "bg1@contoso.com" }
group BreakGlass { members bg1  emergencyAccess }
group Finance { members alice }
app Payroll { id "2f6c1a55-0e4d-4d2a-9a53-2b5a3bb1c0de" }
location CorpHQ "Corp HQ" { ip 203.0.113.0/24, 2001:db8:1::/48  trusted }
location Allowed { countries NL, BE }
`;

describe('completion', () => {
    it('offers keywords valid at the cursor, not keywords that could only be names', async () => {
        expect(await completionLabels('policy P { state ')).toEqual(['on', 'off', 'reportOnly']);
        const top = await completionLabels('');
        expect(top).toEqual(expect.arrayContaining(['policy', 'scenario', 'assert', 'user', 'group', 'policy …', 'scenario …', 'assert …']));
        expect(await completionLabels('policy ')).toEqual([]);
    });

    it('offers declared and built-in names filtered by the reference kind', async () => {
        const users = await completionLabels('policy P { users include ', { 'd.latch': DIRECTORY });
        expect(users).toEqual(expect.arrayContaining(['all', 'guests', 'role', 'alice', 'bg1', 'BreakGlass', 'Finance']));
        expect(users).not.toContain('Payroll');
        const apps = await completionLabels('policy P { apps include ', { 'd.latch': DIRECTORY });
        expect(apps).toEqual(expect.arrayContaining(['all', 'Payroll', 'Office365', 'ExchangeOnline', 'AzurePortal']));
        expect(apps).not.toContain('alice');
        const roles = await completionLabels('policy P { users include role ', { 'd.latch': DIRECTORY });
        expect(roles).toContain('GlobalAdministrator');
        const locations = await completionLabels('policy P { locations include all exclude ', { 'd.latch': DIRECTORY });
        expect(locations).toEqual(expect.arrayContaining(['CorpHQ', 'Allowed', 'trusted']));
        expect(await completionLabels('policy P { grant strength ')).toEqual(expect.arrayContaining(['Mfa', 'PasswordlessMfa', 'PhishingResistantMfa']));
    });

    it('offers the domain vocabulary: controls, platforms, clients, risks, session settings', async () => {
        expect(await completionLabels('policy P { grant ')).toEqual(expect.arrayContaining(['mfa', 'compliantDevice', 'hybridJoinedDevice', 'approvedApp', 'appProtection', 'passwordChange', 'block', 'strength', 'terms']));
        expect(await completionLabels('policy P { platforms include ')).toEqual(expect.arrayContaining(['all', 'android', 'ios', 'windows', 'macos', 'linux']));
        expect(await completionLabels('policy P { clients ')).toEqual(expect.arrayContaining(['browser', 'mobileAndDesktop', 'exchangeActiveSync', 'other']));
        expect(await completionLabels('policy P { signInRisk ')).toEqual(expect.arrayContaining(['low', 'medium', 'high']));
        expect(await completionLabels('policy P { session { ')).toEqual(expect.arrayContaining(['signInFrequency', 'persistentBrowser', 'cloudAppSecurity', 'tokenProtection']));
    });

    it('offers country codes with names, IANA zones, device-filter properties and operators, reasons, methods', async () => {
        const ws = await buildWorkspace({ 'c.latch': 'location X { countries ' }, { validation: false });
        const list = await lsp.CompletionProvider!.getCompletion(ws.docs[0], params(ws.docs[0], 'location X { countries '.length));
        const nl = list?.items.find((i) => i.label === 'NL');
        expect(nl?.detail).toBe('Netherlands');
        expect(list?.items).toHaveLength(249);
        expect(await completionLabels('scenario "s" { country ')).toContain('BR');
        expect(await completionLabels('policy P { during mon-fri 08:00-18:00 ')).toEqual(expect.arrayContaining(['"Europe/Amsterdam"', '"America/New_York"']));
        expect(await completionLabels('policy P { during ')).toEqual(expect.arrayContaining(['mon', 'mon-fri']));
        expect(await completionLabels('policy P { devices include where ')).toEqual(expect.arrayContaining(['device.isCompliant', 'device.trustType', '-not']));
        expect(await completionLabels('policy P { devices include where device.trustType ')).toEqual(expect.arrayContaining(['-eq', '-ne', '-startsWith', '-in', '-notIn']));
        expect(await completionLabels('scenario "s" { expect notApplies P because ')).toEqual(expect.arrayContaining(['users', 'location', 'devicePlatform', 'policyNotEnabled']));
        expect(await completionLabels('strength S { methods fido2, ')).toEqual(expect.arrayContaining(['fido2', 'microsoftAuthenticatorPush', 'password']));
    });

    it('offers snippets for a policy, a scenario and an assertion', async () => {
        const ws = await buildWorkspace({ 'c.latch': '' }, { validation: false });
        const list = await lsp.CompletionProvider!.getCompletion(ws.docs[0], params(ws.docs[0]));
        const snippet = list?.items.find((i) => i.label === 'policy …');
        expect(snippet?.insertText).toMatch(/^policy \$\{1:CA000\}/);
        expect(snippet?.insertTextFormat).toBe(2);
    });
});

describe('hover', () => {
    it('summarises a policy in plain English', async () => {
        const text = `${DIRECTORY}
policy CA900 "Finance: block Payroll from outside HQ" {
  state reportOnly
  users include Finance  exclude BreakGlass
  apps include Payroll
  locations include all  exclude CorpHQ
  devices exclude where device.isCompliant -eq True
  block
}`;
        const md = await hoverAt(text, 'CA900');
        expect(md).toContain('**policy** `CA900`');
        expect(md).toContain('Blocks Finance users (except BreakGlass) on Payroll from outside CorpHQ except on devices where device.isCompliant -eq True; report-only');
    });

    it('describes references: members, CIDRs, countries, app ids', async () => {
        const text = `${DIRECTORY}
policy P { state on users include Finance apps include Payroll locations include CorpHQ, Allowed grant mfa }`;
        expect(await hoverAt(text, 'Finance apps')).toContain('closed group: members alice');
        expect(await hoverAt(text, 'Payroll locations')).toContain('2f6c1a55-0e4d-4d2a-9a53-2b5a3bb1c0de');
        expect(await hoverAt(text, 'CorpHQ, Allowed')).toContain('`203.0.113.0/24`');
        expect(await hoverAt(text, 'Allowed grant')).toContain('NL (Netherlands)');
    });

    it('documents keywords and controls', async () => {
        const text = 'policy P { state on users all apps all grant mfa and compliantDevice }';
        expect(await hoverAt(text, 'mfa and')).toContain('multifactor authentication');
        expect(await hoverAt(text, 'compliantDevice')).toContain('compliant by Intune');
        expect(await hoverAt(text, 'state on')).toContain('reportOnly');
    });
});

describe('code lenses', () => {
    const files = {
        'd.latch': DIRECTORY,
        'p.latch': `
policy CA1 { state on users include all exclude BreakGlass apps include all locations include all exclude Allowed block }
policy CA2 { state on users include Finance apps include Payroll grant mfa }
policy CA3 { state off users include all apps include all block }`,
        's.latch': `
scenario "Alice from Brazil" { user alice app Payroll ip 198.51.100.7 country BR platform windows client browser expect block expect applies CA1 }
scenario "Alice from NL" { user alice app Payroll ip 198.51.100.7 country NL platform windows client browser expect allow }`,
    };

    it('offers Run What If above scenarios and shows results once run', async () => {
        const ws = await buildWorkspace(files);
        const scenarios = ws.docs[2];
        const uri = scenarios.uri.toString();
        const before = await lsp.CodeLensProvider!.provideCodeLens(scenarios, { textDocument: { uri } });
        expect(before?.map((l) => l.command?.title)).toEqual(['▶ Run What If', '▶ Run What If']);
        expect(before?.[0].command).toMatchObject({ command: LatchCommands.runScenario, arguments: [uri, 'Alice from Brazil'] });
        expect(before?.[0].range.start.line).toBe(1);

        services.whatIf.ScenarioResults.reveal(uri, ['Alice from Brazil', 'Alice from NL']);
        const after = await lsp.CodeLensProvider!.provideCodeLens(scenarios, { textDocument: { uri } });
        expect(after?.map((l) => l.command?.title)).toEqual([
            '▶ Run What If', '✓ block (expected block) · applies: CA1, CA2',
            '▶ Run What If', '✗ expected allow, got requires mfa · CA2 applied',
        ]);
        expect(after?.[1].command?.command).toBe(LatchCommands.showScenarioResult);
    });

    it('counts the scenarios each policy applies in', async () => {
        const ws = await buildWorkspace(files);
        const policies = ws.docs[1];
        const uri = policies.uri.toString();
        const lenses = await lsp.CodeLensProvider!.provideCodeLens(policies, { textDocument: { uri } });
        expect(lenses?.map((l) => l.command?.title)).toEqual(['applies in 1 of 2 scenarios', 'applies in 2 of 2 scenarios', 'applies in 0 of 2 scenarios']);
        expect(lenses?.[0].command).toMatchObject({ command: LatchCommands.showScenarios, arguments: [uri, 'CA1', ['Alice from Brazil']] });
        expect(lenses?.[2].command?.command).toBe('');
    });

    it('shows whether each assertion holds, and a clickable counterexample when it does not', async () => {
        const ws = await buildWorkspace({
            'p.latch': 'user alice\npolicy CA1 {\n  state on\n  users all\n  apps all\n  clients exchangeActiveSync\n  block\n}\n',
            'a.latch': 'assert "EAS is blocked" { apps all  clients exchangeActiveSync  always block }\n'
                + 'assert "Other legacy clients are blocked" { apps all  clients other  always block }\n',
        });
        const doc = ws.docs[1];
        const uri = doc.uri.toString();
        const lenses = await lsp.CodeLensProvider!.provideCodeLens(doc, { textDocument: { uri } });
        expect(lenses?.[0].command).toMatchObject({ title: '✓ holds', command: '' });
        const violated = lenses?.[1].command;
        expect(violated?.title).toMatch(/^✗ counterexample: .*other.* → allow$/);
        expect(violated?.command).toBe(LatchCommands.insertScenario);
        expect(violated?.arguments?.[0]).toBe(uri);
        expect(String(violated?.arguments?.[1])).toMatch(/^scenario "[^"]+" \{[\s\S]*client other[\s\S]*expect allow[\s\S]*\}/);
    });

    it('keeps What If answers across edits that leave the model unchanged, and recomputes them after a policy edit', async () => {
        const text = `user ann
app Crm { id "5a0c1e0e-3f54-4d6b-8a43-3c1c2d1e0b11" }
policy P { state on  users include all  apps include all  grant mfa }
scenario "ann opens Crm" { user ann  app Crm  ip 198.51.100.7  country NL  platform windows  client browser  expect requires mfa }
`;
        const results = services.whatIf.ScenarioResults;
        const answer = () => {
            const snapshot = results.snapshot();
            const node = snapshot.lowered.scenarios[0].node;
            return snapshot.resultOf(node);
        };
        await buildWorkspace({ 'a.latch': text });
        const first = answer();
        expect(first?.passed).toBe(true);
        await clearWorkspace();
        await buildWorkspace({ 'a.latch': `// a comment\n${text}` });
        expect(answer()).toBe(first); // carried over: the same result object
        await clearWorkspace();
        await buildWorkspace({ 'a.latch': text.replace('grant mfa', 'block') });
        const after = answer();
        expect(after).not.toBe(first);
        expect(after?.passed).toBe(false); // now blocked, the scenario expects mfa
    });

    it('runs every contoso scenario and reports the same pass count as latch test', async () => {
        const ws = await buildWorkspace(contoso);
        const snapshot = services.whatIf.ScenarioResults.snapshot();
        expect(snapshot.scenarioCount).toBeGreaterThan(50);
        expect([...snapshot.allResults().values()].every((r) => r?.passed)).toBe(true);
        for (const doc of ws.docs) await lsp.CodeLensProvider!.provideCodeLens(doc, { textDocument: { uri: doc.uri.toString() } });
    });
});

describe('formatting', () => {
    const messy = `user alice { upn "a@x.com" }
policy P{state on users all
// why
      apps all   // trailing
 grant mfa}
scenario "s" {
user alice
      app Payroll  ip 1.2.3.4
   after 5m {
 userRisk high
}
  expect allow }
`;
    it('puts one clause per line with two-space indentation, keeping comments and grouping', async () => {
        expect(await format(messy)).toBe(`user alice { upn "a@x.com" }
policy P {
  state on
  users all
  // why
  apps all   // trailing
  grant mfa
}
scenario "s" {
  user alice
  app Payroll  ip 1.2.3.4
  after 5m {
    userRisk high
  }
  expect allow }
`);
    });

    const inputs: Array<[string, string]> = [
        ...extractLatchBlocks(readLanguageMd()).map((b): [string, string] => [`LANGUAGE.md:${b.line}`, b.text]),
        ...Object.entries(contoso),
        ['messy', messy],
    ];
    it.each(inputs)('%s: format is idempotent and keeps the lowered model', async (_name, text) => {
        const once = await format(text);
        expect(await format(once)).toBe(once);
        const a = await buildWorkspace({ 'a.latch': text }, { validation: false });
        const modelA = JSON.stringify(a.lower().set);
        await clearWorkspace();
        const b = await buildWorkspace({ 'a.latch': once }, { validation: false });
        expect(JSON.stringify(b.lower().set)).toBe(modelA);
    });

    it('leaves the formatted LANGUAGE.md blocks and contoso files unchanged', async () => {
        for (const [, text] of inputs.filter(([n]) => n !== 'messy')) expect(await format(text)).toBe(text);
    });
});

describe('code actions', () => {
    async function actions(text: string, code: string): Promise<{ doc: LangiumDocument; actions: CodeAction[]; diagnostic: Diagnostic }> {
        const ws = await buildWorkspace({ 'd.latch': DIRECTORY, 'a.latch': text });
        const doc = ws.docs[1];
        const diagnostic = (doc.diagnostics ?? []).find((d) => (d.data as { code?: string } | undefined)?.code === code || d.code === code);
        expect(diagnostic, `no ${code} diagnostic`).toBeDefined();
        const result = await lsp.CodeActionProvider!.getCodeActions(doc, { textDocument: { uri: doc.uri.toString() }, range: diagnostic!.range, context: { diagnostics: [diagnostic!] } });
        return { doc, actions: (result ?? []) as CodeAction[], diagnostic: diagnostic! };
    }
    const apply = (doc: LangiumDocument, action: CodeAction) => TextDocument.applyEdits(doc.textDocument, action.edit!.changes![doc.uri.toString()]);

    it('adds a missing state', async () => {
        const { doc, actions: found } = await actions('policy P {\n  users all\n  apps all\n  grant mfa\n}\n', IssueCodes.MissingState);
        expect(found.map((a) => a.title)).toEqual(["Add 'state reportOnly'", "Add 'state on'"]);
        expect(apply(doc, found[0])).toBe('policy P {\n  state reportOnly\n  users all\n  apps all\n  grant mfa\n}\n');
    });

    it('splits a mixed and/or grant into policies Entra can express', async () => {
        const { doc, actions: found } = await actions('policy P {\n  state on\n  users all\n  apps all\n  grant mfa and compliantDevice or hybridJoinedDevice\n}\n', IssueCodes.MixedAndOr);
        expect(found).toHaveLength(1);
        const fixed = apply(doc, found[0]);
        expect(fixed).toContain('policy P {\n  state on\n  users all\n  apps all\n  grant compliantDevice or hybridJoinedDevice\n}');
        expect(fixed).toContain('policy P-2 {\n  state on\n  users all\n  apps all\n  grant hybridJoinedDevice or mfa\n}');
        const ws = await buildWorkspace({ 'd.latch': DIRECTORY, 'fixed.latch': fixed });
        expect(ws.issues.filter((i) => i.code === IssueCodes.MixedAndOr)).toEqual([]);
    });

    it('writes a counterexample scenario at the end of the document and excludes break-glass on lockout findings', async () => {
        const ws = await buildWorkspace({ 'd.latch': DIRECTORY, 'a.latch': 'policy P {\n  state on\n  users include all\n  apps all\n  block\n}' });
        const doc = ws.docs[1];
        const range = { start: { line: 0, character: 7 }, end: { line: 0, character: 8 } };
        const diagnostic: Diagnostic = { range, message: 'lockout', data: { code: 'lockout-risk', scenarioText: 'scenario "bg1 is blocked" {\n  user bg1\n  app Payroll\n  expect allow\n}' } };
        const found = (await lsp.CodeActionProvider!.getCodeActions(doc, { textDocument: { uri: doc.uri.toString() }, range, context: { diagnostics: [diagnostic] } })) as CodeAction[];
        expect(found.map((a) => a.title)).toEqual(['Add the counterexample as a scenario', 'Exclude BreakGlass (break-glass)']);
        expect(apply(doc, found[0])).toMatch(/block\n}\n\nscenario "bg1 is blocked" \{\n {2}user bg1\n {2}app Payroll\n {2}expect allow\n}\n$/);
        expect(apply(doc, found[1])).toContain('users include all  exclude BreakGlass\n');
    });
});

describe('semantic tokens, symbols, rename', () => {
    it('distinguishes kinds of names, keywords, controls, operators and literals', async () => {
        const ws = await buildWorkspace({ 'd.latch': DIRECTORY, 't.latch': 'policy CA1 { state on users include Finance, alice apps include Payroll locations include CorpHQ devices include where device.isCompliant -eq True grant mfa session { signInFrequency 4h } }' });
        const doc = ws.docs[1];
        const provider = lsp.SemanticTokenProvider!;
        const tokens = await provider.semanticHighlight(doc, { textDocument: { uri: doc.uri.toString() } });
        const decoded = SemanticTokensDecoder.decode(tokens, provider.tokenTypes, doc);
        const typeOf = (text: string) => decoded.find((t) => t.text === text)?.tokenType;
        expect(typeOf('CA1')).toBe('class');
        expect(typeOf('Finance')).toBe('namespace');
        expect(typeOf('alice')).toBe('variable');
        expect(typeOf('Payroll')).toBe('interface');
        expect(typeOf('CorpHQ')).toBe('struct');
        expect(typeOf('policy')).toBe('keyword');
        expect(typeOf('mfa')).toBe('enumMember');
        expect(typeOf('-eq')).toBe('operator');
        expect(typeOf('device.isCompliant')).toBe('property');
        expect(typeOf('4h')).toBe('number');
    });

    it('outlines a document and renames across files', async () => {
        const ws = await buildWorkspace({ 'd.latch': DIRECTORY, 'p.latch': 'policy CA1 { state on users include Finance apps all grant mfa }\nscenario "s" { user alice app Payroll expect allow }' });
        const [dir, pol] = ws.docs;
        const symbols = await lsp.DocumentSymbolProvider!.getSymbols(pol, { textDocument: { uri: pol.uri.toString() } });
        expect(symbols.map((s) => s.name)).toEqual(['CA1', 's']);
        const offset = dir.textDocument.getText().indexOf('Finance');
        const edit = await lsp.RenameProvider!.rename(dir, { ...params(dir, offset + 1), newName: 'FinanceTeam' });
        const changed = Object.fromEntries(Object.entries(edit?.changes ?? {}).map(([uri, edits]) => [uri.split('/').pop(), edits.length]));
        expect(changed).toEqual({ 'd.latch': 1, 'p.latch': 1 });
    });
});
