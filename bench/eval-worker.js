// One policy set, in its own worker (own V8 isolate: no JIT feedback shared with the other set): agreement checks,
// Latch throughput on three paths (plus a what-if), and the Cedar peer.

import { parentPort, workerData } from 'node:worker_threads';
import cedar from '@cedar-policy/cedar-wasm/nodejs';
import { compilePolicySet, compileSignIn, decideOutcome, evaluate, satisfiedControls } from '@latch/engine';
import { cedarRequest, encodeCedar } from './cedar.js';
import { measure, measureStable, sink } from './harness.js';
import { loadContoso, loadJ0eyv } from './sets.js';
import { signInPool } from './signins.js';

const OUTCOME = { allow: 0, block: 1, requires: 2 };
const NAMES = ['allow', 'block', 'requires'];
const { which, poolSize, quick } = workerData;
const opts = quick ? { targetMs: 60, warmupMs: 100, rounds: 5 } : { targetMs: 150, warmupMs: 300, rounds: 7 };

const loaded = which === 'contoso' ? await loadContoso() : loadJ0eyv();
const { set } = loaded;
const pool = signInPool(set, poolSize);
const cs = compilePolicySet(set);
const compiled = pool.map((s) => compileSignIn(cs, s));
const sats = pool.map((s) => satisfiedControls(s));
const N = pool.length;

const failures = [];

// ---------------------------------------------------------------------------------------------------------------
// Agreement: decideOutcome vs evaluate().outcome, strict and lenient, on every sign-in.
const strictResults = [];
const dist = [0, 0, 0];
let missingInput = 0;
let appliedEnforced = 0;
let checked = 0;
let agreeMismatches = 0;
for (const mode of ['strict', 'lenient']) {
    const lenient = mode === 'lenient';
    for (let i = 0; i < N; i++) {
        const e = evaluate(set, pool[i], { mode });
        const d = decideOutcome(cs, compiled[i], sats[i], lenient);
        checked++;
        if (OUTCOME[e.outcome] !== d) agreeMismatches++;
        if (OUTCOME[e.outcome] !== d && failures.length < 1) {
            failures.push({
                kind: 'decideOutcome≠evaluate', mode, index: i, signIn: pool[i], evaluate: e.outcome, decideOutcome: NAMES[d],
                blockedBy: e.blockedBy, requires: e.requires,
            });
        }
        if (!lenient) {
            strictResults.push(e.outcome);
            dist[OUTCOME[e.outcome]]++;
            if (e.policies.some((p) => p.analysisReasons === 'notEnoughInformation')) missingInput++;
            appliedEnforced += e.policies.filter((p) => p.policyApplies && p.state === 'enabled').length;
        }
    }
}

// What-if for an engine pre-filter: only enabled policies with an access effect (block, or a non-empty grant) can
// change the outcome, and block policies can end the loop early. The same engine code on that reduced, reordered
// set must give the same outcome on every sign-in.
const isAccess = (p) => p.state === 'enabled' && p.grant && (p.grant.kind === 'block' || p.grant.controls.length > 0);
const reducedSet = { ...set, policies: set.policies.filter(isAccess).sort((a, b) => (b.grant.kind === 'block') - (a.grant.kind === 'block')) };
const rcs = compilePolicySet(reducedSet);
const rcompiled = pool.map((s) => compileSignIn(rcs, s));
for (const lenient of [false, true]) {
    for (let i = 0; i < N; i++) {
        const a = decideOutcome(cs, compiled[i], sats[i], lenient);
        const b = decideOutcome(rcs, rcompiled[i], sats[i], lenient);
        checked++;
        if (a !== b) {
            agreeMismatches++;
            if (failures.length < 1) failures.push({ kind: 'reduced set≠full set', lenient, index: i, signIn: pool[i], full: NAMES[a], reduced: NAMES[b] });
        }
    }
}

// ---------------------------------------------------------------------------------------------------------------
// Latch throughput.
const latch = {};
latch.fast = measureStable('decideOutcome (pre-compiled sign-in)', N, (reps) => {
    let acc = 0;
    for (let r = 0; r < reps; r++) for (let i = 0; i < N; i++) acc += decideOutcome(cs, compiled[i], sats[i], false);
    return acc;
}, opts);
latch.fastReduced = measureStable('decideOutcome, enabled access policies only, blocks first', N, (reps) => {
    let acc = 0;
    for (let r = 0; r < reps; r++) for (let i = 0; i < N; i++) acc += decideOutcome(rcs, rcompiled[i], sats[i], false);
    return acc;
}, opts);
latch.compileDecide = measureStable('compileSignIn + satisfiedControls + decideOutcome', N, (reps) => {
    let acc = 0;
    for (let r = 0; r < reps; r++) {
        for (let i = 0; i < N; i++) {
            const s = pool[i];
            acc += decideOutcome(cs, compileSignIn(cs, s), satisfiedControls(s), false);
        }
    }
    return acc;
}, opts);
latch.evaluate = measureStable('evaluate() with per-policy trace', N, (reps) => {
    let acc = 0;
    for (let r = 0; r < reps; r++) for (let i = 0; i < N; i++) acc += evaluate(set, pool[i]).policies.length;
    return acc;
}, opts);

// ---------------------------------------------------------------------------------------------------------------
// Cedar peer.
const enc = encodeCedar(set);
const parsed = cedar.checkParsePolicySet(enc.policySet);
let cedarResult;
if (parsed.type !== 'success') {
    failures.push({ kind: 'cedar-parse', errors: parsed.errors.slice(0, 3).map((e) => e.message), text: enc.text.slice(0, 2000) });
} else {
    const pre = cedar.preparsePolicySet('latch-bench', enc.policySet);
    if (pre.type !== 'success') throw new Error(`preparsePolicySet failed: ${JSON.stringify(pre.errors)}`);
    const requests = pool.map((s) => cedarRequest(set, enc, s));
    const stateful = requests.map((r) => ({ ...r, preparsedPolicySetId: 'latch-bench' }));
    const stateless = requests.map((r) => ({ ...r, policies: enc.policySet }));
    let mismatches = 0;
    let evalErrors = 0;
    let statelessChecked = 0;
    for (let i = 0; i < N; i++) {
        const a = cedar.statefulIsAuthorized(stateful[i]);
        if (a.type !== 'success') throw new Error(`statefulIsAuthorized failed: ${JSON.stringify(a.errors)}`);
        const errs = a.response.diagnostics.errors;
        if (errs.length > 0) evalErrors++;
        const latchDeny = strictResults[i] !== 'allow';
        const cedarDeny = a.response.decision === 'deny';
        if (latchDeny !== cedarDeny || errs.length > 0) {
            mismatches++;
            if (failures.length < 2) {
                failures.push({
                    kind: errs.length > 0 ? 'cedar-evaluation-error' : 'cedar≠latch', index: i, signIn: pool[i], latch: strictResults[i],
                    cedar: a.response.decision, cedarReasons: a.response.diagnostics.reason, cedarErrors: errs.slice(0, 3),
                    request: requests[i],
                });
            }
        }
        if (i < 500) { // the stateless API must agree too (spot check: it re-parses the policy text per call)
            const b = cedar.isAuthorized(stateless[i]);
            statelessChecked++;
            if (b.type !== 'success' || b.response.decision !== a.response.decision) {
                mismatches++;
                if (failures.length < 2) failures.push({ kind: 'cedar stateless≠stateful', index: i, answer: b });
            }
        }
    }
    const cedarFast = measureStable('Cedar statefulIsAuthorized (pre-parsed policies)', N, (reps) => {
        let acc = 0;
        for (let r = 0; r < reps; r++) for (let i = 0; i < N; i++) acc += cedar.statefulIsAuthorized(stateful[i]).response.decision === 'deny' ? 1 : 0;
        return acc;
    }, opts);
    // Where Cedar's time goes: the bare WASM call (permit-only policy set, empty context and entities), plus
    // converting this bench's context and entities, plus evaluating the encoded policies.
    cedar.preparsePolicySet('permit-only', { staticPolicies: 'permit (principal, action, resource);' });
    const bare = stateful.map((r) => ({ principal: r.principal, action: r.action, resource: r.resource, context: {}, entities: [], preparsedPolicySetId: 'permit-only' }));
    const permitOnly = stateful.map((r) => ({ ...r, preparsedPolicySetId: 'permit-only' }));
    const small = { ...opts, rounds: quick ? 3 : 5 };
    const cedarBare = measure('Cedar call, permit-only, empty request', N, (reps) => {
        let acc = 0;
        for (let r = 0; r < reps; r++) for (let i = 0; i < N; i++) acc += cedar.statefulIsAuthorized(bare[i]).type.length;
        return acc;
    }, small);
    const cedarPermit = measure('Cedar call, permit-only, real request', N, (reps) => {
        let acc = 0;
        for (let r = 0; r < reps; r++) for (let i = 0; i < N; i++) acc += cedar.statefulIsAuthorized(permitOnly[i]).type.length;
        return acc;
    }, small);
    const M = Math.min(N, 50); // ~3 ms per call: 50 calls per batch keeps a round near the target time
    const cedarSlow = measure('Cedar isAuthorized (policy text parsed per call)', M, (reps) => {
        let acc = 0;
        for (let r = 0; r < reps; r++) for (let i = 0; i < M; i++) acc += cedar.isAuthorized(stateless[i]).response.decision === 'deny' ? 1 : 0;
        return acc;
    }, { ...opts, rounds: quick ? 3 : 5 });
    // Cost of building the Cedar request objects from the SignIn (not included above).
    const build = measure('build Cedar request from SignIn (bench code)', N, (reps) => {
        let acc = 0;
        for (let r = 0; r < reps; r++) for (let i = 0; i < N; i++) acc += cedarRequest(set, enc, pool[i]).entities.length;
        return acc;
    }, { ...opts, rounds: 3 });
    cedarResult = {
        version: cedar.getCedarVersion(),
        sdkVersion: cedar.getCedarSDKVersion(),
        cedarPolicies: enc.policies,
        encodedLatchPolicies: enc.encodedLatchPolicies,
        textChars: enc.text.length,
        requestJsonBytes: Math.round(stateful.reduce((s, r) => s + JSON.stringify(r).length, 0) / N),
        checked: N,
        statelessChecked,
        mismatches,
        evalErrors,
        stateful: cedarFast,
        stateless: cedarSlow,
        buildRequest: build,
        breakdown: { bareCall: cedarBare, permitOnlyRealRequest: cedarPermit },
        policyText: enc.text,
    };
}

parentPort.postMessage({
    key: loaded.key,
    label: loaded.label,
    note: loaded.note,
    policies: set.policies.length,
    enabledPolicies: set.policies.filter((p) => p.state === 'enabled').length,
    reportOnlyPolicies: set.policies.filter((p) => p.state === 'enabledForReportingButNotEnforced').length,
    accessPolicies: reducedSet.policies.length,
    blockPolicies: reducedSet.policies.filter((p) => p.grant.kind === 'block').length,
    namedLocations: set.namedLocations.length,
    pool: N,
    agreement: { checked, mismatches: agreeMismatches },
    outcomes: { allow: dist[0], block: dist[1], requires: dist[2] },
    missingInputSignIns: missingInput,
    avgEnforcedApplying: appliedEnforced / N,
    latch,
    cedar: cedarResult,
    failures,
    sink: sink.value,
});
