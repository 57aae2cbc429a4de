// `latch import`, `latch export` and `latch whatif --format graph / --request-only` as a user runs them (the built
// binary; run `npm run build` first). Fixtures in fixtures/interop: one Graph quirk each.

import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));
const bin = join(repoRoot, 'packages/language/bin/latch.js');
const F = 'packages/language/test/fixtures/interop';
const tmp = mkdtempSync(join(tmpdir(), 'latch-interop-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

function latch(...args: string[]): { status: number | null; stdout: string; stderr: string } {
    const r = spawnSync(process.execPath, [bin, ...args], { cwd: repoRoot, encoding: 'utf8', timeout: 60_000 });
    if (r.error) throw r.error;
    return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('latch import', () => {
    const out = join(tmp, 'imported');
    const run = latch('import', `${F}/quirks.json`, `${F}/utf16le-crlf.json`, `${F}/utf16be.json`, '--directory', `${F}/directory-names.json`, '-o', out);

    it('writes directory, locations and policies files that check with no errors', () => {
        expect(run.status, run.stderr).toBe(0);
        expect(readdirSync(out).sort()).toEqual(['directory.latch', 'locations.latch', 'policies.latch']);
        const check = latch('check', out);
        expect(check.status, check.stdout).toBe(0);
    });

    it('names GUIDs from --directory, placeholders by their text, keyword names with ^', () => {
        const directory = readFileSync(join(out, 'directory.latch'), 'utf8');
        expect(directory).toContain('group CA-BreakGlassAccounts-Exclude "CA-BreakGlassAccounts - Exclude" { id "2802b872-ccfb-4b29-a9a9-459808dfb11b" }');
        expect(directory).toContain('group ExclusionTempGroup { id "<ExclusionTempGroup>" }');
        const policies = readFileSync(join(out, 'policies.latch'), 'utf8');
        expect(policies).toContain('policy ^mfa "mfa" {');
        expect(policies).toContain('apps include all  exclude ExchangeOnline');
        expect(policies).toContain('insiderRisk elevated, moderate');
        // UTF-16 LE and BE with CRLF, the same template twice: the second gets a suffix.
        expect(policies).toContain('policy CA211-RING-Base-block "211 - <RING> - Base: block" {');
        expect(policies).toContain('policy CA211-RING-Base-block-2 "211 - <RING> - Base: block" {');
    });

    it('keeps unmodelled and beta properties in extra, and they export again', () => {
        const policies = readFileSync(join(out, 'policies.latch'), 'utf8');
        expect(policies).toMatch(/"partialEnablementStrategy"/);
        const exp = latch('export', out, '--format', 'graph-beta', '--keep-ids');
        expect(exp.status, exp.stderr).toBe(0);
        const value = (JSON.parse(exp.stdout) as { value: Array<Record<string, any>> }).value;
        const mfa = value.find((v) => v.displayName === 'mfa')!;
        expect(mfa.id).toBe('0b7a9f8e-1111-4222-8333-944455556666');
        expect(mfa.partialEnablementStrategy).toEqual({ mode: 'ring', rings: ['<RING>'] });
        expect(mfa.conditions.agents).toEqual({ includeAgents: ['All'] });
        expect(mfa.grantControls).toEqual({ operator: 'OR', builtInControls: ['mfa'], customAuthenticationFactors: ['custom1'] });
        expect(mfa.sessionControls).toEqual({
            signInFrequency: { isEnabled: true, value: 12, type: 'hours', authenticationType: 'secondaryAuthentication' },
            persistentBrowser: { isEnabled: false, mode: 'always' },
        });
        expect(mfa.conditions.insiderRiskLevels).toBe('elevated,moderate');
    });

    it('reports malformed JSON with file:line:col and exits 2', () => {
        const r = latch('import', `${F}/malformed.json`);
        expect(r.status).toBe(2);
        expect(r.stderr).toMatch(/malformed\.json:2:57: /);
    });

    it('reports a bad --directory map with its position', () => {
        const bad = join(tmp, 'names.json');
        writeFileSync(bad, '{\n  "id-1": 42\n}\n');
        const r = latch('import', `${F}/quirks.json`, '--directory', bad);
        expect(r.status).toBe(2);
        expect(r.stderr).toMatch(/names\.json:2:\d+: id-1: a display name must be a string/);
    });
});

describe('latch export', () => {
    it('refuses time windows, scenarios and ids Graph needs, with a list', () => {
        const r = latch('export', `${F}/unsupported.latch`);
        expect(r.status).toBe(1);
        expect(r.stderr).toContain('1 scenario(s)');
        expect(r.stderr).toContain('policy Nightly: time windows (`during`)');
        expect(r.stderr).toContain('policy Nightly: user svc has no id');
    });

    it('with --skip-unsupported writes one file per policy and the combined file, atomically', () => {
        const out = join(tmp, 'exported');
        const r = latch('export', `${F}/unsupported.latch`, '--skip-unsupported', '--combined', '-o', out);
        expect(r.status, r.stderr).toBe(0);
        expect(readdirSync(out).sort()).toEqual(['conditionalAccess.json', 'policies']);
        expect(readdirSync(join(out, 'policies'))).toEqual(['Nightly.json']);
        const body = JSON.parse(readFileSync(join(out, 'policies', 'Nightly.json'), 'utf8')) as Record<string, any>;
        expect(body).toEqual({
            displayName: 'Block the service account at night', state: 'enabled',
            conditions: { users: { includeUsers: ['svc'] }, applications: { includeApplications: ['All'] }, clientAppTypes: ['all'] },
            grantControls: { operator: 'OR', builtInControls: ['block'] },
        });
        expect(JSON.parse(readFileSync(join(out, 'conditionalAccess.json'), 'utf8')).value).toHaveLength(1);
    });

    it('v1.0 refuses beta-only properties; graph-beta keeps them', () => {
        const r = latch('export', 'examples/contoso/policies-global.latch', 'examples/contoso/directory.latch', 'examples/contoso/locations.latch', 'examples/contoso/policies-admins.latch');
        expect(r.stderr).toMatch(/exists only in the beta API/);
    });
});

describe('latch whatif, Graph shapes', () => {
    const policies = ['--policies', 'packages/language/test/fixtures/whatif/policies.latch'];

    it('--format graph prints the whatIfAnalysisResult collection', () => {
        const r = latch('whatif', ...policies, '--signin', 'packages/language/test/fixtures/whatif/signin-graph-browser.json', '--format', 'graph');
        expect(r.status, r.stderr).toBe(0);
        const out = JSON.parse(r.stdout) as { value: Array<Record<string, unknown>> };
        expect(out.value.length).toBeGreaterThan(0);
        for (const p of out.value) {
            expect(Object.keys(p)).toEqual(expect.arrayContaining(['id', 'displayName', 'state', 'conditions', 'policyApplies', 'analysisReasons']));
            // Graph's response shape: every property, unset ones null or [] (as the tenant's GET returns them).
            expect(Object.keys(p).slice(0, 11)).toEqual(['id', 'templateId', 'displayName', 'createdDateTime', 'modifiedDateTime', 'state',
                'deletedDateTime', 'partialEnablementStrategy', 'sessionControls', 'conditions', 'grantControls']);
            const users = (p.conditions as { users: Record<string, unknown> }).users;
            expect(Object.keys(users).sort()).toEqual(['excludeGroups', 'excludeGuestsOrExternalUsers', 'excludeRoles', 'excludeUsers',
                'includeGroups', 'includeGuestsOrExternalUsers', 'includeRoles', 'includeUsers']);
            expect((p.conditions as Record<string, unknown>).devices === null || typeof (p.conditions as Record<string, unknown>).devices === 'object').toBe(true);
        }
        // The default contract is unchanged.
        const json = JSON.parse(latch('whatif', ...policies, '--signin', 'packages/language/test/fixtures/whatif/signin-graph-browser.json').stdout) as Record<string, unknown>;
        expect(Object.keys(json)).toEqual(['outcome', 'requires', 'shadowOutcome', 'session', 'policies']);
    });

    it('--request-only prints the evaluate request of a scenario', () => {
        const r = latch('whatif', '--policies', 'examples/contoso', '--scenario', 'Dana registers her MacBook in Entra ID: MFA required', '--request-only');
        expect(r.status, r.stderr).toBe(0);
        const body = JSON.parse(r.stdout) as Record<string, any>;
        expect(body.signInContext).toEqual({ '@odata.type': '#microsoft.graph.userActionContext', userAction: 'registerOrJoinDevices' });
        expect(body.signInConditions.devicePlatform).toBe('macOS');
        expect(Object.keys(body)).toEqual(['signInIdentity', 'signInContext', 'signInConditions', 'appliedPoliciesOnly']);
    });

    it('an unknown scenario is an input error', () => {
        const r = latch('whatif', '--policies', 'examples/contoso', '--scenario', 'nope', '--request-only');
        expect(r.status).toBe(2);
        expect(r.stderr).toMatch(/no scenario named "nope"/);
    });
});
