// What a Graph export cannot carry: Latch extensions Entra has no property for, and beta-only properties when the
// target is v1.0. The CLI refuses to export them unless told to skip them.

import type { NamedLocation, Policy } from '../model.js';
import { BETA_ONLY_POLICY_PATHS, type GraphFormat } from './graph-vocabulary.js';

type Json = Record<string, unknown>;

/** Reasons, one per unsupported feature of one policy (empty when it exports as is). */
export function policyExportProblems(policy: Policy, body: Json, format: GraphFormat): string[] {
  const problems: string[] = [];
  if (policy.times && policy.times.length > 0) problems.push('time windows (`during`): Entra has no time condition');
  const f = policy.session?.signInFrequency;
  if (typeof f === 'number' && f % 60 !== 0) problems.push(`signInFrequency of ${f} minutes: Entra takes whole hours or days`);
  if (format === 'graph') {
    for (const path of betaOnlyPaths(body)) problems.push(`${path} exists only in the beta API (use --format graph-beta)`);
  }
  return problems;
}

export function namedLocationExportProblems(location: NamedLocation, format: GraphFormat): string[] {
  return format === 'graph' && location.kind === 'compliantNetwork'
    ? ['compliant-network locations exist only in the beta API (use --format graph-beta)']
    : [];
}

/** Beta-only properties present (not null) in a policy body. */
export function betaOnlyPaths(body: Json): string[] {
  return BETA_ONLY_POLICY_PATHS.filter((path) => {
    const v = lookup(body, path);
    return v !== undefined && v !== null;
  });
}

/** Deletes the beta-only properties of a policy body (for `--skip-unsupported` with v1.0). */
export function removeBetaOnly(body: Json): Json {
  const out = structuredClone(body);
  for (const path of BETA_ONLY_POLICY_PATHS) {
    const keys = path.split('.');
    const parent = lookup(out, keys.slice(0, -1).join('.'));
    if (typeof parent === 'object' && parent !== null) delete (parent as Json)[keys[keys.length - 1]!];
  }
  return out;
}

function lookup(obj: Json, path: string): unknown {
  if (path === '') return obj;
  let cur: unknown = obj;
  for (const key of path.split('.')) {
    if (typeof cur !== 'object' || cur === null || Array.isArray(cur)) return undefined;
    cur = (cur as Json)[key];
  }
  return cur;
}
