// REFERENCE (tests only): the replay as it was before the byte path (git 48c2384), kept to check that the new one
// reports exactly the same. Do not optimise. Revised once since: the per-policy count of unknown results (report shape).
//
// Sign-in log replay: feeds log text (any chunking) through the record splitter, maps each record to a sign-in,
// evaluates every policy on the fast path and tallies, per policy, where it applied, would block, would challenge,
// did not apply; for report-only policies what enforcing them would change; and, where the log carries Entra's own
// per-policy result, the agreement between Latch and Entra. Bad records are reported with file positions and skipped.

import type { EvaluationMode, PolicySet, PolicyState } from '../../../src/model.js';
import { compilePolicySet, type CompiledSet } from '../../../src/evaluate/compile-set.js';
import { compileSignIn } from '../../../src/evaluate/compile-signin.js';
import { satisfiedControls } from '../../../src/evaluate/requirement.js';
import { findJsonSyntaxError, findValueOffset, lineColumnAt } from '../../../src/graph/json-scan.js';
import { formatJsonPath } from '../../../src/graph/json-text.js';
import { type LogError, type LogRecord, RecordSplitter } from './record-splitter.js';
import { type MapOptions, mapSignInRecord, RecordMappingError, type ReplayDirectory } from '../../../src/replay/map-signin-record.js';
import { FAILURE, INTERRUPTED, NOT_APPLIED, NOT_DECIDED, NOT_ENABLED, policyStatuses, type StatusPlan, statusPlan, SUCCESS } from '../../../src/replay/policy-status.js';

export interface ReplayOptions extends MapOptions {
    mode?: EvaluationMode;
    directory?: ReplayDirectory;
    /** How many bad-record messages and disagreements to keep (all are counted). */
    maxErrors?: number;
    maxDisagreements?: number;
    maxRecordChars?: number;
}

export interface OutcomeCounts { allow: number; block: number; requires: number }

export interface PolicyReplay {
    id: string;
    name: string;
    displayName?: string;
    state: PolicyState;
    /** Sign-ins where the policy applied (for report-only policies: would have applied). */
    applied: number;
    /** …and blocked them (block, or a control the sign-in cannot meet): Entra's failure. */
    blocked: number;
    /** …and asked for an interactive control not yet performed (MFA, strength, terms, password change). */
    challenged: number;
    /** …and its controls were already met. */
    satisfied: number;
    notApplied: number;
    /** Not applied because input it needs is missing from the log (strict mode); included in notApplied. */
    notDecided: number;
    notEnabled: number;
    /** Report-only: sign-ins that enforcing this policy (alone) would block / newly challenge. */
    enforcing?: { wouldBlock: number; wouldChallenge: number };
    /** Where the log has Entra's result for this policy. */
    entra: { compared: number; agreed: number; disagreements: Record<string, number> };
}

export interface ReplayProblem { index: number | undefined; line: number; column: number; message: string }

export interface Disagreement {
    index: number;
    line: number;
    column: number;
    /** The sign-in's id in Entra. */
    signInId?: string;
    policyId: string;
    latch: string;
    entra: string;
}

export interface ReplayReport {
    mode: EvaluationMode;
    /** Records found in the log (bad ones included). */
    records: number;
    evaluated: number;
    skipped: number;
    /** Problems, in log order (at most maxErrors kept; `problems` counts them all). */
    errors: ReplayProblem[];
    problems: number;
    outcomes: OutcomeCounts;
    /** As if every report-only policy were enforced. */
    shadowOutcomes: OutcomeCounts;
    policies: PolicyReplay[];
    entra: {
        /** Records that carry appliedConditionalAccessPolicies. */
        records: number;
        compared: number;
        agreed: number;
        /** Entra results 'unknown' / 'unknownFutureValue' (not compared). */
        unknownResults: number;
        /** Policy ids in the log that the policy set does not have, with how often they appear. */
        unknownPolicies: Record<string, number>;
    };
    disagreements: Disagreement[];
}

/** Latch's status code in Entra's sign-in log vocabulary. An unmet interactive control fails an enabled policy. */
export function entraVocabulary(state: PolicyState, status: number): string {
    if (status === NOT_ENABLED) return 'notEnabled';
    const reportOnly = state === 'enabledForReportingButNotEnforced';
    switch (status) {
        case SUCCESS: return reportOnly ? 'reportOnlySuccess' : 'success';
        case FAILURE: return reportOnly ? 'reportOnlyFailure' : 'failure';
        case INTERRUPTED: return reportOnly ? 'reportOnlyInterrupted' : 'failure';
        default: return reportOnly ? 'reportOnlyNotApplied' : 'notApplied';
    }
}

export class LogReplay {
    private readonly cs: CompiledSet;
    private readonly plan: StatusPlan;
    private readonly lenient: boolean;
    private readonly statuses: Uint8Array;
    private readonly byId = new Map<string, number>();
    /** Per policy, Entra's word for each status code (entraVocabulary, precomputed). */
    private readonly vocab: string[][];
    private readonly splitter: RecordSplitter;
    private readonly maxErrors: number;
    private readonly maxDisagreements: number;
    private report: ReplayReport;

    constructor(set: PolicySet, private readonly options: ReplayOptions = {}) {
        this.cs = compilePolicySet(set);
        this.plan = statusPlan(this.cs);
        const mode = options.mode ?? 'strict';
        this.lenient = mode === 'lenient';
        this.statuses = new Uint8Array(this.cs.policies.length);
        this.cs.policies.forEach((cp, i) => this.byId.set(cp.policy.id.toLowerCase(), i));
        this.vocab = this.cs.policies.map((cp) => [NOT_ENABLED, NOT_APPLIED, NOT_DECIDED, SUCCESS, FAILURE, INTERRUPTED].map((code) => entraVocabulary(cp.state, code)));
        this.maxErrors = options.maxErrors ?? 100;
        this.maxDisagreements = options.maxDisagreements ?? 1000;
        this.report = this.emptyReport();
        this.splitter = new RecordSplitter({ record: (r) => this.onRecord(r), error: (e) => this.onError(e) }, { maxRecordChars: options.maxRecordChars });
    }

    /** A report with every count at zero. */
    emptyReport(): ReplayReport {
        const mode = this.options.mode ?? 'strict';
        return {
            mode, records: 0, evaluated: 0, skipped: 0, errors: [], problems: 0,
            outcomes: { allow: 0, block: 0, requires: 0 }, shadowOutcomes: { allow: 0, block: 0, requires: 0 },
            policies: this.cs.policies.map((cp) => ({
                id: cp.policy.id, name: cp.policy.name, displayName: cp.policy.displayName, state: cp.state,
                applied: 0, blocked: 0, challenged: 0, satisfied: 0, notApplied: 0, notDecided: 0, notEnabled: 0,
                ...(cp.state === 'enabledForReportingButNotEnforced' ? { enforcing: { wouldBlock: 0, wouldChallenge: 0 } } : {}),
                entra: { compared: 0, agreed: 0, disagreements: {}, unknown: 0 },
            })),
            entra: { records: 0, compared: 0, agreed: 0, unknownResults: 0, unknownPolicies: {} },
            disagreements: [],
        };
    }

    /** Replays one record the caller split (parallel replay: workers get records from the main thread's splitter). */
    record(r: LogRecord): void {
        this.onRecord(r);
    }

    /** Returns the tally so far and starts a fresh one (parallel replay: a worker's part for one batch). */
    takeReport(): ReplayReport {
        const r = this.report;
        this.report = this.emptyReport();
        return r;
    }

    /** Feeds the next chunk of log text. */
    push(chunk: string): void {
        this.splitter.push(chunk);
    }

    /** Ends the log and returns the report. */
    finish(): ReplayReport {
        this.splitter.end();
        this.report.records = this.splitter.records;
        return this.report;
    }

    /** Progress so far: records seen and evaluated. */
    get progress(): { records: number; evaluated: number; skipped: number } {
        return { records: this.splitter.records, evaluated: this.report.evaluated, skipped: this.report.skipped };
    }

    private onError(e: LogError): void {
        if (e.index !== undefined) this.report.skipped++;
        this.problem(e);
    }

    private problem(p: ReplayProblem): void {
        this.report.problems++;
        if (this.report.errors.length < this.maxErrors) this.report.errors.push(p);
    }

    /** A position inside a record → a position in the log. */
    private locate(r: LogRecord, offset: number): { line: number; column: number } {
        const at = lineColumnAt(r.text, offset);
        return at.line === 1 ? { line: r.line, column: r.column + at.column - 1 } : { line: r.line + at.line - 1, column: at.column };
    }

    private onRecord(r: LogRecord): void {
        let value: unknown;
        try {
            value = JSON.parse(r.text);
        } catch (e) {
            const found = findJsonSyntaxError(r.text);
            this.report.skipped++;
            this.problem({ index: r.index, ...this.locate(r, found?.offset ?? 0), message: `record ${r.index}: ${found?.message ?? String(e)}` });
            return;
        }
        let mapped;
        try {
            mapped = mapSignInRecord(value, this.options.directory, this.options);
        } catch (e) {
            if (!(e instanceof RecordMappingError)) throw e;
            this.report.skipped++;
            const offset = findValueOffset(r.text, e.path) ?? 0;
            const where = formatJsonPath(e.path);
            this.problem({ index: r.index, ...this.locate(r, offset), message: `record ${r.index}: ${where ? `${where}: ` : ''}${e.message}` });
            return;
        }
        this.evaluate(r, mapped.signIn, mapped.id, mapped.entra);
    }

    private evaluate(r: LogRecord, signIn: Parameters<typeof compileSignIn>[1], signInId: string | undefined, entra: { id: string; result: string }[] | undefined): void {
        const cs = this.cs;
        const s = compileSignIn(cs, signIn);
        const st = this.statuses;
        policyStatuses(this.plan, cs, s, satisfiedControls(signIn), this.lenient, st);
        const rep = this.report;
        rep.evaluated++;

        // Outcomes: enforced (enabled policies) and shadow (report-only ones too).
        let block = false, requires = false, shadowBlock = false, shadowRequires = false;
        const policies = cs.policies;
        for (let p = 0; p < st.length; p++) {
            const code = st[p];
            if (code !== FAILURE && code !== INTERRUPTED) continue;
            const enabled = policies[p].state === 'enabled';
            if (code === FAILURE) { shadowBlock = true; if (enabled) block = true; } else { shadowRequires = true; if (enabled) requires = true; }
        }
        const outcome = block ? 'block' : requires ? 'requires' : 'allow';
        rep.outcomes[outcome]++;
        rep.shadowOutcomes[shadowBlock ? 'block' : shadowRequires ? 'requires' : 'allow']++;

        for (let p = 0; p < st.length; p++) {
            const t = rep.policies[p];
            switch (st[p]) {
                case NOT_ENABLED: t.notEnabled++; break;
                case NOT_APPLIED: t.notApplied++; break;
                case NOT_DECIDED: t.notApplied++; t.notDecided++; break;
                case SUCCESS: t.applied++; t.satisfied++; break;
                case FAILURE:
                    t.applied++; t.blocked++;
                    if (t.enforcing && outcome !== 'block') t.enforcing.wouldBlock++;
                    break;
                case INTERRUPTED:
                    t.applied++; t.challenged++;
                    if (t.enforcing && outcome === 'allow') t.enforcing.wouldChallenge++;
                    break;
            }
        }
        if (entra) this.compare(r, signInId, entra);
    }

    private compare(r: LogRecord, signInId: string | undefined, entra: { id: string; result: string }[]): void {
        const rep = this.report;
        rep.entra.records++;
        for (const e of entra) {
            const p = this.byId.get(e.id) ?? this.byId.get(e.id.toLowerCase());
            if (p === undefined) {
                rep.entra.unknownPolicies[e.id] = (rep.entra.unknownPolicies[e.id] ?? 0) + 1;
                continue;
            }
            const t = rep.policies[p];
            if (e.result === 'unknown' || e.result === 'unknownFutureValue') { rep.entra.unknownResults++; t.entra.unknown++; continue; }
            const latch = this.vocab[p]![this.statuses[p]!]!;
            t.entra.compared++;
            rep.entra.compared++;
            if (latch === e.result) { t.entra.agreed++; rep.entra.agreed++; continue; }
            const pair = `${latch} vs ${e.result}`;
            t.entra.disagreements[pair] = (t.entra.disagreements[pair] ?? 0) + 1;
            if (rep.disagreements.length < this.maxDisagreements) {
                rep.disagreements.push({ index: r.index, line: r.line, column: r.column, ...(signInId ? { signInId } : {}), policyId: t.id, latch, entra: e.result });
            }
        }
    }
}

/** Replays a whole log held in memory (tests, small logs); the CLI streams chunks into LogReplay instead. */
export function replayLog(set: PolicySet, text: string, options: ReplayOptions = {}): ReplayReport {
    const r = new LogReplay(set, options);
    r.push(text);
    return r.finish();
}
