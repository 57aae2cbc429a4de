// A tiny timing harness (no dependencies): calibrate a batch size, warm up, then time several rounds and report
// the median. Every measured function returns a number that is folded into a checksum so that V8 cannot drop the
// work as dead code.

import { performance } from 'node:perf_hooks';
import v8 from 'node:v8';
import vm from 'node:vm';

/** A full garbage collection (V8's gc(), made available without a command-line flag). */
export const collectGarbage = (() => {
    try {
        v8.setFlagsFromString('--expose-gc');
        const gc = vm.runInNewContext('gc');
        return () => { gc(); gc(); };
    } catch {
        return () => {};
    }
})();

/** Sink for benchmark results: read once at the end so the optimiser must keep every call. */
export const sink = { value: 0 };

export function median(xs) {
    const s = [...xs].sort((a, b) => a - b);
    const m = s.length >> 1;
    return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/**
 * Times `batch(reps)`, which must perform `reps × opsPerRep` operations and return a number.
 * - calibration: grows reps until one batch takes ≥ targetMs / 4;
 * - warm-up: runs batches for ≥ warmupMs, then a full GC (so no timed round pays for earlier garbage);
 * - timing: `rounds` batches of ~targetMs each; median, min and max ns/op.
 */
export function measure(name, opsPerRep, batch, { targetMs = 150, warmupMs = 300, rounds = 7, maxReps = 1 << 20 } = {}) {
    collectGarbage();
    let reps = 1;
    for (;;) {
        const t0 = performance.now();
        sink.value += batch(reps);
        const dt = performance.now() - t0;
        if (dt >= targetMs / 4 || reps >= maxReps) {
            reps = Math.max(1, Math.min(maxReps, Math.round(reps * targetMs / Math.max(dt, 0.001))));
            break;
        }
        reps *= 2;
    }
    const w0 = performance.now();
    while (performance.now() - w0 < warmupMs) sink.value += batch(reps);
    collectGarbage();
    const perOp = [];
    const cpuPerOp = [];
    for (let r = 0; r < rounds; r++) {
        const c0 = process.cpuUsage();
        const t0 = process.hrtime.bigint();
        sink.value += batch(reps);
        const ns = Number(process.hrtime.bigint() - t0);
        const c = process.cpuUsage(c0);
        perOp.push(ns / (reps * opsPerRep));
        cpuPerOp.push(((c.user + c.system) * 1000) / (reps * opsPerRep));
    }
    const med = median(perOp);
    const cpuMed = median(cpuPerOp);
    return {
        name,
        opsPerRound: reps * opsPerRep,
        rounds,
        nsPerOp: med,
        minNsPerOp: Math.min(...perOp),
        maxNsPerOp: Math.max(...perOp),
        opsPerSec: 1e9 / med,
        /** Process CPU time per op (all threads, so GC helper threads count too). */
        cpuNsPerOp: cpuMed,
        /** Wall ÷ CPU: well above 1 means the thread was waiting for a core (another process was running). */
        wallOverCpu: med / cpuMed,
    };
}

/**
 * `measure`, repeated (up to `retries` times) while wall time exceeds CPU time by more than `maxWallOverCpu`,
 * i.e. while other processes were taking this core; keeps the attempt with the lowest median.
 */
export function measureStable(name, opsPerRep, batch, options = {}, { retries = 2, maxWallOverCpu = 1.15 } = {}) {
    let best = measure(name, opsPerRep, batch, options);
    let attempts = 1;
    while (best.wallOverCpu > maxWallOverCpu && attempts <= retries) {
        const m = measure(name, opsPerRep, batch, { ...options, warmupMs: 50 });
        attempts++;
        if (m.nsPerOp < best.nsPerOp) best = m;
    }
    return { ...best, attempts };
}

/** Wall-clock of an async or sync function, in ms. */
export async function timeMs(fn) {
    const t0 = process.hrtime.bigint();
    const value = await fn();
    return { ms: Number(process.hrtime.bigint() - t0) / 1e6, value };
}

// ---------------------------------------------------------------------------------------------------------------
// Formatting

export function fmtInt(n) {
    return Math.round(n).toLocaleString('en-US');
}

export function fmtNs(ns) {
    if (ns >= 1e6) return `${(ns / 1e6).toFixed(2)} ms`;
    if (ns >= 1e4) return `${(ns / 1e3).toFixed(1)} µs`;
    if (ns >= 1e3) return `${(ns / 1e3).toFixed(2)} µs`;
    return `${ns.toFixed(0)} ns`;
}

export function fmtMs(ms) {
    return ms >= 100 ? `${ms.toFixed(0)} ms` : `${ms.toFixed(1)} ms`;
}

/** A markdown table; rows are arrays of cells. Numeric-looking columns are right-aligned. */
export function table(header, rows) {
    const right = header.map((_, i) => rows.length > 0 && rows.every((r) => /^[≈~<>]?\s?[\d]/.test(String(r[i]))));
    const line = (cells) => `| ${cells.map(String).join(' | ')} |`;
    const sep = `|${header.map((_, i) => (right[i] ? '---:' : '---')).join('|')}|`;
    return [line(header), sep, ...rows.map(line)].join('\n');
}
