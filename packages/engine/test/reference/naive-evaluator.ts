// A deliberately NAIVE reference evaluator for Conditional Access, written independently of
// packages/engine/src/evaluate (it must never import from there). It exists only to cross-check the real, optimised
// evaluator in property tests. Everything is plain loops over plain arrays; clarity beats speed.
//
// Semantics implemented (from the project's evaluation contract, LANGUAGE.md §4 and research/ca-semantics.md §2):
//  * A policy applies iff every configured condition matches; unconfigured conditions match everything.
//  * "Missing input only matters where it could change the result": when a condition needs a sign-in field that is
//    missing, we evaluate the condition for EVERY possible value of that field (a finite set of representatives that
//    covers every equivalence class). If all completions agree, that is the condition's result; otherwise the
//    condition has missing input: strict → it does not match (reason notEnoughInformation), lenient → it matches.
//    Exception (contract): a configured `times` with no sign-in time is always missing input.
//  * The first failing condition (in CONDITION_ORDER) gives the policy's analysisReasons.
//  * Grants → CNF clauses, discharge, drop non-interactive members, minimal form (see `decide`).
//
// Readings of the contract this file commits to (each one is a hand-written unit test too):
//  * A sign-in without userId has missing input for `users`; the possible users are every directory user, every
//    user id a policy names, and one undeclared user, each with the sign-in's stated memberOf / roles / guest type
//    added (stated values win for guestType / homeTenantId; roles are the union of stated and directory roles).
//  * A target of another kind than the policy's fails the policy's target condition, reported under the SIGN-IN's
//    context kind (contract: "a target condition is checked by the sign-in's context kind": a user-action policy on
//    an app sign-in → `application`); with no sign-in target, under the policy's kind.
//  * `anonymous: true` (a scenario's `user { … }`) is none of the declared or named users.
//  * A wrapping window (end < start) opened on a listed day runs into the next day: `mon 22:00-02:00` covers
//    Tuesday 01:30, not Monday 01:30. Start inclusive, end exclusive, minute resolution, IANA zone rules (DST).
//  * Legacy clients are blocked by any clause of an applicable enforced policy, even one already discharged.
//  * compliantDevice / domainJoinedDevice are met only by a registered device (isCompliant true / trustType ServerAD).
//  * Device-filter string comparisons are case-insensitive (Entra's rule syntax: "String and regex operations aren't
//    case sensitive"); a registered device lacking a property has that property null.
//
// Device filters: only a small fixed menu of rule strings is understood (DEVICE_FILTER_MENU); their meaning is
// hard-coded as plain predicates with Entra's null semantics, so this file does not depend on the real parser.

import ipaddr from 'ipaddr.js';
import { DateTime } from 'luxon';
import type {
  AnalysisReason, ClientAppType, Control, DeviceProperties, InsiderRiskLevel, Platform, Policy, PolicySet, PrincipalSet,
  RiskLevel, SignIn, SignInTarget, TimeWindow, TransferMethod, UserAction,
} from '../../src/model.js';

export type NaiveMode = 'strict' | 'lenient';
export type NaiveOutcome = 'allow' | 'block' | 'requires';

export interface NaivePolicyResult { id: string; policyApplies: boolean; analysisReasons: string }

export interface NaiveResult {
  outcome: NaiveOutcome;
  requires: string[][];
  shadowOutcome: NaiveOutcome;
  shadowRequires: string[][];
  policies: NaivePolicyResult[];
}

// ---------------------------------------------------------------------------------------------------------------
// Fixed vocabularies (spelled out here instead of imported, so a typo in the model constants would show up)

const ALL_PLATFORMS: Platform[] = ['android', 'iOS', 'windows', 'windowsPhone', 'macOS', 'linux'];
const ALL_CLIENT_APP_TYPES: ClientAppType[] = ['browser', 'mobileAppsAndDesktopClients', 'exchangeActiveSync', 'easSupported', 'other'];
const LEGACY_CLIENTS: ClientAppType[] = ['exchangeActiveSync', 'easSupported', 'other'];
const ALL_RISK_LEVELS: RiskLevel[] = ['none', 'low', 'medium', 'high', 'hidden'];
const ALL_INSIDER_LEVELS: (InsiderRiskLevel | 'none')[] = ['none', 'minor', 'moderate', 'elevated'];
const ALL_FLOWS: (TransferMethod | 'none')[] = ['none', 'deviceCodeFlow', 'authenticationTransfer'];
const ALL_USER_ACTIONS: UserAction[] = ['registerSecurityInfo', 'registerDevice'];

/** A value no test data uses, standing for "some other user / app / context / country". */
const FRESH = '__naive_fresh__';

// ---------------------------------------------------------------------------------------------------------------
// Device-filter menu: rule text → predicate over the device's properties (null = unregistered device).

type Props = DeviceProperties | null;

function prop(p: Props, name: string): string | boolean | string[] | undefined {
  if (p === null) return undefined;
  return p[name];
}
// Entra (dynamic-membership rule syntax, reused by device filters): "String and regex operations aren't case
// sensitive", so every string comparison below lower-cases both sides.
const low = (x: string) => x.toLowerCase();

/** -eq: null → false. */
function eq(p: Props, name: string, value: string | boolean): boolean {
  const v = prop(p, name);
  if (v === undefined || v === null) return false;
  if (typeof value === 'boolean') return v === value;
  return typeof v === 'string' && low(v) === low(value);
}
/** -ne: null → true. */
function ne(p: Props, name: string, value: string | boolean): boolean {
  const v = prop(p, name);
  if (v === undefined || v === null) return true;
  return !eq(p, name, value);
}
/** -startsWith: null → false. */
function startsWith(p: Props, name: string, value: string): boolean {
  const v = prop(p, name);
  if (typeof v !== 'string') return false;
  return low(v).startsWith(low(value));
}
/** -notStartsWith: null → true. */
function notStartsWith(p: Props, name: string, value: string): boolean {
  const v = prop(p, name);
  if (typeof v !== 'string') return true;
  return !low(v).startsWith(low(value));
}
/** -contains on a string property: substring; null → false. */
function contains(p: Props, name: string, value: string): boolean {
  const v = prop(p, name);
  if (typeof v !== 'string') return false;
  return low(v).includes(low(value));
}

export const DEVICE_FILTER_MENU: Record<string, (p: Props) => boolean> = {
  'device.isCompliant -eq True': (p) => eq(p, 'isCompliant', true),
  'device.trustType -eq "ServerAD"': (p) => eq(p, 'trustType', 'ServerAD'),
  'device.deviceOwnership -ne "Company"': (p) => ne(p, 'deviceOwnership', 'Company'),
  'device.isCompliant -eq True -or device.trustType -eq "ServerAD"': (p) => eq(p, 'isCompliant', true) || eq(p, 'trustType', 'ServerAD'),
  'device.isCompliant -eq True -and device.deviceOwnership -eq "Company"': (p) => eq(p, 'isCompliant', true) && eq(p, 'deviceOwnership', 'Company'),
  'device.model -startsWith "Surface"': (p) => startsWith(p, 'model', 'Surface'),
  'device.model -notStartsWith "Surface"': (p) => notStartsWith(p, 'model', 'Surface'),
  'device.displayName -contains "KIOSK"': (p) => contains(p, 'displayName', 'KIOSK'),
};
export const DEVICE_FILTER_RULES: string[] = Object.keys(DEVICE_FILTER_MENU);

function deviceProps(signIn: SignIn): Props {
  // device undefined = unregistered; an unregistered device has every property null, whatever is attached to it.
  if (signIn.device === undefined || !signIn.device.registered) return null;
  return signIn.device.properties;
}

// ---------------------------------------------------------------------------------------------------------------
// Users

function directoryUser(set: PolicySet, userId: string) {
  for (const u of set.directory.users) if (u.id === userId) return u;
  return undefined;
}

/** Every group the user is a member of: stated memberOf, directory members, transitively through nesting. */
export function groupsOf(set: PolicySet, userId: string, memberOf: string[] | undefined): string[] {
  const result: string[] = [];
  for (const g of memberOf ?? []) if (!result.includes(g)) result.push(g);
  for (const g of set.directory.groups) {
    if (g.members !== undefined && g.members.includes(userId) && !result.includes(g.id)) result.push(g.id);
  }
  let changed = true;
  while (changed) {
    changed = false;
    for (const g of set.directory.groups) {
      if (result.includes(g.id) || g.members === undefined) continue;
      for (const m of g.members) {
        if (result.includes(m)) { result.push(g.id); changed = true; break; }
      }
    }
  }
  return result;
}

interface Who { userId: string; groups: string[]; roles: string[]; guestType?: string; tenant?: string }

function whoIs(set: PolicySet, signIn: SignIn, userId: string): Who {
  const du = directoryUser(set, userId);
  const roles: string[] = [];
  for (const r of signIn.roles ?? []) if (!roles.includes(r)) roles.push(r);
  for (const r of du?.roles ?? []) if (!roles.includes(r)) roles.push(r);
  const who: Who = { userId, groups: groupsOf(set, userId, signIn.memberOf), roles };
  const guestType = signIn.guestType ?? du?.guestType;
  if (guestType !== undefined) who.guestType = guestType;
  const tenant = signIn.homeTenantId ?? du?.tenantId;
  if (tenant !== undefined) who.tenant = tenant;
  return who;
}

function principalSetMatches(ps: PrincipalSet, who: Who): boolean {
  if (ps.all === true) return true;
  if (ps.users.includes(who.userId)) return true;
  for (const g of ps.groups) if (who.groups.includes(g)) return true;
  for (const r of ps.roles) if (who.roles.includes(r)) return true;
  if (ps.allGuests === true && who.guestType !== undefined) return true;
  if (ps.guests !== undefined && who.guestType !== undefined && (ps.guests.types as string[]).includes(who.guestType)) {
    const tenants = ps.guests.tenants;
    if (tenants === undefined || tenants === 'all') return true;
    if (who.tenant !== undefined && tenants.includes(who.tenant)) return true;
  }
  return false;
}

function usersMatch(set: PolicySet, policy: Policy, signIn: SignIn): boolean {
  const users = policy.users!;
  const who = whoIs(set, signIn, signIn.userId!);
  const included = users.include.none === true ? false : principalSetMatches(users.include, who);
  const excluded = principalSetMatches(users.exclude, who);
  return included && !excluded;
}

// ---------------------------------------------------------------------------------------------------------------
// Target

function expandApps(set: PolicySet, ids: string[]): string[] {
  const out: string[] = [];
  for (const id of ids) {
    const suite = set.directory.apps.find((a) => a.id === id && a.members !== undefined);
    if (suite !== undefined) {
      for (const m of suite.members!) if (!out.includes(m)) out.push(m);
    } else if (!out.includes(id)) {
      out.push(id);
    }
  }
  return out;
}

/** The target condition is named after the sign-in's context kind (the policy's when the sign-in has none). */
function targetReason(policy: Policy, signIn: SignIn): AnalysisReason {
  const sk = signIn.target?.kind;
  if (sk === 'application') return 'application';
  if (sk === 'userAction') return 'userActions';
  if (sk === 'authContext') return 'authenticationContext';
  const kind = policy.target!.kind;
  if (kind === 'apps') return 'application';
  if (kind === 'userActions') return 'userActions';
  return 'authenticationContext';
}

function targetMatch(set: PolicySet, policy: Policy, signIn: SignIn): boolean {
  const t = policy.target!;
  const s = signIn.target!;
  if (t.kind === 'apps') {
    if (s.kind !== 'application') return false;
    const included = t.include.includes('All') || expandApps(set, t.include).includes(s.appId);
    const excluded = expandApps(set, t.exclude).includes(s.appId);
    return included && !excluded;
  }
  if (t.kind === 'userActions') {
    if (s.kind !== 'userAction') return false;
    return t.actions.includes(s.action);
  }
  if (s.kind !== 'authContext') return false;
  return t.refs.includes(s.id);
}

// ---------------------------------------------------------------------------------------------------------------
// Location

function ipInCidr(ip: string, cidr: string): boolean {
  const addr = ipaddr.parse(ip);
  const [net, bits] = ipaddr.parseCIDR(cidr);
  if (addr.kind() !== net.kind()) return false;
  return addr.match(net, bits);
}

function namedLocationContains(set: PolicySet, locId: string, ip: string, country: string): boolean {
  const loc = set.namedLocations.find((l) => l.id === locId);
  if (loc === undefined) return false;
  if (loc.kind === 'ip') {
    for (const r of loc.ipRanges ?? []) if (ipInCidr(ip, r)) return true;
    return false;
  }
  if (loc.kind === 'country') {
    if (country === 'unknown') return loc.includeUnknownCountries === true;
    return (loc.countries ?? []).includes(country);
  }
  return false; // compliantNetwork: a sign-in never carries it
}

function locationEntryMatches(set: PolicySet, entry: string, ip: string, country: string): boolean {
  if (entry === 'All') return true;
  if (entry === 'AllTrusted') {
    for (const loc of set.namedLocations) {
      if (loc.trusted === true && (loc.kind === 'ip' || loc.kind === 'compliantNetwork')
        && namedLocationContains(set, loc.id, ip, country)) return true;
    }
    return false;
  }
  return namedLocationContains(set, entry, ip, country);
}

function locationMatch(set: PolicySet, policy: Policy, signIn: SignIn): boolean {
  const l = policy.locations!;
  const ip = signIn.ipAddress!;
  const country = signIn.country!;
  let included = false;
  for (const e of l.include) if (locationEntryMatches(set, e, ip, country)) included = true;
  let excluded = false;
  for (const e of l.exclude) if (locationEntryMatches(set, e, ip, country)) excluded = true;
  return included && !excluded;
}

// ---------------------------------------------------------------------------------------------------------------
// Time

export function localWeekdayAndMinutes(instant: string, zone: string): { day: number; minutes: number } {
  const dt = DateTime.fromISO(instant, { setZone: true }).setZone(zone);
  if (!dt.isValid) throw new Error(`naive: bad instant ${instant} or zone ${zone}`);
  return { day: dt.weekday % 7, minutes: dt.hour * 60 + dt.minute };
}

export function inWindow(w: TimeWindow, instant: string): boolean {
  const { day, minutes } = localWeekdayAndMinutes(instant, w.zone);
  if (w.start === w.end) throw new Error('naive: a window with start == end is not specified');
  if (w.start < w.end) return w.days.includes(day) && w.start <= minutes && minutes < w.end;
  // end < start: the window opened on a listed day runs past midnight into the next day.
  const previous = (day + 6) % 7;
  return (w.days.includes(day) && minutes >= w.start) || (w.days.includes(previous) && minutes < w.end);
}

// ---------------------------------------------------------------------------------------------------------------
// Conditions: configured?, which sign-in fields they need, and the plain match on fully known fields.

type Field = 'userId' | 'target' | 'devicePlatform' | 'clientAppType' | 'ipAddress' | 'country' | 'signInRisk'
  | 'userRisk' | 'insiderRisk' | 'authenticationFlow' | 'time';

interface Condition {
  reason: (p: Policy, s: SignIn) => AnalysisReason;
  configured: (p: Policy) => boolean;
  fields: Field[];
  match: (set: PolicySet, p: Policy, s: SignIn) => boolean;
}

const CONDITIONS: Condition[] = [
  { reason: () => 'users', configured: (p) => p.users !== undefined, fields: ['userId'], match: usersMatch },
  { reason: targetReason, configured: (p) => p.target !== undefined, fields: ['target'], match: targetMatch },
  {
    reason: () => 'devicePlatform', configured: (p) => p.platforms !== undefined, fields: ['devicePlatform'],
    match: (_set, p, s) => {
      const plat = s.devicePlatform!;
      const inc = p.platforms!.include;
      const included = inc.includes('all') || (plat !== 'unknown' && (inc as string[]).includes(plat));
      const excluded = (p.platforms!.exclude as string[]).includes(plat);
      return included && !excluded;
    },
  },
  {
    reason: () => 'devices', configured: (p) => p.deviceFilter !== undefined, fields: [],
    match: (_set, p, s) => {
      const predicate = DEVICE_FILTER_MENU[p.deviceFilter!.rule];
      if (predicate === undefined) throw new Error(`naive: device filter not in the menu: ${p.deviceFilter!.rule}`);
      const value = predicate(deviceProps(s));
      return p.deviceFilter!.mode === 'include' ? value : !value;
    },
  },
  {
    reason: () => 'clientApps', configured: (p) => p.clientAppTypes !== undefined && p.clientAppTypes.length > 0,
    fields: ['clientAppType'], match: (_set, p, s) => p.clientAppTypes!.includes(s.clientAppType!),
  },
  {
    reason: () => 'location', configured: (p) => p.locations !== undefined, fields: ['ipAddress', 'country'],
    match: locationMatch,
  },
  {
    reason: () => 'signInRisk', configured: (p) => p.signInRisk !== undefined && p.signInRisk.length > 0,
    fields: ['signInRisk'], match: (_set, p, s) => p.signInRisk!.includes(s.signInRisk!),
  },
  {
    reason: () => 'userRisk', configured: (p) => p.userRisk !== undefined && p.userRisk.length > 0,
    fields: ['userRisk'], match: (_set, p, s) => p.userRisk!.includes(s.userRisk!),
  },
  {
    reason: () => 'insiderRisk', configured: (p) => p.insiderRisk !== undefined && p.insiderRisk.length > 0,
    fields: ['insiderRisk'], match: (_set, p, s) => (p.insiderRisk as string[]).includes(s.insiderRisk!),
  },
  {
    reason: () => 'authenticationFlow', configured: (p) => p.authenticationFlows !== undefined && p.authenticationFlows.length > 0,
    fields: ['authenticationFlow'], match: (_set, p, s) => (p.authenticationFlows as string[]).includes(s.authenticationFlow!),
  },
  {
    reason: () => 'time', configured: (p) => p.times !== undefined && p.times.length > 0, fields: ['time'],
    match: (_set, p, s) => p.times!.some((w) => inWindow(w, s.time!)),
  },
];

// ---------------------------------------------------------------------------------------------------------------
// Completions of missing fields: finite representatives covering every equivalence class.

function ipToBigInt(ip: string): { kind: 'ipv4' | 'ipv6'; value: bigint } {
  const a = ipaddr.parse(ip);
  let v = 0n;
  for (const b of a.toByteArray()) v = v * 256n + BigInt(b);
  return { kind: a.kind(), value: v };
}

function bigIntToIp(kind: 'ipv4' | 'ipv6', value: bigint): string {
  const len = kind === 'ipv4' ? 4 : 16;
  const bytes: number[] = [];
  let v = value;
  for (let i = 0; i < len; i++) { bytes.unshift(Number(v % 256n)); v = v / 256n; }
  return ipaddr.fromByteArray(bytes).toString();
}

/**
 * Every region of a family of CIDR blocks (nested or disjoint) starts at 0, at some block's first address or right
 * after some block's last address; those addresses (plus each block's last address) represent every region.
 */
function ipRepresentatives(set: PolicySet): string[] {
  const out: string[] = ['0.0.0.0', '255.255.255.255', '::', 'ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff', '8.8.8.8', '2606:4700::1111'];
  for (const loc of set.namedLocations) {
    for (const cidr of loc.ipRanges ?? []) {
      const [net, bits] = ipaddr.parseCIDR(cidr);
      const kind = net.kind();
      const width = kind === 'ipv4' ? 32 : 128;
      const start = (ipToBigInt(net.toString()).value >> BigInt(width - bits)) << BigInt(width - bits);
      const end = start + (1n << BigInt(width - bits)) - 1n;
      const max = (1n << BigInt(width)) - 1n;
      out.push(bigIntToIp(kind, start), bigIntToIp(kind, end));
      if (end < max) out.push(bigIntToIp(kind, end + 1n));
      if (start > 0n) out.push(bigIntToIp(kind, start - 1n));
    }
  }
  return out;
}

function targetRepresentatives(set: PolicySet): SignInTarget[] {
  const appIds: string[] = [FRESH];
  // 'All' / 'None' are policy keywords, not apps a sign-in can target.
  const add = (id: string) => { if (id !== 'All' && id !== 'None' && !appIds.includes(id)) appIds.push(id); };
  for (const a of set.directory.apps) { add(a.id); for (const m of a.members ?? []) add(m); }
  const contexts: string[] = [FRESH];
  for (const c of set.directory.authContexts) if (!contexts.includes(c.id)) contexts.push(c.id);
  for (const p of set.policies) {
    if (p.target?.kind === 'apps') { for (const id of [...p.target.include, ...p.target.exclude]) add(id); }
    if (p.target?.kind === 'authContext') { for (const id of p.target.refs) if (!contexts.includes(id)) contexts.push(id); }
  }
  const out: SignInTarget[] = [];
  for (const appId of appIds) out.push({ kind: 'application', appId });
  for (const action of ALL_USER_ACTIONS) out.push({ kind: 'userAction', action });
  for (const id of contexts) out.push({ kind: 'authContext', id });
  return out;
}

function representatives(set: PolicySet, field: Field): unknown[] {
  switch (field) {
    case 'userId': {
      const out: string[] = [FRESH];
      for (const u of set.directory.users) if (!out.includes(u.id)) out.push(u.id);
      for (const p of set.policies) {
        for (const id of [...(p.users?.include.users ?? []), ...(p.users?.exclude.users ?? [])]) if (!out.includes(id)) out.push(id);
      }
      return out;
    }
    case 'target': return targetRepresentatives(set);
    case 'devicePlatform': return [...ALL_PLATFORMS, 'unknown'];
    case 'clientAppType': return [...ALL_CLIENT_APP_TYPES];
    case 'ipAddress': return ipRepresentatives(set);
    case 'country': {
      const out: string[] = ['unknown', 'ZZ'];
      for (const l of set.namedLocations) for (const c of l.countries ?? []) if (!out.includes(c)) out.push(c);
      return out;
    }
    case 'signInRisk': return [...ALL_RISK_LEVELS];
    case 'userRisk': return [...ALL_RISK_LEVELS];
    case 'insiderRisk': return [...ALL_INSIDER_LEVELS];
    case 'authenticationFlow': return [...ALL_FLOWS];
    case 'time': throw new Error('naive: time is never completed');
  }
}

/** Every sign-in obtained by filling the missing `fields` of `signIn` with representatives. */
function completions(set: PolicySet, signIn: SignIn, fields: Field[]): SignIn[] {
  let acc: SignIn[] = [signIn];
  for (const f of fields) {
    if (signIn[f] !== undefined) continue;
    const next: SignIn[] = [];
    // An anonymous identity is none of the declared or named users: only the fresh user completes it.
    const values = f === 'userId' && signIn.anonymous ? [FRESH] : representatives(set, f);
    for (const s of acc) for (const v of values) next.push({ ...s, [f]: v } as SignIn);
    acc = next;
  }
  return acc;
}

type CondStatus = 'match' | 'fail' | 'missing';

function conditionStatus(set: PolicySet, policy: Policy, cond: Condition, signIn: SignIn): CondStatus {
  const missing = cond.fields.filter((f) => signIn[f] === undefined);
  if (missing.length === 0) return cond.match(set, policy, signIn) ? 'match' : 'fail';
  if (missing.includes('time')) return 'missing'; // contract: configured times + no time = missing input
  let sawMatch = false;
  let sawFail = false;
  for (const s of completions(set, signIn, missing)) {
    if (cond.match(set, policy, s)) sawMatch = true; else sawFail = true;
  }
  if (sawMatch && sawFail) return 'missing';
  return sawMatch ? 'match' : 'fail';
}

/**
 * The configured conditions of `policy` that no sign-in at all can match (e.g. apps include None, platforms include
 * windows exclude windows): evaluated with every input missing, every completion fails. Device filters and times are
 * not considered.
 */
export function conditionsThatCannotMatch(set: PolicySet, policy: Policy): AnalysisReason[] {
  const out: AnalysisReason[] = [];
  for (const cond of CONDITIONS) {
    if (!cond.configured(policy) || cond.fields.length === 0 || cond.fields.includes('time')) continue;
    if (conditionStatus(set, policy, cond, {}) === 'fail') out.push(cond.reason(policy, {}));
  }
  return out;
}

export function naivePolicyResult(set: PolicySet, policy: Policy, signIn: SignIn, mode: NaiveMode): NaivePolicyResult {
  if (policy.state === 'disabled') return { id: policy.id, policyApplies: false, analysisReasons: 'policyNotEnabled' };
  for (const cond of CONDITIONS) {
    if (!cond.configured(policy)) continue;
    const status = conditionStatus(set, policy, cond, signIn);
    if (status === 'fail') return { id: policy.id, policyApplies: false, analysisReasons: cond.reason(policy, signIn) };
    if (status === 'missing' && mode === 'strict') {
      return { id: policy.id, policyApplies: false, analysisReasons: 'notEnoughInformation' };
    }
  }
  return { id: policy.id, policyApplies: true, analysisReasons: 'notSet' };
}

// ---------------------------------------------------------------------------------------------------------------
// Grant combination

export function isInteractive(c: Control): boolean {
  return c === 'mfa' || c === 'passwordChange' || c.startsWith('authenticationStrength:') || c.startsWith('termsOfUse:')
    || c.startsWith('customFactor:');
}

function discharged(clause: Control[], signIn: SignIn): boolean {
  const satisfied = signIn.satisfied ?? [];
  const props = deviceProps(signIn);
  for (const c of clause) {
    if (satisfied.includes(c)) return true;
    if (c === 'compliantDevice' && props !== null && props['isCompliant'] === true) return true;
    if (c === 'domainJoinedDevice' && props !== null && props['trustType'] === 'ServerAD') return true;
  }
  return false;
}

function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Minimal CNF: members deduplicated and sorted; drop clauses that contain another; clauses sorted by joined text. */
export function minimalCnf(clauses: string[][]): string[][] {
  const cleaned: string[][] = [];
  for (const c of clauses) {
    const members: string[] = [];
    for (const m of c) if (!members.includes(m)) members.push(m);
    members.sort(compareStrings);
    cleaned.push(members);
  }
  const kept: string[][] = [];
  for (let i = 0; i < cleaned.length; i++) {
    const ci = cleaned[i]!;
    let drop = false;
    for (let j = 0; j < cleaned.length; j++) {
      if (i === j) continue;
      const cj = cleaned[j]!;
      const cjInCi = cj.every((m) => ci.includes(m));
      if (!cjInCi) continue;
      // cj ⊆ ci: drop ci if strictly larger, or if equal and a copy appears earlier.
      if (cj.length < ci.length || j < i) { drop = true; break; }
    }
    if (!drop) kept.push(ci);
  }
  kept.sort((a, b) => compareStrings(a.join(','), b.join(',')));
  return kept;
}

function decide(counted: Policy[], signIn: SignIn): { outcome: NaiveOutcome; requires: string[][] } {
  for (const p of counted) if (p.grant?.kind === 'block') return { outcome: 'block', requires: [] };
  const clauses: Control[][] = [];
  for (const p of counted) {
    const g = p.grant;
    if (g === undefined || g.kind !== 'controls' || g.controls.length === 0) continue; // session only
    const operator: string = g.operator ?? 'AND';
    if (operator === 'OR') clauses.push([...g.controls]);
    else for (const c of g.controls) clauses.push([c]);
  }
  if (clauses.length === 0) return { outcome: 'allow', requires: [] };
  if (signIn.clientAppType !== undefined && LEGACY_CLIENTS.includes(signIn.clientAppType)) {
    return { outcome: 'block', requires: [] };
  }
  const remaining: Control[][] = [];
  for (const clause of clauses) {
    if (discharged(clause, signIn)) continue;
    const interactive = clause.filter(isInteractive);
    if (interactive.length === 0) return { outcome: 'block', requires: [] };
    remaining.push(interactive);
  }
  if (remaining.length === 0) return { outcome: 'allow', requires: [] };
  return { outcome: 'requires', requires: minimalCnf(remaining) };
}

export function naiveEvaluate(set: PolicySet, signIn: SignIn, mode: NaiveMode = 'strict'): NaiveResult {
  const policies: NaivePolicyResult[] = [];
  const enforced: Policy[] = [];
  const shadow: Policy[] = [];
  for (const p of set.policies) {
    const r = naivePolicyResult(set, p, signIn, mode);
    policies.push(r);
    if (!r.policyApplies) continue;
    if (p.state === 'enabled') enforced.push(p);
    if (p.state === 'enabled' || p.state === 'enabledForReportingButNotEnforced') shadow.push(p);
  }
  const real = decide(enforced, signIn);
  const sh = decide(shadow, signIn);
  return { outcome: real.outcome, requires: real.requires, shadowOutcome: sh.outcome, shadowRequires: sh.requires, policies };
}
