// fast-check arbitraries for policy sets and sign-ins over a small, fixed universe (4 users, 3 groups with nesting
// and one open group, 2 built-in roles, 4 apps incl. Exchange/SharePoint in the Office365 suite, 3 named locations).
// Device filters come only from the naive evaluator's fixed menu (DEVICE_FILTER_RULES).

import fc from 'fast-check';
import type {
  ClientAppType, Control, Directory, DirectoryGroup, DirectoryUser, GuestSelector, GuestType, InsiderRiskLevel,
  NamedLocation, Platform, Policy, PolicySet, PolicyState, PrincipalSet, RiskLevel, SessionControls, SignIn,
  SignInDevice, SignInTarget, Target, TimeWindow, TransferMethod, UserAction,
} from '../../src/model.js';
import { DEVICE_FILTER_RULES, conditionsThatCannotMatch } from './naive-evaluator.js';

// ---------------------------------------------------------------------------------------------------------------
// Universe

export const U = {
  alice: 'u-alice',
  bob: 'u-bob',
  carol: 'u-carol',
  eve: 'u-eve', // a B2B guest from the fabrikam tenant
  /** Not in the directory. */
  zed: 'u-zed',
} as const;
export const USER_IDS: string[] = [U.alice, U.bob, U.carol, U.eve];

export const G = {
  finance: 'g-finance', // closed, nests leads (and sometimes contractors)
  leads: 'g-leads', // closed
  contractors: 'g-contractors', // open (members undefined)
} as const;
export const GROUP_IDS: string[] = [G.finance, G.leads, G.contractors];

export const R = {
  globalAdmin: '62e90394-69f5-4237-9190-012177145e10',
  securityAdmin: '194ae4cb-b126-40b2-bd5b-6091b380977d',
} as const;
export const ROLE_IDS: string[] = [R.globalAdmin, R.securityAdmin];

export const A = {
  exchange: '00000002-0000-0ff1-ce00-000000000000',
  sharePoint: '00000003-0000-0ff1-ce00-000000000000',
  azurePortal: 'c44b4083-3bb0-49c1-b47d-974e53cbdf3c',
  payroll: '2f6c1a55-0e4d-4d2a-9a53-2b5a3bb1c0de',
  /** Not referenced by any policy or the directory. */
  other: '11111111-2222-3333-4444-555555555555',
} as const;
export const APP_IDS: string[] = [A.exchange, A.sharePoint, A.azurePortal, A.payroll];

export const TENANT_FABRIKAM = 'tenant-fabrikam';
export const TENANT_OTHER = 'tenant-northwind';

export const L = { hq: 'loc-hq', v6: 'loc-v6', countries: 'loc-countries' } as const;
export const AUTH_CONTEXTS = ['c1', 'c2'];

export const STRENGTH_FIDO = 'authenticationStrength:s-fido2';
export const STRENGTH_PUSH = 'authenticationStrength:s-push';
export const TERMS = 'termsOfUse:tou-2026';
export const CUSTOM_FACTOR = 'customFactor:duo';
export const ALL_CONTROLS: Control[] = [
  'mfa', 'compliantDevice', 'domainJoinedDevice', 'approvedApplication', 'compliantApplication', 'passwordChange',
  STRENGTH_FIDO, STRENGTH_PUSH, TERMS, CUSTOM_FACTOR,
];

export const ZONES = ['Europe/Amsterdam', 'America/New_York', 'UTC', 'Asia/Kolkata'];

const PLATFORMS: Platform[] = ['android', 'iOS', 'windows', 'windowsPhone', 'macOS', 'linux'];
const CLIENTS: ClientAppType[] = ['browser', 'mobileAppsAndDesktopClients', 'exchangeActiveSync', 'easSupported', 'other'];
const RISKS: RiskLevel[] = ['none', 'low', 'medium', 'high', 'hidden'];
const INSIDER: InsiderRiskLevel[] = ['minor', 'moderate', 'elevated'];
const FLOWS: TransferMethod[] = ['deviceCodeFlow', 'authenticationTransfer'];
const GUEST_TYPES: GuestType[] = ['internalGuest', 'b2bCollaborationGuest', 'b2bCollaborationMember', 'b2bDirectConnectUser', 'otherExternalUser', 'serviceProvider'];
const ACTIONS: UserAction[] = ['registerSecurityInfo', 'registerDevice'];

/** The default directory (also used by hand-written unit tests). */
export function baseDirectory(): Directory {
  return {
    users: [
      { id: U.alice, name: 'alice', roles: [] },
      { id: U.bob, name: 'bob', roles: [R.securityAdmin] },
      { id: U.carol, name: 'carol', roles: [R.globalAdmin] },
      { id: U.eve, name: 'eve', roles: [], guestType: 'b2bCollaborationGuest', tenantId: TENANT_FABRIKAM },
    ],
    groups: [
      { id: G.finance, name: 'Finance', members: [U.alice, G.leads, G.contractors] },
      { id: G.leads, name: 'FinanceLeads', members: [U.carol] },
      { id: G.contractors, name: 'Contractors' },
    ],
    roles: [
      { id: R.globalAdmin, name: 'GlobalAdministrator', builtIn: true },
      { id: R.securityAdmin, name: 'SecurityAdministrator', builtIn: true },
    ],
    apps: [
      { id: A.exchange, name: 'ExchangeOnline' },
      { id: A.sharePoint, name: 'SharePointOnline' },
      { id: A.azurePortal, name: 'AzurePortal' },
      { id: A.payroll, name: 'Payroll' },
      { id: 'Office365', name: 'Office365', members: [A.exchange, A.sharePoint] },
    ],
    strengths: [
      { id: 's-fido2', name: 'Fido2', combinations: [['fido2']] },
      { id: 's-push', name: 'Push', combinations: [['password', 'microsoftAuthenticatorPush']] },
    ],
    terms: [{ id: 'tou-2026', name: 'ToU2026' }],
    authContexts: [{ id: 'c1', name: 'Sensitive' }, { id: 'c2', name: 'Finance' }],
  };
}

export function baseNamedLocations(v6Trusted = false, includeUnknown = true): NamedLocation[] {
  return [
    { id: L.hq, name: 'CorpHQ', kind: 'ip', ipRanges: ['203.0.113.0/24'], trusted: true },
    { id: L.v6, name: 'CorpV6', kind: 'ip', ipRanges: ['2001:db8:1::/48'], trusted: v6Trusted },
    { id: L.countries, name: 'Allowed', kind: 'country', countries: ['NL', 'BE', 'LU'], includeUnknownCountries: includeUnknown },
  ];
}

// ---------------------------------------------------------------------------------------------------------------
// Options: every feature is on by default; a feature can be switched off to isolate a disagreement.

export interface ArbOptions {
  /** Time windows whose end is before their start (wrap past midnight). */
  wrappingWindows?: boolean;
  /** Grants with no `operator` (AND by contract). */
  missingOperator?: boolean;
  /** Unregistered devices that still carry properties (which must be ignored). */
  unregisteredWithProperties?: boolean;
  /** Registered devices lacking some properties (treated as null). */
  registeredWithGaps?: boolean;
  /** Guest selectors restricted to enumerated tenants. */
  guestTenants?: boolean;
  /** Sign-ins that state roles / guest type for a declared user too. */
  statedIdentityForDeclaredUsers?: boolean;
  /** Sign-ins without a userId (missing input, or an anonymous identity when memberships are stated). */
  missingUser?: boolean;
  /** Sign-in targets of another kind than the policy's (apps vs user actions vs auth contexts). */
  crossKindTargets?: boolean;
  /** Policies with a condition no sign-in can match (apps include None, platforms include X exclude X, …). */
  unsatisfiableConditions?: boolean;
  /** Probability-ish weight (0..10) of a field being missing in a sign-in. */
  missingWeight?: number;
}

function opt(o: ArbOptions | undefined, k: Exclude<keyof ArbOptions, 'missingWeight'>): boolean {
  return o?.[k] ?? true;
}

/** `undefined` sometimes (weight `w` out of 10), else a value. */
function maybe<T>(arb: fc.Arbitrary<T>, w = 3): fc.Arbitrary<T | undefined> {
  if (w <= 0) return arb;
  // withCrossShrink: a failing value shrinks towards `undefined` (the feature switched off) first.
  return fc.oneof({ withCrossShrink: true }, { arbitrary: fc.constant(undefined), weight: w }, { arbitrary: arb, weight: 10 - Math.min(w, 9) });
}

function nonEmptySub<T>(values: readonly T[]): fc.Arbitrary<T[]> {
  return fc.subarray([...values], { minLength: 1 });
}

function stripUndefined<T extends object>(o: T): T {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(o)) if (v !== undefined) out[k] = v;
  return out as T;
}

// ---------------------------------------------------------------------------------------------------------------
// Directory variations

const arbDirectory: fc.Arbitrary<Directory> = fc.record({
  financeMembers: fc.subarray([U.alice, U.bob, G.leads, G.contractors]),
  leadsMembers: fc.subarray([U.carol, U.eve, G.contractors]),
  aliceRoles: fc.subarray(ROLE_IDS),
  carolRoles: fc.subarray(ROLE_IDS),
}).map(({ financeMembers, leadsMembers, aliceRoles, carolRoles }) => {
  const d = baseDirectory();
  const groups: DirectoryGroup[] = [
    { id: G.finance, name: 'Finance', members: financeMembers },
    { id: G.leads, name: 'FinanceLeads', members: leadsMembers },
    { id: G.contractors, name: 'Contractors' },
  ];
  const users: DirectoryUser[] = d.users.map((u) =>
    u.id === U.alice ? { ...u, roles: aliceRoles } : u.id === U.carol ? { ...u, roles: carolRoles } : u);
  return { ...d, groups, users };
});

// ---------------------------------------------------------------------------------------------------------------
// Policies

function arbGuestSelector(o?: ArbOptions): fc.Arbitrary<GuestSelector> {
  const tenants: fc.Arbitrary<'all' | string[] | undefined> = opt(o, 'guestTenants')
    ? fc.constantFrom<('all' | string[] | undefined)[]>(undefined, 'all', [TENANT_FABRIKAM], [TENANT_OTHER])
    : fc.constantFrom<('all' | undefined)[]>(undefined, 'all');
  return fc.record({ types: nonEmptySub(GUEST_TYPES), tenants }).map((g) => stripUndefined(g));
}

function arbPrincipalSet(side: 'include' | 'exclude', o?: ArbOptions): fc.Arbitrary<PrincipalSet> {
  const lists = fc.record({
    users: fc.subarray([...USER_IDS, U.zed], { maxLength: 2 }),
    groups: fc.subarray(GROUP_IDS, { maxLength: 2 }),
    roles: fc.subarray(ROLE_IDS, { maxLength: 1 }),
    allGuests: fc.constantFrom<(boolean | undefined)[]>(undefined, undefined, undefined, true),
    guests: maybe(arbGuestSelector(o), 8),
  }).map((s) => stripUndefined(s) as PrincipalSet);
  if (side === 'exclude') {
    return fc.oneof(
      { arbitrary: fc.constant<PrincipalSet>({ users: [], groups: [], roles: [] }), weight: 6 },
      { arbitrary: lists, weight: 4 },
    );
  }
  return fc.oneof(
    { arbitrary: fc.constant<PrincipalSet>({ all: true, users: [], groups: [], roles: [] }), weight: 8 },
    { arbitrary: fc.constant<PrincipalSet>({ none: true, users: [], groups: [], roles: [] }), weight: 1 },
    { arbitrary: lists, weight: 5 },
  );
}

const APP_CHOICES = ['All', ...APP_IDS, 'Office365', 'None'];

const arbAppsTarget: fc.Arbitrary<Target> = fc.record({
    include: fc.oneof({ arbitrary: fc.constant<string[]>(['All']), weight: 2 }, { arbitrary: nonEmptySub(APP_CHOICES), weight: 1 }),
    exclude: fc.subarray([...APP_IDS, 'Office365'], { maxLength: 2 }),
  }).map(({ include, exclude }): Target => ({ kind: 'apps', include, exclude }));

const arbAnyTarget: fc.Arbitrary<Target> = fc.oneof(
  { arbitrary: arbAppsTarget, weight: 8 },
  { arbitrary: nonEmptySub(ACTIONS).map((actions): Target => ({ kind: 'userActions', actions })), weight: 1 },
  { arbitrary: nonEmptySub(AUTH_CONTEXTS).map((refs): Target => ({ kind: 'authContext', refs })), weight: 1 },
);

const arbPlatforms = fc.record({
  include: fc.oneof(fc.constant<(Platform | 'all')[]>(['all']), nonEmptySub<Platform | 'all'>(PLATFORMS)),
  exclude: fc.subarray(PLATFORMS, { maxLength: 3 }),
});

const LOCATION_CHOICES = ['All', 'AllTrusted', L.hq, L.v6, L.countries];
const arbLocations = fc.record({
  include: fc.oneof(fc.constant<string[]>(['All']), nonEmptySub(LOCATION_CHOICES)),
  exclude: fc.subarray(['AllTrusted', L.hq, L.v6, L.countries], { maxLength: 2 }),
});

function arbWindow(o?: ArbOptions): fc.Arbitrary<TimeWindow> {
  return fc.record({
    days: fc.subarray([0, 1, 2, 3, 4, 5, 6], { minLength: 1 }),
    start: fc.integer({ min: 0, max: 95 }).map((q) => q * 15),
    end: fc.integer({ min: 1, max: 96 }).map((q) => q * 15),
    zone: fc.constantFrom(...ZONES),
  }).filter((w) => w.start !== w.end && (opt(o, 'wrappingWindows') || w.start < w.end))
    // A window covering the whole week would make "missing time" moot; keep out of the contract's grey zone.
    .filter((w) => !(w.days.length === 7 && w.start === 0 && w.end === 1440));
}

function arbGrant(o?: ArbOptions): fc.Arbitrary<Policy['grant']> {
  const operator = opt(o, 'missingOperator')
    ? fc.constantFrom<('AND' | 'OR' | undefined)[]>('AND', 'OR', 'AND', 'OR', undefined)
    : fc.constantFrom<('AND' | 'OR')[]>('AND', 'OR');
  const controls = fc.record({ operator, controls: fc.subarray(ALL_CONTROLS, { minLength: 1, maxLength: 3 }) })
    .chain((g) => fc.shuffledSubarray(g.controls, { minLength: g.controls.length, maxLength: g.controls.length })
      .map((shuffled) => ({ operator: g.operator, controls: shuffled })))
    .map(({ operator: op, controls: cs }) => {
      const g: Record<string, unknown> = { kind: 'controls', controls: cs };
      if (op !== undefined) g['operator'] = op;
      return g as Policy['grant'];
    });
  return fc.oneof(
    { arbitrary: fc.constant<Policy['grant']>({ kind: 'block' }), weight: 1 },
    { arbitrary: controls, weight: 6 },
    { arbitrary: fc.constant<Policy['grant']>(undefined), weight: 1 }, // session only
  );
}

const arbSession: fc.Arbitrary<SessionControls> = fc.constantFrom<SessionControls[]>(
  { signInFrequency: 60 }, { signInFrequency: 'everyTime' }, { persistentBrowser: 'never' },
  { applicationEnforcedRestrictions: true },
);

function arbPolicy(o?: ArbOptions): fc.Arbitrary<Omit<Policy, 'id' | 'name'>> {
  return fc.record({
    state: fc.constantFrom<PolicyState[]>('enabled', 'enabled', 'enabled', 'enabledForReportingButNotEnforced', 'enabledForReportingButNotEnforced', 'disabled'),
    include: arbPrincipalSet('include', o),
    exclude: arbPrincipalSet('exclude', o),
    target: opt(o, 'crossKindTargets') ? arbAnyTarget : arbAppsTarget,
    platforms: maybe(arbPlatforms, 7),
    locations: maybe(arbLocations, 7),
    clientAppTypes: maybe(nonEmptySub(CLIENTS), 7),
    signInRisk: maybe(nonEmptySub(RISKS), 8),
    userRisk: maybe(nonEmptySub(RISKS), 8),
    insiderRisk: maybe(nonEmptySub(INSIDER), 8),
    authenticationFlows: maybe(nonEmptySub(FLOWS), 8),
    deviceFilter: maybe(fc.record({ mode: fc.constantFrom<('include' | 'exclude')[]>('include', 'exclude'), rule: fc.constantFrom(...DEVICE_FILTER_RULES) }), 7),
    times: maybe(fc.array(arbWindow(o), { minLength: 1, maxLength: 2 }), 8),
    grant: arbGrant(o),
    session: maybe(arbSession, 6),
  }).map(({ include, exclude, grant, session, ...rest }) => {
    const p: Record<string, unknown> = { ...stripUndefined(rest), users: { include, exclude } };
    if (grant !== undefined) p['grant'] = grant;
    // A session-only policy always carries a session control.
    if (session !== undefined || grant === undefined) p['session'] = session ?? { signInFrequency: 240 };
    return p as Omit<Policy, 'id' | 'name'>;
  });
}

export function arbPolicySet(o?: ArbOptions): fc.Arbitrary<PolicySet> {
  return fc.record({
    directory: arbDirectory,
    v6Trusted: fc.boolean(),
    includeUnknown: fc.boolean(),
    policies: fc.array(arbPolicy(o), { minLength: 1, maxLength: 12 }),
  }).map(({ directory, v6Trusted, includeUnknown, policies }) => {
    const set: PolicySet = {
      directory,
      namedLocations: baseNamedLocations(v6Trusted, includeUnknown),
      policies: policies.map((p, i) => ({ ...p, id: `p${i + 1}`, name: `P${i + 1}` }) as Policy),
    };
    if (opt(o, 'unsatisfiableConditions')) return set;
    const kept = set.policies.filter((p) => conditionsThatCannotMatch(set, p).length === 0);
    return { ...set, policies: kept.map((p, i) => ({ ...p, id: `p${i + 1}`, name: `P${i + 1}` })) };
  }).filter((set) => set.policies.length > 0);
}

// ---------------------------------------------------------------------------------------------------------------
// Sign-ins

export const IPS = [
  '203.0.113.10', '203.0.113.0', '203.0.113.255', '203.0.114.1', '203.0.112.255', '198.51.100.7',
  '2001:db8:1::5', '2001:db8:1:ffff:ffff:ffff:ffff:ffff', '2001:db8:2::1', '2001:db8::1', '2001:DB8:1:0:0:0:0:1',
];

/** Instants near 2026's DST switches (EU: Mar 29 / Oct 25 01:00Z; US: Mar 8 07:00Z / Nov 1 06:00Z). */
const BASE_INSTANTS = [
  Date.UTC(2026, 2, 29, 1, 0), Date.UTC(2026, 9, 25, 1, 0), Date.UTC(2026, 2, 8, 7, 0), Date.UTC(2026, 10, 1, 6, 0),
  Date.UTC(2026, 5, 15, 12, 0), Date.UTC(2026, 11, 31, 23, 30),
];

const arbInstant: fc.Arbitrary<string> = fc.record({
  base: fc.constantFrom(...BASE_INSTANTS),
  offsetMinutes: fc.integer({ min: -3 * 24 * 60, max: 3 * 24 * 60 }),
  seconds: fc.constantFrom(0, 0, 30, 59),
  zoneForm: fc.constantFrom<('Z' | '+05:30' | '-04:00' | '+01:00')[]>('Z', 'Z', 'Z', '+05:30', '-04:00', '+01:00'),
}).map(({ base, offsetMinutes, seconds, zoneForm }) => {
  const ms = base + offsetMinutes * 60_000 + seconds * 1000;
  if (zoneForm === 'Z') return new Date(ms).toISOString().replace('.000Z', 'Z');
  const sign = zoneForm[0] === '+' ? 1 : -1;
  const offMin = sign * (Number(zoneForm.slice(1, 3)) * 60 + Number(zoneForm.slice(4, 6)));
  const local = new Date(ms + offMin * 60_000).toISOString().slice(0, 19);
  return `${local}${zoneForm}`;
});

const arbAppTarget: fc.Arbitrary<SignInTarget> = fc.constantFrom(...APP_IDS, ...APP_IDS, 'Office365', 'MicrosoftAdminPortals', A.other)
  .map((appId): SignInTarget => ({ kind: 'application', appId }));

const arbTargetSignIn: fc.Arbitrary<SignInTarget> = fc.oneof(
  { arbitrary: arbAppTarget, weight: 8 },
  { arbitrary: fc.constantFrom(...ACTIONS).map((action): SignInTarget => ({ kind: 'userAction', action })), weight: 1 },
  { arbitrary: fc.constantFrom('c1', 'c2', 'c3').map((id): SignInTarget => ({ kind: 'authContext', id })), weight: 1 },
);

function arbDevice(o?: ArbOptions): fc.Arbitrary<SignInDevice | undefined> {
  const fullProps = fc.record({
    isCompliant: fc.boolean(),
    trustType: fc.constantFrom('AzureAD', 'ServerAD', 'Workplace'),
    deviceOwnership: fc.constantFrom('Company', 'Personal'),
    model: fc.constantFrom('Surface Laptop 5', 'ThinkPad X1', 'iPhone 15', 'surface go'),
    displayName: fc.constantFrom('KIOSK-01', 'LAPTOP-7', 'desk-kiosk'),
  });
  const registered = (opt(o, 'registeredWithGaps')
    ? fullProps.chain((p) => fc.subarray(Object.keys(p), { minLength: Object.keys(p).length - 2 })
      .map((keys) => Object.fromEntries(Object.entries(p).filter(([k]) => keys.includes(k)))))
    : fullProps
  ).map((properties): SignInDevice => ({ registered: true, properties }));
  const unregistered = opt(o, 'unregisteredWithProperties')
    ? fc.oneof(fc.constant<SignInDevice>({ registered: false, properties: {} }),
      fullProps.map((properties): SignInDevice => ({ registered: false, properties })))
    : fc.constant<SignInDevice>({ registered: false, properties: {} });
  return fc.oneof(
    { arbitrary: fc.constant(undefined), weight: 3 },
    { arbitrary: unregistered, weight: 2 },
    { arbitrary: registered, weight: 6 },
  );
}

export function arbSignIn(o?: ArbOptions): fc.Arbitrary<SignIn> {
  const w = o?.missingWeight ?? 1;
  const stated = opt(o, 'statedIdentityForDeclaredUsers');
  return fc.record({
    userId: maybe(fc.constantFrom(...USER_IDS, U.zed), opt(o, 'missingUser') ? w : 0),
    memberOf: maybe(fc.subarray(GROUP_IDS), 4),
    roles: maybe(fc.subarray(ROLE_IDS), 6),
    guestType: maybe(fc.constantFrom(...GUEST_TYPES), 8),
    homeTenantId: maybe(fc.constantFrom(TENANT_FABRIKAM, TENANT_OTHER), 6),
    target: maybe(opt(o, 'crossKindTargets') ? arbTargetSignIn : arbAppTarget, w),
    ipAddress: maybe(fc.constantFrom(...IPS), w),
    country: maybe(fc.constantFrom('NL', 'BE', 'US', 'unknown'), w),
    devicePlatform: maybe(fc.constantFrom<(Platform | 'unknown')[]>(...PLATFORMS, 'unknown'), w),
    clientAppType: maybe(fc.constantFrom(...CLIENTS, 'browser', 'mobileAppsAndDesktopClients'), w),
    device: arbDevice(o),
    signInRisk: maybe(fc.constantFrom(...RISKS), w),
    userRisk: maybe(fc.constantFrom(...RISKS), w),
    insiderRisk: maybe(fc.constantFrom<(InsiderRiskLevel | 'none')[]>('none', ...INSIDER), w),
    authenticationFlow: maybe(fc.constantFrom<(TransferMethod | 'none')[]>('none', ...FLOWS), w),
    time: maybe(arbInstant, w),
    satisfied: maybe(fc.subarray(ALL_CONTROLS, { maxLength: 4 }), 3),
    anonymous: fc.oneof({ arbitrary: fc.constant(undefined), weight: 3 }, { arbitrary: fc.constant(true), weight: 1 }),
  }).map((s) => {
    const signIn = stripUndefined(s) as SignIn;
    if (signIn.userId !== undefined) delete signIn.anonymous; // anonymous only describes a sign-in without a user id
    if (!stated && signIn.userId !== undefined && USER_IDS.includes(signIn.userId)) {
      delete signIn.roles;
      delete signIn.guestType;
      delete signIn.homeTenantId;
    }
    return signIn;
  });
}
