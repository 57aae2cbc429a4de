// The analysis through the built CLI (run `npm run build` first): examples/conflicts triggers every finding exactly
// where its comments say; SARIF is well-formed 2.1.0; a finding's scenario text, added to the workspace, passes
// `latch test` (it pins the witness and its actual outcome); Graph JSON corpora are analysed; `latch test` reports
// assertions; `latch analyze --coverage` prints the partition table.

import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { FINDING_CODES } from '@latch/engine';
import { describe, expect, it } from 'vitest';

const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));
const bin = join(repoRoot, 'packages/language/bin/latch.js');
const corpus = fileURLToPath(new URL('../../../../shared/corpus/', import.meta.url));

function latch(...args: string[]): { status: number | null; stdout: string; stderr: string } {
    const r = spawnSync(process.execPath, [bin, ...args], { cwd: repoRoot, encoding: 'utf8', timeout: 120_000, env: { ...process.env, NO_COLOR: '1' } });
    if (r.error) throw r.error;
    return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

interface JsonFinding { file: string; line: number; code: string; severity: string; related?: string[]; witnessText?: string; scenarioText?: string }

/** `// finding: …` comment blocks → the codes they name, by the line of the declaration that follows. */
function expectedFindings(dir: string): Map<string, Set<string>> {
    const out = new Map<string, Set<string>>();
    for (const name of readdirSync(join(repoRoot, dir)).filter((f) => f.endsWith('.latch'))) {
        const lines = readFileSync(join(repoRoot, dir, name), 'utf8').split(/\r?\n/);
        let pending = new Set<string>();
        let inFinding = false;
        lines.forEach((line, i) => {
            if (/^\s*\/\//.test(line)) {
                if (/finding:/.test(line)) inFinding = true;
                if (inFinding) for (const code of FINDING_CODES) if (new RegExp(`\\b${code}\\b`).test(line)) pending.add(code);
            } else if (/^(policy|assert)\b/.test(line)) {
                if (pending.size > 0) out.set(`${dir}/${name}:${i + 1}`, pending);
                pending = new Set();
                inFinding = false;
            } else if (line.trim() !== '') inFinding = false;
        });
    }
    return out;
}

// examples/conflicts plus the violated assertion kept out of it (every example passes `latch test`).
const VIOLATED = 'packages/language/test/fixtures/conflicts-violated';

describe('examples/conflicts', () => {
    const r = latch('check', '--format', 'json', 'examples/conflicts', VIOLATED);
    const findings = JSON.parse(r.stdout) as JsonFinding[];

    it('reports every finding kind, each at the declaration its comment names', () => {
        expect(r.status).toBe(1); // assertion violation, never-applies and lockout-risk are errors
        const expected = new Map([...expectedFindings('examples/conflicts'), ...expectedFindings(VIOLATED)]);
        const actual = new Map<string, Set<string>>();
        for (const f of findings) actual.set(`${f.file}:${f.line}`, new Set([...(actual.get(`${f.file}:${f.line}`) ?? []), f.code]));
        for (const [at, codes] of expected) expect([...(actual.get(at) ?? [])].sort(), at).toEqual([...codes].sort());
        const covered = new Set([...expected.values()].flatMap((s) => [...s]));
        expect([...covered].sort()).toEqual([...FINDING_CODES].sort());
        // Nothing is reported at a declaration without a comment saying so.
        for (const at of actual.keys()) expect(expected.has(at), at).toBe(true);
    });

    it('gives every finding with a sign-in a witness in words and a scenario that passes when added', () => {
        const withWitness = findings.filter((f) => f.witnessText);
        expect(withWitness.length).toBeGreaterThan(10);
        const scenarios = withWitness.map((f) => f.scenarioText).filter((s): s is string => !!s);
        expect(scenarios.length).toBe(withWitness.length);
        const dir = mkdtempSync(join(tmpdir(), 'latch-conflicts-'));
        try {
            cpSync(join(repoRoot, 'examples/conflicts'), dir, { recursive: true });
            cpSync(join(repoRoot, VIOLATED), dir, { recursive: true });
            // The scenario names repeat codes; make them unique.
            writeFileSync(join(dir, 'witnesses.latch'), scenarios.map((s, i) => s.replace(/^scenario "/, `scenario "${i + 1} `)).join('\n'));
            const t = latch('test', '--format', 'json', dir);
            const report = JSON.parse(t.stdout) as { scenarios: Array<{ name: string; passed: boolean }>; assertions: Array<{ name: string; passed: boolean }> };
            expect(report.scenarios.filter((s) => !s.passed)).toEqual([]);
            expect(report.scenarios.length).toBe(scenarios.length);
            expect(report.assertions.map((a) => [a.name, a.passed]).sort()).toEqual([['Admins always need MFA', true], ['Contractors are never blocked', false]]);
            expect(t.status).toBe(1); // the violated assertion
        } finally {
            rmSync(dir, { recursive: true, force: true });
        }
    });

    it('prints SARIF 2.1.0 with one rule per code and 1-based regions', () => {
        const s = latch('check', '--format', 'sarif', 'examples/conflicts', VIOLATED);
        const sarif = JSON.parse(s.stdout) as { version: string; runs: Array<{ tool: { driver: { name: string; rules: Array<{ id: string }> } }; results: Array<{ ruleId: string; ruleIndex: number; level: string; message: { text: string }; locations: Array<{ physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number; startColumn: number } } }> }> }> };
        expect(sarif.version).toBe('2.1.0');
        const run = sarif.runs[0];
        expect(run.tool.driver.name).toBe('latch');
        expect(run.results.length).toBe(findings.length);
        for (const res of run.results) {
            expect(run.tool.driver.rules[res.ruleIndex].id).toBe(res.ruleId);
            expect(['error', 'warning', 'note']).toContain(res.level);
            expect(res.message.text.length).toBeGreaterThan(0);
            const loc = res.locations[0].physicalLocation;
            expect(loc.artifactLocation.uri).toMatch(/^(examples\/conflicts|packages\/language\/test\/fixtures\/conflicts-violated)\/[\w-]+\.latch$/);
            expect(loc.region.startLine).toBeGreaterThanOrEqual(1);
            expect(loc.region.startColumn).toBeGreaterThanOrEqual(1);
        }
    });

    it('prints the coverage partition table', () => {
        const c = latch('analyze', '--coverage', 'examples/conflicts');
        expect(c.status).toBe(0);
        expect(c.stdout).toContain('Coverage gaps');
        expect(c.stdout).toMatch(/\| 1 \|/);
    });
});

describe('examples', () => {
    it('every example passes latch test', () => {
        for (const name of readdirSync(join(repoRoot, 'examples'))) {
            const t = latch('test', join('examples', name));
            expect(t.status, `latch test examples/${name}\n${t.stdout}${t.stderr}`).toBe(0);
        }
    });
});

describe('examples/contoso', () => {
    it('passes every scenario and assertion; the analysis reports no errors', () => {
        const t = latch('test', '--format', 'json', 'examples/contoso');
        const report = JSON.parse(t.stdout) as { assertions: Array<{ passed: boolean }> };
        expect(report.assertions.length).toBe(3);
        expect(report.assertions.every((a) => a.passed)).toBe(true);
        const c = latch('check', '--format', 'json', 'examples/contoso');
        expect(c.status).toBe(0);
        const findings = JSON.parse(c.stdout) as JsonFinding[];
        expect(findings.filter((f) => f.severity === 'error')).toEqual([]);
    });
});

describe('Graph JSON corpora', () => {
    for (const [name, path] of [['j0eyv', 'j0eyv-ConditionalAccessBaseline/Config'], ['AlexFilipin', 'AlexFilipin-ConditionalAccess/PolicySets']]) {
        it(`latch analyze finishes on ${name} and reports findings with witnesses`, () => {
            const r = latch('analyze', '--format', 'json', join(corpus, path));
            expect(r.stderr).not.toContain('Error');
            const findings = JSON.parse(r.stdout) as JsonFinding[];
            expect(findings.length).toBeGreaterThan(0);
            for (const f of findings) expect(FINDING_CODES).toContain(f.code);
        });
    }

    it('locates j0eyv findings in the file holding the policy and names its exported groups', () => {
        const findings = JSON.parse(latch('analyze', '--format', 'json', join(corpus, 'j0eyv-ConditionalAccessBaseline/Config')).stdout) as JsonFinding[];
        // Never in the migration table, which lists every policy id too.
        expect(findings.filter((f) => f.file.endsWith('MigrationTable.json'))).toEqual([]);
        const lockout = findings.find((f) => f.code === 'lockout-risk');
        expect(lockout?.file).toMatch(/ConditionalAccess\/CA301-[^/]*\.json$/);
        // The Groups/ export names the break-glass group (and so it is recognised as break-glass).
        expect(lockout?.message).toContain('CA-BreakGlassAccounts - Exclude');
    });
});
