// The parallel replay (replayFileParallel: stretches of the file replayed by worker threads and the main thread,
// used by `latch replay --workers`) must give exactly the serial LogReplay's report: every count, and problems and
// disagreements in log order with the same record index and file:line:col, in every layout, with bad records inside
// stretches and across their ends (where a stretch does not end at a resume point, the rest is replayed serially).
// Workers run the compiled engine (packages/engine/out).

import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { loadGraphFiles, type ParallelStats } from '@latch/engine';
import { parallelReplayAvailable } from '@latch/engine/replay-worker-file';
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

async function both(name: string, text: string, stretchBytes = 40_000) {
    const file = join(dir, name);
    writeFileSync(file, text);
    const base = { policies: policyFiles, signins: file, directory, progress: false, maxDisagreements: 50 };
    const serial = await runReplay({ ...base, workers: 0 });
    const stats: ParallelStats = { head: 0, stretches: 0, onWorkers: 0 };
    const parallel = await runReplay({ ...base, workers: 2, parallel: { stretchBytes, perWorker: 2, stats } });
    return { serial: serial.report, parallel: parallel.report, stats };
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
        const { serial, parallel, stats } = await both('lines.jsonl', lines.join('\n') + '\n');
        expect(serial.skipped).toBeGreaterThanOrEqual(4);
        expect(serial.disagreements.length).toBe(50);
        expect(parallel).toEqual(serial);
        expect(stats.onWorkers).toBeGreaterThan(0);
        expect(stats.fallbackAt).toBeUndefined();
    });

    it.each(['array', 'pages'] as const)('%s layout with a damaged record and a trailing comma', async (layout) => {
        let text = [...logText(records, layout)].join('');
        const at = text.indexOf('"ipAddress"', text.length >> 1);
        text = text.slice(0, at) + '"ipAddress" ' + text.slice(at + '"ipAddress":'.length);
        const close = text.indexOf(']', text.lastIndexOf('}', text.lastIndexOf(']')) - 1);
        text = text.slice(0, close).trimEnd() + ',\n' + text.slice(close); // a trailing comma: a problem between records
        const { serial, parallel, stats } = await both(`${layout}.json`, text);
        expect(serial.skipped).toBeGreaterThanOrEqual(1);
        expect(serial.problems).toBeGreaterThanOrEqual(2);
        expect(parallel).toEqual(serial);
        // Pages offer no resume points (their records share a line): replayed on the main thread alone.
        if (layout === 'array') expect(stats.onWorkers).toBeGreaterThan(0);
        else expect(stats.stretches).toBe(0);
    });

    it('a record left open across a stretch\'s end, an array closed and another opened: the rest is replayed serially', async () => {
        const pretty = [...logText(records, 'array')].join('');
        const open = pretty.replace(/\n  },\n  \{/g, (m, at: number) => (at > pretty.length * 0.4 && at < pretty.length * 0.45 ? ',\n  {' : m));
        expect(open).not.toBe(pretty);
        const a = await both('open.json', open);
        expect(a.parallel).toEqual(a.serial);
        expect(a.serial.problems).toBeGreaterThan(0);
        expect(a.stats.fallbackAt).toBeGreaterThan(0);
        const half = pretty.lastIndexOf('\n  },\n  {', pretty.length >> 1);
        const two = pretty.slice(0, half) + '\n  }\n]\n[\n  {' + pretty.slice(half + '\n  },\n  {'.length);
        const b = await both('two-arrays.json', two);
        expect(b.parallel).toEqual(b.serial);
        expect(b.serial.problems).toBe(0);
    });

    it('logs damaged at random, cut into stretches at random', async () => {
        const texts = { lines: [...logText(records.slice(0, 120), 'lines')].join(''), array: [...logText(records.slice(0, 120), 'array')].join('').replace(/\n/g, '\r\n') };
        const damage = fc.array(fc.tuple(fc.nat(), fc.constantFrom('insert', 'delete'), fc.constantFrom('"', '{', '}', ']', ',', '\n', '\n  {', 'é', 'x')), { maxLength: 3 });
        let run = 0;
        await fc.assert(fc.asyncProperty(fc.constantFrom('lines', 'array') as fc.Arbitrary<keyof typeof texts>, damage, fc.integer({ min: 2000, max: 200_000 }), async (layout, ms, stretchBytes) => {
            let t = texts[layout];
            for (const [at, op, c] of ms) {
                const i = at % (t.length + 1);
                t = op === 'insert' ? t.slice(0, i) + c + t.slice(i) : t.slice(0, i) + t.slice(i + 1);
            }
            const { serial, parallel } = await both(`fuzz-${run++}.json`, t, stretchBytes);
            expect(parallel).toEqual(serial);
        }), { numRuns: Number(process.env.FUZZ_RUNS ?? 25) });
    });
});
