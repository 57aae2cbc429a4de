// Where does evaluation time go? Runs one path over the sign-in pool for a few seconds under the V8 CPU profiler
// (node:inspector, no flags needed) and prints the functions with the most self time.
//
//   npx node bench/profile.js [contoso|j0eyv] [fast|compile|evaluate] [seconds]
//
// Also writes <tmpdir>/latch-profile-<set>-<path>.cpuprofile (open it in Chrome DevTools → Performance, or VS Code).

import { writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { compilePolicySet, compileSignIn, decideOutcome, evaluate, satisfiedControls } from '@latch/engine';
import { loadContoso, loadJ0eyv } from './sets.js';
import { signInPool } from './signins.js';

const [which = 'j0eyv', path = 'fast', seconds = '3'] = process.argv.slice(2);
const { set } = which === 'contoso' ? await loadContoso() : loadJ0eyv();
const pool = signInPool(set, 10_000);
const cs = compilePolicySet(set);
const compiled = pool.map((s) => compileSignIn(cs, s));
const sats = pool.map(satisfiedControls);
const N = pool.length;

const sweep = {
    fast: () => { let a = 0; for (let i = 0; i < N; i++) a += decideOutcome(cs, compiled[i], sats[i], false); return a; },
    compile: () => { let a = 0; for (let i = 0; i < N; i++) a += decideOutcome(cs, compileSignIn(cs, pool[i]), satisfiedControls(pool[i]), false); return a; },
    evaluate: () => { let a = 0; for (let i = 0; i < N; i++) a += evaluate(set, pool[i]).policies.length; return a; },
}[path];
if (!sweep) throw new Error(`unknown path '${path}'`);

let acc = 0;
for (let t0 = Date.now(); Date.now() - t0 < 500;) acc += sweep(); // warm-up

const session = new Session();
session.connect();
await session.post('Profiler.enable');
await session.post('Profiler.setSamplingInterval', { interval: 100 });
await session.post('Profiler.start');
let sweeps = 0;
const t0 = process.hrtime.bigint();
for (const end = Date.now() + Number(seconds) * 1000; Date.now() < end;) { acc += sweep(); sweeps++; }
const ns = Number(process.hrtime.bigint() - t0);
const { profile } = await session.post('Profiler.stop');
session.disconnect();

const out = join(tmpdir(), `latch-profile-${which}-${path}.cpuprofile`);
writeFileSync(out, JSON.stringify(profile));

// Self time per function (sample counts × interval).
const byId = new Map(profile.nodes.map((n) => [n.id, n]));
const self = new Map();
const dt = profile.timeDeltas;
profile.samples.forEach((id, i) => {
    const n = byId.get(id);
    const f = n.callFrame;
    const key = `${f.functionName || '(anonymous)'}  ${f.url ? `${f.url.split('/').slice(-2).join('/')}:${f.lineNumber + 1}` : ''}`;
    self.set(key, (self.get(key) ?? 0) + (dt[i] ?? 0));
});
const total = [...self.values()].reduce((a, b) => a + b, 0);
// Self time per module: a package under node_modules, an engine source file, or a V8 bucket.
const byModule = new Map();
profile.samples.forEach((id, i) => {
    const url = byId.get(id).callFrame.url;
    const m = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
    const key = m ? m[1] : /packages\/engine\/out\//.test(url) ? `engine ${url.split('/out/')[1]}` : url ? url.split('/').slice(-2).join('/') : byId.get(id).callFrame.functionName;
    byModule.set(key, (byModule.get(key) ?? 0) + (dt[i] ?? 0));
});
console.log(`${which} / ${path}: ${sweeps} sweeps of ${N} sign-ins, ${(ns / (sweeps * N)).toFixed(0)} ns/evaluation under the profiler (checksum ${acc})`);
console.log(`profile written to ${out}\n`);
console.log('| self % | function |\n|---:|---|');
for (const [k, v] of [...self.entries()].sort((a, b) => b[1] - a[1]).slice(0, 20)) console.log(`| ${(100 * v / total).toFixed(1)} | \`${k.trim()}\` |`);
console.log('\n| self % | module |\n|---:|---|');
for (const [k, v] of [...byModule.entries()].sort((a, b) => b[1] - a[1]).slice(0, 12)) console.log(`| ${(100 * v / total).toFixed(1)} | \`${k}\` |`);
