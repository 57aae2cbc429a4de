// Model → Graph write bodies (issue #5 part 2): one test per Graph quirk, and a property test that random valid
// policies survive export → read unchanged.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  BUILT_IN_CONTROLS, CLIENT_APP_TYPES, GUEST_TYPES, PLATFORMS, RISK_LEVELS, emptyPrincipalSet,
  type Control, type Policy, type PrincipalSet,
} from '../src/model.js';
import { readGraphDocument } from '../src/graph/index.js';
import {
  betaOnlyPaths, mergeExtra, namedLocationToGraph, policyExportProblems, policyToGraph, removeBetaOnly, signInToGraphRequest,
} from '../src/export/index.js';

const base = (over: Partial<Policy> = {}): Policy => ({
  id: 'P1', name: 'P1', displayName: 'P1', state: 'enabled',
  users: { include: { ...emptyPrincipalSet(), all: true }, exclude: emptyPrincipalSet() },
  target: { kind: 'apps', include: ['All'], exclude: [] },
  ...over,
});

describe('policyToGraph', () => {
  it('writes a POST body: no id or templateId unless asked, required properties spelled out', () => {
    const body = policyToGraph(base({ id: '0b7a9f8e-1111-4222-8333-944455556666', templateId: 't1', grant: { kind: 'block' } }));
    expect(body).toEqual({
      displayName: 'P1', state: 'enabled',
      conditions: { users: { includeUsers: ['All'] }, applications: { includeApplications: ['All'] }, clientAppTypes: ['all'] },
      grantControls: { operator: 'OR', builtInControls: ['block'] },
    });
    const kept = policyToGraph(base({ id: '0b7a9f8e-1111-4222-8333-944455556666', templateId: 't1' }), { keepIds: true });
    expect(kept.id).toBe('0b7a9f8e-1111-4222-8333-944455556666');
    expect(kept.templateId).toBe('t1');
  });

  it('writes flags enums as comma-separated strings', () => {
    const body = policyToGraph(base({
      insiderRisk: ['moderate', 'elevated'], authenticationFlows: ['deviceCodeFlow', 'authenticationTransfer'],
      users: { include: { ...emptyPrincipalSet(), guests: { types: ['internalGuest', 'b2bCollaborationGuest'], tenants: 'all' } }, exclude: emptyPrincipalSet() },
    })) as { conditions: Record<string, any> };
    expect(body.conditions.insiderRiskLevels).toBe('moderate,elevated');
    expect(body.conditions.authenticationFlows).toEqual({ transferMethods: 'deviceCodeFlow,authenticationTransfer' });
    expect(body.conditions.users.includeGuestsOrExternalUsers).toEqual({
      guestOrExternalUserTypes: 'internalGuest,b2bCollaborationGuest',
      externalTenants: { '@odata.type': '#microsoft.graph.conditionalAccessAllExternalTenants', membershipKind: 'all' },
    });
  });

  it('maps controls: strength { id }, terms [id], custom factors, user actions to URNs', () => {
    const body = policyToGraph(base({
      target: { kind: 'userActions', actions: ['registerDevice'] },
      grant: { kind: 'controls', operator: 'AND', controls: ['mfa', 'authenticationStrength:s1', 'termsOfUse:t1', 'customFactor:c1'] },
    })) as Record<string, any>;
    expect(body.conditions.applications).toEqual({ includeUserActions: ['urn:user:registerdevice'] });
    expect(body.grantControls).toEqual({ operator: 'AND', builtInControls: ['mfa'], authenticationStrength: { id: 's1' }, termsOfUse: ['t1'], customAuthenticationFactors: ['c1'] });
  });

  it('keeps the unit of a sign-in frequency: 24 hours stays hours, 1 day days', () => {
    const sif = (minutes: number, unit?: 'hours' | 'days') =>
      (policyToGraph(base({ session: { signInFrequency: minutes, ...(unit ? { signInFrequencyUnit: unit } : {}) } })) as any).sessionControls.signInFrequency;
    expect(sif(1440, 'hours')).toEqual({ isEnabled: true, value: 24, type: 'hours' });
    expect(sif(1440)).toEqual({ isEnabled: true, value: 1, type: 'days' });
    expect(sif(720)).toEqual({ isEnabled: true, value: 12, type: 'hours' });
    expect((policyToGraph(base({ session: { signInFrequency: 'everyTime' } })) as any).sessionControls.signInFrequency)
      .toEqual({ isEnabled: true, frequencyInterval: 'everyTime' });
  });

  it('lays extra over the model: a disabled control or an unusual operator the reader kept wins', () => {
    const read = readGraphDocument({
      displayName: 'X', state: 'enabled',
      conditions: { users: { includeUsers: ['All'] }, applications: { includeApplications: ['All'] }, clientAppTypes: ['all'] },
      grantControls: { operator: 'AND', builtInControls: ['block'] },
      sessionControls: { persistentBrowser: { isEnabled: false, mode: 'always' }, disableResilienceDefaults: false },
      partialEnablementStrategy: { mode: 'x' },
    }, 'x.json').policies[0]!;
    const body = policyToGraph(read) as Record<string, any>;
    expect(body.grantControls).toEqual({ operator: 'AND', builtInControls: ['block'] });
    expect(body.sessionControls).toEqual({ persistentBrowser: { isEnabled: false, mode: 'always' }, disableResilienceDefaults: false });
    expect(body.partialEnablementStrategy).toEqual({ mode: 'x' });
    expect(mergeExtra({ a: { b: 1, c: 2 } }, { a: { c: 3 } })).toEqual({ a: { b: 1, c: 3 } });
  });

  it('names a read-back strength by id only', () => {
    const read = readGraphDocument({
      displayName: 'X', state: 'enabled', conditions: { applications: { includeApplications: ['All'] }, users: { includeUsers: ['All'] } },
      grantControls: { operator: 'OR', authenticationStrength: { id: 's1', displayName: 'Strong', allowedCombinations: ['fido2'] } },
    }, 'x.json').policies[0]!;
    expect((policyToGraph(read) as any).grantControls).toEqual({ operator: 'OR', authenticationStrength: { id: 's1' } });
  });

  it('reports what Entra cannot take, and what only beta takes', () => {
    const p = base({ times: [{ days: [1], start: 0, end: 60, zone: 'UTC' }], session: { signInFrequency: 90, continuousAccessEvaluation: 'strictLocation' } });
    const body = policyToGraph(p);
    expect(policyExportProblems(p, body, 'graph-beta')).toEqual([
      'time windows (`during`): Entra has no time condition',
      'signInFrequency of 90 minutes: Entra takes whole hours or days',
    ]);
    expect(betaOnlyPaths(body)).toEqual(['sessionControls.continuousAccessEvaluation']);
    expect(betaOnlyPaths(removeBetaOnly(body))).toEqual([]);
  });
});

describe('namedLocationToGraph', () => {
  it('writes typed ranges in CIDR form and the derived @odata.type', () => {
    expect(namedLocationToGraph({ id: 'HQ', name: 'HQ', kind: 'ip', ipRanges: ['198.51.100.7', '2001:db8::/48'], trusted: true })).toEqual({
      '@odata.type': '#microsoft.graph.ipNamedLocation', displayName: 'HQ', isTrusted: true,
      ipRanges: [
        { '@odata.type': '#microsoft.graph.iPv4CidrRange', cidrAddress: '198.51.100.7/32' },
        { '@odata.type': '#microsoft.graph.iPv6CidrRange', cidrAddress: '2001:db8::/48' },
      ],
    });
  });
});

describe('signInToGraphRequest', () => {
  it('uses What If vocabulary and Graph device names', () => {
    const body = signInToGraphRequest({
      userId: 'u1', target: { kind: 'userAction', action: 'registerSecurityInfo' }, devicePlatform: 'iOS',
      device: { registered: true, properties: { deviceId: 'd1', deviceOwnership: 'Company', isCompliant: true } },
    });
    expect(body).toEqual({
      signInIdentity: { '@odata.type': '#microsoft.graph.userSignIn', userId: 'u1' },
      signInContext: { '@odata.type': '#microsoft.graph.userActionContext', userAction: 'registerSecurityInformation' },
      signInConditions: { devicePlatform: 'iOS', deviceInfo: { deviceId: 'd1', ownership: 'Company', isCompliant: true } },
      appliedPoliciesOnly: false,
    });
  });
});

// ---------------------------------------------------------------------------------------------------------------
// Property: random valid policies survive export → read.

const id = fc.uuid();
const ids = fc.uniqueArray(id, { maxLength: 3 });
const subset = <T>(xs: readonly T[]) => fc.subarray([...xs], { minLength: 1 });

const principals: fc.Arbitrary<PrincipalSet> = fc.record({
  all: fc.boolean(), none: fc.boolean(), allGuests: fc.boolean(), users: ids, groups: ids, roles: ids,
  guests: fc.option(fc.record({ types: subset(GUEST_TYPES), tenants: fc.option(fc.oneof(fc.constant('all' as const), fc.uniqueArray(id, { minLength: 1, maxLength: 2 })), { nil: undefined }) }), { nil: undefined }),
}).map((s) => {
  const out: PrincipalSet = { users: s.users, groups: s.groups, roles: s.roles };
  if (s.all) out.all = true;
  if (s.none) out.none = true;
  if (s.allGuests) out.allGuests = true;
  if (s.guests) {
    out.guests = { types: s.guests.types };
    if (s.guests.tenants !== undefined) out.guests.tenants = s.guests.tenants;
  }
  return out;
});

const grant = fc.oneof(
  fc.constant({ kind: 'block' as const }),
  fc.record({
    operator: fc.constantFrom('AND' as const, 'OR' as const),
    builtIns: fc.subarray(BUILT_IN_CONTROLS.filter((c) => c !== 'passwordChange')),
    strength: fc.option(id, { nil: undefined }), terms: ids, custom: ids,
  }).filter((g) => g.builtIns.length + g.terms.length + g.custom.length + (g.strength ? 1 : 0) > 0).map((g) => ({
    kind: 'controls' as const, operator: g.operator,
    controls: [...g.builtIns, ...(g.strength ? [`authenticationStrength:${g.strength}`] : []), ...g.terms.map((t) => `termsOfUse:${t}`), ...g.custom.map((c) => `customFactor:${c}`)] as Control[],
  })),
);

const policy: fc.Arbitrary<Policy> = fc.record({
  id, displayName: fc.string({ minLength: 1, maxLength: 30 }).filter((s) => s.trim() !== ''),
  state: fc.constantFrom('enabled' as const, 'disabled' as const, 'enabledForReportingButNotEnforced' as const),
  include: principals, exclude: principals,
  target: fc.oneof(
    fc.record({ kind: fc.constant('apps' as const), include: fc.uniqueArray(fc.oneof(id, fc.constantFrom('All', 'Office365')), { minLength: 1, maxLength: 3 }), exclude: ids }),
    fc.record({ kind: fc.constant('userActions' as const), actions: fc.subarray(['registerSecurityInfo', 'registerDevice'] as const, { minLength: 1 }) }),
    fc.record({ kind: fc.constant('authContext' as const), refs: fc.uniqueArray(fc.integer({ min: 1, max: 99 }).map((n) => `c${n}`), { minLength: 1, maxLength: 3 }) }),
  ),
  platforms: fc.option(fc.record({ include: subset([...PLATFORMS, 'all' as const]), exclude: fc.subarray([...PLATFORMS]) }), { nil: undefined }),
  clientAppTypes: fc.option(subset(CLIENT_APP_TYPES), { nil: undefined }),
  signInRisk: fc.option(subset(RISK_LEVELS), { nil: undefined }),
  insiderRisk: fc.option(subset(['minor', 'moderate', 'elevated'] as const), { nil: undefined }),
  deviceFilter: fc.option(fc.record({ mode: fc.constantFrom('include' as const, 'exclude' as const), rule: fc.constant('device.isCompliant -eq True') }), { nil: undefined }),
  grant: fc.option(grant, { nil: undefined }),
  sif: fc.option(fc.oneof(fc.constant('everyTime' as const), fc.integer({ min: 1, max: 720 }).map((h) => h * 60)), { nil: undefined }),
  future: fc.option(fc.dictionary(fc.constantFrom('futureA', 'futureB'), fc.oneof(fc.string({ minLength: 1 }), fc.integer())), { nil: undefined }),
}).map((r) => {
  const p: Policy = {
    id: r.id, name: r.displayName, displayName: r.displayName, state: r.state,
    users: { include: r.include, exclude: r.exclude }, target: r.target,
  };
  if (r.platforms) p.platforms = r.platforms;
  if (r.clientAppTypes) p.clientAppTypes = r.clientAppTypes;
  if (r.signInRisk) p.signInRisk = r.signInRisk;
  if (r.insiderRisk) p.insiderRisk = [...r.insiderRisk];
  if (r.deviceFilter) p.deviceFilter = r.deviceFilter;
  if (r.grant) p.grant = r.grant;
  // Without a stated unit the exporter writes days when the minutes are whole days; reading keeps Graph's unit.
  if (r.sif !== undefined) p.session = typeof r.sif === 'number' ? { signInFrequency: r.sif, signInFrequencyUnit: r.sif % 1440 === 0 ? 'days' : 'hours' } : { signInFrequency: r.sif };
  if (r.future && Object.keys(r.future).length > 0) p.extra = { conditions: { ...r.future } };
  return p;
});

describe('export → read', () => {
  it('returns the same model for random valid policies', () => {
    fc.assert(fc.property(policy, (p) => {
      const doc = readGraphDocument(policyToGraph(p, { keepIds: true, idDeclared: true }), 'x.json');
      expect(doc.warnings).toEqual([]);
      const back = doc.policies[0]!;
      expect(back).toEqual(p);
    }), { numRuns: 300 });
  });
});
