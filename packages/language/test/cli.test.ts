// The built `latch` binary (packages/language/bin/latch.js → out/), run as a child process from the repository root.
// Run `npm run build` first: the CLI imports the compiled output, not the sources.

import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));
const bin = join(repoRoot, 'packages/language/bin/latch.js');
const fixtures = 'packages/language/test/fixtures';
const corpus = fileURLToPath(new URL('../../../../shared/corpus/j0eyv-ConditionalAccessBaseline/Config/ConditionalAccess/', import.meta.url));
const CA000 = join(corpus, 'CA000-Global-IdentityProtection-AnyApp-AnyPlatform-MFA.json');
const CA002 = join(corpus, 'CA002-Global-IdentityProtection-AnyApp-AnyPlatform-Block-LegacyAuthentication.json');

function latch(...args: string[]): { status: number | null; stdout: string; stderr: string } {
    const r = spawnSync(process.execPath, [bin, ...args], { cwd: repoRoot, encoding: 'utf8', timeout: 60_000, env: { ...process.env, NO_COLOR: '1' } });
    if (r.error) throw r.error;
    return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

const fixtureLines = (file: string) => readFileSync(join(repoRoot, file), 'utf8').split(/\r?\n/);

/** A small well-formedness check: one root element, balanced tags, quoted attributes, only known entities in text. */
function checkWellFormedXml(xml: string): { root: string; elements: Array<{ name: string; attrs: Record<string, string>; text: string }> } {
    let rest = xml.replace(/^<\?xml\s+version="1\.0"(\s+encoding="[^"]+")?\s*\?>\s*/, '');
    if (rest.length === xml.length) throw new Error('missing XML declaration');
    const stack: Array<{ name: string; attrs: Record<string, string>; text: string }> = [];
    const elements: Array<{ name: string; attrs: Record<string, string>; text: string }> = [];
    let root = '';
    const token = /^(?:<(\/?)([A-Za-z_][\w.-]*)((?:\s+[A-Za-z_][\w.-]*="[^"<]*")*)\s*(\/?)>|([^<]+))/;
    const entity = /&(?!(?:amp|lt|gt|quot|apos|#\d+|#x[0-9a-fA-F]+);)/;
    while (rest.length > 0) {
        const m = token.exec(rest);
        if (!m) throw new Error(`not well-formed near: ${rest.slice(0, 60)}`);
        rest = rest.slice(m[0].length);
        if (m[5] !== undefined) {
            if (entity.test(m[5])) throw new Error(`bad entity in text: ${m[5]}`);
            if (stack.length === 0) {
                if (m[5].trim() !== '') throw new Error(`text outside the root: ${m[5]}`);
            } else stack[stack.length - 1].text += m[5];
            continue;
        }
        const [, close, name, attrText, selfClose] = m;
        if (close) {
            const open = stack.pop();
            if (!open || open.name !== name) throw new Error(`</${name}> closes <${open?.name}>`);
            continue;
        }
        const attrs: Record<string, string> = {};
        for (const a of attrText.matchAll(/([A-Za-z_][\w.-]*)="([^"]*)"/g)) {
            if (entity.test(a[2])) throw new Error(`bad entity in attribute ${a[1]}`);
            if (a[1] in attrs) throw new Error(`duplicate attribute ${a[1]}`);
            attrs[a[1]] = a[2];
        }
        const el = { name, attrs, text: '' };
        if (stack.length === 0) {
            if (root) throw new Error('more than one root element');
            root = name;
        }
        elements.push(el);
        if (!selfClose) stack.push(el);
    }
    if (stack.length > 0) throw new Error(`unclosed <${stack[stack.length - 1].name}>`);
    return { root, elements };
}

describe('latch --help', () => {
    it.each([
        ['check', ['--format', 'text', 'json', 'paths']],
        ['test', ['--format', 'text', 'json', 'junit', '--mode', 'strict', 'lenient']],
        ['whatif', ['--policies', '--signin', '--mode', 'strict', 'lenient']],
    ])('%s --help exits 0 and lists its options', (command, mentions) => {
        const r = latch(command, '--help');
        expect(r.status).toBe(0);
        expect(r.stdout).toContain(`Usage: latch ${command}`);
        for (const m of mentions) expect(r.stdout).toContain(m);
    });

    it('the program help lists every command', () => {
        const r = latch('--help');
        expect(r.status).toBe(0);
        for (const c of ['check', 'test', 'whatif']) expect(r.stdout).toMatch(new RegExp(`^\\s+${c}\\b`, 'm'));
    });
});

describe('latch check', () => {
    const folder = `${fixtures}/check-errors`;
    const expected = [
        `${folder}/directory.latch:5:34 error invalid-country`,
        `${folder}/policies.latch:4:24 error linking-error`,
        `${folder}/policies.latch:6:33 error mixed-and-or`,
        `${folder}/policies.latch:14:3 warning both-risks`,
    ];

    it('prints file:line:col severity code message per diagnostic and exits 1 on errors', () => {
        const r = latch('check', folder);
        expect(r.status).toBe(1);
        const lines = r.stdout.trimEnd().split('\n');
        for (const line of lines) expect(line).toMatch(/^\S+\.latch:\d+:\d+ (error|warning|info|hint) [a-z-]+ \S.*$/);
        expect(lines.map((l) => l.split(' ').slice(0, 3).join(' '))).toEqual(expected);
        expect(lines[0]).toContain("'XX' is not an ISO 3166-1 alpha-2 country code");
        expect(r.stderr).toContain('2 file(s), 3 error(s), 1 other diagnostic(s)');
    });

    it('--format json prints the documented array with 1-based positions', () => {
        const r = latch('check', '--format', 'json', folder);
        expect(r.status).toBe(1);
        const diags = JSON.parse(r.stdout) as Array<Record<string, unknown>>;
        expect(Array.isArray(diags)).toBe(true);
        for (const d of diags) {
            expect(Object.keys(d).sort()).toEqual(['code', 'column', 'endColumn', 'endLine', 'file', 'line', 'message', 'severity']);
        }
        expect(diags.map((d) => `${d.file}:${d.line}:${d.column} ${d.severity} ${d.code}`)).toEqual(expected);
        // 1-based, end exclusive: the columns cut out exactly the offending text
        const covered = diags.map((d) => {
            const line = fixtureLines(d.file as string)[(d.line as number) - 1];
            expect(d.endLine).toBe(d.line);
            return line.slice((d.column as number) - 1, (d.endColumn as number) - 1);
        });
        expect(covered).toEqual(['XX', 'nobody', 'or', 'userRisk high']);
    });

    it('exits 0 on a workspace without errors', () => {
        const r = latch('check', `${fixtures}/whatif/policies.latch`);
        expect(r.stderr).toContain('0 error(s)');
        expect(r.status).toBe(0);
    });

    it('exits 2 on a path that does not exist', () => {
        const r = latch('check', `${fixtures}/no-such-folder`);
        expect(r.status).toBe(2);
        expect(r.stderr).toContain('no-such-folder: no such file or folder');
        expect(r.stdout).toBe('');
    });
});

describe('latch test', () => {
    const folder = `${fixtures}/scenarios-failing`;
    const file = `${folder}/workspace.latch`;

    it('reports pass/fail, shows expected vs actual for the failing scenario and exits 1', () => {
        const r = latch('test', folder);
        expect(r.status).toBe(1);
        expect(r.stdout).toContain('✓ Alice must do MFA');
        expect(r.stdout).toContain('✓ Alice after MFA is allowed');
        expect(r.stdout).toContain('✗ Wrong expectation: Alice is allowed without MFA');
        expect(r.stdout).toContain(`expected allow, got requires mfa  (${file}:29)`);
        expect(r.stdout).toContain(`at ${file}:26`);
        expect(r.stdout.trimEnd().split('\n').at(-1)).toBe('2 passed, 1 failed');
    });

    it('--format junit is well-formed XML with the right counts', () => {
        const r = latch('test', '--format', 'junit', folder);
        expect(r.status).toBe(1);
        const { root, elements } = checkWellFormedXml(r.stdout.trim());
        expect(root).toBe('testsuites');
        const suites = elements.filter((e) => e.name === 'testsuites' || e.name === 'testsuite');
        for (const s of suites) expect([s.attrs.tests, s.attrs.failures]).toEqual(['3', '1']);
        const cases = elements.filter((e) => e.name === 'testcase');
        expect(cases.map((c) => c.attrs.name)).toEqual(['Alice must do MFA', 'Alice after MFA is allowed', 'Wrong expectation: Alice is allowed without MFA']);
        expect(cases.map((c) => c.attrs.line)).toEqual(['12', '19', '26']);
        const failures = elements.filter((e) => e.name === 'failure');
        expect(failures).toHaveLength(1);
        expect(failures[0].attrs.message).toBe(`expected allow, got requires mfa (${file}:29)`);
    });

    it('--format json reports every scenario, step and expectation', () => {
        const r = latch('test', '--format', 'json', folder);
        expect(r.status).toBe(1);
        const report = JSON.parse(r.stdout);
        expect(report.passed).toBe(2);
        expect(report.failed).toBe(1);
        expect(report.scenarios.map((s: { name: string; passed: boolean; line: number }) => [s.name, s.passed, s.line])).toEqual([
            ['Alice must do MFA', true, 12], ['Alice after MFA is allowed', true, 19], ['Wrong expectation: Alice is allowed without MFA', false, 26],
        ]);
        const failing = report.scenarios[2];
        expect(failing.file).toBe(file);
        expect(failing.steps).toHaveLength(1);
        expect(failing.steps[0]).toMatchObject({ afterMinutes: 0, outcome: 'requires', requires: [['mfa']], applied: ['CA001'], revokedAt: null });
        expect(failing.steps[0].expectations).toEqual([{ line: 29, passed: false, expected: 'allow', actual: 'requires mfa' }]);
    });

    it('refuses to run scenarios of a workspace with errors (exit 1, errors on stderr)', () => {
        const r = latch('test', `${fixtures}/check-errors`);
        expect(r.status).toBe(1);
        expect(r.stderr).toContain('3 error(s); fix them before scenarios can run');
        expect(r.stderr).toContain('directory.latch:5:34 error invalid-country');
    });

    it.runIf(existsSync(join(repoRoot, 'examples/contoso')))('passes on examples/contoso (exit 0)', () => {
        const r = latch('test', 'examples/contoso');
        expect(r.stdout).toMatch(/\d+ passed, 0 failed\s*$/);
        expect(r.status).toBe(0);
    });
});

describe('latch whatif', () => {
    it('prints the contract object for .latch policies: compliantDevice OR mfa on a non-compliant device requires mfa', () => {
        const r = latch('whatif', '--policies', `${fixtures}/whatif/policies.latch`, '--signin', `${fixtures}/whatif/signin-noncompliant.json`);
        expect(r.stderr).toBe('');
        expect(r.status).toBe(0);
        const out = JSON.parse(r.stdout);
        expect(Object.keys(out)).toEqual(['outcome', 'requires', 'shadowOutcome', 'session', 'policies']);
        expect(out).toEqual({
            outcome: 'requires',
            requires: [['mfa']],
            shadowOutcome: 'requires',
            session: {
                persistentBrowser: { isEnabled: true, mode: 'never' },
                signInFrequency: { isEnabled: true, value: 4, type: 'hours', authenticationType: 'primaryAndSecondaryAuthentication', frequencyInterval: 'timeBased' },
            },
            policies: [
                { id: '11111111-1111-4111-8111-111111111111', displayName: 'Staff: compliant device or MFA', state: 'enabled', policyApplies: true, analysisReasons: 'notSet' },
                { id: 'CA002', displayName: 'Everyone: block (disabled)', state: 'disabled', policyApplies: false, analysisReasons: 'policyNotEnabled' },
                { id: 'CA003', displayName: 'Legacy clients: block (report-only)', state: 'enabledForReportingButNotEnforced', policyApplies: false, analysisReasons: 'clientApps' },
                { id: 'CA004', displayName: 'Staff: sign-in every 4 hours', state: 'enabled', policyApplies: true, analysisReasons: 'notSet' },
            ],
        });
        for (const p of out.policies) expect(Object.keys(p)).toEqual(['id', 'displayName', 'state', 'policyApplies', 'analysisReasons']);
    });

    describe.runIf(existsSync(CA000) && existsSync(CA002))('with Graph JSON policies of the j0eyv baseline (UTF-16 exports)', () => {
        const run = (signin: string) => {
            const r = latch('whatif', '--policies', CA000, CA002, '--signin', `${fixtures}/whatif/${signin}`);
            expect(r.status, r.stderr).toBe(0);
            return JSON.parse(r.stdout);
        };
        const ids = ['809741fe-fb1b-4746-9ff0-83a978a4c891', 'c1acdef5-cfc8-470b-a7db-1f71ba4be1fb'];

        it('a browser sign-in: CA000 requires MFA, CA002 (legacy clients) does not apply', () => {
            const out = run('signin-graph-browser.json');
            expect(out.outcome).toBe('requires');
            expect(out.requires).toEqual([['mfa']]);
            expect(out.policies.map((p: { id: string; policyApplies: boolean; analysisReasons: string }) => [p.id, p.policyApplies, p.analysisReasons]))
                .toEqual([[ids[0], true, 'notSet'], [ids[1], false, 'clientApps']]);
            expect(out.policies[0].displayName).toBe('CA000-Global-IdentityProtection-AnyApp-AnyPlatform-MFA');
        });

        it('an Exchange ActiveSync sign-in is blocked', () => {
            const out = run('signin-graph-legacy.json');
            expect([out.outcome, out.requires, out.shadowOutcome]).toEqual(['block', [], 'block']);
            expect(out.policies.map((p: { policyApplies: boolean }) => p.policyApplies)).toEqual([true, true]);
        });

        it('a member of an excluded group is not covered: allow, CA000 fails on users', () => {
            const out = run('signin-graph-excluded.json');
            expect(out.outcome).toBe('allow');
            expect(out.policies.map((p: { analysisReasons: string }) => p.analysisReasons)).toEqual(['users', 'clientApps']);
        });
    });

    it('a malformed JSON sign-in exits 2 with file:line:col on stderr', () => {
        const signin = `${fixtures}/whatif/signin-malformed.json`;
        const r = latch('whatif', '--policies', `${fixtures}/whatif/policies.latch`, '--signin', signin);
        expect(r.status).toBe(2);
        expect(r.stdout).toBe('');
        expect(r.stderr).toMatch(new RegExp(`^latch: ${signin.replace(/[.]/g, '\\.')}:6:5: `));
        expect(r.stderr).not.toMatch(/\n\s+at /); // no stack trace
    });

    it('an invalid value in a well-formed sign-in exits 2 and names its position and path', () => {
        const signin = `${fixtures}/whatif/signin-bad-value.json`;
        const r = latch('whatif', '--policies', `${fixtures}/whatif/policies.latch`, '--signin', signin);
        expect(r.status).toBe(2);
        expect(r.stderr).toContain(`${signin}:5:22: signInConditions.clientAppType: unknown value "fax"`);
    });

    it.each([
        ['a missing sign-in file', ['--policies', `${fixtures}/whatif/policies.latch`, '--signin', `${fixtures}/whatif/no-such.json`], 'no-such.json'],
        ['a missing policy path', ['--policies', `${fixtures}/whatif/no-such.latch`, '--signin', `${fixtures}/whatif/signin-noncompliant.json`], 'no-such.latch'],
        ['a missing Graph JSON policy file', ['--policies', `${fixtures}/whatif/no-such-policy.json`, '--signin', `${fixtures}/whatif/signin-noncompliant.json`], 'no-such-policy.json'],
    ])('%s exits 2', (_title, args, name) => {
        const r = latch('whatif', ...args);
        expect(r.status).toBe(2);
        expect(r.stderr).toContain(name);
        expect(r.stdout).toBe('');
    });

    it('refuses .latch policies with errors (exit 2, the diagnostics on stderr)', () => {
        const r = latch('whatif', '--policies', `${fixtures}/check-errors`, '--signin', `${fixtures}/whatif/signin-noncompliant.json`);
        expect(r.status).toBe(2);
        expect(r.stderr).toContain('policies.latch:6:33 error mixed-and-or');
    });
});
