// `conditions` of a Graph policy → the model's conditions (users, target, platforms, locations, client apps,
// risks, flows, device filter). Unmodelled properties go to extra under `conditions`.

import {
  CLIENT_APP_TYPES, GUEST_TYPES, PLATFORMS, RISK_LEVELS, USER_ACTION_URNS, emptyPrincipalSet,
  type ClientAppType, type DeviceFilter, type GuestSelector, type IncludeExclude, type InsiderRiskLevel, type Platform,
  type Policy, type PrincipalSet, type Target, type TransferMethod, type UserAction,
} from '../model.js';
import {
  canonical, isRecord, nonObject, prop, pushUnique, readEnumList, readIdList, stringList, warn,
  type JsonRecord, type ReadContext,
} from './values.js';

const INSIDER_LEVELS: readonly InsiderRiskLevel[] = ['minor', 'moderate', 'elevated'];
const POLICY_TRANSFER_METHODS: readonly TransferMethod[] = ['deviceCodeFlow', 'authenticationTransfer'];
const USER_SPECIALS = ['All', 'None', 'GuestsOrExternalUsers'];
const APP_SPECIALS = ['All', 'None', 'Office365', 'MicrosoftAdminPortals'];
const LOCATION_SPECIALS = ['All', 'AllTrusted'];

export function readConditions(ctx: ReadContext, c: JsonRecord, policy: Policy): void {
  const path = ['conditions'];

  const users = prop(c, 'users');
  if (isRecord(users)) policy.users = readUsers(ctx, users);
  else if (users !== null && users !== undefined) nonObject(ctx, [...path, 'users'], users);

  const apps = prop(c, 'applications');
  if (isRecord(apps)) policy.target = readTarget(ctx, apps);
  else if (apps !== null && apps !== undefined) nonObject(ctx, [...path, 'applications'], apps);

  const platforms = readPlatforms(ctx, prop(c, 'platforms'));
  if (platforms) policy.platforms = platforms;
  const locations = readLocations(ctx, prop(c, 'locations'));
  if (locations) policy.locations = locations;

  // `all` anywhere in the list means every client type: the condition is not configured.
  const clientRaw = stringList(prop(c, 'clientAppTypes')).items;
  if (!clientRaw.some((x) => x.toLowerCase() === 'all')) {
    const types: ClientAppType[] = readEnumList(ctx, c, 'clientAppTypes', path, CLIENT_APP_TYPES);
    if (types.length > 0) policy.clientAppTypes = types;
  }

  const signInRisk = readEnumList(ctx, c, 'signInRiskLevels', path, RISK_LEVELS);
  if (signInRisk.length > 0) policy.signInRisk = signInRisk;
  const userRisk = readEnumList(ctx, c, 'userRiskLevels', path, RISK_LEVELS);
  if (userRisk.length > 0) policy.userRisk = userRisk;
  const insider = readEnumList(ctx, c, 'insiderRiskLevels', path, INSIDER_LEVELS);
  if (insider.length > 0) policy.insiderRisk = insider;

  const flows = prop(c, 'authenticationFlows');
  if (isRecord(flows)) {
    // The flags value `none` selects no flow; only real transfer methods configure the condition.
    const methods = readEnumList(ctx, flows, 'transferMethods', [...path, 'authenticationFlows'], POLICY_TRANSFER_METHODS, ['none']);
    if (methods.length > 0) policy.authenticationFlows = methods;
    ctx.extra.copyUnknown(flows, ['transferMethods'], [...path, 'authenticationFlows']);
  } else if (flows !== null && flows !== undefined) nonObject(ctx, [...path, 'authenticationFlows'], flows);

  const devices = prop(c, 'devices');
  if (isRecord(devices)) {
    const filter = readDeviceFilter(ctx, prop(devices, 'deviceFilter'));
    if (filter) policy.deviceFilter = filter;
    ctx.extra.copyUnknown(devices, ['deviceFilter'], [...path, 'devices']);
  } else if (devices !== null && devices !== undefined) nonObject(ctx, [...path, 'devices'], devices);

  // times, deviceStates, clientApplications, servicePrincipalRiskLevels, agents, … stay in extra.
  ctx.extra.copyUnknown(
    c,
    ['users', 'applications', 'platforms', 'locations', 'clientAppTypes', 'signInRiskLevels', 'userRiskLevels',
      'insiderRiskLevels', 'authenticationFlows', 'devices'],
    path,
  );
}

function readUsers(ctx: ReadContext, users: JsonRecord): { include: PrincipalSet; exclude: PrincipalSet } {
  const path = ['conditions', 'users'];
  ctx.extra.copyUnknown(
    users,
    ['includeUsers', 'excludeUsers', 'includeGroups', 'excludeGroups', 'includeRoles', 'excludeRoles',
      'includeGuestsOrExternalUsers', 'excludeGuestsOrExternalUsers'],
    path,
  );
  return { include: readPrincipalSet(ctx, users, 'include'), exclude: readPrincipalSet(ctx, users, 'exclude') };
}

function readPrincipalSet(ctx: ReadContext, users: JsonRecord, side: 'include' | 'exclude'): PrincipalSet {
  const path = ['conditions', 'users'];
  const set = emptyPrincipalSet();
  for (const u of readIdList(ctx, users, `${side}Users`, path, USER_SPECIALS)) {
    if (u === 'All') set.all = true;
    else if (u === 'None') set.none = true;
    else if (u === 'GuestsOrExternalUsers') set.allGuests = true;
    else set.users.push(u);
  }
  set.groups = readIdList(ctx, users, `${side}Groups`, path);
  set.roles = readIdList(ctx, users, `${side}Roles`, path);
  const guests = readGuests(ctx, prop(users, `${side}GuestsOrExternalUsers`), [...path, `${side}GuestsOrExternalUsers`]);
  if (guests) set.guests = guests;
  return set;
}

function readGuests(ctx: ReadContext, g: unknown, path: string[]): GuestSelector | undefined {
  if (g === null || g === undefined) return undefined;
  if (!isRecord(g)) {
    nonObject(ctx, path, g);
    return undefined;
  }
  ctx.extra.copyUnknown(g, ['guestOrExternalUserTypes', 'externalTenants'], path);
  const types = readEnumList(ctx, g, 'guestOrExternalUserTypes', path, GUEST_TYPES, ['none']);
  const selector: GuestSelector = { types };
  const tenants = prop(g, 'externalTenants');
  if (isRecord(tenants)) {
    const tPath = [...path, 'externalTenants'];
    ctx.extra.copyUnknown(tenants, ['membershipKind', 'members'], tPath);
    const kindRaw = prop(tenants, 'membershipKind');
    const kind = typeof kindRaw === 'string' ? kindRaw.toLowerCase() : kindRaw;
    const members = readIdList(ctx, tenants, 'members', tPath);
    if (kind === 'all') selector.tenants = 'all';
    else if (kind === 'enumerated' || ((kind === null || kind === undefined) && members.length > 0)) selector.tenants = members;
    else if (kind !== null && kind !== undefined) {
      warn(ctx, [...tPath, 'membershipKind'], `unknown value ${JSON.stringify(kindRaw)}; kept in extra`);
      ctx.extra.set(tPath, tenants);
    }
  } else if (tenants !== null && tenants !== undefined) nonObject(ctx, [...path, 'externalTenants'], tenants);
  if (types.length === 0) {
    // Graph allows tenants only with types; with no types the selector selects nobody, so keep it verbatim.
    if (selector.tenants !== undefined) {
      warn(ctx, path, 'external tenants without guest types; kept in extra');
      ctx.extra.set(path, g);
    }
    return undefined;
  }
  return selector;
}

/**
 * A policy targets one kind: user actions, else authentication contexts, else apps. Lists of the other kinds that
 * are not empty (Graph rejects that) stay in extra with a warning.
 */
function readTarget(ctx: ReadContext, apps: JsonRecord): Target {
  const path = ['conditions', 'applications'];
  ctx.extra.copyUnknown(
    apps,
    ['includeApplications', 'excludeApplications', 'includeUserActions', 'includeAuthenticationContextClassReferences'],
    path,
  );
  const include = readIdList(ctx, apps, 'includeApplications', path, APP_SPECIALS);
  const exclude = readIdList(ctx, apps, 'excludeApplications', path, APP_SPECIALS);
  const actionsRaw = readIdList(ctx, apps, 'includeUserActions', path);
  const refs = readIdList(ctx, apps, 'includeAuthenticationContextClassReferences', path);

  const unused = (keys: string[]): void => {
    for (const key of keys) {
      if (stringList(prop(apps, key)).items.length === 0) continue;
      warn(ctx, [...path, key], 'ignored: a policy targets one kind (user actions, authentication contexts or apps); kept in extra');
      ctx.extra.set([...path, key], prop(apps, key));
    }
  };

  if (actionsRaw.length > 0) {
    const actions: UserAction[] = [];
    const unknown: string[] = [];
    for (const a of actionsRaw) {
      const action = (Object.keys(USER_ACTION_URNS) as UserAction[]).find((k) => USER_ACTION_URNS[k] === a.toLowerCase());
      if (action) pushUnique(actions, action);
      else unknown.push(a);
    }
    if (unknown.length > 0) {
      warn(ctx, [...path, 'includeUserActions'], `unknown user action ${unknown.map((u) => `'${u}'`).join(', ')}; kept in extra`);
      ctx.extra.set([...path, 'includeUserActions'], prop(apps, 'includeUserActions'));
    }
    unused(['includeApplications', 'excludeApplications', 'includeAuthenticationContextClassReferences']);
    return { kind: 'userActions', actions };
  }
  if (refs.length > 0) {
    unused(['includeApplications', 'excludeApplications']);
    return { kind: 'authContext', refs };
  }
  return { kind: 'apps', include, exclude };
}

function readPlatforms(ctx: ReadContext, p: unknown): { include: (Platform | 'all')[]; exclude: Platform[] } | undefined {
  const path = ['conditions', 'platforms'];
  if (!isRecord(p)) {
    // `[]` is how some exports write "not configured".
    if (p !== null && p !== undefined && !(Array.isArray(p) && p.length === 0)) nonObject(ctx, path, p);
    return undefined;
  }
  ctx.extra.copyUnknown(p, ['includePlatforms', 'excludePlatforms'], path);
  const include = readEnumList<Platform | 'all'>(ctx, p, 'includePlatforms', path, [...PLATFORMS, 'all']);
  const exclude = readEnumList(ctx, p, 'excludePlatforms', path, PLATFORMS);
  return include.length > 0 || exclude.length > 0 ? { include, exclude } : undefined;
}

function readLocations(ctx: ReadContext, l: unknown): IncludeExclude<string> | undefined {
  const path = ['conditions', 'locations'];
  if (!isRecord(l)) {
    if (l !== null && l !== undefined && !(Array.isArray(l) && l.length === 0)) nonObject(ctx, path, l);
    return undefined;
  }
  ctx.extra.copyUnknown(l, ['includeLocations', 'excludeLocations'], path);
  const include = readIdList(ctx, l, 'includeLocations', path, LOCATION_SPECIALS);
  const exclude = readIdList(ctx, l, 'excludeLocations', path, LOCATION_SPECIALS);
  return include.length > 0 || exclude.length > 0 ? { include, exclude } : undefined;
}

function readDeviceFilter(ctx: ReadContext, f: unknown): DeviceFilter | undefined {
  const path = ['conditions', 'devices', 'deviceFilter'];
  if (f === null || f === undefined) return undefined;
  if (!isRecord(f)) {
    nonObject(ctx, path, f);
    return undefined;
  }
  ctx.extra.copyUnknown(f, ['mode', 'rule'], path);
  const modeRaw = prop(f, 'mode');
  const mode = typeof modeRaw === 'string' ? canonical(modeRaw, ['include', 'exclude'] as const) : undefined;
  const rule = prop(f, 'rule');
  if (typeof rule === 'string' && rule.trim() !== '' && mode) return { mode, rule };
  if (rule === null || rule === undefined || rule === '') return undefined;
  warn(ctx, path, 'needs mode include|exclude and a rule string; kept in extra');
  ctx.extra.set(path, f);
  return undefined;
}
