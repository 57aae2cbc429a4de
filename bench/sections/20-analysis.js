// Full analysis (every finding kind, witnesses confirmed by evaluate) on contoso, the j0eyv baseline and synthetic
// 195- and 2,000-policy workspaces; plus the re-analysis after a one-policy edit.
// Targets (issue #3): contoso and j0eyv ≤ 50 ms, 195 policies ≤ 200 ms, 2,000 policies ≤ 5 s.

import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { analyzePolicySet } from '@latch/engine';
import { fmtMs, median, table } from '../harness.js';
import { loadContoso, loadJ0eyv, loadLatch } from '../sets.js';
import { directoryText, policiesText } from '../workspace-gen.js';

async function synthetic(n) {
    const dir = mkdtempSync(join(tmpdir(), 'latch-analysis-bench-'));
    try {
        writeFileSync(join(dir, 'directory.latch'), directoryText());
        writeFileSync(join(dir, 'policies.latch'), policiesText(0, n));
        return { key: `synthetic${n}`, label: `synthetic ${n}-policy workspace`, set: await loadLatch([join(dir, 'directory.latch'), join(dir, 'policies.latch')]) };
    } finally {
        rmSync(dir, { recursive: true, force: true });
    }
}

function time(set, runs) {
    const times = [];
    let result;
    for (let i = 0; i < runs; i++) {
        const t0 = performance.now();
        result = analyzePolicySet(set);
        times.push(performance.now() - t0);
    }
    return { ms: median(times), result };
}

export default async function ({ quick }) {
    const cases = [
        { ...(await loadContoso()), target: 50 },
        { ...loadJ0eyv(), target: 50 },
        { ...(await synthetic(195)), target: 200 },
        { ...(await synthetic(2000)), target: 5000 },
    ];
    const rows = [];
    const json = [];
    const failures = [];
    for (const c of cases) {
        const runs = c.set.policies.length > 500 ? (quick ? 1 : 3) : quick ? 3 : 7;
        time(c.set, 1); // warm-up
        const { ms, result } = time(c.set, runs);
        // One-policy edit: a new set object with one policy changed.
        const edited = { ...c.set, policies: c.set.policies.map((p, i) => (i === 0 ? { ...p, displayName: `${p.displayName ?? p.name} (edited)` } : p)) };
        const t0 = performance.now();
        analyzePolicySet(edited);
        const editMs = performance.now() - t0;
        const counts = {};
        for (const f of result.findings) counts[f.code] = (counts[f.code] ?? 0) + 1;
        const met = ms <= c.target;
        if (result.unconfirmed > 0) failures.push({ check: 'analysis witnesses', set: c.key, unconfirmed: result.unconfirmed });
        rows.push([c.label, String(c.set.policies.length), fmtMs(ms), fmtMs(editMs), `≤ ${fmtMs(c.target)}: ${met ? 'met' : 'NOT met'}`,
            String(result.findings.length), Object.entries(counts).map(([k, v]) => `${k} ${v}`).join(', ')]);
        json.push({ set: c.key, policies: c.set.policies.length, medianMs: ms, afterEditMs: editMs, targetMs: c.target, met, findings: counts, unconfirmed: result.unconfirmed });
    }
    const markdown = [
        'Median of full `analyzePolicySet` runs (every check, every witness run through `evaluate`); "after edit" is one run on a copy with one policy changed.',
        '',
        table(['Policy set', 'Policies', 'Full analysis', 'After a one-policy edit', 'Target', 'Findings', 'By code'], rows),
    ].join('\n');
    return { title: 'Conflict, coverage and assertion analysis', markdown, json, failures };
}
