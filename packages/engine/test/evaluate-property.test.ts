// Property: the real, optimised evaluator agrees with the naive reference evaluator (test/reference) on random policy
// sets and sign-ins, in strict and lenient mode. Reproduce a failure with the printed seed/path:
//   LATCH_FC_SEED=<seed> LATCH_FC_PATH=<path> npx vitest run packages/engine/test/evaluate-property.test.ts
// (LATCH_FC_RUNS changes the number of runs, LATCH_FC_OPTS switches generator features off, see ArbOptions.)
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { EvaluationResult, PolicySet, SignIn } from '../src/model.js';
import { evaluate } from '../src/evaluate/index.js';
import { naiveEvaluate, type NaiveMode, type NaiveResult } from './reference/naive-evaluator.js';
import { arbPolicySet, arbSignIn, type ArbOptions } from './reference/arbitraries.js';

const SEED = Number(process.env['LATCH_FC_SEED'] ?? 20261124);
const PATH = process.env['LATCH_FC_PATH'];
const RUNS = Number(process.env['LATCH_FC_RUNS'] ?? 2500);
/** Switch arbitrary features off to isolate a disagreement, e.g. LATCH_FC_OPTS='{"missingUser":false}'. */
const OPTS: ArbOptions = JSON.parse(process.env['LATCH_FC_OPTS'] ?? '{}') as ArbOptions;

/** Members sorted, clauses sorted by their joined text; nothing removed (minimality is checked, not repaired). */
function sortCnf(cnf: readonly (readonly string[])[]): string[][] {
  const cs = cnf.map((c) => [...c].sort());
  return cs.sort((a, b) => (a.join(',') < b.join(',') ? -1 : a.join(',') > b.join(',') ? 1 : 0));
}

function project(r: EvaluationResult): NaiveResult {
  return {
    outcome: r.outcome,
    requires: sortCnf(r.requires),
    shadowOutcome: r.shadow.outcome,
    shadowRequires: sortCnf(r.shadow.requires),
    policies: r.policies.map((p) => ({ id: p.id, policyApplies: p.policyApplies, analysisReasons: p.analysisReasons })),
  };
}

function isMinimal(cnf: readonly (readonly string[])[]): boolean {
  for (let i = 0; i < cnf.length; i++) {
    for (let j = 0; j < cnf.length; j++) {
      if (i !== j && cnf[j]!.every((m) => cnf[i]!.includes(m))) return false;
    }
  }
  return true;
}

/** A compact account of a disagreement: the differing policies in full, the sign-in, both decisions. */
function explain(set: PolicySet, signIn: SignIn, mode: NaiveMode, naive: NaiveResult, real: NaiveResult): string {
  const lines = [`${mode} mode disagreement`, `signIn: ${JSON.stringify(signIn)}`];
  naive.policies.forEach((p, i) => {
    const q = real.policies[i];
    if (JSON.stringify(p) !== JSON.stringify(q)) {
      lines.push(`policy ${JSON.stringify(set.policies[i])}`,
        `  naive: applies=${p.policyApplies} reason=${p.analysisReasons}   real: ${q === undefined ? 'missing' : `applies=${q.policyApplies} reason=${q.analysisReasons}`}`);
    }
  });
  const decision = (r: NaiveResult) => `${r.outcome} ${JSON.stringify(r.requires)} / shadow ${r.shadowOutcome} ${JSON.stringify(r.shadowRequires)}`;
  lines.push(`naive: ${decision(naive)}`, `real:  ${decision(real)}`);
  return lines.join('\n');
}

function params(): fc.Parameters<[PolicySet, SignIn]> {
  return PATH === undefined ? { numRuns: RUNS, seed: SEED } : { numRuns: RUNS, seed: SEED, path: PATH };
}

function agree(mode: NaiveMode) {
  fc.assert(
    fc.property(arbPolicySet(OPTS), arbSignIn(OPTS), (set, signIn) => {
      // Each side gets its own copy, so neither can observe the other's mutations.
      const expected = naiveEvaluate(structuredClone(set), structuredClone(signIn), mode);
      const actual = evaluate(structuredClone(set), structuredClone(signIn), { mode });
      expect(actual.mode).toBe(mode);
      const projected = project(actual);
      if (JSON.stringify(projected) !== JSON.stringify(expected)) throw new Error(explain(set, signIn, mode, expected, projected));
    }),
    params(),
  );
}

describe('evaluate agrees with the naive reference evaluator', () => {
  it(`strict mode (${RUNS} runs, seed ${SEED})`, () => agree('strict'));
  it(`lenient mode (${RUNS} runs, seed ${SEED})`, () => agree('lenient'));

  it('prints requirements in minimal form, members and clauses sorted; [] unless requires', () => {
    fc.assert(
      fc.property(arbPolicySet(OPTS), arbSignIn(OPTS), fc.constantFrom<NaiveMode[]>('strict', 'lenient'), (set, signIn, mode) => {
        const r = evaluate(structuredClone(set), structuredClone(signIn), { mode });
        for (const d of [r, r.shadow]) {
          expect(isMinimal(d.requires)).toBe(true);
          expect(d.requires).toEqual(sortCnf(d.requires));
          if (d.outcome !== 'requires') expect(d.requires).toEqual([]);
          else expect(d.requires.length).toBeGreaterThan(0);
        }
      }),
      { numRuns: 1000, seed: SEED },
    );
  });

  it('without traces (trace: false) gives the same result, each policy with an empty trace', () => {
    fc.assert(
      fc.property(arbPolicySet(OPTS), arbSignIn(OPTS), fc.constantFrom<NaiveMode[]>('strict', 'lenient'), (set, signIn, mode) => {
        const full = evaluate(structuredClone(set), structuredClone(signIn), { mode });
        const lean = evaluate(structuredClone(set), structuredClone(signIn), { mode, trace: false });
        expect(lean).toEqual({ ...full, policies: full.policies.map((p) => ({ ...p, trace: [] })) });
      }),
      { numRuns: 1000, seed: SEED },
    );
  });

  it('defaults to strict mode', () => {
    fc.assert(
      fc.property(arbPolicySet(OPTS), arbSignIn(OPTS), (set, signIn) => {
        const r = evaluate(structuredClone(set), structuredClone(signIn));
        expect(r.mode).toBe('strict');
        expect(project(r)).toEqual(naiveEvaluate(set, signIn, 'strict'));
      }),
      { numRuns: 300, seed: SEED },
    );
  });
});
