// Parallel sign-in log replay of a UTF-8 file: the log is cut into stretches of a few MiB that start at resume points
// (record-splitter.ts: line starts of JSON lines, or the lines where an array's records start), and each stretch is
// replayed whole — read, split, parsed, evaluated — by a worker thread or by the main thread, each holding its own
// compiled copy of the policy set. Nothing goes between threads but a stretch's offsets and its partial report (counts
// in one transferred Int32Array), so the threads do not wait on one another and no core idles.
//
// Exactly the serial report: the main thread replays the log's head itself until the splitter stands at a resume
// point, and every later stretch starts from that same state. Parts are merged strictly in log order, record indices
// and lines shifted by what came before (file:line:col unchanged). A stretch must end where the next one starts, at a
// resume point; if one does not (a damaged log: a record left open, an array closed), its part and all later ones are
// dropped and the rest of the log is replayed from that stretch's start on the main thread. Logs without resume points
// (Graph pages, tab-indented arrays) are replayed on the main thread alone. Stretches out and parts waiting to be
// merged are bounded: memory stays flat in the log size.
//
// The worker script's path comes from the caller (replay-worker-file.ts resolves it): this module is part of the
// engine's index, which CommonJS bundles include, and there `import.meta` does not exist.

import { closeSync, fstatSync, openSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { PolicySet } from '../model.js';
import type { ResumePoint } from './record-splitter.js';
import { LogReplay, type ReplayOptions, type ReplayReport } from './replay-log.js';
import { mergePart, packReport, type ReplayPart } from './replay-part.js';
import { indexOfPattern, nextResumeLine, resumePattern } from './resume-search.js';
import { StretchReader } from './replay-stretch.js';

export interface ParallelOptions {
    /** The compiled replay-worker.js (replayWorkerFile()). */
    workerFile: string;
    /** Worker threads besides the main thread (default: one per core beyond the main thread's, 1–4). */
    workers?: number;
    /** Length of a stretch, roughly (default 8 MiB; it ends at the next resume point). */
    stretchBytes?: number;
    /** Stretches queued per worker (default 2: one to replay, one ready). */
    perWorker?: number;
    /** Replay stretches on the main thread too while every worker has its fill (default true). */
    mainThread?: boolean;
    /** Told the records replayed and skipped so far, now and then. */
    progress?: (records: number, skipped: number) => void;
    /** Filled in with how the log was shared out (tests, benchmarks). */
    stats?: ParallelStats;
}

export interface ParallelStats {
    /** Bytes replayed on the main thread before the first resume point (or the whole log, without one). */
    head: number;
    stretches: number;
    onWorkers: number;
    /** The stretch from which the rest was replayed on the main thread (a stretch did not end at a resume point). */
    fallbackAt?: number;
}

/** A stretch's outcome, as a worker or the main thread reports it. */
export interface StretchResult { part: ReplayPart; records: number; lines: number; point: ResumePoint | undefined }

/** A stretch of the file: [from, to); `last` ends at the end of the file. */
export interface Stretch { id: number; from: number; to: number; last: boolean }

/** The message a worker gets. */
export interface StretchTask extends Stretch { file: string; point: ResumePoint }

const CHUNK = 1 << 20;

/** The process's Node options minus `-e`/`-p` and `--input-type` (a worker runs a file; Node refuses them there). */
function workerExecArgv(): string[] {
    const out: string[] = [];
    const a = process.execArgv;
    for (let k = 0; k < a.length; k++) {
        const x = a[k]!;
        if (x === '-e' || x === '--eval' || x === '-p' || x === '--print') { k++; continue; }
        if (x.startsWith('--input-type') || x.startsWith('--eval=') || x.startsWith('--print=')) continue;
        out.push(x);
    }
    return out;
}

/**
 * A worker with the process's Node options where a worker takes them. V8 and per-process options
 * (`--max-semi-space-size`, `--single-threaded-gc`, …) are refused in a worker's execArgv (they apply to the whole
 * process anyway): those are left out, rather than failing the replay.
 */
function newWorker(file: string, data: unknown): Worker {
    let execArgv = workerExecArgv();
    for (;;) {
        try {
            return new Worker(file, { workerData: data, execArgv });
        } catch (e) {
            const bad = (e as { code?: string }).code === 'ERR_WORKER_INVALID_EXEC_ARGV' ? /flags: (.*)$/.exec((e as Error).message)?.[1]?.split(', ') : undefined;
            const rest = bad ? execArgv.filter((x) => !bad.includes(x)) : execArgv;
            if (rest.length === execArgv.length) throw e;
            execArgv = rest;
        }
    }
}

function samePoint(a: ResumePoint | undefined, b: ResumePoint): boolean {
    return a !== undefined && a.layout === b.layout && a.column === b.column && (a.layout === 'lines' || a.inPage === (b as typeof a).inPage);
}

/** Replays the UTF-8 log `file` from byte `start` (past a byte-order mark). */
export async function replayFileParallel(set: PolicySet, options: ReplayOptions, file: string, start: number, parallel: ParallelOptions): Promise<ReplayReport> {
    const fd = openSync(file, 'r');
    try {
        return await new FileReplay(set, options, file, fd, start, parallel).run();
    } finally {
        closeSync(fd);
    }
}

class FileReplay {
    private readonly size: number;
    private readonly main: LogReplay;
    private readonly report: ReplayReport;
    private readonly reader = new StretchReader();
    private readonly maxErrors: number;
    private readonly maxDisagreements: number;
    private readonly stretchBytes: number;
    private readonly perWorker: number;
    private readonly workers: Worker[] = [];
    private readonly inFlight: number[] = [];
    /** Results not merged yet, by stretch id. */
    private readonly results = new Map<number, StretchResult>();
    private readonly stats: ParallelStats;
    private records = 0;
    private lines = 0;
    private maxAhead = 0;
    private closing = false;
    private failed: Error | undefined;
    private wake: (() => void) | undefined;

    constructor(private readonly set: PolicySet, private readonly options: ReplayOptions, private readonly file: string, private readonly fd: number,
        private readonly start: number, private readonly parallel: ParallelOptions) {
        this.size = fstatSync(fd).size;
        // Workers start first: they load the engine and compile the policy set while this thread does the same and
        // replays the head.
        const n = Math.max(1, parallel.workers ?? Math.min(4, availableParallelism() - 1));
        for (let k = 0; k < n; k++) this.startWorker(k);
        try {
            this.main = new LogReplay(set, options);
        } catch (e) {
            this.closing = true;
            for (const w of this.workers) void w.terminate();
            throw e;
        }
        this.report = this.main.emptyReport();
        this.maxErrors = options.maxErrors ?? 100;
        this.maxDisagreements = options.maxDisagreements ?? 1000;
        this.stretchBytes = Math.max(1, parallel.stretchBytes ?? 8 * 1024 * 1024);
        this.perWorker = Math.max(1, parallel.perWorker ?? 2);
        this.stats = Object.assign(parallel.stats ?? {}, { head: 0, stretches: 0, onWorkers: 0 });
    }

    async run(): Promise<ReplayReport> {
        try {
            const head = this.head();
            this.stats.head = head.end - this.start;
            if (head.point === undefined) return this.finish(this.main.endStretch(true)); // replayed whole on this thread
            this.merge(this.main.endStretch(false));
            await this.stretches(head.end, head.point);
            return this.report;
        } finally {
            this.closing = true;
            await Promise.all(this.workers.map((w) => w.terminate()));
        }
    }

    /**
     * The head of the log, on this thread, up to the first resume point the splitter really stands at (after the
     * first records told the layout). Returns where it ended; no point: it went to the end of the file.
     */
    private head(): { end: number; point: ResumePoint | undefined } {
        let pos = this.start;
        while (pos < this.size) {
            const layout = this.main.layout();
            const chunk = this.reader.read(this.fd, pos, CHUNK);
            if (chunk.length === 0) break;
            const at = layout === undefined ? -1 : indexOfPattern(chunk, resumePattern(layout));
            if (at >= 0) {
                const line = at + 1; // the line starts after its line end
                this.main.push(chunk.subarray(0, line));
                const point = this.main.resumePoint();
                if (point !== undefined) return { end: pos + line, point };
                this.main.push(chunk.subarray(line));
                pos += chunk.length;
                continue;
            }
            this.main.push(chunk);
            pos += chunk.length;
        }
        return { end: this.size, point: undefined };
    }

    /** The stretches from `from` on, all starting at resume points like `point`. */
    private async stretches(from: number, point: ResumePoint): Promise<void> {
        const pattern = resumePattern(point);
        const n = this.workers.length;
        this.maxAhead = 16 * (n + 1); // stretches cut but not merged yet: bounds the parts held (a few KiB each)
        const queue: Stretch[] = [];
        let next = from;
        let id = 0;
        let merged = 0;
        const cut = (): Stretch => {
            const to = next + this.stretchBytes >= this.size ? this.size : nextResumeLine(this.fd, next + this.stretchBytes, this.size, pattern);
            const s = { id: id++, from: next, to, last: to >= this.size };
            this.stats.stretches++;
            next = to;
            queue.push(s);
            return s;
        };
        while (merged < id || next < this.size) {
            if (this.failed) throw this.failed;
            // Workers first, then this thread, while there are stretches left.
            for (let k = 0; k < n && next < this.size; k++) {
                while (this.inFlight[k]! < this.perWorker && next < this.size) {
                    const s = cut();
                    this.inFlight[k]!++;
                    this.stats.onWorkers++;
                    this.workers[k]!.postMessage({ ...s, file: this.file, point } satisfies StretchTask);
                }
            }
            if (next < this.size && this.parallel.mainThread !== false && id - merged < this.maxAhead) {
                const s = cut();
                this.results.set(s.id, this.replayHere(s, point));
            } else if (!this.results.has(merged)) {
                await new Promise<void>((resolve) => { this.wake = resolve; });
                this.wake = undefined;
            }
            await new Promise((resolve) => setImmediate(resolve)); // take in the workers' answers
            // Merge in log order; a stretch that did not end at a resume point means the next one assumed wrong.
            for (let r = this.results.get(merged); r !== undefined; r = this.results.get(merged)) {
                const s = queue.shift()!;
                this.results.delete(merged++);
                if (!s.last && !samePoint(r.point, point)) {
                    this.stats.fallbackAt = s.from;
                    this.results.clear();
                    this.main.resume(point);
                    this.reader.replay(this.fd, s.from, this.size, this.main);
                    this.finish(this.main.endStretch(true));
                    return;
                }
                this.merge(r);
                if (s.last) this.report.records = this.records;
            }
            this.parallel.progress?.(this.records, this.report.skipped);
        }
    }

    private replayHere(s: Stretch, point: ResumePoint): StretchResult {
        this.main.resume(point);
        this.reader.replay(this.fd, s.from, s.to, this.main);
        const r = this.main.endStretch(s.last);
        return { part: packReport(r.report), records: r.records, lines: r.lines, point: r.point };
    }

    private startWorker(k: number): void {
        const w = newWorker(this.parallel.workerFile, { set: this.set, options: this.options });
        w.on('message', (m: { id: number; result?: StretchResult; error?: string }) => {
            this.inFlight[k]!--;
            if (m.error !== undefined) this.failed ??= new Error(`replay worker: ${m.error}`);
            else this.results.set(m.id, m.result!);
            this.wake?.();
        });
        w.on('error', (e) => { this.failed ??= e; this.wake?.(); });
        w.on('exit', (code) => {
            if (this.closing) return;
            this.failed ??= new Error(`replay worker exited (code ${code})`);
            this.wake?.();
        });
        this.workers.push(w);
        this.inFlight.push(0);
    }

    private merge(r: { report: ReplayReport; records: number; lines: number } | StretchResult): void {
        const part = 'part' in r ? r.part : packReport(r.report);
        mergePart(this.report, part, this.maxErrors, this.maxDisagreements, { records: this.records, lines: this.lines });
        this.records += r.records;
        this.lines += r.lines;
    }

    private finish(r: { report: ReplayReport; records: number; lines: number }): ReplayReport {
        this.merge(r);
        this.report.records = this.records;
        return this.report;
    }
}
