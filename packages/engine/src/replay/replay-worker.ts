// Worker thread of a parallel replay (parallel-replay.ts): rebuilds the LogReplay from the plain policy set and
// options it is given, then replays each batch of records the main thread's splitter found (JSON.parse, mapping,
// evaluation, Entra comparison) and answers with that batch's partial report.

import { parentPort, workerData } from 'node:worker_threads';
import type { PolicySet } from '../model.js';
import type { LogRecord } from './record-splitter.js';
import { LogReplay, type ReplayOptions } from './replay-log.js';

export interface WorkerBatch { id: number; texts: string[]; meta: Int32Array }

const { set, options } = workerData as { set: PolicySet; options: ReplayOptions };
const replay = new LogReplay(set, options);
parentPort!.on('message', (b: WorkerBatch) => {
    try {
        for (let k = 0; k < b.texts.length; k++) {
            const r: LogRecord = { text: b.texts[k]!, index: b.meta[3 * k]!, line: b.meta[3 * k + 1]!, column: b.meta[3 * k + 2]! };
            replay.record(r);
        }
        parentPort!.postMessage({ id: b.id, report: replay.takeReport() });
    } catch (e) {
        parentPort!.postMessage({ id: b.id, error: e instanceof Error ? e.stack ?? e.message : String(e) });
    }
});
