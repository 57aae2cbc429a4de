// Parallel sign-in log replay: the main thread reads and splits the log (record-splitter.ts) and hands the records'
// text, in batches, to a pool of worker threads, each holding its own compiled copy of the policy set; a worker
// JSON.parses, maps, evaluates and compares its batch and answers with a partial report. Partial reports are merged
// strictly in log order (bad-record problems and disagreements keep their order and file:line:col), and at most
// `maxInFlight` batches are out at once, so memory stays flat in the log size. Same report as LogReplay.

import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { PolicySet } from '../model.js';
import { type LogError, type LogRecord, RecordSplitter } from './record-splitter.js';
import { LogReplay, mergeReport, type ReplayOptions, type ReplayReport } from './replay-log.js';

export interface ParallelOptions {
    /** Worker threads (default: one per core beyond the main thread's, 1–4). */
    workers?: number;
    /** A batch is sent when it holds this many characters of record text (default 512 Ki) or `batchRecords` records. */
    batchChars?: number;
    batchRecords?: number;
    /** Batches out at once, all workers together (default 3 per worker). */
    maxInFlight?: number;
}

type Item = { done: boolean; report?: ReplayReport; error?: string; wait?: Promise<void> };

const workerFile = (): string | undefined => {
    const url = new URL('./replay-worker.js', import.meta.url);
    if (url.protocol !== 'file:') return undefined;
    const path = fileURLToPath(url);
    return existsSync(path) ? path : undefined;
};

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

/** Whether a parallel replay can run here (the compiled worker script exists; not when running from TS sources). */
export function parallelReplayAvailable(): boolean {
    return workerFile() !== undefined;
}

export class ParallelLogReplay {
    private readonly splitter: RecordSplitter;
    private readonly workers: Worker[] = [];
    private readonly pending = new Map<number, Item>();
    private readonly queue: Item[] = [];
    private readonly report: ReplayReport;
    private readonly maxErrors: number;
    private readonly maxDisagreements: number;
    private readonly batchChars: number;
    private readonly batchRecords: number;
    private readonly maxInFlight: number;
    private texts: string[] = [];
    private meta: number[] = [];
    private chars = 0;
    private nextId = 0;
    private nextWorker = 0;
    private inFlight = 0;
    private failed: Error | undefined;
    private closing = false;

    constructor(set: PolicySet, options: ReplayOptions = {}, parallel: ParallelOptions = {}) {
        const file = workerFile();
        if (!file) throw new Error('parallel replay: the compiled worker script is missing');
        this.report = new LogReplay(set, options).emptyReport();
        this.maxErrors = options.maxErrors ?? 100;
        this.maxDisagreements = options.maxDisagreements ?? 1000;
        const n = Math.max(1, parallel.workers ?? Math.min(4, availableParallelism() - 1));
        this.batchChars = parallel.batchChars ?? 512 * 1024;
        this.batchRecords = parallel.batchRecords ?? 2000;
        this.maxInFlight = parallel.maxInFlight ?? 3 * n;
        for (let k = 0; k < n; k++) {
            const w = new Worker(file, { workerData: { set, options }, execArgv: workerExecArgv() });
            w.on('message', (m: { id: number; report?: ReplayReport; error?: string }) => {
                const item = this.pending.get(m.id)!;
                this.pending.delete(m.id);
                item.done = true;
                item.report = m.report;
                item.error = m.error;
                this.inFlight--;
                this.wake?.();
            });
            w.on('error', (e) => { this.failed ??= e; this.wake?.(); });
            w.on('exit', (code) => {
                if (this.closing) return;
                this.failed ??= new Error(`replay worker exited (code ${code})`);
                this.wake?.();
            });
            this.workers.push(w);
        }
        this.splitter = new RecordSplitter({ record: (r) => this.onRecord(r), error: (e) => this.onError(e) }, { maxRecordChars: options.maxRecordChars });
    }

    private wake: (() => void) | undefined;

    /** Feeds the next chunk of log text; resolves when the batches out are few enough to read on. */
    async push(chunk: string): Promise<void> {
        this.splitter.push(chunk);
        this.drain();
        while (this.inFlight >= this.maxInFlight) {
            await this.waitForResult();
            this.drain();
        }
    }

    /** Ends the log and returns the report. */
    async finish(): Promise<ReplayReport> {
        try {
            this.splitter.end();
            this.flush();
            this.drain();
            while (this.queue.length > 0) {
                await this.waitForResult();
                this.drain();
            }
            this.report.records = this.splitter.records;
            return this.report;
        } finally {
            await this.close();
        }
    }

    /** Stops the workers (finish does it; call after an error). */
    async close(): Promise<void> {
        this.closing = true;
        await Promise.all(this.workers.map((w) => w.terminate()));
        this.workers.length = 0;
    }

    get progress(): { records: number; evaluated: number; skipped: number } {
        return { records: this.splitter.records, evaluated: this.report.evaluated, skipped: this.report.skipped };
    }

    private waitForResult(): Promise<void> {
        if (this.failed) return Promise.reject(this.failed);
        return new Promise<void>((resolve) => { this.wake = () => { this.wake = undefined; resolve(); }; });
    }

    private onRecord(r: LogRecord): void {
        this.texts.push(r.text);
        this.meta.push(r.index, r.line, r.column);
        this.chars += r.text.length;
        if (this.chars >= this.batchChars || this.texts.length >= this.batchRecords) this.flush();
    }

    private onError(e: LogError): void {
        // In log order: after the records batched so far.
        this.flush();
        const part = { ...this.emptyPart(), problems: 1, skipped: e.index !== undefined ? 1 : 0, errors: [e] };
        this.queue.push({ done: true, report: part });
    }

    private emptyPart(): ReplayReport {
        const r = this.report;
        return {
            mode: r.mode, records: 0, evaluated: 0, skipped: 0, errors: [], problems: 0,
            outcomes: { allow: 0, block: 0, requires: 0 }, shadowOutcomes: { allow: 0, block: 0, requires: 0 },
            policies: r.policies.map((p) => ({
                ...p, applied: 0, blocked: 0, challenged: 0, satisfied: 0, notApplied: 0, notDecided: 0, notEnabled: 0,
                ...(p.enforcing ? { enforcing: { wouldBlock: 0, wouldChallenge: 0 } } : {}), entra: { compared: 0, agreed: 0, disagreements: {} },
            })),
            entra: { records: 0, compared: 0, agreed: 0, unknownResults: 0, unknownPolicies: {} },
            disagreements: [],
        };
    }

    private flush(): void {
        if (this.texts.length === 0) return;
        const id = this.nextId++;
        const item: Item = { done: false };
        this.pending.set(id, item);
        this.queue.push(item);
        this.inFlight++;
        const w = this.workers[this.nextWorker]!;
        this.nextWorker = (this.nextWorker + 1) % this.workers.length;
        w.postMessage({ id, texts: this.texts, meta: Int32Array.from(this.meta) });
        this.texts = [];
        this.meta = [];
        this.chars = 0;
    }

    /** Merges finished parts at the head of the queue, in log order. */
    private drain(): void {
        if (this.failed) throw this.failed;
        while (this.queue.length > 0 && this.queue[0]!.done) {
            const item = this.queue.shift()!;
            if (item.error !== undefined) throw new Error(`replay worker: ${item.error}`);
            mergeReport(this.report, item.report!, this.maxErrors, this.maxDisagreements);
        }
    }
}
