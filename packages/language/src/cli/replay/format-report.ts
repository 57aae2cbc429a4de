// Presenters for a replay report: a text summary table (stdout), CSV (one row per policy) and JSON.

import type { PolicyReplay, ReplayReport } from '@latch/engine';

export interface ReplayRun { file: string; seconds: number; report: ReplayReport }

const int = (n: number) => n.toLocaleString('en-US');
const pct = (a: number, b: number) => (b === 0 ? '—' : `${((100 * a) / b).toFixed(a === b || a === 0 ? 0 : 1)} %`);
const STATE: Record<string, string> = { enabled: 'on', disabled: 'off', enabledForReportingButNotEnforced: 'report-only' };

function agreement(p: PolicyReplay): string {
    return p.entra.compared === 0 ? '—' : `${pct(p.entra.agreed, p.entra.compared)} of ${int(p.entra.compared)}`;
}

function table(head: string[], rows: string[][]): string {
    const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
    const line = (cells: string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ').trimEnd();
    return [line(head), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}

export function replayText(run: ReplayRun): string {
    const r = run.report;
    const out: string[] = [];
    const rate = run.seconds > 0 ? ` (${int(Math.round(r.records / run.seconds))}/s)` : '';
    out.push(`Replayed ${int(r.evaluated)} sign-ins from ${run.file} in ${run.seconds.toFixed(1)} s${rate}, ${r.mode} mode; ${int(r.skipped)} record(s) skipped.`);
    const o = (c: ReplayReport['outcomes']) => `allow ${int(c.allow)} · block ${int(c.block)} · requires ${int(c.requires)}`;
    out.push(`Outcome: ${o(r.outcomes)}`);
    out.push(`With report-only policies enforced: ${o(r.shadowOutcomes)}`);
    if (r.entra.records > 0) {
        out.push(`Entra's per-policy results: ${int(r.entra.records)} records, ${pct(r.entra.agreed, r.entra.compared)} agreement over ${int(r.entra.compared)} results, ${int(r.entra.compared - r.entra.agreed)} disagreement(s)`);
        if (r.entra.unknownResults > 0) out.push(`${int(r.entra.unknownResults)} result(s) logged as 'unknown' or 'unknownFutureValue' were not compared.`);
        // Graph writes report-only results as unknownFutureValue unless asked for them (Prefer: include-unknown-enum-members).
        const silent = r.policies.filter((p) => p.state === 'enabledForReportingButNotEnforced' && p.entra.compared === 0 && p.entra.unknown > 0);
        if (silent.length > 0) {
            out.push(`Report-only policies whose every logged result is unknown: ${silent.map((p) => p.id).join(', ')}. Graph returns report-only results only `
                + `with the request header 'Prefer: include-unknown-enum-members'; export the log with it to compare them.`);
        }
    }
    out.push('');
    out.push(table(
        ['Policy', 'State', 'Applied', 'Block', 'Challenge', 'Met', 'Not applied', '(missing input)', 'If enforced: block / challenge', 'Entra agreement'],
        r.policies.map((p) => [
            p.displayName ? `${p.id} ${p.displayName}`.slice(0, 60) : p.id, STATE[p.state] ?? p.state, int(p.applied), int(p.blocked), int(p.challenged), int(p.satisfied),
            int(p.notApplied + p.notEnabled), int(p.notDecided), p.enforcing ? `${int(p.enforcing.wouldBlock)} / ${int(p.enforcing.wouldChallenge)}` : '', agreement(p),
        ]),
    ));
    const unknown = Object.entries(r.entra.unknownPolicies);
    if (unknown.length > 0) out.push(`\nPolicies in the log but not in the policy set (not compared): ${unknown.map(([id, n]) => `${id} (${int(n)})`).join(', ')}`);
    if (r.disagreements.length > 0) {
        const shown = r.disagreements.slice(0, 20);
        out.push(`\nDisagreements (first ${shown.length} of ${int(r.entra.compared - r.entra.agreed)}; --format json lists up to ${int(r.disagreements.length)}):`);
        for (const d of shown) out.push(`  ${run.file}:${d.line}:${d.column} record ${d.index}${d.signInId ? ` (${d.signInId})` : ''}: ${d.policyId}: Latch ${d.latch}, Entra ${d.entra}`);
    }
    if (r.problems > 0) {
        out.push(`\nProblems (${int(r.problems)}${r.errors.length < r.problems ? `, first ${r.errors.length} shown` : ''}):`);
        for (const e of r.errors) out.push(`  ${run.file}:${e.line}:${e.column}: ${e.message}`);
    }
    return out.join('\n') + '\n';
}

export function replayJson(run: ReplayRun): string {
    return JSON.stringify({ file: run.file, seconds: +run.seconds.toFixed(3), ...run.report }, null, 2) + '\n';
}

function csvCell(v: string | number): string {
    const s = String(v);
    return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function replayCsv(run: ReplayRun): string {
    const head = ['policyId', 'displayName', 'state', 'applied', 'blocked', 'challenged', 'satisfied', 'notApplied', 'notDecided', 'notEnabled',
        'enforcingWouldBlock', 'enforcingWouldChallenge', 'entraCompared', 'entraAgreed', 'entraUnknown'];
    const rows = run.report.policies.map((p) => [p.id, p.displayName ?? p.name, p.state, p.applied, p.blocked, p.challenged, p.satisfied, p.notApplied, p.notDecided,
        p.notEnabled, p.enforcing?.wouldBlock ?? '', p.enforcing?.wouldChallenge ?? '', p.entra.compared, p.entra.agreed, p.entra.unknown]);
    return [head, ...rows].map((r) => r.map(csvCell).join(',')).join('\r\n') + '\r\n';
}
