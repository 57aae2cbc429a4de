// The language server end to end, in-process over JSON-RPC: open documents, wait for diagnostics, request
// completion, hover, code lenses (and run a scenario through its command), formatting and rename; edit and see
// diagnostics update; save and see What If results.

import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CodeLens, CompletionList, Diagnostic, Hover, TextEdit, WorkspaceEdit } from 'vscode-languageserver';
import { MAX_RELATED } from '../../src/analysis/finding-diagnostics.js';
import { LatchCommands, type ScenarioRunSummary } from '../../src/lsp/latch-commands.js';
import { startTestServer, type TestClient } from './lsp-client.js';

const DIRECTORY = 'file:///ws/directory.latch';
const POLICIES = 'file:///ws/policies.latch';
const SCENARIOS = 'file:///ws/scenarios.latch';

const directory = `user alice { upn "alice@contoso.com" }
user bg1 { upn "bg1@contoso.com" }
group BreakGlass { members bg1  emergencyAccess }
group Finance { members alice }
app Payroll { id "2f6c1a55-0e4d-4d2a-9a53-2b5a3bb1c0de" }
location Allowed { countries NL, BE }
`;
const policies = `policy CA1 "Block outside the allow-list" {
  state on
  users include all  exclude BreakGlass
  apps include all
  locations include all  exclude Allowed
  block
}

policy CA2 {
  state on
  users include Finance
  apps include Payroll
  grant mfa
}
`;
const scenarios = `scenario "Alice from Brazil" {
  user alice
  app Payroll
  ip 198.51.100.7  country BR
  platform windows  client browser
  expect block
}

scenario "Alice from NL" {
  user alice
  app Payroll
  ip 198.51.100.7  country NL
  platform windows  client browser
  expect allow
}
`;

let client: TestClient;

beforeAll(async () => {
    client = await startTestServer();
    const opened = await Promise.all([client.open(DIRECTORY, directory), client.open(POLICIES, policies), client.open(SCENARIOS, scenarios)]);
    expect(opened.flat().filter((d) => d.severity === 1)).toEqual([]);
});

afterAll(async () => {
    await client?.close();
});

const lenses = () => client.connection.sendRequest('textDocument/codeLens', { textDocument: { uri: SCENARIOS } }) as Promise<CodeLens[]>;

describe('language server over JSON-RPC', () => {
    it('completes names of the right kind', async () => {
        const uri = 'file:///ws/typing.latch';
        const text = 'policy CA9 {\n  users include ';
        await client.open(uri, text);
        const list = await client.connection.sendRequest('textDocument/completion', { textDocument: { uri }, position: { line: 1, character: 16 } }) as CompletionList;
        const labels = list.items.map((i) => i.label);
        expect(labels).toEqual(expect.arrayContaining(['Finance', 'alice', 'BreakGlass', 'all', 'role']));
        expect(labels).not.toContain('Payroll');
    });

    it('hovers a policy with its summary', async () => {
        const hover = await client.connection.sendRequest('textDocument/hover', { textDocument: { uri: POLICIES }, position: { line: 0, character: 8 } }) as Hover;
        expect(JSON.stringify(hover.contents)).toContain('Blocks all users (except BreakGlass) on all apps from outside Allowed; enforced');
    });

    it('runs a scenario from its code lens and shows the result', async () => {
        const before = await lenses();
        expect(before.map((l) => l.command?.title)).toEqual(['▶ Run What If', '▶ Run What If']);
        const refreshes = client.codeLensRefreshes();
        const summary = await client.connection.sendRequest('workspace/executeCommand', { command: before[0].command!.command, arguments: before[0].command!.arguments }) as ScenarioRunSummary;
        expect(summary).toMatchObject({ name: 'Alice from Brazil', passed: true, line: 0, summary: '✓ block (expected block) · applies: CA1, CA2' });
        expect(summary.steps[0].expectations).toEqual([{ line: 5, passed: true, expected: 'block', actual: 'block' }]);
        expect(client.codeLensRefreshes()).toBeGreaterThan(refreshes);
        const after = await lenses();
        expect(after.map((l) => l.command?.title)).toEqual(['▶ Run What If', '✓ block (expected block) · applies: CA1, CA2', '▶ Run What If']);
    });

    it('shows every result of a document on save, and policy lenses count scenarios', async () => {
        await client.connection.sendNotification('textDocument/didSave', { textDocument: { uri: SCENARIOS } });
        await expect.poll(async () => (await lenses()).length).toBe(4);
        expect((await lenses())[3].command?.title).toBe('✗ expected allow, got requires mfa · CA2 applied');
        const policyLenses = await client.connection.sendRequest('textDocument/codeLens', { textDocument: { uri: POLICIES } }) as CodeLens[];
        expect(policyLenses.map((l) => l.command?.title)).toEqual(['applies in 1 of 2 scenarios', 'applies in 2 of 2 scenarios']);
        const listed = await client.connection.sendRequest('workspace/executeCommand', { command: LatchCommands.showScenarios, arguments: policyLenses[0].command!.arguments });
        expect(listed).toEqual([{ name: 'Alice from Brazil', uri: SCENARIOS, line: 0 }]);
    });

    it('formats a document', async () => {
        const uri = 'file:///ws/messy.latch';
        await client.open(uri, 'policy P{state on users all apps all grant mfa}\n');
        const edits = await client.connection.sendRequest('textDocument/formatting', { textDocument: { uri }, options: { tabSize: 4, insertSpaces: true } }) as TextEdit[];
        expect(edits.map((e) => e.newText).join('')).toBe('policy P {\n  state on\n  users all\n  apps all\n  grant mfa\n}\n');
    });

    it('renames a group across files', async () => {
        const edit = await client.connection.sendRequest('textDocument/rename', { textDocument: { uri: DIRECTORY }, position: { line: 3, character: 7 }, newName: 'Payroll_Users' }) as WorkspaceEdit;
        expect(Object.keys(edit.changes ?? {}).sort()).toEqual([DIRECTORY, POLICIES]);
    });

    it('updates diagnostics as the text changes', async () => {
        const broken = policies.replace('grant mfa', 'grant mfa and compliantDevice or approvedApp').replace('exclude BreakGlass', 'exclude BreakGlas');
        const diagnostics = await client.change(POLICIES, 2, broken);
        const codes = diagnostics.map((d) => (d.data as { code?: string } | undefined)?.code ?? d.code);
        expect(codes).toEqual(expect.arrayContaining(['mixed-and-or', 'linking-error']));
        const fixed = await client.change(POLICIES, 3, policies);
        expect(fixed.filter((d) => d.severity === 1)).toEqual([]);
    });

    it('survives garbage without crashing or hanging', async () => {
        const uri = 'file:///ws/garbage.latch';
        await client.open(uri, 'policy { users include ,,, "\n} } scenario');
        const list = await client.connection.sendRequest('textDocument/completion', { textDocument: { uri }, position: { line: 0, character: 9 } });
        expect(list).toBeDefined();
        const lens = await client.connection.sendRequest('textDocument/codeLens', { textDocument: { uri } });
        expect(Array.isArray(lens)).toBe(true);
        const bad = await client.connection.sendRequest('workspace/executeCommand', { command: LatchCommands.runScenario, arguments: [42, null] });
        expect(bad).toBeNull();
    });
});

/** CA2 never takes effect: CA1 blocks every sign-in it applies to. */
const BLOCK_THEN_MFA = `policy CA1 {
  state on
  users include all
  apps include all
  block
}
policy CA2 {
  state on
  users include all
  apps include all
  grant mfa
}
`;

describe('analysis settings (latch.analysis.enabled, latch.breakGlass)', () => {
    const DOC = 'file:///settings/p.latch';
    // CA2 never takes effect (CA1 blocks every sign-in it applies to); the ops group is not emergencyAccess.
    const text = `user ann
group Ops { members ann }
${BLOCK_THEN_MFA}`;
    async function analysisCodes(settings: Record<string, unknown>): Promise<string[]> {
        const c = await startTestServer(settings);
        try {
            await c.open(DOC, text);
            return (await c.save(DOC)).map((d) => String(d.code)).sort();
        } finally {
            await c.close();
        }
    }

    it('runs the analysis unless the setting turns it off', async () => {
        expect(await analysisCodes({ analysis: { enabled: true } })).toContain('shadowed-by-block');
        expect(await analysisCodes({ analysis: { enabled: false } })).toEqual([]);
    });

    it('treats the groups named in latch.breakGlass as break-glass accounts', async () => {
        expect(await analysisCodes({})).not.toContain('lockout-risk');
        expect(await analysisCodes({ breakGlass: ['Ops'] })).toContain('lockout-risk');
    });
});

describe('incremental analysis in the server', () => {
    const DOC = 'file:///incremental/p.latch';
    const base = `user ann
${BLOCK_THEN_MFA}policy CA3 {
  state on
  users include all
  apps include all
  platforms include iOS
  grant mfa
  session { signInFrequency 4h }
}
`;
    const codes = (ds: Diagnostic[]) => ds.map((d) => `${d.code}@${d.range.start.line}`).sort();
    async function savedCodes(c: TestClient, version: number, text: string): Promise<string[]> {
        await c.change(DOC, version, text);
        return codes(await c.save(DOC));
    }

    it('after each policy edit, reports what a fresh server reports', async () => {
        const edits = [
            base.replace('state on\n  users include all\n  apps include all\n  block', 'state reportOnly\n  users include all\n  apps include all\n  block'),
            base.replace('platforms include iOS', 'platforms include android'),
            base.replace('grant mfa\n  session', 'grant compliantDevice\n  session'),
            base,
        ];
        const c = await startTestServer();
        try {
            await c.open(DOC, base);
            let version = 1;
            for (const text of edits) {
                const incremental = await savedCodes(c, ++version, text);
                const fresh = await startTestServer();
                try {
                    await fresh.open(DOC, text);
                    expect(incremental).toEqual(codes(await fresh.save(DOC)));
                } finally {
                    await fresh.close();
                }
            }
            // The block turned report-only lifts the shadow; back to the base text, it returns.
            expect(await savedCodes(c, ++version, edits[0])).not.toContain('shadowed-by-block@7');
            expect(await savedCodes(c, ++version, base)).toContain('shadowed-by-block@7');
        } finally {
            await c.close();
        }
    });
});

describe('analysis findings across files and keystrokes', () => {
    const A = 'file:///across/a.latch';
    const B = 'file:///across/b.latch';
    const grantAll = (name: string) => `policy ${name} {\n  state on\n  users include all\n  apps include all\n  grant mfa\n}\n`;
    const codes = (ds: Diagnostic[]) => ds.map((d) => String(d.code)).sort();
    /** A fresh server with a one-user directory open. */
    async function withServer(run: (c: TestClient) => Promise<void>): Promise<void> {
        const c = await startTestServer();
        try {
            await c.open('file:///across/dir.latch', 'user ann\n');
            await run(c);
        } finally {
            await c.close();
        }
    }

    it('an edit in one file updates the findings shown in another', async () => {
        await withServer(async (c) => {
            await c.open(A, grantAll('PA'));
            await c.open(B, grantAll('PB'));
            expect(codes(await c.save(A))).toContain('redundant');
            await c.change(A, 2, grantAll('PA').replace('grant mfa', 'block'));
            const b = c.nextDiagnostics(B);
            await c.save(A);
            // PB's grant never takes effect now: every sign-in it applies to is blocked by PA (in the other file).
            expect(codes(await b)).toContain('shadowed-by-block');
        });
    });

    it('keeps showing the last findings while typing, at their new positions, until the next analysis replaces them', async () => {
        await withServer(async (c) => {
            const text = grantAll('PA').replace('grant mfa', 'block') + grantAll('PB');
            await c.open(A, text);
            const saved = await c.save(A);
            const shadow = saved.find((d) => d.code === 'shadowed-by-block');
            expect(shadow?.range.start.line).toBe(6);
            // A keystroke (two comment lines above everything): the build skips the analysis but shows its findings.
            const typed = await c.change(A, 2, `// one\n// two\n${text}`);
            const carried = typed.filter((d) => d.code === 'shadowed-by-block');
            expect(carried).toHaveLength(1);
            expect(carried[0].range.start.line).toBe(8);
            // The finding's sentence (its witness line returns with the next analysis).
            expect(shadow?.message.startsWith(`${carried[0].message}\nWitness: `)).toBe(true);
            expect((carried[0].data as { carried?: boolean }).carried).toBe(true);
            // Carried: text and code only (the witness data and related policies come back with the next analysis).
            expect(carried[0].relatedInformation ?? []).toEqual([]);
            expect(shadow?.relatedInformation?.[0].location.range.start.line).toBe(0);
            // The analysis of the new text replaces them: same findings, once each, no longer marked carried.
            const again = await c.save(A);
            expect(codes(again)).toEqual(codes(saved));
            expect(again.find((d) => d.code === 'shadowed-by-block')?.relatedInformation?.[0].location.range.start.line).toBe(2);
            expect(again.every((d) => !(d.data as { carried?: boolean } | undefined)?.carried)).toBe(true);
            // A renamed policy's findings are not carried over to a policy that no longer exists.
            const renamed = await c.change(A, 3, text.replace('policy PB', 'policy PC'));
            expect(renamed.filter((d) => d.code === 'shadowed-by-block')).toEqual([]);
        });
    });

    it('writes the counterexample of a finding as a scenario when the quick fix is asked for, not in every diagnostic', async () => {
        await withServer(async (c) => {
            const text = grantAll('PA').replace('grant mfa', 'block') + grantAll('PB');
            await c.open(A, text);
            const shadow = (await c.save(A)).find((d) => d.code === 'shadowed-by-block')!;
            expect(shadow.data).toEqual({ code: 'shadowed-by-block', analysis: true });
            const ask = (d: Diagnostic) => c.connection.sendRequest('textDocument/codeAction', { textDocument: { uri: A }, range: d.range, context: { diagnostics: [d] } }) as Promise<Array<{ title: string; edit?: WorkspaceEdit }>>;
            const fix = (await ask(shadow)).find((a) => a.title === 'Add the counterexample as a scenario');
            const inserted = fix?.edit?.changes?.[A]?.[0]?.newText ?? '';
            expect(inserted).toMatch(/^\nscenario "shadowed-by-block: PB" \{\n {2}user ann\n[\s\S]*\n {2}expect block\n {2}expect applies PA, PB\n\}\n$/);
            // The same fix from the diagnostic carried while typing (its sentence only).
            const carried = (await c.change(A, 2, `// typing\n${text}`)).find((d) => d.code === 'shadowed-by-block')!;
            expect((await ask(carried)).find((a) => a.title === 'Add the counterexample as a scenario')?.edit?.changes?.[A]?.[0]?.newText).toBe(inserted);
            // No fix for a diagnostic no analysis made.
            expect((await ask({ ...shadow, message: 'something else' })).map((a) => a.title)).not.toContain('Add the counterexample as a scenario');
        });
    });

    it('links at most MAX_RELATED involved policies under a finding; its message names them all', async () => {
        await withServer(async (c) => {
            const blocks = Array.from({ length: 7 }, (_, k) => grantAll(`PB${k}`).replace('grant mfa', 'block')).join('\n');
            await c.open(A, `${grantAll('PA')}\n${blocks}`);
            const shadow = (await c.save(A)).find((d) => d.code === 'shadowed-by-block')!;
            for (let k = 0; k < 7; k++) expect(shadow.message).toContain(`PB${k}`);
            expect(MAX_RELATED).toBeLessThan(7);
            expect(shadow.relatedInformation?.map((r) => r.message)).toEqual(Array.from({ length: MAX_RELATED }, (_, k) => `involved: PB${k}`));
        });
    });
});

describe('a workspace folder opened with no file open', () => {
    it('lists its scenarios for the Test Explorer and answers What If (the initial build validates)', async () => {
        const dir = mkdtempSync(join(tmpdir(), 'latch-ws-'));
        writeFileSync(join(dir, 'directory.latch'), directory);
        writeFileSync(join(dir, 'policies.latch'), policies);
        writeFileSync(join(dir, 'scenarios.latch'), scenarios);
        const c = await startTestServer(undefined, dir);
        try {
            const files = await c.connection.sendRequest('latch/tests') as Array<{ uri: string; items: Array<{ label?: string; name?: string }> }>;
            const scenarioFile = files.find((f) => f.uri.endsWith('/scenarios.latch'));
            expect(scenarioFile?.items.length).toBe(2);
            const names = await c.connection.sendRequest('latch/workspaceNames') as { groups: string[] };
            expect(names.groups).toEqual(['BreakGlass', 'Finance']);
        } finally {
            await c.close();
            rmSync(dir, { recursive: true, force: true });
        }
    });
});

