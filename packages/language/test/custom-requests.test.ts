// The custom LSP requests behind the extension's What If panel, Test Explorer and analysis report
// (src/lsp/custom-requests.ts), called through their handlers over an in-memory workspace.

import { afterEach, describe, expect, it } from 'vitest';
import { createCustomRequestHandlers, inputStatements } from '../src/lsp/custom-requests.js';
import { buildWorkspace, clearWorkspace, shared } from './helpers.js';

const handlers = createCustomRequestHandlers(shared);

const TENANT = `
user carol { upn "carol@contoso.com"  roles GlobalAdministrator }
user bg1   { upn "bg1@contoso.com" }
group BreakGlass { members bg1  emergencyAccess }
group Contractors { id "2802b872-ccfb-4b29-a9a9-459808dfb11b" }
app Payroll { id "2f6c1a55-0e4d-4d2a-9a53-2b5a3bb1c0de" }
location Allowed { countries NL, BE }

policy CA100 "Admins: MFA and a compliant device" {
  state on
  users include role GlobalAdministrator  exclude BreakGlass
  apps include MicrosoftAdminPortals
  grant mfa and compliantDevice
  session { signInFrequency 4h }
}
policy CA200 "Block outside the allow-list" {
  state on
  users include all  exclude BreakGlass
  apps include all
  locations include all  exclude Allowed
  block
}
policy CA400 "Contractors: MFA (report-only)" {
  state reportOnly
  users include Contractors
  apps include all
  grant mfa
}
`;

const SCENARIOS = `
scenario "Carol on the portal from NL" {
  user carol
  app AzurePortal
  ip 198.51.100.7  country NL
  platform windows  client browser
  device { registered true  isCompliant true  trustType "AzureAD" }
  expect requires mfa
  expect applies CA100
}

scenario "Carol from Brazil is allowed (wrong on purpose)" {
  user carol
  app AzurePortal
  ip 198.51.100.7  country BR
  expect allow
  expect notApplies CA200 because location
}

assert "Break-glass is never blocked" { users BreakGlass  never block }
`;

afterEach(clearWorkspace);

describe('latch/whatIf', () => {
    it('evaluates panel inputs against the workspace: outcome, requirement, session, applying and skipped policies with reasons, shadow', async () => {
        await buildWorkspace({ 'tenant.latch': TENANT });
        const r = await handlers.whatIf({
            inputs: {
                user: 'carol', target: { kind: 'app', name: 'AzurePortal' }, ip: '198.51.100.7', country: 'nl',
                platform: 'windows', client: 'browser', device: { registered: true, isCompliant: true, trustType: 'AzureAD' },
            },
        });
        expect(r.errors).toEqual([]);
        expect(r.outcome).toBe('requires');
        expect(r.decision).toBe('requires mfa');
        expect(r.requirement).toBe('mfa');
        expect(r.session).toEqual(['signInFrequency 4h']);
        const byName = Object.fromEntries(r.policies.map((p) => [p.name, p]));
        expect(byName.CA100).toMatchObject({ applies: true, result: 'interrupted', requires: 'mfa' });
        expect(byName.CA100.location?.uri).toMatch(/tenant\.latch$/);
        expect(byName.CA200).toMatchObject({ applies: false, reason: 'location', block: true });
        expect(byName.CA400).toMatchObject({ applies: false, reason: 'users', result: 'reportOnlyNotApplied' });
        expect(r.shadowDecision).toBe('requires mfa');
    });

    it('reports the report-only shadow outcome and a block with the blocking policy', async () => {
        await buildWorkspace({ 'tenant.latch': TENANT });
        const shadow = await handlers.whatIf({ inputs: { groups: ['Contractors'], target: { kind: 'app', name: 'Payroll' }, country: 'BE', ip: '192.0.2.1' } });
        expect(shadow.errors).toEqual([]);
        expect(shadow.decision).toBe('allow');
        expect(shadow.shadowDecision).toBe('requires mfa');
        expect(shadow.policies.find((p) => p.name === 'CA400')).toMatchObject({ applies: true, result: 'reportOnlyInterrupted' });

        const blocked = await handlers.whatIf({ inputs: { user: 'carol', target: { kind: 'app', name: 'Payroll' }, country: 'BR', ip: '192.0.2.1' } });
        expect(blocked.decision).toBe('block');
        expect(blocked.policies.find((p) => p.name === 'CA200')).toMatchObject({ applies: true, result: 'failure' });
    });

    it('follows the evaluation mode: a missing country does not match in strict mode, matches in lenient mode', async () => {
        await buildWorkspace({ 'tenant.latch': TENANT });
        const inputs = { user: 'carol', target: { kind: 'app' as const, name: 'Payroll' } };
        const strict = await handlers.whatIf({ inputs, mode: 'strict' });
        const lenient = await handlers.whatIf({ inputs, mode: 'lenient' });
        expect(strict.policies.find((p) => p.name === 'CA200')).toMatchObject({ applies: false, reason: 'notEnoughInformation' });
        expect(lenient.decision).toBe('block');
    });

    it('returns a scenario block that pins the result and, saved into the workspace, passes', async () => {
        await buildWorkspace({ 'tenant.latch': TENANT });
        const r = await handlers.whatIf({
            scenarioName: 'Saved from the panel',
            inputs: { user: 'carol', target: { kind: 'app', name: 'AzurePortal' }, ip: '198.51.100.7', country: 'NL', device: { registered: true, isCompliant: true }, satisfied: ['mfa'] },
        });
        expect(r.scenarioText).toBe([
            'scenario "Saved from the panel" {',
            '  user carol',
            '  app AzurePortal',
            '  ip 198.51.100.7',
            '  country NL',
            '  device { registered true  isCompliant true }',
            '  satisfied mfa',
            '  expect allow',
            '  expect applies CA100',
            '}',
            '',
        ].join('\n'));
        await clearWorkspace();
        const ws = await buildWorkspace({ 'tenant.latch': TENANT, 'saved.latch': r.scenarioText });
        expect(ws.issues.filter((i) => i.severity === 'error')).toEqual([]);
        const [run] = await handlers.runTests({});
        expect(run).toMatchObject({ status: 'passed' });
    });

    it('rejects unknown names and malformed values instead of evaluating', async () => {
        await buildWorkspace({ 'tenant.latch': TENANT });
        const unknown = await handlers.whatIf({ inputs: { user: 'mallory', target: { kind: 'app', name: 'Payroll' } } });
        expect(unknown.errors).toEqual(['unknown name "mallory"']);
        expect(unknown.outcome).toBeUndefined();
        const country = await handlers.whatIf({ inputs: { user: 'carol', country: 'XX' } });
        expect(country.errors.join()).toMatch(/XX/);
    });

    it('never lets an input inject syntax', () => {
        const r = inputStatements({ user: 'carol } policy Evil { state on', ip: '1.2.3.4 } x', satisfied: ['mfa, block'] });
        expect(r.lines).toEqual([]);
        expect(r.errors).toEqual([
            'user: "carol } policy Evil { state on" is not a name',
            'ip: "1.2.3.4 } x" is not an IP address',
            'satisfied: "mfa, block" is not a control',
        ]);
    });
});

describe('latch/workspaceNames', () => {
    it('lists declared names by kind, built-ins included', async () => {
        await buildWorkspace({ 'tenant.latch': TENANT });
        const n = await handlers.workspaceNames();
        expect(n.users).toEqual(['bg1', 'carol']);
        expect(n.groups).toEqual(['BreakGlass', 'Contractors']);
        expect(n.policies).toEqual(['CA100', 'CA200', 'CA400']);
        expect(n.locations).toEqual(['Allowed']);
        expect(n.apps).toEqual(expect.arrayContaining(['Payroll', 'AzurePortal', 'ExchangeOnline']));
        expect(n.roles).toContain('GlobalAdministrator');
        expect(n.strengths).toContain('PhishingResistantMfa');
    });
});

describe('latch/tests and latch/runTests', () => {
    it('lists every scenario and assertion with its range and expectations', async () => {
        await buildWorkspace({ 'tenant.latch': TENANT, 'scenarios.latch': SCENARIOS });
        const files = await handlers.tests();
        expect(files).toHaveLength(1);
        expect(files[0].uri).toMatch(/scenarios\.latch$/);
        expect(files[0].items.map((i) => [i.kind, i.name, i.range.start.line])).toEqual([
            ['scenario', 'Carol on the portal from NL', 1],
            ['scenario', 'Carol from Brazil is allowed (wrong on purpose)', 11],
            ['assertion', 'Break-glass is never blocked', 19],
        ]);
        expect(files[0].items[0].expectations.map((e) => [e.label, e.range.start.line])).toEqual([['expect requires mfa', 7], ['expect applies CA100', 8]]);
        expect(files[0].items[0].id).toBe(`${files[0].uri}#scenario:Carol on the portal from NL`);
    });

    it('runs all, or the chosen ids: pass, fail with expected vs actual at the expectation, assertions proven by the analysis', async () => {
        await buildWorkspace({ 'tenant.latch': TENANT, 'scenarios.latch': SCENARIOS });
        const [file] = await handlers.tests();
        const all = await handlers.runTests({});
        expect(all.map((r) => r.status)).toEqual(['passed', 'failed', 'passed']);
        expect(all[0].summary).toBe('requires mfa · applies: CA100');
        const failed = all[1];
        expect(failed.failures.map((f) => [f.expected, f.actual, f.location.range.start.line])).toEqual([
            ['allow', 'block', 15],
            ['notApplies CA200 because location', 'CA200 applies', 16],
        ]);
        expect(failed.failures[0].message).toBe('expected allow, got block');
        expect(failed.failures[0].location.uri).toBe(file.uri);
        expect(all[2].summary).toBe('holds for every sign-in in scope');

        const one = await handlers.runTests({ ids: [file.items[1].id] });
        expect(one.map((r) => r.id)).toEqual([file.items[1].id]);
    });

    it('fails a violated assertion with its counterexample at the assertion', async () => {
        await buildWorkspace({ 'tenant.latch': TENANT, 'a.latch': 'assert "Break-glass is always blocked" { users BreakGlass  always block }\n' });
        const [result] = await handlers.runTests({});
        expect(result.status).toBe('failed');
        expect(result.summary).toMatch(/^counterexample: .* → (allow|requires)/);
        expect(result.failures).toHaveLength(1);
        expect(result.failures[0].expected).toBe('holds for every sign-in in scope');
        expect(result.failures[0].location.range.start.line).toBe(0);
    });

    it('marks a scenario with errors as errored, not passed', async () => {
        await buildWorkspace({ 'tenant.latch': TENANT, 's.latch': 'scenario "Broken" {\n  user nobody\n  app Payroll\n  expect allow\n}\n' });
        const [r] = await handlers.runTests({});
        expect(r.status).toBe('errored');
        expect(r.message).toMatch(/line 2: .*nobody/);
    });

    it('writes an analysis report with diagnostics and scenario results', async () => {
        await buildWorkspace({ 'tenant.latch': TENANT, 'scenarios.latch': SCENARIOS });
        const report = await handlers.analysisReport({});
        expect(report).toContain('# Latch analysis report');
        expect(report).toContain('3: 2 passed, 1 failed');
        expect(report).toContain('✗ scenario:Carol from Brazil is allowed (wrong on purpose) — block · applies: CA100, CA200');
        expect(report).toContain('  - expected allow, got block');
    });
});

describe('latch/importGraph', () => {
    it('imports Graph JSON into .latch files in a folder, and reports bad JSON with its position', async () => {
        const { mkdtempSync, readFileSync, writeFileSync, existsSync } = await import('node:fs');
        const { tmpdir } = await import('node:os');
        const { join } = await import('node:path');
        const { importGraphRequest } = await import('../src/lsp/custom-requests.js');
        const out = mkdtempSync(join(tmpdir(), 'latch-import-'));
        const corpus = new URL('../../../../shared/corpus/j0eyv-ConditionalAccessBaseline/Config/ConditionalAccess/', import.meta.url);
        const result = importGraphRequest({ paths: [corpus.pathname], outDir: out });
        expect(result.error).toBeUndefined();
        expect(result.policies).toBeGreaterThan(30);
        expect(result.written.map((f) => f.split('/').pop()).sort()).toEqual(['directory.latch', 'locations.latch', 'policies.latch']);
        expect(readFileSync(join(out, 'policies.latch'), 'utf8')).toMatch(/^policy CA000/m);

        const bad = join(out, 'bad.json');
        writeFileSync(bad, '{\n  "displayName": "x",\n  "state": \n}');
        const failed = importGraphRequest({ paths: [bad], outDir: join(out, 'never') });
        expect(failed.error).toMatch(/bad\.json:4:1: /);
        expect(existsSync(join(out, 'never'))).toBe(false);
    });
});
