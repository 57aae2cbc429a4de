// `latch replay`: policies once, then the sign-in log streamed through a LogReplay, or replayed in stretches by worker
// threads and the main thread (replayFileParallel); progress on stderr.

import { readFileSync, statSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { type EvaluationMode, parseJsonWithPositions, jsonPathError } from '@latch/engine';
import { loadPolicySet } from '../whatif-command.js';
import { LogReplay, type ParallelOptions, readReplayDirectory, RecordMappingError, replayFileParallel, type ReplayDirectory } from '@latch/engine';
import { replayWorkerFile } from '@latch/engine/replay-worker-file';
import type { ReplayRun } from './format-report.js';
import { sniffEncoding, streamLog } from './read-log.js';
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
     * Worker threads that replay stretches of the log besides the main thread (0 = the main thread alone). Default:
     * one per core beyond the first (at most 4) for UTF-8 logs of at least PARALLEL_MIN_BYTES; none for smaller logs
     * (starting a worker costs more than it saves there) or on one core.
     */
    workers?: number;
    /** Stretch size and queue depth of the parallel replay (tests). */
    parallel?: Omit<ParallelOptions, 'workerFile' | 'workers' | 'progress'>;
}

export const PARALLEL_MIN_BYTES = 8 * 1024 * 1024;

/** Worker threads for this run (0: replay on the main thread). */
function workerCount(o: ReplayCliOptions): number {
    if (o.workers === 0 || replayWorkerFile() === undefined) return 0;
    if (o.workers !== undefined) return o.workers;
    const n = Math.min(4, availableParallelism() - 1);
    if (n < 1) return 0;
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
    const { encoding, start } = sniffEncoding(o.signins);
    const workers = encoding === 'utf8' ? workerCount(o) : 0; // stretches of a file are cut by its bytes
    const started = performance.now();
    const tty = process.stderr.isTTY === true;
    const showProgress = o.progress ?? tty;
    let last = started;
    const progress = (records: number, skipped: number) => {
        const now = performance.now();
        if (now - last < 1000) return;
        last = now;
        const line = `latch replay: ${records.toLocaleString('en-US')} records, ${skipped.toLocaleString('en-US')} skipped, ${Math.round(records / ((now - started) / 1000)).toLocaleString('en-US')}/s`;
        process.stderr.write(tty ? `\r${line}` : `${line}\n`);
    };
    let report;
    if (workers > 0) {
        report = await replayFileParallel(set, options, o.signins, start, { ...o.parallel, workers, workerFile: replayWorkerFile()!, ...(showProgress ? { progress } : {}) });
    } else {
        const replay = new LogReplay(set, options);
        await streamLog(o.signins, showProgress
            ? (chunk) => { replay.push(chunk); const p = replay.progress; progress(p.records, p.skipped); }
            : (chunk) => replay.push(chunk));
        report = replay.finish();
    }
    if (showProgress && tty) process.stderr.write('\r\x1b[K');
    return { file: o.signins, seconds: (performance.now() - started) / 1000, report };
}
