// `npm run bench`: evaluation throughput, parse + validate time, and the Cedar peer. Prints markdown tables and
// writes the same figures to bench/results.json. Exits non-zero when any agreement check fails.
//
// Each policy set and each parse layout runs in its own worker thread (its own V8 isolate, one at a time), so JIT
// feedback from one measurement cannot speed up or slow down another. Everything is single-threaded.
//
// Options: --quick (shorter rounds, 2,000 sign-ins; for trying things out), --pool N.

import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import os, { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { fmtInt, fmtMs, fmtNs, median, table } from './harness.js';
import { directoryText, policiesText } from './workspace-gen.js';

const here = dirname(fileURLToPath(import.meta.url));
const args = process.argv.slice(2);
const quick = args.includes('--quick');
const poolArg = args.indexOf('--pool');
const poolSize = poolArg >= 0 ? Number(args[poolArg + 1]) : quick ? 2000 : 10_000;
const PARSE_POLICIES = 2000;
const PARSE_COLD_RUNS = 3;
const PARSE_WARM_RUNS = quick ? 3 : 5;
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
const load0 = os.loadavg().map((x) => x.toFixed(2)).join(' ');
console.log(`Node ${machine.node} (V8 ${machine.v8}) · ${machine.cpu} · ${machine.cores} cores · ${machine.platform} · ${machine.memGiB} GiB · load average at start ${load0}${quick ? ' · QUICK MODE' : ''}\n`);

const failures = [];
const progress = (m) => process.stderr.write(`[bench ${((Date.now() - started) / 1000).toFixed(0).padStart(3)} s] ${m}\n`);

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
// 2: parse + validate. The workspace is generated once; each cold run is a fresh worker.
const parse = [];
const parseDir = mkdtempSync(join(tmpdir(), 'latch-parse-bench-'));
try {
    const directory = join(parseDir, 'directory.latch');
    writeFileSync(directory, directoryText());
    const layouts = [
        { name: `directory + ${PARSE_POLICIES / 100} files × 100 policies`, sizes: Array.from({ length: PARSE_POLICIES / 100 }, () => 100), dir: 'split' },
        { name: `directory + 1 file × ${fmtInt(PARSE_POLICIES)} policies`, sizes: [PARSE_POLICIES], dir: 'single' },
    ];
    for (const l of layouts) {
        mkdirSync(join(parseDir, l.dir));
        const files = [directory];
        let i = 0;
        l.sizes.forEach((n, k) => {
            const f = join(parseDir, l.dir, `policies-${String(k).padStart(2, '0')}.latch`);
            writeFileSync(f, policiesText(i, n));
            files.push(f);
            i += n;
        });
        progress(`parse + validate: ${l.name}…`);
        const cold = [];
        for (let r = 0; r < PARSE_COLD_RUNS; r++) cold.push(await runWorker('parse-worker.js', { files, mode: 'cold' }));
        const warm = await runWorker('parse-worker.js', { files, mode: 'warm', runs: PARSE_WARM_RUNS });
        const c0 = cold[0];
        const entry = {
            layout: l.name, files: files.length, lines: c0.lines, bytes: c0.bytes, policies: c0.policies, errors: c0.errors, warnings: c0.warnings, firstError: c0.firstError,
            cold: { runs: cold.length, loadMs: cold.map((c) => c.loadMs), lowerMs: cold.map((c) => c.lowerMs), importMs: cold.map((c) => c.importMs),
                medianLoadMs: median(cold.map((c) => c.loadMs)), medianCpuMs: median(cold.map((c) => c.loadCpuMs)), medianLowerMs: median(cold.map((c) => c.lowerMs)), medianImportMs: median(cold.map((c) => c.importMs)) },
            warm: { runs: PARSE_WARM_RUNS, totalMs: warm.totals, lowerMs: warm.lowers, medianLoadMs: median(warm.totals), medianCpuMs: median(warm.cpu), medianLowerMs: median(warm.lowers), phases: warm.phases },
        };
        parse.push(entry);
        if (entry.errors > 0) failures.push({ kind: 'parse-errors', layout: l.name, errors: entry.errors, firstError: entry.firstError });
    }
} finally {
    rmSync(parseDir, { recursive: true, force: true });
}

// ---------------------------------------------------------------------------------------------------------------
// Tables.
const setName = (s) => `${s.label}${s.note ? ` — ${s.note}` : ''}`;
const polCount = (s) => `${s.policies} (${s.enabledPolicies} on, ${s.reportOnlyPolicies} report-only)`;

console.log('## 1. Evaluation throughput (single thread)\n');
const rows1 = [];
for (const s of sets) {
    for (const [k, label] of [['fast', '(i) `decideOutcome` on pre-compiled sign-ins'], ['compileDecide', '(ii) `compileSignIn` + `satisfiedControls` + `decideOutcome`'], ['evaluate', '(iii) `evaluate()` full result + per-policy trace'],
        ['fastReduced', `(i′) what-if: (i) on the ${s.accessPolicies} enabled access policies only, ${s.blockPolicies} blocks first`]]) {
        const m = s.latch[k];
        const busy = m.wallOverCpu > 1.15 ? ' ⚠' : '';
        rows1.push([setName(s), polCount(s), label, fmtInt(m.opsPerSec), fmtNs(m.nsPerOp), `${fmtNs(m.minNsPerOp)} – ${fmtNs(m.maxNsPerOp)}`, `${fmtNs(m.cpuNsPerOp)} (${m.wallOverCpu.toFixed(2)}${busy})`]);
    }
}
console.log(table(['Policy set', 'Policies', 'Path', 'Evaluations/s', 'Median per evaluation', 'Min – max of rounds', 'CPU time per evaluation (wall ÷ CPU)'], rows1));
const j = sets.find((s) => s.key === 'j0eyv');
const met = j && j.latch.fast.opsPerSec >= TARGET_EVALS;
const list = (k) => sets.map((s) => `${s.key} ${fmtInt(s.latch[k].opsPerSec)}/s`).join(', ');
console.log(`\nTarget ≥ ${fmtInt(TARGET_EVALS)} evaluations/s on one core for a ~40-policy set, judged on the fast path (i) for j0eyv (${j?.policies} policies) over the ${fmtInt(poolSize)}-sign-in pool: `
    + `**${met ? 'met' : 'MISSED'}** (${list('fast')}); from a SignIn object (ii): ${list('compileDecide')}.`);
console.log(`Median of ${j?.latch.fast.rounds} timed rounds after calibration and warm-up; each round sweeps the whole sign-in pool several times. `
    + '(i′) is not an engine path: it runs the same `decideOutcome` on a copy of the set without disabled, report-only and session-only policies (they cannot change the outcome) and with block policies first; '
    + 'its outcome is checked equal to (i) on every sign-in. It shows what a pre-filter inside `compilePolicySet` would buy. '
    + 'A full GC runs before each measurement and again after its warm-up, so no round pays for earlier garbage. '
    + 'CPU time is the process\'s (GC helper threads included, so it can exceed wall time); wall ÷ CPU above 1.15 (⚠) means another process held the core — such a measurement is retried up to twice and the best median kept.\n');

console.log('### Sign-in pool and agreement\n');
console.log(table(['Policy set', 'Sign-ins', 'allow / block / requires (strict)', 'Enforced policies applying (avg)', 'Sign-ins with missing input', 'decideOutcome = evaluate().outcome'],
    sets.map((s) => [setName(s), fmtInt(s.pool), `${s.outcomes.allow} / ${s.outcomes.block} / ${s.outcomes.requires}`, s.avgEnforcedApplying.toFixed(2), String(s.missingInputSignIns),
        s.agreement.mismatches === 0 ? `yes, ${fmtInt(s.agreement.checked)} checks (strict + lenient; incl. the reduced set of (i′))` : `**NO: ${s.agreement.mismatches} mismatches**`])));
console.log('\nDeterministic pool (seeded PRNG): users/groups/roles the policies reference (+ synthetic users), 8 % guests, apps from the Office 365 and admin-portal suites, apps the policies name and others, user actions and auth contexts, IPs inside/outside named ranges, listed/other/unknown countries, all platforms incl. unknown, all client types, risks, registered/compliant/hybrid or unregistered devices, random satisfied-control subsets. Every input is present, so strict mode never stops on missing input.\n');

console.log(`## 2. Parse + validate (${fmtInt(PARSE_POLICIES)} synthetic policies)\n`);
console.log(table(['Workspace', 'Files', 'Lines', 'Policies', 'Errors / warnings', `Cold: load + validate (median of ${PARSE_COLD_RUNS})`, 'Cold: lowering',
    `Warm: load + validate (median of ${PARSE_WARM_RUNS})`, 'Warm: lowering', `Target ≤ ${TARGET_PARSE_MS / 1000} s`],
    parse.map((p) => [p.layout, String(p.files), fmtInt(p.lines), fmtInt(p.policies), `${p.errors} / ${p.warnings}`, fmtMs(p.cold.medianLoadMs), fmtMs(p.cold.medianLowerMs),
        fmtMs(p.warm.medianLoadMs), fmtMs(p.warm.medianLowerMs),
        p.cold.medianLoadMs <= TARGET_PARSE_MS ? 'met' : p.warm.medianLoadMs <= TARGET_PARSE_MS ? 'met warm only' : '**missed**'])));
console.log(`\n\`loadLatchWorkspace\` (the CLI path: \`createLatchServices(NodeFileSystem)\`, built-in library, read + parse every file, \`DocumentBuilder.build(…, { validation: true })\`), then \`lowerWorkspace\`. `
    + `Cold = a fresh worker per run (JIT-cold, what \`latch check\` pays; importing the language modules costs another ${parse.map((p) => fmtMs(p.cold.medianImportMs)).join(' / ')} and Node start-up is not included). `
    + 'Warm = the same load repeated in one process after a warm-up, GC forced before each run (a language-server rebuild). Wall-clock times; '
    + 'results.json also has the process CPU time of each load (all threads: V8 compiles and collects garbage in the background, so it can exceed wall time).\n');
console.log('Where the warm time goes (median, cumulative ms since the start of the load; lowering separate):\n');
console.log(table(['Workspace', 'Services', 'Read + parse', 'Index', 'Scopes', 'Link', 'Ref index', 'Validate = total', 'Lowering'],
    parse.map((p) => [p.layout, ...['services', 'parse', 'index', 'scopes', 'link', 'refs', 'total', 'lower'].map((k) => fmtMs(p.warm.phases[k] ?? NaN))])));
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
console.log('\nWhere Cedar\'s time goes (median per call):\n');
console.log(table(['Policy set', 'Bare WASM call (permit-only, empty request)', '+ request conversion (context, entities)', '+ evaluating the encoded policies', 'Total'],
    sets.filter((s) => s.cedar).map((s) => {
        const b = s.cedar.breakdown;
        const bare = b.bareCall.nsPerOp;
        const conv = Math.max(0, b.permitOnlyRealRequest.nsPerOp - bare);
        const pol = Math.max(0, s.cedar.stateful.nsPerOp - b.permitOnlyRealRequest.nsPerOp);
        return [setName(s), fmtNs(bare), fmtNs(conv), fmtNs(pol), fmtNs(s.cedar.stateful.nsPerOp)];
    })));
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

console.log('Published figures for other engines (not measured here; from research/policy-tooling-anchors.md §4, ⚠ = seen only as a third-party quotation or vendor claim):\n');
console.log(table(['Engine', 'Published figure', 'Conditions'], [
    ['Cedar (Rust, native)', 'median ≈ 4.0–11.0 µs per authorization ⚠', 'OOPSLA\'24 artifact: gdrive, github, tiny-todo; 5–50 entities'],
    ['Rego (OPA, Go)', 'median ≈ 76 µs (5 entities) → ≈ 676 µs (50) ⚠', 'same OOPSLA\'24 scenarios; Cedar 42.8–80.8× faster'],
    ['Casbin (Go) Enforce()', '15.5 µs (ACL, 2 rules) · 164 µs (RBAC, 1,100 rules) · 2.26 ms (11,000 rules)', '`go test -bench`, i7-6700HQ'],
    ['SAPL (vendor claim)', 'p50 179–374 ns embedded ⚠', 'vendor-run; unverified'],
    ['OPA design budget', '"order of 1 millisecond" per authorization', 'docs guidance, not a benchmark'],
    ['Entra What If', 'none published; each evaluation is a Graph API call', '—'],
]));
console.log();

// Further sections (analysis, editor latency, replay, …): every bench/sections/*.js, in name order, exports
// `default async function ({ quick }) → { title, markdown, json, failures? }`.
const sectionResults = {};
const sectionsDir = join(here, 'sections');
for (const file of existsSync(sectionsDir) ? readdirSync(sectionsDir).filter((f) => f.endsWith('.js')).sort() : []) {
    const mod = await import(pathToFileURL(join(sectionsDir, file)).href);
    const r = await mod.default({ quick });
    console.log(`## ${r.title}\n\n${r.markdown}\n`);
    sectionResults[file.replace(/\.js$/, '')] = r.json;
    for (const f of r.failures ?? []) failures.push({ section: file, ...f });
}

const elapsed = (Date.now() - started) / 1000;
machine.loadAverageStart = load0;
machine.loadAverageEnd = os.loadavg().map((x) => x.toFixed(2)).join(' ');
console.log(`_Total bench time ${elapsed.toFixed(0)} s; load average at the end ${machine.loadAverageEnd} (other processes on this ${machine.cores}-core machine add noise; medians are used throughout)._`);

const results = {
    generatedAt: new Date().toISOString(), machine, quick, poolSize,
    targets: { evaluationsPerSecond: TARGET_EVALS, parseValidateMs: TARGET_PARSE_MS },
    evaluation: sets.map((s) => ({
        set: s.key, label: s.label, note: s.note, policies: s.policies, enabledPolicies: s.enabledPolicies, reportOnlyPolicies: s.reportOnlyPolicies,
        namedLocations: s.namedLocations, signIns: s.pool, outcomes: s.outcomes, avgEnforcedApplying: s.avgEnforcedApplying, missingInputSignIns: s.missingInputSignIns,
        accessPolicies: s.accessPolicies, blockPolicies: s.blockPolicies, agreement: s.agreement, latch: s.latch,
    })),
    parse,
    cedar: sets.map((s) => ({ set: s.key, ...(s.cedar ?? { failed: true }) })),
    sections: sectionResults,
    failures,
    elapsedSeconds: elapsed,
};
writeFileSync(join(here, 'results.json'), JSON.stringify(results, null, 2) + '\n');

if (failures.length > 0) {
    const { request, ...first } = failures[0];
    console.error(`\nBENCH FAILED: ${failures.length} check(s) failed (all in bench/results.json). First counterexample:\n${JSON.stringify(first, null, 2)}`);
    if (request) console.error(`Cedar request: ${JSON.stringify(request)}`);
    process.exit(1);
}
