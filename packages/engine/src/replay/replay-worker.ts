// Worker thread of a parallel replay (parallel-replay.ts): rebuilds the LogReplay from the plain policy set and
// options it is given, then replays each stretch of the log file it is sent (reading it itself) and answers with
// the stretch's part of the report, its records and lines, and the resume point it ended at.

import { closeSync, openSync } from 'node:fs';
import { parentPort, workerData } from 'node:worker_threads';
import type { PolicySet } from '../model.js';
import type { StretchResult, StretchTask } from './parallel-replay.js';
import { LogReplay, type ReplayOptions } from './replay-log.js';
import { packReport } from './replay-part.js';
import { StretchReader } from './replay-stretch.js';

const { set, options } = workerData as { set: PolicySet; options: ReplayOptions };
const replay = new LogReplay(set, options);
const reader = new StretchReader();
let open: { file: string; fd: number } | undefined;

parentPort!.on('message', (t: StretchTask) => {
    try {
        if (open?.file !== t.file) {
            if (open) closeSync(open.fd);
            open = { file: t.file, fd: openSync(t.file, 'r') };
        }
        replay.resume(t.point);
        reader.replay(open.fd, t.from, t.to, replay);
        const r = replay.endStretch(t.last);
        const result: StretchResult = { part: packReport(r.report), records: r.records, lines: r.lines, point: r.point };
        parentPort!.postMessage({ id: t.id, result }, [result.part.counts.buffer as ArrayBuffer]);
    } catch (e) {
        parentPort!.postMessage({ id: t.id, error: e instanceof Error ? e.stack ?? e.message : String(e) });
    }
});
