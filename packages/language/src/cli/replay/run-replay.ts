// `latch replay`: policies once, the sign-in log streamed through a LogReplay, progress on stderr.

import { readFileSync, statSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { type EvaluationMode, parseJsonWithPositions, jsonPathError } from '@latch/engine';
import { loadPolicySet } from '../whatif-command.js';
import { LogReplay, ParallelLogReplay, parallelReplayAvailable, type ParallelOptions, readReplayDirectory, RecordMappingError, type ReplayDirectory } from '@latch/engine';
import type { ReplayRun } from './format-report.js';
import { streamLog } from './read-log.js';
import { CliInputError } from '../load-workspace.js';

export interface ReplayCliOptions {
    policies: string[];
    signins: string;
    directory?: string;
    mode?: EvaluationMode;
    target?: 'resource' | 'client';
    /** Progress lines on stderr: true, false, or undefined = when stderr is a terminal. */
    progress?: boolean;
    maxDisagreements?: number;
    /**
     * Worker threads that parse and evaluate records (0 = all on the main thread). Default: one per core beyond the
     * first (the main thread reads and splits the log and needs a core of its own; at most 4) for logs of at least
     * PARALLEL_MIN_BYTES; none on a 1–2 core machine or for smaller logs (workers would only compete for the cores).
     */
    workers?: number;
    /** Batch sizes and queue depth of the worker pool (tests). */
    parallel?: ParallelOptions;
}

export const PARALLEL_MIN_BYTES = 8 * 1024 * 1024;

/** Worker threads for this run (0: replay on the main thread). */
function workerCount(o: ReplayCliOptions): number {
    if (o.workers === 0 || !parallelReplayAvailable()) return 0;
    if (o.workers !== undefined) return o.workers;
    const n = Math.min(4, availableParallelism() - 1);
    if (n < 2) return 0;
    try {
        return statSync(o.signins).size >= PARALLEL_MIN_BYTES ? n : 0;
    } catch {
        return 0; // streamLog reports the unreadable file
    }
}

function loadDirectory(file: string): ReplayDirectory {
    let text: string;
    try {
        text = readFileSync(file, 'utf8');
    } catch (e) {
        throw new CliInputError(`${file}: cannot read the directory file (${(e as NodeJS.ErrnoException).code ?? String(e)})`);
    }
    const value = parseJsonWithPositions(text, file);
    try {
        return readReplayDirectory(value);
    } catch (e) {
        if (e instanceof RecordMappingError) throw jsonPathError(file, e.path, e.message, text);
        throw e;
    }
}

export async function runReplay(o: ReplayCliOptions): Promise<ReplayRun> {
    const set = await loadPolicySet(o.policies);
    const directory = o.directory ? loadDirectory(o.directory) : undefined;
    const options = { mode: o.mode, directory, target: o.target, maxDisagreements: o.maxDisagreements };
    const workers = workerCount(o);
    const replay = workers > 0 ? new ParallelLogReplay(set, options, { ...o.parallel, workers }) : new LogReplay(set, options);
    const started = performance.now();
    const tty = process.stderr.isTTY === true;
    const showProgress = o.progress ?? tty;
    let last = started;
    const push = showProgress
        ? async (chunk: string) => {
            await replay.push(chunk);
            const now = performance.now();
            if (now - last >= 1000) {
                last = now;
                const p = replay.progress;
                const line = `latch replay: ${p.records.toLocaleString('en-US')} records, ${p.skipped.toLocaleString('en-US')} skipped, ${Math.round(p.records / ((now - started) / 1000)).toLocaleString('en-US')}/s`;
                process.stderr.write(tty ? `\r${line}` : `${line}\n`);
            }
        }
        : (chunk: string) => replay.push(chunk);
    let report;
    try {
        await streamLog(o.signins, push);
        report = await replay.finish();
    } catch (e) {
        if (replay instanceof ParallelLogReplay) await replay.close();
        throw e;
    }
    if (showProgress && tty) process.stderr.write('\r\x1b[K');
    return { file: o.signins, seconds: (performance.now() - started) / 1000, report };
}
