// `latch replay` as a child process (run `npm run build` first): text, JSON and CSV reports, atomic -o, bad records
// reported with file:line:col and skipped, unusable input → exit 2.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { loadGraphFiles } from '@latch/engine';
import { logText, SignInLogGenerator } from '../../engine/src/replay/generate-signin-log.js';

const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));
const bin = join(repoRoot, 'packages/language/bin/latch.js');
const corpus = fileURLToPath(new URL('../../../../shared/corpus/j0eyv-ConditionalAccessBaseline/Config/ConditionalAccess/', import.meta.url));
const policyFiles = readdirSync(corpus).filter((f) => f.endsWith('.json')).map((f) => join(corpus, f));
const set = loadGraphFiles(policyFiles).set;
const dir = mkdtempSync(join(tmpdir(), 'latch-replay-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const gen = new SignInLogGenerator(set, { seed: 5, entraNoise: 0.001 });
const samples = Array.from({ length: 300 }, () => gen.next());
const lines = [...logText(samples.map((s) => s.record), 'lines')].join('').split('\n');
lines[7] = lines[7]!.replace('"userId":', '"userId" ');
const log = join(dir, 'signins.jsonl');
writeFileSync(log, lines.join('\n'));
const directory = join(dir, 'directory.json');
writeFileSync(directory, JSON.stringify(gen.directoryJson()));
const changed = samples.reduce((n, s, i) => n + (i === 7 ? 0 : Object.keys(s.changed).length), 0);

function latch(...args: string[]) {
    const r = spawnSync(process.execPath, [bin, 'replay', '--policies', ...policyFiles, '--directory', directory, ...args], { cwd: repoRoot, encoding: 'utf8', timeout: 60_000 });
    if (r.error) throw r.error;
    return r;
}

describe('latch replay', () => {
    it('text: summary, per-policy table, disagreements and the bad record with file:line:col', () => {
        const r = latch('--signins', log);
        expect(r.status).toBe(0);
        expect(r.stdout).toMatch(/^Replayed 299 sign-ins from .* 1 record\(s\) skipped\./);
        expect(r.stdout).toContain(`${changed} disagreement(s)`);
        expect(r.stdout).toMatch(new RegExp(`${log.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:8:\\d+: record 7: Expected ':'`));
        for (const p of set.policies) expect(r.stdout).toContain(p.id);
    });

    it('json and csv, written atomically with -o', () => {
        const out = join(dir, 'report.json');
        expect(latch('--signins', log, '--format', 'json', '-o', out).status).toBe(0);
        const report = JSON.parse(readFileSync(out, 'utf8'));
        expect(report).toMatchObject({ records: 300, evaluated: 299, skipped: 1, mode: 'strict' });
        expect(report.policies).toHaveLength(set.policies.length);
        expect(report.entra.compared - report.entra.agreed).toBe(changed);
        expect(report.disagreements).toHaveLength(changed);
        expect(readdirSync(dir).filter((f) => f.endsWith('tmp'))).toEqual([]);
        const csv = latch('--signins', log, '--format', 'csv').stdout.trimEnd().split('\r\n');
        expect(csv[0]).toMatch(/^policyId,displayName,state,applied,blocked,challenged/);
        expect(csv).toHaveLength(set.policies.length + 1);
    });

    it('report-only results logged as unknownFutureValue (a Graph pull without the Prefer header) are counted per policy and explained', () => {
        const reportOnly = set.policies.filter((p) => p.state === 'enabledForReportingButNotEnforced').map((p) => p.id);
        expect(reportOnly.length).toBeGreaterThan(0);
        const records = samples.slice(0, 50).map((s) => ({
            ...s.record,
            appliedConditionalAccessPolicies: (s.record.appliedConditionalAccessPolicies as { id: string; result: string }[])
                .map((a) => reportOnly.includes(a.id) ? { ...a, result: 'unknownFutureValue' } : a),
        }));
        const pulled = join(dir, 'pulled.jsonl');
        writeFileSync(pulled, [...logText(records, 'lines')].join(''));
        const text = latch('--signins', pulled).stdout;
        expect(text).toContain(`${50 * reportOnly.length} result(s) logged as 'unknown' or 'unknownFutureValue' were not compared.`);
        expect(text).toContain(`Report-only policies whose every logged result is unknown: ${reportOnly.join(', ')}.`);
        expect(text).toContain('Prefer: include-unknown-enum-members');
        const csv = latch('--signins', pulled, '--format', 'csv').stdout.trimEnd().split('\r\n').map((l) => l.split(','));
        expect(csv[0]!.at(-1)).toBe('entraUnknown');
        for (const row of csv.slice(1)) expect(row.at(-1)).toBe(reportOnly.includes(row[0]!) ? '50' : '0'); // the last column: names may hold commas
        expect(latch('--signins', log).stdout).not.toContain('Report-only policies whose every logged result is unknown');
    });

    it('a UTF-16 LE log (PowerShell 5 Out-File, with or without BOM) gives the same report as its UTF-8 text', () => {
        const text = lines.join('\n').replace(/\n/g, '\r\n');
        const utf8 = join(dir, 'same-utf8.jsonl');
        writeFileSync(utf8, text);
        const report = (file: string) => {
            const r = latch('--signins', file, '--format', 'json');
            expect(r.status).toBe(0);
            const { file: _f, seconds: _s, ...rest } = JSON.parse(r.stdout);
            return rest;
        };
        const expected = report(utf8);
        expect(expected).toMatchObject({ records: 300, evaluated: 299, skipped: 1 });
        for (const bom of [true, false]) {
            const utf16 = join(dir, `signins-utf16-${bom}.jsonl`);
            writeFileSync(utf16, Buffer.concat([Buffer.from(bom ? [0xff, 0xfe] : []), Buffer.from(text, 'utf16le')]));
            expect(report(utf16)).toEqual(expected);
        }
    });

    it('a missing log exits 2 with a message', () => {
        const r = latch('--signins', join(dir, 'nope.json'));
        expect(r.status).toBe(2);
        expect(r.stderr).toMatch(/nope\.json: cannot read the sign-in log/);
    });
});
