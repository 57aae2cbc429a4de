// `latch replay`: policies once, the sign-in log streamed through a LogReplay, progress on stderr.

import { readFileSync } from 'node:fs';
import { type EvaluationMode, parseJsonWithPositions, jsonPathError } from '@latch/engine';
import { loadPolicySet } from '../whatif-command.js';
import { LogReplay, readReplayDirectory, RecordMappingError, type ReplayDirectory } from '@latch/engine';
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
    const replay = new LogReplay(set, { mode: o.mode, directory, target: o.target, maxDisagreements: o.maxDisagreements });
    const started = performance.now();
    const tty = process.stderr.isTTY === true;
    const showProgress = o.progress ?? tty;
    let last = started;
    const push = showProgress
        ? (chunk: string) => {
            replay.push(chunk);
            const now = performance.now();
            if (now - last >= 1000) {
                last = now;
                const p = replay.progress;
                const line = `latch replay: ${p.records.toLocaleString('en-US')} records, ${p.skipped.toLocaleString('en-US')} skipped, ${Math.round(p.records / ((now - started) / 1000)).toLocaleString('en-US')}/s`;
                process.stderr.write(tty ? `\r${line}` : `${line}\n`);
            }
        }
        : (chunk: string) => replay.push(chunk);
    await streamLog(o.signins, push);
    const report = replay.finish();
    if (showProgress && tty) process.stderr.write('\r\x1b[K');
    return { file: o.signins, seconds: (performance.now() - started) / 1000, report };
}
