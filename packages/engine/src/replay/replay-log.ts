// Sign-in log replay: feeds log bytes (any chunking) through the record splitter, maps each record to a sign-in,
// evaluates every policy on the fast path and tallies, per policy, where it applied, would block, would challenge,
// did not apply; for report-only policies what enforcing them would change; and, where the log carries Entra's own
// per-policy result, the agreement between Latch and Entra. Bad records are reported with file positions and skipped.
//
// A record is read from its bytes (pick-record.ts: only the values the mapping reads are built, the
// appliedConditionalAccessPolicies array is scanned in place); a record that path cannot vouch for is parsed whole
// with JSON.parse, as before, so results and messages are the same. Policy statuses are remembered by the record's
// key (record-memo.ts): logs repeat the same sign-in values over and over.

import type { EvaluationMode, PolicySet, PolicyState, SignIn } from '../model.js';
import { compilePolicySet, type CompiledSet } from '../evaluate/compile-set.js';
import { CompileCache, compileSignIn } from '../evaluate/compile-signin.js';
import { satisfiedControls } from '../evaluate/requirement.js';
import { findJsonSyntaxError, findValueOffset, lineColumnAt } from '../graph/json-scan.js';
import { formatJsonPath } from '../graph/json-text.js';
import { deviceFilterAtoms, devicePropertyInfo, parseDeviceFilter } from '../device-filter/index.js';
import { ABSENT, type AppliedScan, type KnownEntry, UNRESOLVED } from './applied-policies.js';
import { pickRecord, RecordPick } from './pick-record.js';
import { RecordMemo } from './record-memo.js';
import { entraVocabulary, OTHER, RESULT_WORDS, resultCodeOf, UNKNOWN, UNKNOWN_FUTURE } from './entra-results.js';
import { isWs, lastLine, lines as lineCount, recordLine } from './json-bytes.js';
import { type LineEnds, type LogError, type LogRecord, logRecord, type RecordSink, RecordSplitter, type ResumePoint } from './record-splitter.js';
import { type EntraPolicyResult, type MapOptions, type MappedRecord, mapSignInRecord, RecordMappingError, type ReplayDirectory } from './map-signin-record.js';
import { FAILURE, INTERRUPTED, NOT_APPLIED, NOT_DECIDED, NOT_ENABLED, policyStatuses, type StatusPlan, statusPlan, SUCCESS } from './policy-status.js';

export { entraVocabulary } from './entra-results.js';

/** The memo's trial window and rest (memoOn), in records. */
const MEMO_WINDOW = 2048;
const MEMO_REST = 16_384;
/** The longest rest, in MEMO_REST (memoOn). */
const MEMO_BACKOFF = 4;

/** A known entry whose id is no policy of the set. */
const NOT_FOUND = -1;

export interface ReplayOptions extends MapOptions {
    mode?: EvaluationMode;
    directory?: ReplayDirectory;
    /** How many bad-record messages and disagreements to keep (all are counted). */
    maxErrors?: number;
    maxDisagreements?: number;
    maxRecordChars?: number;
    /**
     * Remember statuses by record key (default true; false maps and evaluates every record: tests). Tests may also
     * set the trial window and rest of memoOn, in records.
     */
    memo?: boolean | { window: number; rest: number };
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
    /** Entra's results for this policy: compared, agreed, the disagreement pairs, and how many read 'unknown'/'unknownFutureValue' (not compared). */
    entra: { compared: number; agreed: number; disagreements: Record<string, number>; unknown: number };
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

export class LogReplay {
    private readonly cs: CompiledSet;
    private readonly plan: StatusPlan;
    private readonly lenient: boolean;
    private readonly memo: RecordMemo | undefined;
    private readonly statuses: Uint8Array;
    private readonly compileCache = new CompileCache();
    /** Lookups and hits in the current window, and records left to skip the memo for (memoOn). */
    private memoProbes = 0;
    private memoHits = 0;
    private memoRest = 0;
    /** Memo windows ended (see memoOn). */
    private memoWindows = 0;
    /** The current trial's length and the next rest's multiple of memoRestFor (memoOn). */
    private memoTrial: number;
    private memoBackoff = 1;
    private readonly memoWindow: number;
    private readonly memoRestFor: number;
    private readonly byId = new Map<string, number>();
    /** Per policy, Entra's word for each status code (entraVocabulary, precomputed), and its result code. */
    private readonly vocab: string[][];
    private readonly vocabCode: Int8Array[];
    private readonly pick: RecordPick;
    private splitter: RecordSplitter;
    private readonly sink: RecordSink;
    private readonly maxErrors: number;
    private readonly maxDisagreements: number;
    private report: ReplayReport;

    constructor(set: PolicySet, private readonly options: ReplayOptions = {}) {
        this.cs = compilePolicySet(set);
        this.plan = statusPlan(this.cs);
        this.lenient = (options.mode ?? 'strict') === 'lenient';
        // The values a record key leaves out: the evaluation never reads them (status codes aside, the id is read anew).
        this.pick = new RecordPick(unkeyedValues(this.cs));
        this.memo = options.memo === false ? undefined : new RecordMemo();
        this.memoWindow = typeof options.memo === 'object' ? options.memo.window : MEMO_WINDOW;
        this.memoRestFor = typeof options.memo === 'object' ? options.memo.rest : MEMO_REST;
        this.memoTrial = 1; // window 0: see memoOn
        this.statuses = new Uint8Array(this.cs.policies.length);
        this.cs.policies.forEach((cp, i) => this.byId.set(cp.policy.id.toLowerCase(), i));
        this.vocab = this.cs.policies.map((cp) => [NOT_ENABLED, NOT_APPLIED, NOT_DECIDED, SUCCESS, FAILURE, INTERRUPTED].map((code) => entraVocabulary(cp.state, code)));
        this.vocabCode = this.vocab.map((words) => Int8Array.from(words, resultCodeOf));
        this.maxErrors = options.maxErrors ?? 100;
        this.maxDisagreements = options.maxDisagreements ?? 1000;
        this.report = this.emptyReport();
        this.sink = { record: (r) => this.onRecord(r), error: (e) => this.onError(e), whole: (u, s, l, at, lines) => this.whole(u, s, l, at, lines) };
        this.splitter = new RecordSplitter(this.sink, { maxRecordChars: options.maxRecordChars });
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

    /** Feeds the next chunk of the log: UTF-8 bytes, or text. */
    push(chunk: Uint8Array | string): void {
        this.splitter.push(chunk);
    }

    /** Ends the log and returns the report. */
    finish(): ReplayReport {
        this.splitter.end();
        this.report.records = this.splitter.records;
        return this.report;
    }

    /** Where the splitter stands (a resume point, or undefined: see RecordSplitter.resumePoint). */
    resumePoint(): ResumePoint | undefined {
        return this.splitter.resumePoint();
    }

    /** The resume points the log offers, once known (RecordSplitter.layout). */
    layout(): ResumePoint | undefined {
        return this.splitter.layout();
    }

    /** Starts a stretch of the log at a resume point (parallel replay): a fresh splitter, every count from zero. */
    resume(point: ResumePoint): void {
        this.splitter = new RecordSplitter(this.sink, { maxRecordChars: this.options.maxRecordChars, resume: point });
        this.report = this.emptyReport();
    }

    /**
     * Ends a stretch: at the log's end (`last`), or where the next stretch starts. Returns its part of the report
     * (record indices and lines counted from the stretch's start), its records and line ends, and the resume point
     * the splitter reached (undefined when it is not at one: the next stretch then assumed wrong).
     */
    endStretch(last: boolean): { report: ReplayReport; records: number; lines: number; point: ResumePoint | undefined } {
        if (last) this.splitter.end();
        const point = last ? undefined : this.splitter.resumePoint(); // first: it splits what waited for more bytes
        const report = this.takeReport();
        return { report, records: this.splitter.records, lines: this.splitter.lines, point };
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
        const pick = this.pick, u = r.bytes, memo = this.memoOn();
        if (pickRecord(u, r.start, r.end, pick, -1, memo !== undefined)) {
            let i = pick.end;
            while (i < r.end && isWs(u[i]!)) i++;
            if (i === r.end) return this.replayPicked(r, pick, memo);
        }
        this.slowRecord(r); // reports the syntax error in the whole record
    }

    /**
     * The splitter's whole(): an array element replayed straight from the buffer when the byte path vouches for it.
     * The walk reached the record's closing brace and checked every byte before it, so the record is valid JSON and
     * splitting would have found exactly this end with no problem, unless a line inside it starts a record at the
     * records' column (the splitter's recovery rule): then, and on anything else, it declines.
     */
    private whole(u: Uint8Array, start: number, limit: number, at: { index: number; line: number; column: number; recordColumn: number }, lines: LineEnds): number {
        const pick = this.pick, memo = this.memoOn();
        if (!pickRecord(u, start, limit, pick, at.recordColumn, memo !== undefined) || recordLine) return -1;
        const count = lineCount, last = lastLine; // counted by the walk
        this.replayPicked(logRecord(u, start, pick.end, at.index, at.line, at.column), pick, memo);
        lines.count = count;
        lines.last = last;
        return pick.end;
    }

    /** A record the byte path read (its key written when `memo` is asked): mapped, evaluated, compared with Entra's results. */
    private replayPicked(r: LogRecord, pick: RecordPick, memo: RecordMemo | undefined): void {
        const known = memo !== undefined ? memo.find(pick.key, pick.keyLength) : -1;
        if (known >= 0) {
            this.memoHits++;
            // As the record it shares its key with: mapped without error, no unscanned results, these statuses.
            memo!.statusesOf(known, this.statuses);
            this.tally();
            const id = pick.record.id;
            if (pick.scanned) this.compareScan(r, typeof id === 'string' && id !== '' ? id : undefined, pick.applied);
            return;
        }
        const mapped = this.map(r, pick.record);
        if (!mapped) return;
        this.evaluate(mapped.signIn);
        if (memo && mapped.entra === undefined) memo.set(pick.key, pick.keyLength, this.statuses);
        if (pick.scanned) this.compareScan(r, mapped.id, pick.applied);
        else if (mapped.entra) this.compare(r, mapped.id, mapped.entra);
    }

    /**
     * The memo while it pays: a lookup and, on a miss, a copy cost about a quarter of mapping and evaluating a record,
     * so when fewer than one lookup in five hits over a window (a log whose records rarely repeat), the next records
     * skip it, and then it is tried again: MEMO_REST records after the first such window, twice as many after each
     * further one in a row (up to MEMO_BACKOFF times), and those later trials are a quarter window long (a log whose
     * records rarely repeat would otherwise spend a tenth of its records on lookups that miss). A window that pays
     * starts over. Only speed depends on this; every record gets the same statuses.
     */
    private memoOn(): RecordMemo | undefined {
        if (this.memo === undefined) return undefined;
        // Every line here runs on every call, the window's end computed each time and kept only where a window ends: a
        // line first run after the optimiser compiled the replay's loop (this is inlined there) costs that code and its
        // recompiling, ~50 ms a thread. Window 0 ends at the first record; window 1 only fills the memo (a thread
        // replaying every other stretch of a log cycling 2,000 sign-ins meets most of them for the first time there).
        const rest = this.memoRest;
        this.memoRest = Math.max(rest - 1, 0);
        if (rest > 0) return undefined;
        const probes = this.memoProbes + 1, end = probes >= this.memoTrial, judged = end && this.memoWindows >= 2;
        const idle = 5 * this.memoHits < probes && judged;
        const idleRest = this.memoRestFor * this.memoBackoff, idleBackoff = Math.min(MEMO_BACKOFF, 2 * this.memoBackoff), idleTrial = Math.max(1, this.memoWindow >> 2);
        this.memoRest = idle ? idleRest : 0;
        this.memoBackoff = idle ? idleBackoff : judged ? 1 : this.memoBackoff;
        this.memoTrial = idle ? idleTrial : end ? this.memoWindow : this.memoTrial;
        this.memoWindows += end ? 1 : 0;
        this.memoProbes = end ? 0 : probes;
        this.memoHits = end ? 0 : this.memoHits;
        return this.memo;
    }

    /** The whole record through JSON.parse. */
    private slowRecord(r: LogRecord): void {
        let value: unknown;
        try {
            value = JSON.parse(r.text);
        } catch (e) {
            const found = findJsonSyntaxError(r.text);
            this.report.skipped++;
            this.problem({ index: r.index, ...this.locate(r, found?.offset ?? 0), message: `record ${r.index}: ${found?.message ?? String(e)}` });
            return;
        }
        const mapped = this.map(r, value);
        if (!mapped) return;
        this.evaluate(mapped.signIn);
        if (mapped.entra) this.compare(r, mapped.id, mapped.entra);
    }

    /** mapSignInRecord, a mapping error reported (and undefined returned). */
    private map(r: LogRecord, value: unknown): MappedRecord | undefined {
        try {
            return mapSignInRecord(value, this.options.directory, this.options);
        } catch (e) {
            if (!(e instanceof RecordMappingError)) throw e;
            this.report.skipped++;
            const offset = findValueOffset(r.text, e.path) ?? 0;
            const where = formatJsonPath(e.path);
            this.problem({ index: r.index, ...this.locate(r, offset), message: `record ${r.index}: ${where ? `${where}: ` : ''}${e.message}` });
            return undefined;
        }
    }

    private evaluate(signIn: SignIn): void {
        policyStatuses(this.plan, this.cs, compileSignIn(this.cs, signIn, this.compileCache), satisfiedControls(signIn), this.lenient, this.statuses);
        this.tally();
    }

    /** Counts the statuses of the record just evaluated. */
    private tally(): void {
        const cs = this.cs;
        const st = this.statuses;
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
    }

    /** Entra's results as mapSignInRecord read them (records the byte path did not cut). */
    private compare(r: LogRecord, signInId: string | undefined, entra: EntraPolicyResult[]): void {
        this.report.entra.records++;
        for (const e of entra) {
            const p = this.byId.get(e.id) ?? this.byId.get(e.id.toLowerCase());
            if (p === undefined) { this.unknownPolicy(e.id); continue; }
            this.compareOne(r, signInId, p, resultCodeOf(e.result), e.result);
        }
    }

    /** Entra's results as the byte scan found them: the same steps as compare(), each distinct entry resolved once. */
    private compareScan(r: LogRecord, signInId: string | undefined, scan: AppliedScan): void {
        this.report.entra.records++;
        for (let k = 0; k < scan.count; k++) {
            const e = scan.entries[k]!;
            if (e.idKind === ABSENT || e.resultKind === ABSENT) continue; // mapSignInRecord drops the entry
            if (e.policy === UNRESOLVED) this.resolve(e);
            if (e.policy === NOT_FOUND) this.unknownPolicy(e.id!);
            else this.compareOne(r, signInId, e.policy, e.code, e.result);
        }
    }

    /** A known entry's policy index and result code (its strings kept where the report needs them). */
    private resolve(e: KnownEntry): void {
        const id = e.idValue();
        const p = this.byId.get(id) ?? this.byId.get(id.toLowerCase());
        if (p === undefined) { e.policy = NOT_FOUND; e.id = id; return; }
        const result = e.resultValue();
        e.policy = p;
        e.code = resultCodeOf(result);
        if (e.code === OTHER) e.result = result;
    }

    private unknownPolicy(id: string): void {
        const u = this.report.entra.unknownPolicies;
        u[id] = (u[id] ?? 0) + 1;
    }

    /** One logged result (its code, and its text when it is no known word) against policy p's status. */
    private compareOne(r: LogRecord, signInId: string | undefined, p: number, code: number, result: string | undefined): void {
        const rep = this.report;
        const t = rep.policies[p]!;
        if (code === UNKNOWN || code === UNKNOWN_FUTURE) { rep.entra.unknownResults++; t.entra.unknown++; return; }
        const status = this.statuses[p]!;
        t.entra.compared++;
        rep.entra.compared++;
        if (code === this.vocabCode[p]![status]) { t.entra.agreed++; rep.entra.agreed++; return; }
        const latch = this.vocab[p]![status]!;
        const entra = code === OTHER ? result! : RESULT_WORDS[code]!;
        const pair = `${latch} vs ${entra}`;
        t.entra.disagreements[pair] = (t.entra.disagreements[pair] ?? 0) + 1;
        if (rep.disagreements.length < this.maxDisagreements) {
            rep.disagreements.push({ index: r.index, line: r.line, column: r.column, ...(signInId ? { signInId } : {}), policyId: t.id, latch, entra });
        }
    }
}

/**
 * The string values a record key leaves out (only whether they are empty counts): the evaluation never reads them
 * (status codes aside, the id is read anew). The time without time conditions, the IP address without IP-range
 * locations, a device's id and name when no device filter reads them (the device counts as registered by whether
 * its id is empty, which the key keeps; a rule that does not parse counts as reading every property).
 */
export function unkeyedValues(cs: CompiledSet): string[] {
    const read = new Set<string>();
    let all = false;
    for (const cp of cs.policies) {
        const rule = cp.policy.deviceFilter?.rule;
        if (rule === undefined) continue;
        const expr = parseDeviceFilter(rule).expr;
        if (expr === undefined) { all = true; continue; }
        for (const a of deviceFilterAtoms(expr)) read.add(devicePropertyInfo(a.property)?.name ?? a.property);
    }
    return ['id', ...(cs.hasTimes ? [] : ['createdDateTime']), ...(cs.hasIpLocations ? [] : ['ipAddress']),
        ...(all || read.has('deviceId') ? [] : ['deviceDetail.deviceId']), ...(all || read.has('displayName') ? [] : ['deviceDetail.displayName'])];
}

/** Replays a whole log held in memory (tests, small logs); the CLI streams chunks into LogReplay instead. */
export function replayLog(set: PolicySet, text: string | Uint8Array, options: ReplayOptions = {}): ReplayReport {
    const r = new LogReplay(set, options);
    r.push(text);
    return r.finish();
}
