// The worker-pool replay (ParallelLogReplay, used by `latch replay` for large logs) must give exactly the serial
// LogReplay's report: every count, and problems and disagreements in log order with the same file:line:col, in every
// layout, with bad records between and inside batches. Workers run the compiled engine (packages/engine/out).

import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { loadGraphFiles, parallelReplayAvailable } from '@latch/engine';
import { logText, SignInLogGenerator } from '../../engine/src/replay/generate-signin-log.js';
import { runReplay } from '../src/cli/replay/run-replay.js';

const corpus = fileURLToPath(new URL('../../../../shared/corpus/j0eyv-ConditionalAccessBaseline/Config/ConditionalAccess/', import.meta.url));
const policyFiles = readdirSync(corpus).filter((f) => f.endsWith('.json')).map((f) => join(corpus, f));
const set = loadGraphFiles(policyFiles).set;
const dir = mkdtempSync(join(tmpdir(), 'latch-replay-parallel-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const gen = new SignInLogGenerator(set, { seed: 9, entraNoise: 0.01 });
const records = Array.from({ length: 400 }, () => gen.next().record);
const directory = join(dir, 'directory.json');
writeFileSync(directory, JSON.stringify(gen.directoryJson()));

async function both(name: string, text: string) {
    const file = join(dir, name);
    writeFileSync(file, text);
    const base = { policies: policyFiles, signins: file, directory, progress: false, maxDisagreements: 50 };
    const serial = await runReplay({ ...base, workers: 0 });
    const parallel = await runReplay({ ...base, workers: 2, parallel: { batchRecords: 7, maxInFlight: 3 } });
    return { serial: serial.report, parallel: parallel.report };
}

describe('parallel replay = serial replay', () => {
    it('the compiled worker is available', () => {
        expect(parallelReplayAvailable()).toBe(true);
    });

    it('JSON lines with bad records (syntax, wrong type, non-object, broken line)', async () => {
        const lines = records.map((r) => JSON.stringify(r));
        lines[3] = lines[3]!.replace('"ipAddress":', '"ipAddress" ');
        lines[50] = JSON.stringify({ ...records[50], deviceDetail: 'laptop' });
        lines[120] = '42';
        lines[121] = '   ';
        lines[300] = lines[300]!.slice(0, 200);
        const { serial, parallel } = await both('lines.jsonl', lines.join('\n') + '\n');
        expect(serial.skipped).toBeGreaterThanOrEqual(4);
        expect(serial.disagreements.length).toBe(50);
        expect(parallel).toEqual(serial);
    });

    it.each(['array', 'pages'] as const)('%s layout with a damaged record and a trailing comma', async (layout) => {
        let text = [...logText(records, layout)].join('');
        const at = text.indexOf('"ipAddress"', text.length >> 1);
        text = text.slice(0, at) + '"ipAddress" ' + text.slice(at + '"ipAddress":'.length);
        const close = text.indexOf(']', text.lastIndexOf('}', text.lastIndexOf(']')) - 1);
        text = text.slice(0, close).trimEnd() + ',\n' + text.slice(close); // a trailing comma: a problem between records
        const { serial, parallel } = await both(`${layout}.json`, text);
        expect(serial.skipped).toBeGreaterThanOrEqual(1);
        expect(serial.problems).toBeGreaterThanOrEqual(2);
        expect(parallel).toEqual(serial);
    });
});
