// A partial replay report in the compact form a parallel replay passes between threads: every count in one Int32Array
// (transferred, not cloned), the rare lists beside it. Cloning the report's object graph cost ~100 µs a batch, more
// than replaying a dozen records.

import type { Disagreement, ReplayProblem, ReplayReport } from './replay-log.js';

export interface ReplayPart {
    counts: Int32Array;
    errors: ReplayProblem[];
    disagreements: Disagreement[];
    /** Per policy index, disagreement pairs ("latch vs entra") and their counts; only where there are any. */
    pairs: [number, Record<string, number>][];
    unknownPolicies: Record<string, number>;
}

const HEAD = 13;
/** The record number a problem's message starts with (the splitter's and the replay's messages). */
const RECORD_NUMBER = /^(record |expected ',' or '\]' after record )(-?\d+)/;
const PER_POLICY = 12;

/** The part of `r` (a LogReplay's takeReport()) to send. */
export function packReport(r: ReplayReport): ReplayPart {
    const c = new Int32Array(HEAD + PER_POLICY * r.policies.length);
    const o = r.outcomes, s = r.shadowOutcomes, e = r.entra;
    c.set([r.evaluated, r.skipped, r.problems, o.allow, o.block, o.requires, s.allow, s.block, s.requires, e.records, e.compared, e.agreed, e.unknownResults]);
    const pairs: [number, Record<string, number>][] = [];
    r.policies.forEach((t, p) => {
        c.set([t.applied, t.blocked, t.challenged, t.satisfied, t.notApplied, t.notDecided, t.notEnabled, t.enforcing?.wouldBlock ?? 0,
            t.enforcing?.wouldChallenge ?? 0, t.entra.compared, t.entra.agreed, t.entra.unknown], HEAD + PER_POLICY * p);
        for (const _ in t.entra.disagreements) { pairs.push([p, t.entra.disagreements]); break; }
    });
    return { counts: c, errors: r.errors, disagreements: r.disagreements, pairs, unknownPolicies: e.unknownPolicies };
}

/**
 * Adds a part (a later stretch of the log) to `into`; kept lists stay in log order and bounded. `shift`: records and
 * line ends before the stretch, when its positions count from its own start.
 */
export function mergePart(into: ReplayReport, part: ReplayPart, maxErrors: number, maxDisagreements: number, shift?: { records: number; lines: number }): void {
    if (shift && (shift.records > 0 || shift.lines > 0)) {
        for (const x of part.errors) {
            if (x.index !== undefined) x.index += shift.records;
            x.line += shift.lines;
            x.message = x.message.replace(RECORD_NUMBER, (_, before: string, n: string) => before + (Number(n) + shift.records));
        }
        for (const d of part.disagreements) { d.index += shift.records; d.line += shift.lines; }
    }
    const c = part.counts;
    into.evaluated += c[0]!; into.skipped += c[1]!; into.problems += c[2]!;
    const o = into.outcomes, s = into.shadowOutcomes, e = into.entra;
    o.allow += c[3]!; o.block += c[4]!; o.requires += c[5]!; s.allow += c[6]!; s.block += c[7]!; s.requires += c[8]!;
    e.records += c[9]!; e.compared += c[10]!; e.agreed += c[11]!; e.unknownResults += c[12]!;
    for (let p = 0; p < into.policies.length; p++) {
        const t = into.policies[p]!, k = HEAD + PER_POLICY * p;
        t.applied += c[k]!; t.blocked += c[k + 1]!; t.challenged += c[k + 2]!; t.satisfied += c[k + 3]!;
        t.notApplied += c[k + 4]!; t.notDecided += c[k + 5]!; t.notEnabled += c[k + 6]!;
        if (t.enforcing) { t.enforcing.wouldBlock += c[k + 7]!; t.enforcing.wouldChallenge += c[k + 8]!; }
        t.entra.compared += c[k + 9]!; t.entra.agreed += c[k + 10]!; t.entra.unknown += c[k + 11]!;
    }
    for (const [p, pairs] of part.pairs) {
        const d = into.policies[p]!.entra.disagreements;
        for (const [k, n] of Object.entries(pairs)) d[k] = (d[k] ?? 0) + n;
    }
    for (const [k, n] of Object.entries(part.unknownPolicies)) e.unknownPolicies[k] = (e.unknownPolicies[k] ?? 0) + n;
    for (const x of part.errors) { if (into.errors.length >= maxErrors) break; into.errors.push(x); }
    for (const d of part.disagreements) { if (into.disagreements.length >= maxDisagreements) break; into.disagreements.push(d); }
}

/** A part holding one problem between or in records (the splitter's), for `policies` policies. */
export function problemPart(policies: number, e: ReplayProblem): ReplayPart {
    const c = new Int32Array(HEAD + PER_POLICY * policies);
    c[1] = e.index !== undefined ? 1 : 0; // skipped: a problem in a record
    c[2] = 1;
    return { counts: c, errors: [e], disagreements: [], pairs: [], unknownPolicies: {} };
}
