// Lowering (src/lowering/lower-workspace.ts): a representative workspace → the engine model, in Graph's vocabulary.

import type { Policy, ScenarioStep } from '@latch/engine';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { LoweredWorkspace } from '../src/lowering/lower-workspace.js';
import { buildWorkspace, clearWorkspace, ensureBuiltins, render, validate } from './helpers.js';

const GLOBAL_ADMIN = '62e90394-69f5-4237-9190-012177145e10';
const SECURITY_ADMIN = '194ae4cb-b126-40b2-bd5b-6091b380977d';
const PHISHING_RESISTANT = '00000000-0000-0000-0000-000000000004';
const AZURE_PORTAL = 'c44b4083-3bb0-49c1-b47d-974e53cbdf3c';
const EXCHANGE = '00000002-0000-0ff1-ce00-000000000000';

const DIRECTORY = `
tenant "contoso.onmicrosoft.com"
user alice  { upn "alice@contoso.com" }
user carol  { upn "carol@contoso.com"  roles GlobalAdministrator, PayrollAuditor }
user bg1    { id "0c8f4f8e-7a42-4c53-9d0c-0d6c2a4e1b11" }
user eve    { upn "eve@fabrikam.com"  guest b2bCollaborationGuest  tenantId "fabrikam-tenant" }
group BreakGlass "CA-BreakGlassAccounts" { id "6499f521-8620-4f4e-92a1-db47c79362e8"  members bg1  emergencyAccess }
group Finance      { members alice, FinanceLeads }
group FinanceLeads { members carol }
group Contractors  { id "2802b872-ccfb-4b29-a9a9-459808dfb11b" }
role  PayrollAuditor { id "7c1e3a52-9d4f-4b8e-a1c2-3e5f6a7b8c9d" }
app Payroll "Payroll (SAP)" { id "2f6c1a55-0e4d-4d2a-9a53-2b5a3bb1c0de" }
app Intranet
authContext Sensitive "Sensitive data" { id "c1" }
location CorpHQ "Corp HQ" { id "loc-hq"  ip 203.0.113.0/24, 2001:db8:1::/48  trusted }
location Allowed { countries NL, BE  includeUnknown  lookup gps }
strength Fido2OrPush { id "strength-1"  methods fido2, password + microsoftAuthenticatorPush }
terms ToU2026 { id "8e3d2a4c-5b61-4f0e-9c7d-2a1b3c4d5e6f" }
`;

const POLICIES = `
policy CA100 "Finance: MFA, compliant and hybrid joined device" {
  id "a9f3c2d1-0b4e-4c6f-8d7a-1e2f3a4b5c6d"
  state on
  users include Finance, carol, role SecurityAdministrator, role PayrollAuditor, guests(b2bCollaborationGuest) tenants "fabrikam-tenant"
        exclude BreakGlass
  apps include Payroll, Intranet  exclude AzurePortal
  platforms include all exclude ios, android, macos
  locations include all exclude trusted, CorpHQ
  clients browser, mobileAndDesktop, exchangeActiveSync
  signInRisk medium, high
  insiderRisk elevated
  flows deviceCode, authenticationTransfer
  devices exclude where device.isCompliant -eq True -or device.trustType -eq "ServerAD"
  during mon-fri 08:00-18:00 "Europe/Amsterdam"
  grant mfa and compliantDevice and hybridJoinedDevice
  session {
    signInFrequency 4h
    persistentBrowser never
    appEnforcedRestrictions
    cloudAppSecurity custom
    continuousAccessEvaluation strictLocation
    tokenProtection
    disableResilienceDefaults
  }
}

policy CA200 "Apps: approved app or app protection (off)" {
  state off
  users all
  apps all
  grant approvedApp or appProtection
}

policy CA300 "Contractors: strong authentication" {
  users include Contractors
  apps include Payroll
  locations include Allowed
  grant strength Fido2OrPush or strength PhishingResistantMfa or terms ToU2026
}

policy CA400 "Guests: block security info registration" {
  state reportOnly
  templateId "tmpl-1"
  description "Guests cannot register security info"
  users include guests  exclude none
  actions registerSecurityInfo
  block
  extra { "conditions": { "clientApplications": null }, "n": 1.5, "list": [1, "x", true, false, null, {}] }
}

policy CA500 "Risky users: password change" {
  state on
  users all
  apps all
  userRisk high
  grant passwordChange and mfa
  session { signInFrequency everyTime }
}

policy CA600 "Sensitive data: weekly re-auth" {
  state on
  users all
  authContext Sensitive
  grant mfa
  session { signInFrequency 7d  cloudAppSecurity monitorOnly  continuousAccessEvaluation disabled }
}

policy CA700 "Legacy: block via grant" {
  state on
  users all
  apps all
  clients other, easSupported
  grant block
}
`;

const SCENARIOS = `
scenario "steps" {
  user carol { groups Contractors }
  app Payroll
  ip 198.51.100.7  country NL
  platform ios  client mobileAndDesktop
  device { isCompliant false  trustType "Workplace" }
  signInRisk none  userRisk low  insiderRisk minor
  flow deviceCode
  at 2026-07-01T12:00 "Europe/Amsterdam"
  satisfied mfa, strength Fido2OrPush, terms ToU2026
  expect requires mfa and (compliantDevice or strength PhishingResistantMfa)
  expect applies CA100, CA300
  expect notApplies CA200 because policyNotEnabled
  expect session signInFrequency 4h
  expect shadow block
  after 20m { userRisk high  ip 203.0.113.9 }
  expect block
  expect revoked
  after 1h { event passwordReset }
  expect revokedAt 60m
  expect shadow requires mfa or hybridJoinedDevice
}

scenario "anonymous identity and other targets" {
  user { groups Contractors  roles GlobalAdministrator  guest internalGuest  tenantId "t-9" }
  action registerDevice
  platform unknown  client exchangeActiveSync
  country unknown
  flow none
  insiderRisk none
  device { registered false  device.model "X1"  physicalIds ["a", "b"] }
  after 5m { event userRiskHigh  authContext Sensitive }
}
`;

let ws: LoweredWorkspace;
const policyById = (id: string): Policy => {
    const p = ws.set.policies.find((x) => x.id === id);
    if (!p) throw new Error(`no policy ${id}`);
    return p;
};

describe('lowering a representative workspace', () => {
    beforeAll(async () => {
        const built = await buildWorkspace({ 'directory.latch': DIRECTORY, 'policies.latch': POLICIES, 'scenarios.latch': SCENARIOS });
        expect(render(built.issues.filter((i) => i.severity === 'error'))).toBe('');
        ws = built.lower();
    });

    afterAll(clearWorkspace);

    it('lists every policy in source order with its declared id or its name', () => {
        expect(ws.set.policies.map((p) => [p.id, p.name])).toEqual([
            ['a9f3c2d1-0b4e-4c6f-8d7a-1e2f3a4b5c6d', 'CA100'],
            ['CA200', 'CA200'], ['CA300', 'CA300'], ['CA400', 'CA400'], ['CA500', 'CA500'], ['CA600', 'CA600'], ['CA700', 'CA700'],
        ]);
        expect(ws.policyNodes.map((n) => n.name)).toEqual(ws.set.policies.map((p) => p.name));
        expect(policyById('CA200').displayName).toBe('Apps: approved app or app protection (off)');
    });

    it('maps states to Graph, a missing state to enabledForReportingButNotEnforced', () => {
        expect(ws.set.policies.map((p) => [p.name, p.state])).toEqual([
            ['CA100', 'enabled'], ['CA200', 'disabled'], ['CA300', 'enabledForReportingButNotEnforced'],
            ['CA400', 'enabledForReportingButNotEnforced'], ['CA500', 'enabled'], ['CA600', 'enabled'], ['CA700', 'enabled'],
        ]);
    });

    it('lowers the users condition: users, groups, role template ids, typed guests, exclusions by id', () => {
        expect(policyById('a9f3c2d1-0b4e-4c6f-8d7a-1e2f3a4b5c6d').users).toEqual({
            include: {
                users: ['carol'], groups: ['Finance'], roles: [SECURITY_ADMIN, '7c1e3a52-9d4f-4b8e-a1c2-3e5f6a7b8c9d'],
                guests: { types: ['b2bCollaborationGuest'], tenants: ['fabrikam-tenant'] },
            },
            exclude: { users: [], groups: ['6499f521-8620-4f4e-92a1-db47c79362e8'], roles: [] },
        });
        expect(policyById('CA200').users?.include).toEqual({ all: true, users: [], groups: [], roles: [] });
        expect(policyById('CA300').users?.include.groups).toEqual(['2802b872-ccfb-4b29-a9a9-459808dfb11b']);
        expect(policyById('CA400').users).toEqual({
            include: { allGuests: true, users: [], groups: [], roles: [] },
            exclude: { none: true, users: [], groups: [], roles: [] },
        });
    });

    it('lowers targets: app ids (name where none is declared), All, user actions, auth context ids', () => {
        expect(policyById('a9f3c2d1-0b4e-4c6f-8d7a-1e2f3a4b5c6d').target).toEqual({
            kind: 'apps', include: ['2f6c1a55-0e4d-4d2a-9a53-2b5a3bb1c0de', 'Intranet'], exclude: [AZURE_PORTAL],
        });
        expect(policyById('CA200').target).toEqual({ kind: 'apps', include: ['All'], exclude: [] });
        expect(policyById('CA400').target).toEqual({ kind: 'userActions', actions: ['registerSecurityInfo'] });
        expect(policyById('CA600').target).toEqual({ kind: 'authContext', refs: ['c1'] });
    });

    it('uses Graph spellings for platforms, client apps and flows', () => {
        const p = policyById('a9f3c2d1-0b4e-4c6f-8d7a-1e2f3a4b5c6d');
        expect(p.platforms).toEqual({ include: ['all'], exclude: ['iOS', 'android', 'macOS'] });
        expect(p.clientAppTypes).toEqual(['browser', 'mobileAppsAndDesktopClients', 'exchangeActiveSync']);
        expect(policyById('CA700').clientAppTypes).toEqual(['other', 'easSupported']);
        expect(p.authenticationFlows).toEqual(['deviceCodeFlow', 'authenticationTransfer']);
    });

    it('lowers locations, risks, device filter (verbatim) and time windows', () => {
        const p = policyById('a9f3c2d1-0b4e-4c6f-8d7a-1e2f3a4b5c6d');
        expect(p.locations).toEqual({ include: ['All'], exclude: ['AllTrusted', 'loc-hq'] });
        expect(policyById('CA300').locations).toEqual({ include: ['Allowed'], exclude: [] });
        expect(p.signInRisk).toEqual(['medium', 'high']);
        expect(p.userRisk).toBeUndefined();
        expect(policyById('CA500').userRisk).toEqual(['high']);
        expect(p.insiderRisk).toEqual(['elevated']);
        expect(p.deviceFilter).toEqual({ mode: 'exclude', rule: 'device.isCompliant -eq True -or device.trustType -eq "ServerAD"' });
        expect(p.times).toEqual([{ days: [1, 2, 3, 4, 5], start: 8 * 60, end: 18 * 60, zone: 'Europe/Amsterdam' }]);
        expect(policyById('CA200').platforms).toBeUndefined();
        expect(policyById('CA200').deviceFilter).toBeUndefined();
    });

    it('lowers grants with Graph control names, strengths and terms by id', () => {
        expect(policyById('a9f3c2d1-0b4e-4c6f-8d7a-1e2f3a4b5c6d').grant).toEqual({ kind: 'controls', operator: 'AND', controls: ['mfa', 'compliantDevice', 'domainJoinedDevice'] });
        expect(policyById('CA200').grant).toEqual({ kind: 'controls', operator: 'OR', controls: ['approvedApplication', 'compliantApplication'] });
        expect(policyById('CA300').grant).toEqual({
            kind: 'controls', operator: 'OR',
            controls: ['authenticationStrength:strength-1', `authenticationStrength:${PHISHING_RESISTANT}`, 'termsOfUse:8e3d2a4c-5b61-4f0e-9c7d-2a1b3c4d5e6f'],
        });
        expect(policyById('CA400').grant).toEqual({ kind: 'block' });
        expect(policyById('CA500').grant).toEqual({ kind: 'controls', operator: 'AND', controls: ['passwordChange', 'mfa'] });
        expect(policyById('CA700').grant).toEqual({ kind: 'block' });
    });

    it('lowers session settings', () => {
        expect(policyById('a9f3c2d1-0b4e-4c6f-8d7a-1e2f3a4b5c6d').session).toEqual({
            signInFrequency: 240, signInFrequencyUnit: 'hours', persistentBrowser: 'never', applicationEnforcedRestrictions: true, cloudAppSecurity: 'mcasConfigured',
            continuousAccessEvaluation: 'strictLocation', secureSignInSession: true, disableResilienceDefaults: true,
        });
        expect(policyById('CA500').session).toEqual({ signInFrequency: 'everyTime' });
        expect(policyById('CA600').session).toEqual({ signInFrequency: 7 * 24 * 60, signInFrequencyUnit: 'days', cloudAppSecurity: 'monitorOnly', continuousAccessEvaluation: 'disabled' });
        expect(policyById('CA200').session).toBeUndefined();
    });

    it('keeps templateId, description and extra JSON', () => {
        const p = policyById('CA400');
        expect(p.templateId).toBe('tmpl-1');
        expect(p.description).toBe('Guests cannot register security info');
        expect(p.extra).toEqual({ conditions: { clientApplications: null }, n: 1.5, list: [1, 'x', true, false, null, {}] });
        expect(policyById('CA200').extra).toBeUndefined();
    });

    it('lowers the directory: users, closed and open groups, emergency access', () => {
        const d = ws.set.directory;
        expect(d.users).toEqual([
            { id: 'alice', name: 'alice', upn: 'alice@contoso.com', roles: [], guestType: undefined, tenantId: undefined },
            { id: 'carol', name: 'carol', upn: 'carol@contoso.com', roles: [GLOBAL_ADMIN, '7c1e3a52-9d4f-4b8e-a1c2-3e5f6a7b8c9d'], guestType: undefined, tenantId: undefined },
            { id: '0c8f4f8e-7a42-4c53-9d0c-0d6c2a4e1b11', name: 'bg1', upn: undefined, roles: [], guestType: undefined, tenantId: undefined },
            { id: 'eve', name: 'eve', upn: 'eve@fabrikam.com', roles: [], guestType: 'b2bCollaborationGuest', tenantId: 'fabrikam-tenant' },
        ]);
        const groups = Object.fromEntries(d.groups.map((g) => [g.name, g]));
        expect(groups.BreakGlass).toEqual({
            id: '6499f521-8620-4f4e-92a1-db47c79362e8', name: 'BreakGlass', displayName: 'CA-BreakGlassAccounts',
            members: ['0c8f4f8e-7a42-4c53-9d0c-0d6c2a4e1b11'], emergencyAccess: true,
        });
        // closed: declared with members (ids or names, groups nested)
        expect(groups.Finance.members).toEqual(['alice', 'FinanceLeads']);
        expect(groups.Finance.emergencyAccess).toBe(false);
        // open: declared without members
        expect(groups.Contractors.members).toBeUndefined();
        expect(groups.Contractors.id).toBe('2802b872-ccfb-4b29-a9a9-459808dfb11b');
    });

    it('marks built-in roles builtIn=true and declared (custom) roles builtIn=false', () => {
        const roles = ws.set.directory.roles;
        expect(roles.find((r) => r.name === 'GlobalAdministrator')).toEqual({ id: GLOBAL_ADMIN, name: 'GlobalAdministrator', builtIn: true });
        expect(roles.find((r) => r.name === 'PayrollAuditor')).toEqual({ id: '7c1e3a52-9d4f-4b8e-a1c2-3e5f6a7b8c9d', name: 'PayrollAuditor', builtIn: false });
        expect(roles.filter((r) => !r.builtIn).map((r) => r.name)).toEqual(['PayrollAuditor']);
        expect(roles.filter((r) => r.builtIn).length).toBeGreaterThan(50);
    });

    it('lowers apps (built-in suites and CAE-capable apps included), strengths, terms and auth contexts', () => {
        const d = ws.set.directory;
        const app = (name: string) => d.apps.find((a) => a.name === name);
        expect(app('Payroll')).toEqual({ id: '2f6c1a55-0e4d-4d2a-9a53-2b5a3bb1c0de', name: 'Payroll', displayName: 'Payroll (SAP)', members: undefined, caeCapable: undefined });
        expect(app('Intranet')?.id).toBe('Intranet');
        expect(app('Office365')?.members).toContain(EXCHANGE);
        expect(app('ExchangeOnline')?.caeCapable).toBe(true);
        expect(app('MicrosoftAdminPortals')?.members).toContain(AZURE_PORTAL);
        expect(d.strengths.find((s) => s.name === 'Fido2OrPush')).toEqual({
            id: 'strength-1', name: 'Fido2OrPush', displayName: undefined, combinations: [['fido2'], ['password', 'microsoftAuthenticatorPush']],
        });
        expect(d.strengths.find((s) => s.name === 'PhishingResistantMfa')?.id).toBe(PHISHING_RESISTANT);
        expect(d.terms).toEqual([{ id: '8e3d2a4c-5b61-4f0e-9c7d-2a1b3c4d5e6f', name: 'ToU2026', displayName: undefined }]);
        expect(d.authContexts).toEqual([{ id: 'c1', name: 'Sensitive', displayName: 'Sensitive data' }]);
    });

    it('lowers named locations (IP with trust, countries with unknown and GPS lookup)', () => {
        expect(ws.set.namedLocations).toEqual([
            { id: 'loc-hq', name: 'CorpHQ', displayName: 'Corp HQ', kind: 'ip', ipRanges: ['203.0.113.0/24', '2001:db8:1::/48'], trusted: true },
            { id: 'Allowed', name: 'Allowed', displayName: undefined, kind: 'country', countries: ['NL', 'BE'], includeUnknownCountries: true, countryLookupMethod: 'authenticatorAppGps' },
        ]);
    });

    describe('scenarios', () => {
        const steps = (name: string): ScenarioStep[] => {
            const s = ws.scenarios.find((x) => x.scenario.name === name);
            if (!s) throw new Error(`no scenario ${name}`);
            return s.scenario.steps;
        };

        it('lowers the initial sign-in with ids and Graph spellings', () => {
            expect(steps('steps')[0].signIn).toEqual({
                userId: 'carol', anonymous: undefined, memberOf: ['2802b872-ccfb-4b29-a9a9-459808dfb11b'], roles: [], guestType: undefined, homeTenantId: undefined,
                target: { kind: 'application', appId: '2f6c1a55-0e4d-4d2a-9a53-2b5a3bb1c0de' },
                ipAddress: '198.51.100.7', country: 'NL', devicePlatform: 'iOS', clientAppType: 'mobileAppsAndDesktopClients',
                // no `registered`: a device with a trust type is registered; isCompliant becomes a boolean
                device: { registered: true, properties: { isCompliant: false, trustType: 'Workplace' } },
                signInRisk: 'none', userRisk: 'low', insiderRisk: 'minor', authenticationFlow: 'deviceCodeFlow',
                time: '2026-07-01T10:00:00Z',
                satisfied: ['mfa', 'authenticationStrength:strength-1', 'termsOfUse:8e3d2a4c-5b61-4f0e-9c7d-2a1b3c4d5e6f'],
            });
        });

        it('splits at `after` steps; each step copies the previous state and applies its changes', () => {
            const [s0, s1, s2] = steps('steps');
            expect(steps('steps').map((s) => s.afterMinutes)).toEqual([0, 20, 60]);
            expect(s1.signIn).toEqual({ ...s0.signIn, userRisk: 'high', ipAddress: '203.0.113.9' });
            expect(s2.signIn).toEqual(s1.signIn);
            expect(s1.signIn).not.toBe(s0.signIn);
            expect(s1.signIn.device).not.toBe(s0.signIn.device);
            expect([s0.events, s1.events, s2.events]).toEqual([[], [], ['passwordReset']]);
        });

        it('attaches each expectation to the step after the nearest preceding `after`', () => {
            const [s0, s1, s2] = steps('steps');
            expect(s0.expectations).toEqual([
                {
                    kind: 'requires', requirement: {
                        kind: 'and', left: { kind: 'control', control: 'mfa' },
                        right: { kind: 'or', left: { kind: 'control', control: 'compliantDevice' }, right: { kind: 'control', control: `authenticationStrength:${PHISHING_RESISTANT}` } },
                    },
                },
                { kind: 'applies', policies: [expect.any(String), 'CA300'] },
                { kind: 'notApplies', policies: ['CA200'], reason: 'policyNotEnabled' },
                { kind: 'session', session: { signInFrequency: 240 } },
                { kind: 'shadow', outcome: 'block' },
            ]);
            expect(s1.expectations).toEqual([{ kind: 'outcome', outcome: 'block' }, { kind: 'revoked' }]);
            expect(s2.expectations).toEqual([
                { kind: 'revokedAt', minutes: 60 },
                {
                    kind: 'shadow', outcome: 'requires',
                    requirement: { kind: 'or', left: { kind: 'control', control: 'mfa' }, right: { kind: 'control', control: 'domainJoinedDevice' } },
                },
            ]);
            const nodes = ws.scenarios.find((x) => x.scenario.name === 'steps')!.expectationNodes;
            expect(nodes.map((n) => n.length)).toEqual([5, 2, 2]);
        });

        it('refers to policies so that the engine finds exactly the named policy (declared id, or name)', () => {
            const applies = steps('steps')[0].expectations[1];
            expect(applies.kind).toBe('applies');
            const refs = applies.kind === 'applies' ? applies.policies : [];
            // the engine looks a reference up by id first, then by name (run-scenario.ts)
            const found = refs.map((ref) => ws.set.policies.filter((p) => p.id === ref || p.name === ref).map((p) => p.name));
            expect(found).toEqual([['CA100'], ['CA300']]);
        });

        it('lowers an anonymous identity, user actions, unknowns, unregistered devices and the userRiskHigh event', () => {
            const [s0, s1] = steps('anonymous identity and other targets');
            expect(s0.signIn).toEqual({
                userId: undefined, anonymous: true,
                memberOf: ['2802b872-ccfb-4b29-a9a9-459808dfb11b'], roles: [GLOBAL_ADMIN], guestType: 'internalGuest', homeTenantId: 't-9',
                target: { kind: 'userAction', action: 'registerDevice' },
                devicePlatform: 'unknown', clientAppType: 'exchangeActiveSync', country: 'unknown', authenticationFlow: 'none', insiderRisk: 'none',
                device: { registered: false, properties: { model: 'X1', physicalIds: ['a', 'b'] } },
            });
            expect(s1.afterMinutes).toBe(5);
            expect(s1.events).toEqual(['userRiskHigh']);
            expect(s1.signIn.userRisk).toBe('high');
            expect(s1.signIn.target).toEqual({ kind: 'authContext', id: 'c1' });
        });
    });
});

describe('`at` becomes a UTC instant with the zone offset in force (DST)', () => {
    beforeAll(ensureBuiltins);
    afterEach(clearWorkspace);

    it.each([
        ['2026-11-24T21:30', 'Europe/Amsterdam', '2026-11-24T20:30:00Z'], // CET, UTC+1
        ['2026-07-01T12:00', 'Europe/Amsterdam', '2026-07-01T10:00:00Z'], // CEST, UTC+2
        ['2026-03-29T03:30', 'Europe/Amsterdam', '2026-03-29T01:30:00Z'], // after the spring switch
        ['2026-03-29T01:30', 'Europe/Amsterdam', '2026-03-29T00:30:00Z'], // before it
        ['2026-01-15T09:00:30', 'America/New_York', '2026-01-15T14:00:30Z'], // EST, UTC−5
        ['2026-08-15T09:00', 'America/New_York', '2026-08-15T13:00:00Z'], // EDT, UTC−4
        ['2026-06-01T00:00', 'Asia/Kolkata', '2026-05-31T18:30:00Z'], // UTC+5:30, no DST
        ['2026-06-01T00:00', 'UTC', '2026-06-01T00:00:00Z'],
    ])('%s in %s → %s', async (timestamp, zone, instant) => {
        const built = await validate(`scenario "t" { at ${timestamp} "${zone}" }`);
        expect(render(built.issues)).toBe('');
        expect(built.lower().scenarios[0].scenario.steps[0].signIn.time).toBe(instant);
    });
});

// lowerWorkspace is also handed documents with errors (editor features run on every keystroke): it must not throw.
describe('lowering incomplete documents does not throw', () => {
    beforeAll(ensureBuiltins);
    afterEach(clearWorkspace);

    it.each([
        ['a device property without a value', 'scenario "s" { device { isCompliant } }'],
        ['a role item without a role', 'policy P { state on users role }'],
        ['a devices clause without a rule', 'policy P { state on users all apps all devices include where }'],
        ['a policy without a name', 'policy { state on users all apps all grant mfa }'],
        ['a scenario cut after `after`', 'scenario "s" { user alice after'],
        ['an unresolved user', 'policy P { state on users nobody apps all grant mfa }'],
    ])('%s', async (_title, text) => {
        // validation crashes on some of these too (reported by validation.test.ts); keep the log quiet here
        const errorSpy = vi.spyOn(console, 'error').mockImplementation(() => undefined);
        try {
            const built = await validate(text);
            expect(built.issues.some((i) => i.severity === 'error')).toBe(true);
            expect(() => built.lower()).not.toThrow();
        } finally {
            errorSpy.mockRestore();
        }
    });
});
