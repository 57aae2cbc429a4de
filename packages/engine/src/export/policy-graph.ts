// Model Policy → a Graph `conditionalAccessPolicy` write body (POST /identity/conditionalAccess/policies): exact
// Graph spellings, flags enums as comma-separated strings, only configured properties, then `extra` laid over it.

import {
  BUILT_IN_CONTROLS, USER_ACTION_URNS, type GuestSelector, type Policy, type PrincipalSet, type Target,
} from '../model.js';
import { ODATA } from './graph-vocabulary.js';
import { mergeExtra } from './merge-extra.js';
import { policySessionToGraph } from './session-graph.js';

type Json = Record<string, unknown>;

export interface PolicyExportOptions {
  /**
   * Also write the read-only `id` and `templateId` (a PATCH body, or a file that must read back with its ids).
   * A POST body must not carry them.
   */
  keepIds?: boolean;
  /** Whether `policy.id` is a declared Graph id rather than a Latch name standing in for one. Default: id ≠ name. */
  idDeclared?: boolean;
}

export function policyToGraph(policy: Policy, options: PolicyExportOptions = {}): Json {
  const out: Json = {};
  const idDeclared = options.idDeclared ?? policy.id !== policy.name;
  if (options.keepIds && idDeclared) out.id = policy.id;
  if (options.keepIds && policy.templateId !== undefined) out.templateId = policy.templateId;
  out.displayName = policy.displayName ?? policy.name;
  if (policy.description !== undefined) out.description = policy.description;
  out.state = policy.state;
  out.conditions = conditionsToGraph(policy);
  if (policy.grant) out.grantControls = grantToGraph(policy);
  const session = policy.session ? policySessionToGraph(policy.session) : {};
  if (Object.keys(session).length > 0) out.sessionControls = session;
  return finish(mergeExtra(out, policy.extra));
}

function conditionsToGraph(p: Policy): Json {
  const c: Json = {};
  if (p.users) {
    const users = { ...principalsToGraph(p.users.include, 'include'), ...principalsToGraph(p.users.exclude, 'exclude') };
    if (Object.keys(users).length > 0) c.users = users;
  }
  // `applications` and `clientAppTypes` are required on create; "all client types" is spelled out.
  c.applications = targetToGraph(p.target);
  c.clientAppTypes = p.clientAppTypes && p.clientAppTypes.length > 0 ? [...p.clientAppTypes] : ['all'];
  if (p.platforms) c.platforms = includeExclude('Platforms', p.platforms.include, p.platforms.exclude);
  if (p.locations) c.locations = includeExclude('Locations', p.locations.include, p.locations.exclude);
  if (p.signInRisk?.length) c.signInRiskLevels = [...p.signInRisk];
  if (p.userRisk?.length) c.userRiskLevels = [...p.userRisk];
  if (p.insiderRisk?.length) c.insiderRiskLevels = p.insiderRisk.join(',');
  if (p.authenticationFlows?.length) c.authenticationFlows = { transferMethods: p.authenticationFlows.join(',') };
  if (p.deviceFilter) c.devices = { deviceFilter: { mode: p.deviceFilter.mode, rule: p.deviceFilter.rule } };
  return c;
}

function principalsToGraph(set: PrincipalSet, side: 'include' | 'exclude'): Json {
  const out: Json = {};
  const users = [...(set.all ? ['All'] : []), ...(set.none ? ['None'] : []), ...(set.allGuests ? ['GuestsOrExternalUsers'] : []), ...set.users];
  if (users.length > 0) out[`${side}Users`] = users;
  if (set.groups.length > 0) out[`${side}Groups`] = [...set.groups];
  if (set.roles.length > 0) out[`${side}Roles`] = [...set.roles];
  if (set.guests) out[`${side}GuestsOrExternalUsers`] = guestsToGraph(set.guests);
  return out;
}

function guestsToGraph(g: GuestSelector): Json {
  const out: Json = { guestOrExternalUserTypes: g.types.join(',') };
  if (g.tenants === 'all') out.externalTenants = { '@odata.type': ODATA.allExternalTenants, membershipKind: 'all' };
  else if (g.tenants) out.externalTenants = { '@odata.type': ODATA.enumeratedExternalTenants, membershipKind: 'enumerated', members: [...g.tenants] };
  return out;
}

function targetToGraph(t: Target | undefined): Json {
  if (t?.kind === 'userActions') return { includeUserActions: t.actions.map((a) => USER_ACTION_URNS[a]) };
  if (t?.kind === 'authContext') return { includeAuthenticationContextClassReferences: [...t.refs] };
  const out: Json = { includeApplications: t ? [...t.include] : [] };
  if (t && t.exclude.length > 0) out.excludeApplications = [...t.exclude];
  return out;
}

function includeExclude(what: 'Platforms' | 'Locations', include: readonly string[], exclude: readonly string[]): Json {
  const out: Json = {};
  if (include.length > 0) out[`include${what}`] = [...include];
  if (exclude.length > 0) out[`exclude${what}`] = [...exclude];
  return out;
}

function grantToGraph(p: Policy): Json {
  const g = p.grant!;
  // Graph pairs block with OR (exports and the portal); the reader keeps any other operator in extra.
  if (g.kind === 'block') return { operator: 'OR', builtInControls: ['block'] };
  const builtIns: string[] = [];
  const terms: string[] = [];
  const custom: string[] = [];
  let strength: string | undefined;
  for (const c of g.controls) {
    if (c.startsWith('authenticationStrength:')) strength = c.slice('authenticationStrength:'.length);
    else if (c.startsWith('termsOfUse:')) terms.push(c.slice('termsOfUse:'.length));
    else if (c.startsWith('customFactor:')) custom.push(c.slice('customFactor:'.length));
    else builtIns.push((BUILT_IN_CONTROLS as readonly string[]).find((b) => b.toLowerCase() === c.toLowerCase()) ?? c);
  }
  const out: Json = { operator: g.operator };
  if (builtIns.length > 0) out.builtInControls = builtIns;
  if (strength !== undefined) out.authenticationStrength = { id: strength };
  if (terms.length > 0) out.termsOfUse = terms;
  if (custom.length > 0) out.customAuthenticationFactors = custom;
  return out;
}

/**
 * A write body names a strength by id only: a read-back policy carries the strength's whole definition (kept in
 * extra by the reader), which is a separate, read-only object.
 */
function finish(out: Json): Json {
  const grant = out.grantControls;
  if (typeof grant === 'object' && grant !== null && !Array.isArray(grant)) {
    const strength = (grant as Json).authenticationStrength;
    if (typeof strength === 'object' && strength !== null && !Array.isArray(strength) && 'id' in strength) {
      (grant as Json).authenticationStrength = { id: (strength as Json).id };
    }
  }
  return out;
}
