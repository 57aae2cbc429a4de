import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import type { Policy } from '../src/model.js';
import { JsonInputError, deriveId, loadGraphFiles, readGraphDocument } from '../src/graph/index.js';

type Json = Record<string, unknown>;

/** A minimal valid policy, with overrides merged at the top level and into `conditions`. */
function policy(top: Json = {}, conditions: Json = {}): Json {
  return {
    id: 'p1',
    displayName: 'P1',
    state: 'enabled',
    conditions: {
      users: { includeUsers: ['All'] },
      applications: { includeApplications: ['All'] },
      clientAppTypes: ['all'],
      ...conditions,
    },
    grantControls: { operator: 'OR', builtInControls: ['mfa'] },
    ...top,
  };
}

function one(value: unknown): { policy: Policy; warnings: string[] } {
  const doc = readGraphDocument(value, 'test.json');
  expect(doc.policies).toHaveLength(1);
  return { policy: doc.policies[0]!, warnings: doc.warnings };
}

describe('document shapes', () => {
  const loc = { '@odata.type': '#microsoft.graph.ipNamedLocation', id: 'l1', displayName: 'HQ', ipRanges: [{ cidrAddress: '203.0.113.0/24' }] };

  it('reads a single policy object', () => {
    expect(one(policy()).policy.id).toBe('p1');
  });
  it('reads arrays, { value: [...] } pages and mixes of policies and named locations', () => {
    const doc = readGraphDocument({ '@odata.context': 'x', value: [policy(), loc, [policy({ id: 'p2' })]] }, 'f.json');
    expect(doc.policies.map((p) => p.id)).toEqual(['p1', 'p2']);
    expect(doc.namedLocations.map((l) => l.id)).toEqual(['l1']);
    expect(doc.warnings).toEqual([]);
  });
  it('reads a single named location object', () => {
    expect(readGraphDocument(loc, 'f.json').namedLocations).toHaveLength(1);
  });
  it('tells policies and named locations apart by shape when @odata.type is absent', () => {
    const doc = readGraphDocument([
      { displayName: 'ip', ipRanges: [] },
      { displayName: 'c', countriesAndRegions: ['NL'] },
      { displayName: 'cn', compliantNetworkType: 'allTenantCompliantNetworks', isTrusted: true },
      { displayName: 'pol', state: 'enabled', conditions: {} },
    ], 'f.json');
    expect(doc.namedLocations.map((l) => l.kind)).toEqual(['ip', 'country', 'compliantNetwork']);
    expect(doc.policies.map((p) => p.name)).toEqual(['pol']);
  });
  it('skips other objects (migration tables, …) with a warning instead of failing; keeps group names', () => {
    const doc = readGraphDocument([{ '@odata.type': '#microsoft.graph.group', id: 'g', displayName: 'G' }, { TenantId: 't', Objects: [] }, 42,
      { id: 'h', displayName: 'H', groupTypes: [], mailEnabled: false }], 'f.json');
    expect(doc.policies).toEqual([]);
    expect(doc.groups).toEqual([{ id: 'g', displayName: 'G' }, { id: 'h', displayName: 'H' }]);
    expect(doc.warnings).toHaveLength(2);
    expect(doc.warnings[0]).toMatch(/^f\.json: \$\[1\]: skipped/);
  });
});

describe('annotations and read-only fields', () => {
  it('drops @odata annotations, action blobs and timestamps at every depth', () => {
    const { policy: p } = one(policy({
      '@odata.context': 'https://graph.microsoft.com/beta/$metadata#x',
      '@odata.type': '#microsoft.graph.conditionalAccessPolicy',
      'state@odata.type': '#microsoft.graph.conditionalAccessPolicyState',
      createdDateTime: '2024-05-24T09:27:52Z',
      modifiedDateTime: null,
      deletedDateTime: null,
      '#microsoft.graph.restore': { title: 'microsoft.graph.restore', target: 'https://…' },
      partialEnablementStrategy: null,
    }, {
      '@odata.type': '#microsoft.graph.conditionalAccessConditionSet',
      'clientAppTypes@odata.type': '#Collection(microsoft.graph.conditionalAccessClientApp)',
      users: { '@odata.type': '#microsoft.graph.conditionalAccessUsers', includeUsers: ['All'], 'includeUsers@odata.type': '#Collection(String)' },
    }));
    expect(p.extra).toBeUndefined();
    expect(p.users?.include.all).toBe(true);
  });
  it('drops What If result fields (policyApplies, analysisReasons)', () => {
    expect(one(policy({ policyApplies: true, analysisReasons: 'notSet' })).policy.extra).toBeUndefined();
  });
});

describe('flags enums', () => {
  it('splits comma-separated flags strings (guest types, transfer methods, insider risk)', () => {
    const { policy: p } = one(policy({}, {
      users: {
        includeGuestsOrExternalUsers: {
          guestOrExternalUserTypes: 'internalGuest, b2bCollaborationGuest,serviceProvider',
          externalTenants: { '@odata.type': '#microsoft.graph.conditionalAccessEnumeratedExternalTenants', membershipKind: 'enumerated', members: ['t1', 't2'] },
        },
      },
      authenticationFlows: { transferMethods: 'deviceCodeFlow,authenticationTransfer' },
      insiderRiskLevels: 'moderate,elevated',
    }));
    expect(p.users?.include.guests).toEqual({ types: ['internalGuest', 'b2bCollaborationGuest', 'serviceProvider'], tenants: ['t1', 't2'] });
    expect(p.authenticationFlows).toEqual(['deviceCodeFlow', 'authenticationTransfer']);
    expect(p.insiderRisk).toEqual(['moderate', 'elevated']);
  });
  it('accepts arrays for flags too, and ignores the flag none', () => {
    const { policy: p } = one(policy({}, { insiderRiskLevels: ['elevated'], authenticationFlows: { transferMethods: 'none' } }));
    expect(p.insiderRisk).toEqual(['elevated']);
    expect(p.authenticationFlows).toBeUndefined();
  });
  it('reads externalTenants membershipKind all', () => {
    const { policy: p } = one(policy({}, {
      users: { excludeGuestsOrExternalUsers: { guestOrExternalUserTypes: 'b2bDirectConnectUser', externalTenants: { membershipKind: 'ALL' } } },
    }));
    expect(p.users?.exclude.guests).toEqual({ types: ['b2bDirectConnectUser'], tenants: 'all' });
  });
});

describe('null, [] and absent are the same', () => {
  // Each optional condition/control, with the spellings of "unset" that exports use.
  const unset = {
    platforms: [undefined, null, [], { includePlatforms: [], excludePlatforms: [] }, { includePlatforms: null }],
    locations: [undefined, null, [], { includeLocations: [], excludeLocations: null }],
    signInRiskLevels: [undefined, null, []],
    userRiskLevels: [undefined, null, []],
    insiderRiskLevels: [undefined, null, '', []],
    authenticationFlows: [undefined, null, { transferMethods: null }, { transferMethods: '' }],
    devices: [undefined, null, { deviceFilter: null }, { includeDevices: [], excludeDevices: [] }],
    clientAppTypes: [undefined, null, [], ['all']],
    deviceStates: [undefined, null],
    times: [undefined, null],
    clientApplications: [undefined, null],
  } as const;
  const topUnset = {
    sessionControls: [undefined, null, {}, { signInFrequency: null, persistentBrowser: null, disableResilienceDefaults: null }],
    description: [undefined, null, ''],
    templateId: [undefined, null],
  } as const;

  it('every combination reads to the same policy, with no extra', () => {
    const pick = (spec: Record<string, readonly unknown[]>): fc.Arbitrary<Record<string, unknown>> =>
      fc.record(Object.fromEntries(Object.entries(spec).map(([k, vs]) => [k, fc.constantFrom(...vs)])));
    const strip = (o: Json): Json => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined));
    const reference = one(policy()).policy;
    fc.assert(fc.property(pick(unset), pick(topUnset), (conds, top) => {
      const p = one(policy(strip(top), strip(conds))).policy;
      expect(p).toEqual(reference);
    }), { numRuns: 300 });
  });

  it('grantControls null, {} or with empty lists is no grant', () => {
    for (const g of [null, {}, { operator: 'OR', builtInControls: [], termsOfUse: [], customAuthenticationFactors: [], authenticationStrength: null }]) {
      expect(one(policy({ grantControls: g })).policy.grant).toBeUndefined();
    }
  });
});

describe('case-insensitive enums and special values', () => {
  it('normalizes enum values and special ids to their canonical spelling', () => {
    const { policy: p, warnings } = one(policy({ state: 'ENABLEDFORREPORTINGBUTNOTENFORCED', grantControls: { operator: 'and', builtInControls: ['MFA', 'CompliantApplication'] } }, {
      users: { includeUsers: ['all'], excludeUsers: ['guestsorexternalusers', 'U1'], excludeGroups: ['<ExclusionTempGroup>'] },
      applications: { includeApplications: ['office365', 'microsoftadminportals', 'ABC-App'], excludeApplications: ['NONE'] },
      platforms: { includePlatforms: ['ALL'], excludePlatforms: ['ios', 'MACOS', 'WindowsPhone'] },
      locations: { includeLocations: ['all'], excludeLocations: ['alltrusted', 'Loc-ID'] },
      clientAppTypes: ['Browser', 'MOBILEAPPSANDDESKTOPCLIENTS', 'exchangeactivesync'],
      signInRiskLevels: ['HIGH', 'Medium'],
      devices: { deviceFilter: { mode: 'Exclude', rule: 'device.isCompliant -eq True' } },
    }));
    expect(warnings).toEqual([]);
    expect(p.state).toBe('enabledForReportingButNotEnforced');
    expect(p.users?.include.all).toBe(true);
    expect(p.users?.exclude).toMatchObject({ allGuests: true, users: ['U1'], groups: ['<ExclusionTempGroup>'] });
    expect(p.target).toEqual({ kind: 'apps', include: ['Office365', 'MicrosoftAdminPortals', 'ABC-App'], exclude: ['None'] });
    expect(p.platforms).toEqual({ include: ['all'], exclude: ['iOS', 'macOS', 'windowsPhone'] });
    expect(p.locations).toEqual({ include: ['All'], exclude: ['AllTrusted', 'Loc-ID'] });
    expect(p.clientAppTypes).toEqual(['browser', 'mobileAppsAndDesktopClients', 'exchangeActiveSync']);
    expect(p.signInRisk).toEqual(['high', 'medium']);
    expect(p.deviceFilter).toEqual({ mode: 'exclude', rule: 'device.isCompliant -eq True' });
    expect(p.grant).toEqual({ kind: 'controls', operator: 'AND', controls: ['mfa', 'compliantApplication'] });
  });
  it('reads user-action URNs case-insensitively', () => {
    const { policy: p } = one(policy({}, { applications: { includeApplications: [], includeUserActions: ['URN:user:RegisterSecurityInfo', 'urn:user:registerdevice'] } }));
    expect(p.target).toEqual({ kind: 'userActions', actions: ['registerSecurityInfo', 'registerDevice'] });
  });
  it('matches property names case-insensitively as well', () => {
    const { policy: p } = one({ DisplayName: 'X', State: 'enabled', Conditions: { Users: { IncludeUsers: ['All'] }, Applications: { IncludeApplications: ['All'] } } });
    expect(p).toMatchObject({ name: 'X', state: 'enabled', target: { kind: 'apps', include: ['All'] } });
  });
});

describe('clientAppTypes', () => {
  it.each([[['all']], [['All']], [['browser', 'all']], [[]]])('%j is unconfigured', (types) => {
    expect(one(policy({}, { clientAppTypes: types })).policy.clientAppTypes).toBeUndefined();
  });
});

describe('state', () => {
  it('a missing state reads as disabled, with a warning', () => {
    const p = policy();
    delete p.state;
    const { policy: read, warnings } = one(p);
    expect(read.state).toBe('disabled');
    expect(warnings.join()).toMatch(/state: missing/);
  });
  it('an unknown state reads as disabled and is kept in extra', () => {
    const { policy: p, warnings } = one(policy({ state: 'paused' }));
    expect(p.state).toBe('disabled');
    expect(p.extra).toEqual({ state: 'paused' });
    expect(warnings).toHaveLength(1);
  });
});

describe('extra (Graph properties the model does not represent)', () => {
  it('keeps beta and workload-identity fields verbatim with Graph nesting', () => {
    const { policy: p, warnings } = one(policy({ partialEnablementStrategy: { mode: 'gradual' } }, {
      users: { includeUsers: ['None'] },
      clientApplications: {
        '@odata.type': '#microsoft.graph.conditionalAccessClientApplications',
        includeServicePrincipals: ['ServicePrincipalsInMyTenant'],
        excludeServicePrincipals: [],
        includeAgentIdServicePrincipals: ['All'],
        servicePrincipalFilter: null,
      },
      applications: {
        includeApplications: ['All'],
        applicationFilter: { mode: 'include', rule: 'CustomSecurityAttribute.x -eq "y"' },
        networkAccess: { includeTrafficProfiles: 'm365' },
        globalSecureAccess: null,
      },
      servicePrincipalRiskLevels: ['high'],
      times: { included: ['x'] },
      deviceStates: { includeStates: ['All'] },
      agentIdRiskLevels: 'medium,high',
    }));
    expect(warnings).toEqual([]);
    expect(p.extra).toEqual({
      partialEnablementStrategy: { mode: 'gradual' },
      conditions: {
        clientApplications: { includeServicePrincipals: ['ServicePrincipalsInMyTenant'], includeAgentIdServicePrincipals: ['All'] },
        applications: {
          applicationFilter: { mode: 'include', rule: 'CustomSecurityAttribute.x -eq "y"' },
          networkAccess: { includeTrafficProfiles: 'm365' },
        },
        servicePrincipalRiskLevels: ['high'],
        times: { included: ['x'] },
        deviceStates: { includeStates: ['All'] },
        agentIdRiskLevels: 'medium,high',
      },
    });
  });
  it('keeps the authentication strength definition beyond its id, and SIF authenticationType', () => {
    const { policy: p } = one(policy({
      grantControls: {
        operator: 'OR',
        builtInControls: [],
        authenticationStrength: {
          '@odata.type': '#microsoft.graph.authenticationStrengthPolicy',
          id: '00000000-0000-0000-0000-000000000004',
          displayName: 'Phishing-resistant MFA',
          createdDateTime: '2021-12-01T08:00:00Z',
          allowedCombinations: ['windowsHelloForBusiness', 'fido2'],
          combinationConfigurations: [],
        },
        termsOfUse: ['ToU'],
        customAuthenticationFactors: ['cf1'],
      },
      sessionControls: { signInFrequency: { isEnabled: true, value: 12, type: 'hours', authenticationType: 'primaryAndSecondaryAuthentication', frequencyInterval: 'timeBased' } },
    }));
    expect(p.grant).toEqual({
      kind: 'controls', operator: 'OR',
      controls: ['authenticationStrength:00000000-0000-0000-0000-000000000004', 'termsOfUse:ToU', 'customFactor:cf1'],
    });
    expect(p.session).toEqual({ signInFrequency: 720, signInFrequencyUnit: 'hours' });
    expect(p.extra).toEqual({
      grantControls: { authenticationStrength: { displayName: 'Phishing-resistant MFA', allowedCombinations: ['windowsHelloForBusiness', 'fido2'] } },
      sessionControls: { signInFrequency: { authenticationType: 'primaryAndSecondaryAuthentication' } },
    });
  });
  it('unknown enum values keep the original property in extra, with a warning', () => {
    const { policy: p, warnings } = one(policy({ grantControls: { operator: 'OR', builtInControls: ['mfa', 'unknownFutureValue'] } }, {
      platforms: { includePlatforms: ['android', 'unknownFutureValue'] },
      clientAppTypes: ['browser', 'easUnsupported'],
    }));
    expect(p.platforms).toEqual({ include: ['android'], exclude: [] });
    expect(p.clientAppTypes).toEqual(['browser']);
    expect(p.grant).toEqual({ kind: 'controls', operator: 'OR', controls: ['mfa'] });
    expect(p.extra).toEqual({
      conditions: { platforms: { includePlatforms: ['android', 'unknownFutureValue'] }, clientAppTypes: ['browser', 'easUnsupported'] },
      grantControls: { builtInControls: ['mfa', 'unknownFutureValue'] },
    });
    expect(warnings).toHaveLength(3);
  });
});

describe('users and targets', () => {
  it('maps special users, ids, groups and roles on both sides', () => {
    const { policy: p } = one(policy({}, {
      users: {
        includeUsers: ['None', 'GuestsOrExternalUsers'], includeGroups: ['g1'], includeRoles: ['62e90394-69f5-4237-9190-012177145e10'],
        excludeUsers: ['u9'], excludeGroups: ['g2'], excludeRoles: [],
        includeGuestsOrExternalUsers: null, excludeGuestsOrExternalUsers: null,
      },
    }));
    expect(p.users).toEqual({
      include: { none: true, allGuests: true, users: [], groups: ['g1'], roles: ['62e90394-69f5-4237-9190-012177145e10'] },
      exclude: { users: ['u9'], groups: ['g2'], roles: [] },
    });
  });
  it('no users condition (workload identity policy) leaves users unset', () => {
    expect(one(policy({}, { users: null })).policy.users).toBeUndefined();
  });
  it('reads authentication contexts', () => {
    const { policy: p } = one(policy({}, { applications: { includeApplications: [], includeAuthenticationContextClassReferences: ['c1', 'c2'] } }));
    expect(p.target).toEqual({ kind: 'authContext', refs: ['c1', 'c2'] });
  });
  it('user actions win over apps; the apps are kept in extra with a warning', () => {
    const { policy: p, warnings } = one(policy({}, { applications: { includeApplications: ['All'], includeUserActions: ['urn:user:registerdevice'] } }));
    expect(p.target).toEqual({ kind: 'userActions', actions: ['registerDevice'] });
    expect(p.extra).toEqual({ conditions: { applications: { includeApplications: ['All'] } } });
    expect(warnings).toHaveLength(1);
  });
});

describe('grant and session controls', () => {
  it('block in builtInControls is a block grant', () => {
    expect(one(policy({ grantControls: { operator: 'OR', builtInControls: ['Block'] } })).policy.grant).toEqual({ kind: 'block' });
  });
  it('operator defaults to AND when absent', () => {
    expect(one(policy({ grantControls: { builtInControls: ['mfa', 'compliantDevice'] } })).policy.grant)
      .toEqual({ kind: 'controls', operator: 'AND', controls: ['mfa', 'compliantDevice'] });
  });
  it.each([
    [{ isEnabled: true, value: 4, type: 'hours' }, 240],
    [{ isEnabled: true, value: 7, type: 'Days', frequencyInterval: 'timeBased' }, 10080],
    [{ isEnabled: true, value: null, type: null, frequencyInterval: 'everyTime', authenticationType: 'primaryAndSecondaryAuthentication' }, 'everyTime'],
    [{ value: 1, type: 'hours' }, 60],
  ])('signInFrequency %j → %j', (sif, expected) => {
    expect(one(policy({ sessionControls: { signInFrequency: sif } })).policy.session?.signInFrequency).toBe(expected);
  });
  it('a disabled control has no effect and is kept in extra', () => {
    const { policy: p } = one(policy({ sessionControls: { signInFrequency: { isEnabled: false, value: 4, type: 'hours' }, persistentBrowser: { isEnabled: false, mode: 'never' } } }));
    expect(p.session).toBeUndefined();
    expect(p.extra).toEqual({ sessionControls: { signInFrequency: { isEnabled: false, value: 4, type: 'hours' }, persistentBrowser: { isEnabled: false, mode: 'never' } } });
  });
  it('maps every modelled session control', () => {
    const { policy: p } = one(policy({
      sessionControls: {
        persistentBrowser: { isEnabled: true, mode: 'Never' },
        applicationEnforcedRestrictions: { isEnabled: true },
        cloudAppSecurity: { isEnabled: true, cloudAppSecurityType: 'blockDownloads' },
        continuousAccessEvaluation: { mode: 'strictLocation' },
        secureSignInSession: { isEnabled: true },
        disableResilienceDefaults: true,
        globalSecureAccessFilteringProfile: { isEnabled: true, profileId: 'x' },
      },
    }));
    expect(p.session).toEqual({
      persistentBrowser: 'never', applicationEnforcedRestrictions: true, cloudAppSecurity: 'blockDownloads',
      continuousAccessEvaluation: 'strictLocation', secureSignInSession: true, disableResilienceDefaults: true,
    });
    expect(p.extra).toEqual({ sessionControls: { globalSecureAccessFilteringProfile: { isEnabled: true, profileId: 'x' } } });
  });
  it('disableResilienceDefaults false is kept in extra (the model can only say true)', () => {
    const { policy: p } = one(policy({ sessionControls: { disableResilienceDefaults: false } }));
    expect(p.session).toBeUndefined();
    expect(p.extra).toEqual({ sessionControls: { disableResilienceDefaults: false } });
  });
});

describe('ids and names', () => {
  it('name is the displayName; id is the Graph id', () => {
    expect(one(policy({ description: 'd', templateId: 't' })).policy).toMatchObject({ id: 'p1', name: 'P1', displayName: 'P1', description: 'd', templateId: 't' });
  });
  it('derives a stable id from the displayName when there is none', () => {
    const p = policy({ displayName: '211 - <RING> - Base protection: MFA' });
    delete p.id;
    expect(one(p).policy).toMatchObject({ id: '211-RING-Base-protection-MFA', name: '211 - <RING> - Base protection: MFA' });
    expect(deriveId('Zürich – café')).toBe('Zürich-café');
  });
  it('keeps derived ids unique (suffix), across files too', () => {
    const p = policy({ displayName: 'Same' });
    delete p.id;
    const doc = readGraphDocument([p, p], 'f.json');
    expect(doc.policies.map((x) => x.id)).toEqual(['Same', 'Same-2']);
    expect(doc.warnings.join()).toMatch(/derived id "Same" is taken/);
  });
});

describe('named locations', () => {
  it('maps ip, country and compliant-network locations', () => {
    const doc = readGraphDocument({ value: [
      {
        '@odata.type': '#microsoft.graph.ipNamedLocation', id: 'ip1', displayName: 'HQ', isTrusted: true, createdDateTime: 'x',
        ipRanges: [{ '@odata.type': '#microsoft.graph.iPv4CidrRange', cidrAddress: '203.0.113.0/24' }, { '@odata.type': '#microsoft.graph.iPv6CidrRange', cidrAddress: '2001:db8:1::/48' }],
      },
      { '@odata.type': '#microsoft.graph.countryNamedLocation', id: 'c1', displayName: 'Allowed', countriesAndRegions: ['nl', 'BE'], includeUnknownCountriesAndRegions: true, countryLookupMethod: 'AuthenticatorAppGps' },
      { '@odata.type': '#microsoft.graph.compliantNetworkNamedLocation', id: 'n1', displayName: 'GSA', compliantNetworkType: 'allTenantCompliantNetworks', isTrusted: true },
    ] }, 'f.json');
    expect(doc.warnings).toEqual([]);
    expect(doc.namedLocations).toEqual([
      { id: 'ip1', name: 'HQ', displayName: 'HQ', kind: 'ip', ipRanges: ['203.0.113.0/24', '2001:db8:1::/48'], trusted: true },
      { id: 'c1', name: 'Allowed', displayName: 'Allowed', kind: 'country', countries: ['NL', 'BE'], includeUnknownCountries: true, countryLookupMethod: 'authenticatorAppGps' },
      { id: 'n1', name: 'GSA', displayName: 'GSA', kind: 'compliantNetwork', trusted: true, extra: { compliantNetworkType: 'allTenantCompliantNetworks' } },
    ]);
  });
});

describe('loadGraphFiles', () => {
  const dir = mkdtempSync(join(tmpdir(), 'latch-graph-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('reads folders recursively (*.json only), UTF-16 and CRLF files, with an empty directory', () => {
    mkdirSync(join(dir, 'ok', 'sub'), { recursive: true });
    writeFileSync(join(dir, 'ok', 'a.json'), JSON.stringify(policy({ id: 'a' })));
    const text = JSON.stringify(policy({ id: 'b', displayName: 'Bé' }), null, 2).replace(/\n/g, '\r\n');
    writeFileSync(join(dir, 'ok', 'sub', 'b.JSON'), Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]));
    writeFileSync(join(dir, 'ok', 'notes.txt'), 'not json');
    const { set, warnings } = loadGraphFiles([join(dir, 'ok')]);
    expect(set.policies.map((p) => [p.id, p.name])).toEqual([['a', 'P1'], ['b', 'Bé']]);
    expect(set.directory).toEqual({ users: [], groups: [], roles: [], apps: [], strengths: [], terms: [], authContexts: [] });
    expect(warnings).toEqual([]);
  });

  it('throws JsonInputError with file:line:col for malformed JSON', () => {
    mkdirSync(join(dir, 'bad'));
    const file = join(dir, 'bad', 'broken.json');
    writeFileSync(file, '{\r\n  "displayName": "x",\r\n  "state": "enabled",\r\n}\r\n');
    expect(() => loadGraphFiles([file])).toThrowError(JsonInputError);
    let error: unknown;
    try {
      loadGraphFiles([join(dir, 'bad')]);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(JsonInputError);
    expect(error).toMatchObject({ file, line: 4, column: 1 });
    expect(String(error)).toBe(`${file}:4:1: Trailing comma before '}'`);
  });

  it('reports a missing path as JsonInputError', () => {
    expect(() => loadGraphFiles([join(dir, 'nope.json')])).toThrow(/cannot read the file \(ENOENT\)/);
  });
});

describe('hostile input', () => {
  it('keeps a __proto__ key as data in extra without touching prototypes', () => {
    const text = '{"id":"p","state":"enabled","conditions":{"__proto__":{"polluted":true},"applications":{"includeApplications":["All"]}},"__proto__":{"x":1}}';
    const { policy: p } = one(JSON.parse(text));
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.getPrototypeOf(p.extra)).toBe(Object.prototype);
    expect(Object.hasOwn(p.extra!, '__proto__')).toBe(true);
    expect(JSON.stringify(p.extra)).toBe('{"conditions":{"__proto__":{"polluted":true}},"__proto__":{"x":1}}');
  });
});
