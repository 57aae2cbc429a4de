// One Graph `conditionalAccessPolicy` (or a What If `whatIfAnalysisResult`) → model Policy. Everything the model
// does not represent goes to `extra` with Graph's nesting, so an exporter can merge it back.

import type { Policy, PolicyState } from '../model.js';
import { readConditions } from './read-conditions.js';
import { readGrant, readSession } from './read-controls.js';
import { canonical, isRecord, nonObject, prop, readString, warn, type JsonRecord, type ReadContext } from './values.js';

const POLICY_STATES: readonly PolicyState[] = ['enabled', 'disabled', 'enabledForReportingButNotEnforced'];
/** Output-only fields of What If results; Graph rejects them on write. */
const RESULT_ONLY_KEYS = ['policyApplies', 'analysisReasons'];

/** Maps one policy object; `id` is the Graph id or, when absent, the caller-derived fallback. */
export function readPolicy(raw: JsonRecord, ctx: ReadContext, fallbackId: (displayName?: string) => string): Policy {
  const displayName = readString(ctx, raw, 'displayName', []);
  const id = readString(ctx, raw, 'id', []) ?? fallbackId(displayName);
  const policy: Policy = { id, name: displayName ?? id, state: readState(ctx, raw) };
  if (displayName !== undefined) policy.displayName = displayName;
  const description = readString(ctx, raw, 'description', []);
  if (description !== undefined) policy.description = description;
  const templateId = readString(ctx, raw, 'templateId', []);
  if (templateId !== undefined) policy.templateId = templateId;

  const conditions = prop(raw, 'conditions');
  if (isRecord(conditions)) readConditions(ctx, conditions, policy);
  else if (conditions !== null && conditions !== undefined) nonObject(ctx, ['conditions'], conditions);

  const grant = readGrant(ctx, prop(raw, 'grantControls'));
  if (grant) policy.grant = grant;
  const session = readSession(ctx, prop(raw, 'sessionControls'));
  if (session) policy.session = session;

  ctx.extra.copyUnknown(
    raw,
    ['id', 'displayName', 'description', 'templateId', 'state', 'conditions', 'grantControls', 'sessionControls', ...RESULT_ONLY_KEYS],
    [],
  );
  const extra = ctx.extra.result();
  if (extra) policy.extra = extra;
  return policy;
}

function readState(ctx: ReadContext, raw: JsonRecord): PolicyState {
  const state = prop(raw, 'state');
  if (state === null || state === undefined || state === '') {
    warn(ctx, ['state'], "missing; read as 'disabled'");
    return 'disabled';
  }
  const c = typeof state === 'string' ? canonical(state, POLICY_STATES) : undefined;
  if (c) return c;
  warn(ctx, ['state'], `unknown state ${JSON.stringify(state)}; read as 'disabled', kept in extra`);
  ctx.extra.set(['state'], state);
  return 'disabled';
}
