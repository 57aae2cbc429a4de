// Hand-computed cases for the naive reference evaluator: every rule of the evaluation contract.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { Policy, PolicySet, PrincipalSet, SignIn } from '../../src/model.js';
import { conditionsThatCannotMatch, inWindow, minimalCnf, naiveEvaluate } from './naive-evaluator.js';
import {
  A, G, L, R, STRENGTH_FIDO, TENANT_FABRIKAM, TENANT_OTHER, TERMS, U, arbPolicySet, arbSignIn, baseDirectory,
  baseNamedLocations,
} from './arbitraries.js';

const none = (): PrincipalSet => ({ users: [], groups: [], roles: [] });
const everyone = (): PrincipalSet => ({ all: true, users: [], groups: [], roles: [] });

function pol(id: string, over: Partial<Policy> = {}): Policy {
  return {
    id, name: id, state: 'enabled',
    users: { include: everyone(), exclude: none() },
    target: { kind: 'apps', include: ['All'], exclude: [] },
    grant: { kind: 'controls', operator: 'AND', controls: ['mfa'] },
    ...over,
  };
}

function mkSet(policies: Policy[], opts: { v6Trusted?: boolean; includeUnknown?: boolean } = {}): PolicySet {
  return { policies, namedLocations: baseNamedLocations(opts.v6Trusted ?? false, opts.includeUnknown ?? true), directory: baseDirectory() };
}

/** A complete sign-in (no missing input). */
function sign(over: Partial<SignIn> = {}): SignIn {
  return {
    userId: U.alice, target: { kind: 'application', appId: A.exchange }, ipAddress: '198.51.100.7', country: 'US',
    devicePlatform: 'windows', clientAppType: 'browser', signInRisk: 'none', userRisk: 'none', insiderRisk: 'none',
    authenticationFlow: 'none', time: '2026-06-15T12:00:00Z',
    ...over,
  };
}

function without(s: SignIn, ...keys: (keyof SignIn)[]): SignIn {
  const c: SignIn = { ...s };
  for (const k of keys) delete c[k];
  return c;
}

const reg = (properties: Record<string, string | boolean>) => ({ registered: true, properties });
const reason = (set: PolicySet, s: SignIn, mode: 'strict' | 'lenient' = 'strict', i = 0) =>
  naiveEvaluate(set, s, mode).policies[i]!.analysisReasons;

describe('naive evaluator: grants and combination', () => {
  it('compliantDevice OR mfa on a non-compliant device requires [[mfa]]', () => {
    const set = mkSet([pol('p', { grant: { kind: 'controls', operator: 'OR', controls: ['compliantDevice', 'mfa'] } })]);
    const r = naiveEvaluate(set, sign({ device: reg({ isCompliant: false, trustType: 'Workplace' }) }), 'strict');
    expect(r.outcome).toBe('requires');
    expect(r.requires).toEqual([['mfa']]);
    // a compliant registered device discharges the clause
    expect(naiveEvaluate(set, sign({ device: reg({ isCompliant: true }) })).outcome).toBe('allow');
    // an unregistered device's properties are null, whatever it carries
    const unreg = naiveEvaluate(set, sign({ device: { registered: false, properties: { isCompliant: true } } }));
    expect(unreg.requires).toEqual([['mfa']]);
    // a satisfied control discharges
    expect(naiveEvaluate(set, sign({ satisfied: ['mfa'] })).outcome).toBe('allow');
  });

  it('AND gives one clause per control; a clause left with no interactive control blocks', () => {
    const set = mkSet([pol('p', { grant: { kind: 'controls', operator: 'AND', controls: ['mfa', 'compliantDevice'] } })]);
    expect(naiveEvaluate(set, sign()).outcome).toBe('block');
    const ok = naiveEvaluate(set, sign({ device: reg({ isCompliant: true }) }));
    expect(ok).toMatchObject({ outcome: 'requires', requires: [['mfa']] });
    expect(naiveEvaluate(set, sign({ device: reg({ isCompliant: true }), satisfied: ['mfa'] })).outcome).toBe('allow');
  });

  it('a missing operator means AND', () => {
    const grant = { kind: 'controls', controls: ['mfa', TERMS] } as unknown as Policy['grant'];
    const r = naiveEvaluate(mkSet([pol('p', { grant })]), sign());
    expect(r.requires).toEqual([['mfa'], [TERMS]]);
  });

  it('domainJoinedDevice is met by trustType ServerAD on a registered device', () => {
    const set = mkSet([pol('p', { grant: { kind: 'controls', operator: 'AND', controls: ['domainJoinedDevice'] } })]);
    expect(naiveEvaluate(set, sign({ device: reg({ trustType: 'ServerAD' }) })).outcome).toBe('allow');
    expect(naiveEvaluate(set, sign({ device: reg({ trustType: 'AzureAD' }) })).outcome).toBe('block');
    expect(naiveEvaluate(set, sign({ device: { registered: false, properties: { trustType: 'ServerAD' } } })).outcome).toBe('block');
  });

  it('non-interactive controls drop out; only satisfied lists discharge app controls', () => {
    const set = mkSet([pol('p', { grant: { kind: 'controls', operator: 'OR', controls: ['approvedApplication', 'compliantApplication'] } })]);
    expect(naiveEvaluate(set, sign()).outcome).toBe('block');
    expect(naiveEvaluate(set, sign({ satisfied: ['compliantApplication'] })).outcome).toBe('allow');
    const mixed = mkSet([pol('p', { grant: { kind: 'controls', operator: 'OR', controls: ['approvedApplication', TERMS, STRENGTH_FIDO] } })]);
    expect(naiveEvaluate(mixed, sign()).requires).toEqual([[STRENGTH_FIDO, TERMS]]);
  });

  it('legacy clients with any clause are blocked, even when it is already satisfied', () => {
    const set = mkSet([pol('p')]);
    for (const client of ['exchangeActiveSync', 'easSupported', 'other'] as const) {
      expect(naiveEvaluate(set, sign({ clientAppType: client, satisfied: ['mfa'] })).outcome).toBe('block');
    }
    expect(naiveEvaluate(set, sign({ clientAppType: 'mobileAppsAndDesktopClients' })).outcome).toBe('requires');
    // session-only policy: no clause, legacy is fine
    const sessionOnly: Policy = { id: 's', name: 's', state: 'enabled', users: { include: everyone(), exclude: none() },
      target: { kind: 'apps', include: ['All'], exclude: [] }, session: { signInFrequency: 60 } };
    expect(naiveEvaluate(mkSet([sessionOnly]), sign({ clientAppType: 'other' })).outcome).toBe('allow');
    expect(naiveEvaluate(mkSet([sessionOnly]), sign()).outcome).toBe('allow');
  });

  it('block wins over grants', () => {
    const set = mkSet([pol('a'), pol('b', { grant: { kind: 'block' } })]);
    expect(naiveEvaluate(set, sign({ satisfied: ['mfa'] }))).toMatchObject({ outcome: 'block', requires: [] });
  });

  it('the requirement is printed as minimal sorted CNF across policies', () => {
    const set = mkSet([
      pol('a', { grant: { kind: 'controls', operator: 'OR', controls: [TERMS, 'mfa'] } }),
      pol('b', { grant: { kind: 'controls', operator: 'AND', controls: ['passwordChange', 'mfa'] } }),
      pol('c', { grant: { kind: 'controls', operator: 'OR', controls: ['mfa', 'passwordChange'] } }),
      pol('d', { grant: { kind: 'controls', operator: 'OR', controls: [STRENGTH_FIDO, 'compliantDevice'] } }),
    ]);
    expect(naiveEvaluate(set, sign()).requires).toEqual([[STRENGTH_FIDO], ['mfa'], ['passwordChange']]);
    expect(naiveEvaluate(set, sign({ satisfied: ['mfa'] })).requires).toEqual([[STRENGTH_FIDO], ['passwordChange']]);
  });

  it('minimalCnf drops supersets and duplicates and sorts', () => {
    expect(minimalCnf([['b', 'a'], ['a'], ['c', 'b'], ['b', 'c'], ['a', 'd']])).toEqual([['a'], ['b', 'c']]);
    expect(minimalCnf([])).toEqual([]);
  });

  it('report-only policies count only for the shadow decision', () => {
    const set = mkSet([pol('p', { state: 'enabledForReportingButNotEnforced', grant: { kind: 'block' } }), pol('q', { state: 'enabledForReportingButNotEnforced' })]);
    const r = naiveEvaluate(set, sign());
    expect(r).toMatchObject({ outcome: 'allow', requires: [], shadowOutcome: 'block', shadowRequires: [] });
    expect(r.policies.map((p) => p.policyApplies)).toEqual([true, true]);
    const grantOnly = naiveEvaluate(mkSet([pol('q', { state: 'enabledForReportingButNotEnforced' }), pol('e', { grant: { kind: 'controls', operator: 'AND', controls: [TERMS] } })]), sign());
    expect(grantOnly).toMatchObject({ outcome: 'requires', requires: [[TERMS]], shadowOutcome: 'requires', shadowRequires: [['mfa'], [TERMS]] });
  });

  it('disabled policies never apply (policyNotEnabled comes first)', () => {
    const set = mkSet([pol('p', { state: 'disabled', users: { include: { none: true, users: [], groups: [], roles: [] }, exclude: none() } })]);
    const r = naiveEvaluate(set, sign());
    expect(r.outcome).toBe('allow');
    expect(r.shadowOutcome).toBe('allow');
    expect(r.policies[0]).toEqual({ id: 'p', policyApplies: false, analysisReasons: 'policyNotEnabled' });
  });
});

describe('naive evaluator: users', () => {
  it('exclude wins', () => {
    const set = mkSet([pol('p', { users: { include: { ...none(), users: [U.alice] }, exclude: { ...none(), groups: [G.finance] } } })]);
    expect(reason(set, sign())).toBe('users');
    expect(reason(set, sign({ userId: U.bob }))).toBe('users');
  });

  it('users all includes guests and undeclared users; none matches nobody', () => {
    const set = mkSet([pol('p')]);
    expect(reason(set, sign({ userId: U.eve }))).toBe('notSet');
    expect(reason(set, sign({ userId: U.zed }))).toBe('notSet');
    const nobody = mkSet([pol('p', { users: { include: { none: true, users: [], groups: [], roles: [] }, exclude: none() } })]);
    expect(reason(nobody, sign())).toBe('users');
    // nobody is nobody, even when the user is missing
    expect(reason(nobody, without(sign(), 'userId'))).toBe('users');
  });

  it('nested groups are transitive; memberOf of a nested group implies the outer group; open groups need memberOf', () => {
    const inFinance = mkSet([pol('p', { users: { include: { ...none(), groups: [G.finance] }, exclude: none() } })]);
    expect(reason(inFinance, sign({ userId: U.carol }))).toBe('notSet'); // carol ∈ leads ∈ finance
    expect(reason(inFinance, sign({ userId: U.bob }))).toBe('users');
    expect(reason(inFinance, sign({ userId: U.bob, memberOf: [G.contractors] }))).toBe('notSet'); // contractors ∈ finance
    expect(reason(inFinance, sign({ userId: U.bob, memberOf: [G.leads] }))).toBe('notSet');
    const contractors = mkSet([pol('p', { users: { include: { ...none(), groups: [G.contractors] }, exclude: none() } })]);
    expect(reason(contractors, sign({ userId: U.alice }))).toBe('users');
    expect(reason(contractors, sign({ userId: U.alice, memberOf: [G.contractors] }))).toBe('notSet');
  });

  it('roles come from the directory and from the sign-in', () => {
    const admins = mkSet([pol('p', { users: { include: { ...none(), roles: [R.globalAdmin] }, exclude: none() } })]);
    expect(reason(admins, sign({ userId: U.carol }))).toBe('notSet');
    expect(reason(admins, sign({ userId: U.alice }))).toBe('users');
    expect(reason(admins, sign({ userId: U.zed, roles: [R.globalAdmin] }))).toBe('notSet');
  });

  it('guests: allGuests, typed guests and tenant restrictions', () => {
    const all = mkSet([pol('p', { users: { include: { ...none(), allGuests: true }, exclude: none() } })]);
    expect(reason(all, sign({ userId: U.eve }))).toBe('notSet');
    expect(reason(all, sign({ userId: U.alice }))).toBe('users');
    expect(reason(all, sign({ userId: U.zed, guestType: 'internalGuest' }))).toBe('notSet');
    const typed = (tenants?: 'all' | string[]) => mkSet([pol('p', { users: {
      include: { ...none(), guests: { types: ['b2bCollaborationGuest'], ...(tenants === undefined ? {} : { tenants }) } }, exclude: none() } })]);
    expect(reason(typed(), sign({ userId: U.eve }))).toBe('notSet');
    expect(reason(typed('all'), sign({ userId: U.eve }))).toBe('notSet');
    expect(reason(typed([TENANT_FABRIKAM]), sign({ userId: U.eve }))).toBe('notSet');
    expect(reason(typed([TENANT_OTHER]), sign({ userId: U.eve }))).toBe('users');
    expect(reason(typed([TENANT_OTHER]), sign({ userId: U.eve, homeTenantId: TENANT_OTHER }))).toBe('notSet');
    expect(reason(typed(), sign({ userId: U.zed, guestType: 'serviceProvider' }))).toBe('users');
  });

  it('a missing user matters only where it could change the result', () => {
    const s = without(sign(), 'userId');
    expect(reason(mkSet([pol('p')]), s)).toBe('notSet');
    const excl = mkSet([pol('p', { users: { include: everyone(), exclude: { ...none(), users: [U.alice] } } })]);
    expect(reason(excl, s, 'strict')).toBe('notEnoughInformation');
    expect(reason(excl, s, 'lenient')).toBe('notSet');
    // stated memberships decide on their own: any user stated in leads is in finance
    const fin = mkSet([pol('p', { users: { include: { ...none(), groups: [G.finance] }, exclude: none() } })]);
    expect(reason(fin, { ...s, memberOf: [G.leads] })).toBe('notSet');
    expect(reason(fin, s)).toBe('notEnoughInformation');
  });
});

describe('naive evaluator: target', () => {
  it('suites expand in policies only', () => {
    const o365 = mkSet([pol('p', { target: { kind: 'apps', include: ['Office365'], exclude: [] } })]);
    expect(reason(o365, sign({ target: { kind: 'application', appId: A.sharePoint } }))).toBe('notSet');
    expect(reason(o365, sign({ target: { kind: 'application', appId: 'Office365' } }))).toBe('application');
    expect(reason(o365, sign({ target: { kind: 'application', appId: A.payroll } }))).toBe('application');
    const allButO365 = mkSet([pol('p', { target: { kind: 'apps', include: ['All'], exclude: ['Office365'] } })]);
    expect(reason(allButO365, sign({ target: { kind: 'application', appId: A.exchange } }))).toBe('application');
    expect(reason(allButO365, sign({ target: { kind: 'application', appId: 'Office365' } }))).toBe('notSet');
    expect(reason(allButO365, sign({ target: { kind: 'application', appId: A.payroll } }))).toBe('notSet');
  });

  it('a target of another kind fails the policy target condition, named after the sign-in context kind', () => {
    const apps = mkSet([pol('p')]);
    expect(reason(apps, sign({ target: { kind: 'userAction', action: 'registerDevice' } }))).toBe('userActions');
    const actions = mkSet([pol('p', { target: { kind: 'userActions', actions: ['registerSecurityInfo'] } })]);
    expect(reason(actions, sign())).toBe('application');
    expect(reason(actions, sign({ target: { kind: 'userAction', action: 'registerSecurityInfo' } }))).toBe('notSet');
    expect(reason(actions, sign({ target: { kind: 'userAction', action: 'registerDevice' } }))).toBe('userActions');
    const ctx = mkSet([pol('p', { target: { kind: 'authContext', refs: ['c1'] } })]);
    expect(reason(ctx, sign({ target: { kind: 'authContext', id: 'c1' } }))).toBe('notSet');
    expect(reason(ctx, sign({ target: { kind: 'authContext', id: 'c2' } }))).toBe('authenticationContext');
    expect(reason(ctx, without(sign(), 'target'))).toBe('notEnoughInformation');
  });
});

describe('naive evaluator: platform, devices, client apps', () => {
  it('unknown platform matches only include all, and no concrete exclude removes it', () => {
    const all = mkSet([pol('p', { platforms: { include: ['all'], exclude: ['windows', 'iOS', 'android', 'macOS', 'linux', 'windowsPhone'] } })]);
    expect(reason(all, sign({ devicePlatform: 'unknown' }))).toBe('notSet');
    expect(reason(all, sign({ devicePlatform: 'linux' }))).toBe('devicePlatform');
    const listed = mkSet([pol('p', { platforms: { include: ['windows', 'macOS', 'iOS', 'android', 'linux', 'windowsPhone'], exclude: [] } })]);
    expect(reason(listed, sign({ devicePlatform: 'unknown' }))).toBe('devicePlatform');
    expect(reason(listed, sign({ devicePlatform: 'iOS' }))).toBe('notSet');
    // missing platform: the listed policy could go either way; include all without exclusions cannot
    expect(reason(listed, without(sign(), 'devicePlatform'))).toBe('notEnoughInformation');
    expect(reason(mkSet([pol('p', { platforms: { include: ['all'], exclude: [] } })]), without(sign(), 'devicePlatform'))).toBe('notSet');
  });

  it('device filters: include when the rule is true, exclude when false, null semantics when unregistered', () => {
    const incNe = mkSet([pol('p', { deviceFilter: { mode: 'include', rule: 'device.deviceOwnership -ne "Company"' } })]);
    expect(reason(incNe, sign())).toBe('notSet'); // null -ne → true
    expect(reason(incNe, sign({ device: reg({ deviceOwnership: 'Company' }) }))).toBe('devices');
    expect(reason(incNe, sign({ device: reg({ deviceOwnership: 'Personal' }) }))).toBe('notSet');
    const excManaged = mkSet([pol('p', { deviceFilter: { mode: 'exclude', rule: 'device.isCompliant -eq True -or device.trustType -eq "ServerAD"' } })]);
    expect(reason(excManaged, sign())).toBe('notSet'); // unregistered: rule false → applies
    expect(reason(excManaged, sign({ device: { registered: false, properties: { isCompliant: true } } }))).toBe('notSet');
    expect(reason(excManaged, sign({ device: reg({ isCompliant: true }) }))).toBe('devices');
    expect(reason(excManaged, sign({ device: reg({ isCompliant: false, trustType: 'ServerAD' }) }))).toBe('devices');
    expect(reason(excManaged, sign({ device: reg({ isCompliant: false, trustType: 'Workplace' }) }))).toBe('notSet');
    const surface = mkSet([pol('p', { deviceFilter: { mode: 'include', rule: 'device.model -startsWith "Surface"' } })]);
    expect(reason(surface, sign())).toBe('devices');
    expect(reason(surface, sign({ device: reg({ model: 'Surface Pro' }) }))).toBe('notSet');
    const notSurface = mkSet([pol('p', { deviceFilter: { mode: 'include', rule: 'device.model -notStartsWith "Surface"' } })]);
    expect(reason(notSurface, sign())).toBe('notSet');
    // string operations are case-insensitive in Entra's rule language
    expect(reason(surface, sign({ device: reg({ model: 'surface go' }) }))).toBe('notSet');
    expect(reason(notSurface, sign({ device: reg({ model: 'SURFACE Pro' }) }))).toBe('devices');
    const kiosk = mkSet([pol('p', { deviceFilter: { mode: 'include', rule: 'device.displayName -contains "KIOSK"' } })]);
    expect(reason(kiosk, sign({ device: reg({ displayName: 'desk-kiosk' }) }))).toBe('notSet');
    expect(reason(kiosk, sign({ device: reg({ displayName: 'LAPTOP-7' }) }))).toBe('devices');
    expect(reason(incNe, sign({ device: reg({ deviceOwnership: 'company' }) }))).toBe('devices');
    // a registered device lacking a property: that property is null
    expect(reason(surface, sign({ device: reg({ isCompliant: true }) }))).toBe('devices');
    expect(reason(notSurface, sign({ device: reg({ isCompliant: true }) }))).toBe('notSet');
  });

  it('client app types', () => {
    const set = mkSet([pol('p', { clientAppTypes: ['exchangeActiveSync', 'other'], grant: { kind: 'block' } })]);
    expect(reason(set, sign())).toBe('clientApps');
    expect(naiveEvaluate(set, sign({ clientAppType: 'other' })).outcome).toBe('block');
    expect(reason(set, without(sign(), 'clientAppType'), 'strict')).toBe('notEnoughInformation');
    expect(reason(set, without(sign(), 'clientAppType'), 'lenient')).toBe('notSet');
  });
});

describe('naive evaluator: locations', () => {
  it('CIDR matching for IPv4 and IPv6; AllTrusted; exclude wins', () => {
    const hq = mkSet([pol('p', { locations: { include: [L.hq, L.v6], exclude: [] } })]);
    expect(reason(hq, sign({ ipAddress: '203.0.113.77' }))).toBe('notSet');
    expect(reason(hq, sign({ ipAddress: '203.0.114.1' }))).toBe('location');
    expect(reason(hq, sign({ ipAddress: '2001:db8:1:abcd::1' }))).toBe('notSet');
    expect(reason(hq, sign({ ipAddress: '2001:db8:2::1' }))).toBe('location');
    const untrusted = (v6Trusted: boolean) => mkSet([pol('p', { locations: { include: ['All'], exclude: ['AllTrusted'] } })], { v6Trusted });
    expect(reason(untrusted(false), sign({ ipAddress: '203.0.113.1' }))).toBe('location');
    expect(reason(untrusted(false), sign({ ipAddress: '2001:db8:1::1' }))).toBe('notSet');
    expect(reason(untrusted(true), sign({ ipAddress: '2001:db8:1::1' }))).toBe('location');
    expect(reason(untrusted(false), sign({ ipAddress: '198.51.100.7' }))).toBe('notSet');
  });

  it('countries; unknown country matches only with includeUnknownCountries', () => {
    const outside = (includeUnknown: boolean) => mkSet([pol('p', { locations: { include: ['All'], exclude: [L.countries] }, grant: { kind: 'block' } })], { includeUnknown });
    expect(naiveEvaluate(outside(true), sign({ country: 'NL' })).outcome).toBe('allow');
    expect(naiveEvaluate(outside(true), sign({ country: 'US' })).outcome).toBe('block');
    expect(naiveEvaluate(outside(true), sign({ country: 'unknown' })).outcome).toBe('allow');
    expect(naiveEvaluate(outside(false), sign({ country: 'unknown' })).outcome).toBe('block');
  });

  it('missing IP / country matters only where it could change the result', () => {
    const noIp = without(sign(), 'ipAddress');
    expect(reason(mkSet([pol('p', { locations: { include: ['All'], exclude: [] } })]), without(noIp, 'country'))).toBe('notSet');
    const hq = mkSet([pol('p', { locations: { include: [L.hq], exclude: [] } })]);
    expect(reason(hq, noIp, 'strict')).toBe('notEnoughInformation');
    expect(reason(hq, noIp, 'lenient')).toBe('notSet');
    const untrusted = mkSet([pol('p', { locations: { include: ['All'], exclude: ['AllTrusted'] } })]);
    expect(reason(untrusted, noIp)).toBe('notEnoughInformation');
    // a country-only condition needs no IP
    const countries = mkSet([pol('p', { locations: { include: [L.countries], exclude: [] } })]);
    expect(reason(countries, { ...noIp, country: 'BE' })).toBe('notSet');
    expect(reason(countries, { ...noIp, country: 'US' })).toBe('location');
    expect(reason(countries, { ...sign(), country: undefined } as SignIn)).toBe('notEnoughInformation');
  });
});

describe('naive evaluator: risks, flows, time, reason order', () => {
  it('risk, insider risk and flow lists', () => {
    const set = mkSet([pol('p', { signInRisk: ['medium', 'high'], userRisk: ['high'], insiderRisk: ['elevated'], authenticationFlows: ['deviceCodeFlow'] })]);
    expect(reason(set, sign())).toBe('signInRisk');
    expect(reason(set, sign({ signInRisk: 'high' }))).toBe('userRisk');
    expect(reason(set, sign({ signInRisk: 'high', userRisk: 'high' }))).toBe('insiderRisk');
    expect(reason(set, sign({ signInRisk: 'high', userRisk: 'high', insiderRisk: 'elevated' }))).toBe('authenticationFlow');
    expect(reason(set, sign({ signInRisk: 'high', userRisk: 'high', insiderRisk: 'elevated', authenticationFlow: 'deviceCodeFlow' }))).toBe('notSet');
  });

  it('a list covering every level needs no input (could not change the result)', () => {
    const set = mkSet([pol('p', { signInRisk: ['none', 'low', 'medium', 'high', 'hidden'] })]);
    expect(reason(set, without(sign(), 'signInRisk'))).toBe('notSet');
  });

  it('first failing condition in the contract order; missing input reports at its own slot', () => {
    const set = mkSet([pol('p', {
      users: { include: { ...none(), users: [U.bob] }, exclude: none() },
      platforms: { include: ['iOS'], exclude: [] },
      locations: { include: [L.hq], exclude: [] },
      signInRisk: ['high'],
    })]);
    expect(reason(set, sign())).toBe('users');
    expect(reason(set, sign({ userId: U.bob }))).toBe('devicePlatform');
    expect(reason(set, without(sign({ userId: U.bob, devicePlatform: 'iOS' }), 'ipAddress'), 'strict')).toBe('notEnoughInformation');
    expect(reason(set, without(sign({ userId: U.bob, devicePlatform: 'iOS' }), 'ipAddress'), 'lenient')).toBe('signInRisk');
    expect(reason(set, sign({ userId: U.bob, devicePlatform: 'iOS', ipAddress: '203.0.113.1' }))).toBe('signInRisk');
    // a failing condition before the missing one wins
    expect(reason(set, without(sign({ userId: U.bob }), 'ipAddress'))).toBe('devicePlatform');
  });

  it('time windows: wrap past midnight belongs to the listed day', () => {
    const monNight = { days: [1], start: 22 * 60, end: 2 * 60, zone: 'Europe/Amsterdam' };
    expect(inWindow(monNight, '2026-06-15T21:30:00Z')).toBe(true); // Mon 23:30
    expect(inWindow(monNight, '2026-06-15T23:30:00Z')).toBe(true); // Tue 01:30
    expect(inWindow(monNight, '2026-06-14T23:30:00Z')).toBe(false); // Mon 01:30 (Sunday's night)
    expect(inWindow(monNight, '2026-06-15T12:00:00Z')).toBe(false);
    expect(inWindow(monNight, '2026-06-16T01:30:00+02:00')).toBe(true); // same as Tue 01:30 with an offset
  });

  it('time windows across DST switches use the zone rules, not a fixed offset', () => {
    const satNight = { days: [6], start: 23 * 60, end: 3 * 60, zone: 'Europe/Amsterdam' };
    expect(inWindow(satNight, '2026-03-29T00:30:00Z')).toBe(true); // Sun 01:30 CET
    expect(inWindow(satNight, '2026-03-29T00:59:00Z')).toBe(true); // Sun 01:59 CET
    expect(inWindow(satNight, '2026-03-29T01:00:00Z')).toBe(false); // Sun 03:00 CEST (fixed +1 would say 02:00)
    expect(inWindow(satNight, '2026-10-25T01:59:00Z')).toBe(true); // Sun 02:59 CET (fixed +2 would say 03:59)
    expect(inWindow(satNight, '2026-10-25T02:00:00Z')).toBe(false); // Sun 03:00 CET
    const nySunday = { days: [0], start: 60, end: 180, zone: 'America/New_York' };
    expect(inWindow(nySunday, '2026-03-08T06:30:00Z')).toBe(true); // 01:30 EST
    expect(inWindow(nySunday, '2026-03-08T07:30:00Z')).toBe(false); // 03:30 EDT (fixed -5 would say 02:30)
  });

  it('time condition: outside → time; missing time → missing input', () => {
    const set = mkSet([pol('p', { times: [{ days: [1, 2, 3, 4, 5], start: 8 * 60, end: 18 * 60, zone: 'Europe/Amsterdam' }] })]);
    expect(reason(set, sign())).toBe('notSet'); // Mon 14:00
    expect(reason(set, sign({ time: '2026-06-15T17:00:00Z' }))).toBe('time'); // Mon 19:00
    expect(reason(set, without(sign(), 'time'), 'strict')).toBe('notEnoughInformation');
    expect(reason(set, without(sign(), 'time'), 'lenient')).toBe('notSet');
  });

  it('strict vs lenient changes the outcome', () => {
    const set = mkSet([pol('p', { locations: { include: [L.hq], exclude: [] }, grant: { kind: 'block' } })]);
    const s = without(sign(), 'ipAddress');
    expect(naiveEvaluate(set, s, 'strict').outcome).toBe('allow');
    expect(naiveEvaluate(set, s, 'lenient').outcome).toBe('block');
  });
});

describe('naive evaluator: conditions no sign-in can match', () => {
  it('are found, and with missing input they fail instead of lacking information', () => {
    const dead = pol('p', {
      target: { kind: 'apps', include: ['None'], exclude: [] },
      platforms: { include: ['windows'], exclude: ['windows'] },
      locations: { include: ['AllTrusted'], exclude: [L.hq] }, // hq is the only trusted location
    });
    const set = mkSet([dead]);
    expect(conditionsThatCannotMatch(set, dead)).toEqual(['application', 'devicePlatform', 'location']);
    expect(conditionsThatCannotMatch(mkSet([pol('q')]), pol('q'))).toEqual([]);
    expect(reason(set, without(sign(), 'target'), 'lenient')).toBe('application');
    const platformOnly = mkSet([pol('p', { platforms: { include: ['windows'], exclude: ['windows'] } })]);
    expect(reason(platformOnly, without(sign(), 'devicePlatform'), 'strict')).toBe('devicePlatform');
    expect(naiveEvaluate(platformOnly, without(sign(), 'devicePlatform'), 'lenient').outcome).toBe('allow');
  });
});

describe('arbitraries', () => {
  it('generate policy sets and sign-ins the naive evaluator accepts', () => {
    fc.assert(fc.property(arbPolicySet(), arbSignIn(), (set, s) => {
      expect(set.policies.length).toBeGreaterThanOrEqual(1);
      expect(set.policies.length).toBeLessThanOrEqual(12);
      naiveEvaluate(set, s, 'strict');
      naiveEvaluate(set, s, 'lenient');
    }), { numRuns: 500, seed: 1 });
  });

  it('cover every outcome and every reason', () => {
    const outcomes = new Set<string>();
    const reasons = new Set<string>();
    fc.assert(fc.property(arbPolicySet(), arbSignIn(), (set, s) => {
      for (const mode of ['strict', 'lenient'] as const) {
        const r = naiveEvaluate(set, s, mode);
        outcomes.add(r.outcome);
        for (const p of r.policies) reasons.add(p.analysisReasons);
      }
    }), { numRuns: 3000, seed: 2 });
    expect([...outcomes].sort()).toEqual(['allow', 'block', 'requires']);
    expect([...reasons].sort()).toEqual([
      'application', 'authenticationContext', 'authenticationFlow', 'clientApps', 'devicePlatform', 'devices',
      'insiderRisk', 'location', 'notEnoughInformation', 'notSet', 'policyNotEnabled', 'signInRisk', 'time', 'userActions',
      'userRisk', 'users',
    ]);
  });
});
