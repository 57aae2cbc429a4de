// `npm run bench`: evaluation throughput, parse + validate time, and the Cedar peer. Prints markdown tables and
// writes the same figures to bench/results.json. Exits non-zero when any agreement check fails.
//
// Each policy set and each parse layout runs in its own worker thread (its own V8 isolate, one at a time), so JIT
// feedback from one measurement cannot speed up or slow down another. Everything is single-threaded.
//
// Options: --quick (shorter rounds, 2,000 sign-ins; for trying things out), --pool N.

import { writeFileSync } from 'node:fs';
import os from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { fmtInt, fmtMs, fmtNs, table } from './harness.js';

const here = dirname(fileURLToPath(import.meta.url));
const args = process.argv.slice(2);
const quick = args.includes('--quick');
const poolArg = args.indexOf('--pool');
const poolSize = poolArg >= 0 ? Number(args[poolArg + 1]) : quick ? 2000 : 10_000;
const PARSE_POLICIES = 2000;
const PARSE_RUNS = quick ? 3 : 5;
const TARGET_EVALS = 1_000_000;
const TARGET_PARSE_MS = 1000;

function runWorker(file, data) {
    return new Promise((resolve, reject) => {
        const w = new Worker(join(here, file), { workerData: data });
        let result;
        w.once('message', (m) => { result = m; });
        w.once('error', reject);
        w.once('exit', (code) => (code === 0 && result !== undefined ? resolve(result) : reject(new Error(`${file} exited with ${code}`))));
    });
}

const started = Date.now();
const cpu = os.cpus()[0]?.model?.trim() ?? 'unknown CPU';
const machine = { node: process.version, v8: process.versions.v8, cpu, cores: os.cpus().length, platform: `${os.platform()} ${os.release()}`, memGiB: +(os.totalmem() / 2 ** 30).toFixed(1) };
console.log(`# Latch benchmarks\n`);
console.log(`Node ${machine.node} (V8 ${machine.v8}) · ${machine.cpu} · ${machine.cores} cores · ${machine.platform} · ${machine.memGiB} GiB${quick ? ' · QUICK MODE' : ''}\n`);

const failures = [];
const progress = (m) => process.stderr.write(`[bench] ${m}\n`);

// ---------------------------------------------------------------------------------------------------------------
// 1 + 3: evaluation and Cedar, one worker per set.
const sets = [];
for (const which of ['contoso', 'j0eyv']) {
    progress(`evaluating ${which} (${poolSize} sign-ins)…`);
    const r = await runWorker('eval-worker.js', { which, poolSize, quick });
    sets.push(r);
    for (const f of r.failures) failures.push({ set: r.key, ...f });
}

// ---------------------------------------------------------------------------------------------------------------
// 2: parse + validate.
const parse = [];
for (const which of ['split', 'single']) {
    progress(`parsing ${PARSE_POLICIES} policies (${which})…`);
    const [r] = await runWorker('parse-worker.js', { policies: PARSE_POLICIES, runs: PARSE_RUNS, which });
    parse.push(r);
    if (r.errors > 0) failures.push({ kind: 'parse-errors', layout: r.layout, errors: r.errors, firstError: r.firstError });
}

// ---------------------------------------------------------------------------------------------------------------
// Tables.
const setName = (s) => `${s.label}${s.note ? ` — ${s.note}` : ''}`;
const polCount = (s) => `${s.policies} (${s.enabledPolicies} on, ${s.reportOnlyPolicies} report-only)`;

console.log('## 1. Evaluation throughput (single thread)\n');
const rows1 = [];
for (const s of sets) {
    for (const [k, label] of [['fast', '(i) `decideOutcome` on pre-compiled sign-ins'], ['compileDecide', '(ii) `compileSignIn` + `satisfiedControls` + `decideOutcome`'], ['evaluate', '(iii) `evaluate()` full result + per-policy trace']]) {
        const m = s.latch[k];
        rows1.push([setName(s), polCount(s), label, fmtInt(m.opsPerSec), fmtNs(m.nsPerOp), `${fmtNs(m.minNsPerOp)} – ${fmtNs(m.maxNsPerOp)}`]);
    }
}
console.log(table(['Policy set', 'Policies', 'Path', 'Evaluations/s', 'Median per evaluation', 'Min – max of rounds'], rows1));
const j = sets.find((s) => s.key === 'j0eyv');
const best = sets.map((s) => `${s.key} ${fmtInt(s.latch.fast.opsPerSec)}/s`).join(', ');
const met = j && j.latch.fast.opsPerSec >= TARGET_EVALS;
console.log(`\nTarget ≥ ${fmtInt(TARGET_EVALS)} evaluations/s on one core for a ~40-policy set (fast path): **${met ? 'met' : 'MISSED'}** (${best}; `
    + `from a SignIn object: ${sets.map((s) => `${s.key} ${fmtInt(s.latch.compileDecide.opsPerSec)}/s`).join(', ')}).`);
console.log(`Median of ${j?.latch.fast.rounds} timed rounds after calibration and warm-up; each round sweeps the whole sign-in pool several times.\n`);

console.log('### Sign-in pool and agreement\n');
console.log(table(['Policy set', 'Sign-ins', 'allow / block / requires (strict)', 'Enforced policies applying (avg)', 'Sign-ins with missing input', 'decideOutcome = evaluate().outcome'],
    sets.map((s) => [setName(s), fmtInt(s.pool), `${s.outcomes.allow} / ${s.outcomes.block} / ${s.outcomes.requires}`, s.avgEnforcedApplying.toFixed(2), String(s.missingInputSignIns),
        s.agreement.mismatches === 0 ? `yes, ${fmtInt(s.agreement.checked)} checks (strict + lenient)` : `**NO: ${s.agreement.mismatches} mismatches**`])));
console.log('\nDeterministic pool (seeded PRNG): users/groups/roles the policies reference (+ synthetic users), 12 % guests, apps from the Office 365 and admin-portal suites, apps the policies name and others, user actions and auth contexts, IPs inside/outside named ranges, listed/other/unknown countries, all platforms incl. unknown, all client types, risks, registered/compliant/hybrid or unregistered devices, random satisfied-control subsets. Every input is present, so strict mode never stops on missing input.\n');

console.log(`## 2. Parse + validate (${fmtInt(PARSE_POLICIES)} synthetic policies)\n`);
console.log(table(['Workspace', 'Files', 'Lines', 'Policies', 'Errors / warnings', 'First run (JIT-cold)', `Median of next ${PARSE_RUNS - 1}`, 'Lowering (median)', `Target ≤ ${TARGET_PARSE_MS / 1000} s`],
    parse.map((p) => [p.layout, String(p.files), fmtInt(p.lines), fmtInt(p.policies), `${p.errors} / ${p.warnings}`, fmtMs(p.coldMs), fmtMs(p.warmMedianMs), fmtMs(p.lowerMedianMs),
        p.coldMs <= TARGET_PARSE_MS ? 'met (cold)' : p.warmMedianMs <= TARGET_PARSE_MS ? 'met warm, missed cold' : '**missed**'])));
console.log('\n`loadLatchWorkspace` (the CLI path: `createLatchServices(NodeFileSystem)`, built-in library, read + parse every file, `DocumentBuilder.build(…, { validation: true })`), then `lowerWorkspace`. Each layout runs in a fresh worker; "first run" excludes module loading.\n');
console.log('Where the time goes (median, cumulative ms from start of the load):\n');
console.log(table(['Workspace', 'Services', 'Read + parse', 'Index', 'Scopes', 'Link', 'Ref index', 'Validate = total'],
    parse.map((p) => [p.layout, ...['services', 'parse', 'index', 'scopes', 'link', 'refs', 'total'].map((k) => fmtMs(p.phases[k] ?? NaN))])));
console.log();

console.log('## 3. Peer: Cedar (same policies, same sign-ins)\n');
const rows3 = [];
for (const s of sets) {
    const c = s.cedar;
    if (!c) { rows3.push([setName(s), 'encoding failed', '', '', '', '', '', '']); continue; }
    rows3.push([setName(s), `${c.cedarPolicies} (from ${c.encodedLatchPolicies} enabled access policies)`,
        `${fmtInt(c.checked)} (+${c.statelessChecked} stateless)`, c.mismatches === 0 && c.evalErrors === 0 ? '0' : `**${c.mismatches} (${c.evalErrors} with errors)**`,
        `${fmtInt(c.stateful.opsPerSec)} (${fmtNs(c.stateful.nsPerOp)})`, `${fmtInt(c.stateless.opsPerSec)} (${fmtNs(c.stateless.nsPerOp)})`,
        `${fmtInt(s.latch.fast.opsPerSec)} / ${fmtInt(s.latch.compileDecide.opsPerSec)}`,
        `${(s.latch.fast.opsPerSec / c.stateful.opsPerSec).toFixed(0)}× / ${(s.latch.compileDecide.opsPerSec / c.stateful.opsPerSec).toFixed(0)}×`]);
}
console.log(table(['Policy set', 'Cedar policies', 'Sign-ins compared', 'Mismatches', 'Cedar statefulIsAuthorized/s', 'Cedar isAuthorized/s', 'Latch evals/s (i) / (ii)', 'Latch ÷ Cedar (i) / (ii)'], rows3));
const cv = sets.find((s) => s.cedar)?.cedar;
console.log(`\nCedar ${cv?.version ?? '?'} via \`@cedar-policy/cedar-wasm\` ${cv?.sdkVersion ?? ''} (nodejs build), called as a JS user calls it: through WASM, with the request and entities JSON-serialised `
    + `(JSON.stringify in the bindings) on every call (≈ ${sets.map((s) => s.cedar ? `${fmtInt(s.cedar.requestJsonBytes)} B` : '?').join(' / ')} of JSON per request). `
    + '`statefulIsAuthorized` uses a policy set pre-parsed once with `preparsePolicySet`; `isAuthorized` passes the policy text and re-parses it on every call. '
    + `Request objects are built before timing (building them from a SignIn in this bench's JS costs ${sets.map((s) => s.cedar ? fmtNs(s.cedar.buildRequest.nsPerOp) : '?').join(' / ')} more). `
    + 'Mapping checked on every sign-in: Cedar deny ⇔ Latch outcome ≠ allow (block, or requires with the controls not yet satisfied).\n');
console.log('Encoding: principal = User with its groups (sign-in + directory, nested groups as Group entities) and built-in roles as parents; resource = the app with its suites as parents (or the user action / auth context); '
    + 'each enabled block policy → `forbid … when {conditions}`; each grant → `forbid … when {conditions} unless {context.satisfied.contains(c)}` (AND: one per control; OR: `containsAny`) plus `forbid … when {conditions && legacy client}`; '
    + 'one `permit(principal, action, resource)`. Conditions use include && !exclude, platforms (unknown only matches `include all`), client app, risk, insider risk and flow sets, named-location ids the sign-in is in '
    + '(resolved before the call: Cedar has no GeoIP), device filters translated to Cedar (`like`, `has`, ==), and time windows over the local clock per zone (resolved before the call: Cedar has no time zones). '
    + 'Controls proved by the device (compliantDevice, domainJoinedDevice) are in `context.satisfied`, as in `satisfiedControls`.\n');

const elapsed = (Date.now() - started) / 1000;
console.log(`_Total bench time ${elapsed.toFixed(0)} s._`);

const results = {
    generatedAt: new Date().toISOString(), machine, quick, poolSize,
    targets: { evaluationsPerSecond: TARGET_EVALS, parseValidateMs: TARGET_PARSE_MS },
    evaluation: sets.map((s) => ({
        set: s.key, label: s.label, note: s.note, policies: s.policies, enabledPolicies: s.enabledPolicies, reportOnlyPolicies: s.reportOnlyPolicies,
        namedLocations: s.namedLocations, signIns: s.pool, outcomes: s.outcomes, avgEnforcedApplying: s.avgEnforcedApplying, missingInputSignIns: s.missingInputSignIns,
        agreement: s.agreement, latch: s.latch,
    })),
    parse,
    cedar: sets.map((s) => ({ set: s.key, ...(s.cedar ? { ...s.cedar, sampleText: undefined } : { failed: true }), cedarSample: s.cedar?.sampleText })),
    failures,
    elapsedSeconds: elapsed,
};
writeFileSync(join(here, 'results.json'), JSON.stringify(results, null, 2) + '\n');

if (failures.length > 0) {
    console.error(`\nBENCH FAILED: ${failures.length} check(s) failed. First counterexample:\n${JSON.stringify(failures[0], null, 2)}`);
    process.exit(1);
}
