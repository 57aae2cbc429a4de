// One describe block per condition kind, with Entra's documented edge cases (LANGUAGE.md §4,
// research/ca-semantics.md §2) and the evaluation contract of the issue.
import { describe, expect, it } from 'vitest';
import type { Platform, Policy, SignIn } from '../src/model.js';
import {
  ALL_USERS, APP, anon, GROUP, LOC, MON_FRI, ROLE, TENANT, USER, app, apps, block, describeOutcomeAgreement, ev, policy,
  reason, registered, set, signIn, users, verdict, window, without, and,
} from './builders.js';

const mfa = and('mfa');

describe('users', () => {
  it('all includes guests and users that are not declared', () => {
    const p = policy('P', { users: users({ all: true }), grant: mfa });
    expect(verdict(p, signIn({ userId: USER.eve }))).toBe('applies');
    expect(verdict(p, signIn({ userId: USER.ian }))).toBe('applies');
    expect(verdict(p, signIn({ userId: 'u-undeclared' }))).toBe('applies');
  });

  it('None matches nobody', () => {
    const p = policy('P', { users: users({ none: true }), grant: mfa });
    expect(verdict(p, signIn())).toBe('users');
    expect(verdict(p, signIn({ userId: USER.carol }))).toBe('users');
  });

  it('exclude wins over include', () => {
    expect(verdict(policy('P', { users: users({ users: [USER.alice] }, { users: [USER.alice] }) }), signIn())).toBe('users');
    const p = policy('P', { users: users({ all: true }, { groups: [GROUP.breakGlass] }), grant: block });
    expect(verdict(p, signIn({ userId: USER.bg1 }))).toBe('users');
    expect(verdict(p, signIn({ userId: USER.alice }))).toBe('applies');
    // Included through a group, excluded by name.
    const q = policy('Q', { users: users({ groups: [GROUP.finance] }, { users: [USER.carol] }) });
    expect(verdict(q, signIn({ userId: USER.carol }))).toBe('users');
  });

  it('nested group membership through the directory is transitive', () => {
    const p = policy('P', { users: users({ groups: [GROUP.finance] }), grant: mfa });
    expect(verdict(p, signIn({ userId: USER.alice }))).toBe('applies'); // direct member
    expect(verdict(p, signIn({ userId: USER.carol }))).toBe('applies'); // via FinanceLeads ⊂ Finance
    expect(verdict(p, signIn({ userId: USER.bg1 }))).toBe('users');
  });

  it('nested group membership via the sign-in memberOf is transitive', () => {
    const p = policy('P', { users: users({ groups: [GROUP.finance] }), grant: mfa });
    // An anonymous identity stating membership of FinanceLeads is in Finance too.
    expect(verdict(p, anon({ memberOf: [GROUP.financeLeads] }))).toBe('applies');
    // An open group nested in a closed one: stating the open group gives the closed one.
    const ops = policy('O', { users: users({ groups: [GROUP.ops] }) });
    expect(verdict(ops, signIn({ memberOf: [GROUP.contractors] }))).toBe('applies');
    expect(verdict(ops, signIn())).toBe('users');
  });

  it('open groups: a membership counts only when the sign-in states it', () => {
    const p = policy('P', { users: users({ groups: [GROUP.contractors] }), grant: mfa });
    expect(verdict(p, signIn({ userId: USER.alice }))).toBe('users');
    expect(verdict(p, signIn({ userId: USER.alice, memberOf: [GROUP.contractors] }))).toBe('applies');
    expect(verdict(p, anon({ memberOf: [GROUP.contractors] }))).toBe('applies');
  });

  it('closed groups: exactly their (transitive) members', () => {
    const p = policy('P', { users: users({ groups: [GROUP.breakGlass] }) });
    expect(verdict(p, signIn({ userId: USER.bg1 }))).toBe('applies');
    expect(verdict(p, signIn({ userId: USER.alice }))).toBe('users');
  });

  it('built-in roles from the directory and from the sign-in', () => {
    const p = policy('P', { users: users({ roles: [ROLE.globalAdmin] }), grant: mfa });
    expect(verdict(p, signIn({ userId: USER.carol }))).toBe('applies');
    expect(verdict(p, anon({ roles: [ROLE.globalAdmin] }))).toBe('applies');
    expect(verdict(p, signIn({ userId: USER.alice }))).toBe('users');
  });

  it('custom roles (directory role builtIn: false) are ignored, in include and in exclude', () => {
    const inc = policy('P', { users: users({ roles: [ROLE.payrollAuditor] }), grant: mfa });
    expect(verdict(inc, signIn({ userId: USER.pat }))).toBe('users');
    expect(verdict(inc, anon({ roles: [ROLE.payrollAuditor] }))).toBe('users');
    const exc = policy('Q', { users: users({ all: true }, { roles: [ROLE.payrollAuditor] }), grant: block });
    expect(verdict(exc, signIn({ userId: USER.pat }))).toBe('applies');
  });

  it('typed guests, with tenants all or a tenant list', () => {
    const anyTenant = policy('P', { users: users({ guests: { types: ['b2bCollaborationGuest'], tenants: 'all' } }) });
    expect(verdict(anyTenant, signIn({ userId: USER.eve }))).toBe('applies');
    expect(verdict(anyTenant, signIn({ userId: USER.alice }))).toBe('users'); // a member is no guest
    expect(verdict(anyTenant, signIn({ userId: USER.ian }))).toBe('users'); // another guest type
    const noTenants = policy('P', { users: users({ guests: { types: ['b2bCollaborationGuest', 'internalGuest'] } }) });
    expect(verdict(noTenants, signIn({ userId: USER.ian }))).toBe('applies');

    const fabrikam = policy('P', { users: users({ guests: { types: ['b2bCollaborationGuest'], tenants: [TENANT.fabrikam.toUpperCase()] } }) });
    expect(verdict(fabrikam, signIn({ userId: USER.eve }))).toBe('applies');
    const other = policy('P', { users: users({ guests: { types: ['b2bCollaborationGuest'], tenants: ['tenant-other'] } }) });
    expect(verdict(other, signIn({ userId: USER.eve }))).toBe('users');
    // An anonymous guest stated by the sign-in.
    expect(verdict(other, anon({ guestType: 'b2bCollaborationGuest', homeTenantId: 'tenant-other' }))).toBe('applies');
  });

  it('GuestsOrExternalUsers: every guest or external user', () => {
    const inc = policy('P', { users: users({ allGuests: true }) });
    expect(verdict(inc, signIn({ userId: USER.eve }))).toBe('applies');
    expect(verdict(inc, signIn({ userId: USER.ian }))).toBe('applies');
    expect(verdict(inc, signIn({ userId: USER.alice }))).toBe('users');
    const exc = policy('Q', { users: users({ all: true }, { allGuests: true }), grant: block });
    expect(verdict(exc, signIn({ userId: USER.eve }))).toBe('users');
    expect(verdict(exc, signIn({ userId: USER.alice }))).toBe('applies');
  });

  it('ids compare case-insensitively (users, groups, roles, memberOf)', () => {
    expect(verdict(policy('P', { users: users({ users: [USER.alice.toUpperCase()] }) }), signIn())).toBe('applies');
    expect(verdict(policy('P', { users: users({ users: [USER.alice] }) }), signIn({ userId: 'U-Alice' }))).toBe('applies');
    expect(verdict(policy('P', { users: users({ groups: [GROUP.finance.toUpperCase()] }) }), signIn({ userId: USER.carol }))).toBe('applies');
    expect(verdict(policy('P', { users: users({ roles: [ROLE.globalAdmin.toUpperCase()] }) }), signIn({ userId: USER.carol }))).toBe('applies');
    expect(verdict(policy('P', { users: users({ groups: [GROUP.finance] }) }), anon({ memberOf: ['G-FINANCELEADS'] }))).toBe('applies');
    expect(verdict(policy('P', { users: users({ guests: { types: ['B2BCollaborationGuest' as 'b2bCollaborationGuest'] } }) }), signIn({ userId: USER.eve }))).toBe('applies');
  });

  it('an anonymous identity (user { … }) is not missing input: it is none of the declared users', () => {
    const p = policy('P', { users: users({ users: [USER.alice] }) });
    expect(verdict(p, anon())).toBe('users');
  });

  it('no identity at all is missing input where it could change the result', () => {
    const noUser = without(signIn(), 'userId');
    const p = policy('P', { users: users({ users: [USER.alice] }), grant: mfa });
    expect(verdict(p, noUser, 'strict')).toBe('notEnoughInformation');
    expect(verdict(p, noUser, 'lenient')).toBe('applies');
    // users all needs no identity.
    expect(verdict(policy('Q', { users: users({ all: true }) }), noUser, 'strict')).toBe('applies');
  });
});

describe('applications (target resources)', () => {
  const only = (include: string[], exclude: string[] = []) => policy('P', { target: apps(include, exclude), grant: mfa });

  it('All covers every app', () => {
    expect(verdict(only(['All']), signIn({ target: app(APP.payroll) }))).toBe('applies');
    expect(verdict(only(['All']), signIn({ target: app('11111111-2222-3333-4444-555555555555') }))).toBe('applies');
  });

  it('None covers no app', () => {
    expect(verdict(only(['None']), signIn())).toBe('application');
  });

  it('Office365 expands to its member apps (Exchange, SharePoint), not the Azure portal', () => {
    const p = only(['Office365']);
    expect(verdict(p, signIn({ target: app(APP.exchange) }))).toBe('applies');
    expect(verdict(p, signIn({ target: app(APP.sharePoint) }))).toBe('applies');
    expect(verdict(p, signIn({ target: app(APP.teams) }))).toBe('applies');
    expect(verdict(p, signIn({ target: app(APP.azurePortal) }))).toBe('application');
    expect(verdict(p, signIn({ target: app(APP.payroll) }))).toBe('application');
  });

  it('MicrosoftAdminPortals covers the admin portals, not the workloads', () => {
    const p = only(['MicrosoftAdminPortals']);
    expect(verdict(p, signIn({ target: app(APP.azurePortal) }))).toBe('applies');
    expect(verdict(p, signIn({ target: app(APP.exchangeAdminCenter) }))).toBe('applies');
    expect(verdict(p, signIn({ target: app(APP.exchange) }))).toBe('application');
  });

  it('excluding a suite or a suite member from All', () => {
    const noO365 = only(['All'], ['Office365']);
    expect(verdict(noO365, signIn({ target: app(APP.exchange) }))).toBe('application');
    expect(verdict(noO365, signIn({ target: app(APP.sharePoint) }))).toBe('application');
    expect(verdict(noO365, signIn({ target: app(APP.payroll) }))).toBe('applies');
    const noPortal = only(['All'], [APP.azurePortal]);
    expect(verdict(noPortal, signIn({ target: app(APP.azurePortal) }))).toBe('application');
    expect(verdict(noPortal, signIn({ target: app(APP.exchange) }))).toBe('applies');
    const portalsButAzure = only(['MicrosoftAdminPortals'], [APP.azurePortal]);
    expect(verdict(portalsButAzure, signIn({ target: app(APP.azurePortal) }))).toBe('application');
    expect(verdict(portalsButAzure, signIn({ target: app(APP.exchangeAdminCenter) }))).toBe('applies');
  });

  it("a sign-in whose app is 'Office365' matches nothing but an All include", () => {
    const o365 = signIn({ target: app('Office365') });
    expect(verdict(only(['Office365']), o365)).toBe('application');
    expect(verdict(only([APP.exchange]), o365)).toBe('application');
    expect(verdict(only(['All']), o365)).toBe('applies');
    expect(verdict(only(['All'], ['Office365']), o365)).toBe('applies');
    expect(verdict(only(['MicrosoftAdminPortals']), signIn({ target: app('MicrosoftAdminPortals') }))).toBe('application');
  });

  it('app ids and suite values compare case-insensitively', () => {
    expect(verdict(only(['microsoftadminportals']), signIn({ target: app(APP.azurePortal.toUpperCase()) }))).toBe('applies');
    expect(verdict(only(['OFFICE365']), signIn({ target: app(APP.exchange.toUpperCase()) }))).toBe('applies');
    expect(verdict(only([APP.payroll.toUpperCase()]), signIn({ target: app(APP.payroll) }))).toBe('applies');
    expect(verdict(only(['all'], [APP.azurePortal.toUpperCase()]), signIn({ target: app(APP.azurePortal) }))).toBe('application');
  });

  it('a missing target is missing input', () => {
    const s = without(signIn(), 'target');
    expect(verdict(only(['All']), s, 'strict')).toBe('notEnoughInformation');
    expect(verdict(only(['All']), s, 'lenient')).toBe('applies');
  });

  it('a missing target cannot change the result of apps include None', () => {
    expect(verdict(only(['None']), without(signIn(), 'target'), 'strict')).toBe('application');
  });
});

describe('user actions and authentication contexts', () => {
  const actions = policy('A', { target: { kind: 'userActions', actions: ['registerSecurityInfo'] }, grant: mfa });
  const context = policy('C', { target: { kind: 'authContext', refs: ['c1'] }, grant: mfa });
  const allApps = policy('P', { target: apps(['All']), grant: mfa });
  const action = (a: string): SignIn => signIn({ target: { kind: 'userAction', action: a as 'registerDevice' } });
  const ctx = (id: string): SignIn => signIn({ target: { kind: 'authContext', id } });

  it('user actions match the listed action only', () => {
    expect(verdict(actions, action('registerSecurityInfo'))).toBe('applies');
    expect(verdict(actions, action('registerDevice'))).toBe('userActions');
  });

  it('auth contexts match the listed context, case-insensitively', () => {
    expect(verdict(context, ctx('c1'))).toBe('applies');
    expect(verdict(context, ctx('C1'))).toBe('applies');
    expect(verdict(policy('C', { target: { kind: 'authContext', refs: ['C2'] } }), ctx('c2'))).toBe('applies');
    expect(verdict(context, ctx('c2'))).toBe('authenticationContext');
  });

  it("a cross-kind mismatch is reported by the sign-in's context kind", () => {
    expect(verdict(actions, signIn())).toBe('application');
    expect(verdict(actions, ctx('c1'))).toBe('authenticationContext');
    expect(verdict(context, signIn())).toBe('application');
    expect(verdict(context, action('registerSecurityInfo'))).toBe('userActions');
    expect(verdict(allApps, action('registerSecurityInfo'))).toBe('userActions');
    expect(verdict(allApps, ctx('c1'))).toBe('authenticationContext');
  });

  it('user action names compare case-insensitively', () => {
    expect(verdict(actions, action('RegisterSecurityInfo'))).toBe('applies');
    expect(verdict(actions, action('registersecurityinfo'))).toBe('applies');
  });

  it('a missing target is missing input for user-action and auth-context policies too', () => {
    expect(verdict(actions, without(signIn(), 'target'), 'strict')).toBe('notEnoughInformation');
    expect(verdict(context, without(signIn(), 'target'), 'lenient')).toBe('applies');
  });
});

describe('device platforms', () => {
  const plat = (include: (Platform | 'all')[], exclude: Platform[] = []) => policy('P', { platforms: { include, exclude }, grant: mfa });

  it('include lists', () => {
    expect(verdict(plat(['android', 'iOS']), signIn({ devicePlatform: 'iOS' }))).toBe('applies');
    expect(verdict(plat(['android', 'iOS']), signIn({ devicePlatform: 'windows' }))).toBe('devicePlatform');
  });

  it('include all, exclude wins', () => {
    const p = plat(['all'], ['iOS', 'android']);
    expect(verdict(p, signIn({ devicePlatform: 'windows' }))).toBe('applies');
    expect(verdict(p, signIn({ devicePlatform: 'linux' }))).toBe('applies');
    expect(verdict(p, signIn({ devicePlatform: 'android' }))).toBe('devicePlatform');
  });

  it('an unknown platform matches only include all (and cannot be excluded)', () => {
    const unknown = signIn({ devicePlatform: 'unknown' });
    expect(verdict(plat(['all']), unknown)).toBe('applies');
    expect(verdict(plat(['all'], ['windows']), unknown)).toBe('applies');
    expect(verdict(plat(['android', 'iOS', 'windows', 'windowsPhone', 'macOS', 'linux']), unknown)).toBe('devicePlatform');
    expect(verdict(plat(['windows']), unknown)).toBe('devicePlatform');
  });

  it('platform values compare case-insensitively', () => {
    expect(verdict(plat(['iOS']), signIn({ devicePlatform: 'IOS' as 'iOS' }))).toBe('applies');
    expect(verdict(plat(['all'], ['macOS']), signIn({ devicePlatform: 'MacOs' as 'macOS' }))).toBe('devicePlatform');
    expect(verdict(plat(['ALL' as 'all']), signIn({ devicePlatform: 'linux' }))).toBe('applies');
  });

  it('a missing platform: strict notEnoughInformation, lenient matches; include all with no exclusion needs none', () => {
    const s = without(signIn(), 'devicePlatform');
    expect(verdict(plat(['all']), s, 'strict')).toBe('applies');
    expect(verdict(plat(['all'], ['iOS']), s, 'strict')).toBe('notEnoughInformation');
    expect(verdict(plat(['all'], ['iOS']), s, 'lenient')).toBe('applies');
    expect(verdict(plat(['windows']), s, 'strict')).toBe('notEnoughInformation');
    expect(verdict(plat(['windows']), s, 'lenient')).toBe('applies');
  });

  it('a missing platform cannot change the result of include windows exclude windows', () => {
    expect(verdict(plat(['windows'], ['windows']), without(signIn(), 'devicePlatform'), 'strict')).toBe('devicePlatform');
  });
});

describe('device filters', () => {
  const trustedDevice = 'device.isCompliant -eq True -or device.trustType -eq "ServerAD"';
  const filter = (mode: 'include' | 'exclude', rule: string) => policy('P', { deviceFilter: { mode, rule }, grant: mfa });

  it('exclude mode with a positive rule targets unmanaged devices; an absent device is unregistered', () => {
    const p = filter('exclude', trustedDevice);
    expect(verdict(p, signIn({ device: undefined }))).toBe('applies');
    expect(verdict(p, signIn({ device: registered({ isCompliant: true, trustType: 'AzureAD' }) }))).toBe('devices');
    expect(verdict(p, signIn({ device: registered({ isCompliant: false, trustType: 'ServerAD' }) }))).toBe('devices');
    expect(verdict(p, signIn({ device: registered({ isCompliant: false, trustType: 'Workplace' }) }))).toBe('applies');
  });

  it('an unregistered device has every property null, whatever properties it carries', () => {
    const unregisteredButClaims = signIn({ device: { registered: false, properties: { isCompliant: true, trustType: 'ServerAD' } } });
    expect(verdict(filter('exclude', trustedDevice), unregisteredButClaims)).toBe('applies');
    expect(verdict(filter('include', 'device.isCompliant -eq True'), unregisteredButClaims)).toBe('devices');
  });

  it('include mode: positive operators are false on null, negative ones true', () => {
    const positive = filter('include', 'device.trustType -eq "AzureAD"');
    expect(verdict(positive, signIn())).toBe('devices');
    expect(verdict(positive, signIn({ device: registered({ trustType: 'AzureAD' }) }))).toBe('applies');
    const negative = filter('include', 'device.model -notStartsWith "Surface"');
    expect(verdict(negative, signIn())).toBe('applies');
    expect(verdict(negative, signIn({ device: registered({ model: 'Surface Laptop 5' }) }))).toBe('devices');
    // A registered device without the property: null too.
    expect(verdict(negative, signIn({ device: registered({ trustType: 'AzureAD' }) }))).toBe('applies');
  });

  it('exclude mode with a negative rule excludes unregistered devices', () => {
    const p = filter('exclude', 'device.extensionAttribute1 -ne "SAW"');
    expect(verdict(p, signIn())).toBe('devices');
    expect(verdict(p, signIn({ device: registered({ isCompliant: true, extensionAttribute1: 'SAW' }) }))).toBe('applies');
    // extensionAttributes are null unless the device is managed, compliant or hybrid joined.
    expect(verdict(p, signIn({ device: registered({ isCompliant: false, trustType: 'Workplace', extensionAttribute1: 'SAW' }) }))).toBe('devices');
  });

  it('values compare case-insensitively; -in lists; collections match whole elements', () => {
    expect(verdict(filter('include', 'device.trustType -eq "serverad"'), signIn({ device: registered({ trustType: 'ServerAD' }) }))).toBe('applies');
    const inList = filter('include', 'device.operatingSystemVersion -in ["10.0.19041", "10.0.22631"]');
    expect(verdict(inList, signIn({ device: registered({ operatingSystemVersion: '10.0.22631' }) }))).toBe('applies');
    expect(verdict(inList, signIn({ device: registered({ operatingSystemVersion: '10.0.22000' }) }))).toBe('devices');
    const labels = filter('include', 'device.systemLabels -contains "M365Managed"');
    expect(verdict(labels, signIn({ device: registered({ systemLabels: ['M365Managed'] }) }))).toBe('applies');
    expect(verdict(labels, signIn({ device: registered({ systemLabels: ['M365ManagedX'] }) }))).toBe('devices');
  });
});

describe('client app types', () => {
  const legacyBlock = policy('L', { clientAppTypes: ['exchangeActiveSync', 'other'], grant: block });

  it('legacy clients selected by a block policy are blocked; modern clients are not in scope', () => {
    let r = ev(set([legacyBlock]), signIn({ clientAppType: 'exchangeActiveSync' }));
    expect(r.outcome).toBe('block');
    r = ev(set([legacyBlock]), signIn({ clientAppType: 'other' }));
    expect(r.outcome).toBe('block');
    r = ev(set([legacyBlock]), signIn({ clientAppType: 'browser' }));
    expect([r.outcome, reason(r, 'L')]).toEqual(['allow', 'clientApps']);
    expect(verdict(legacyBlock, signIn({ clientAppType: 'easSupported' }))).toBe('clientApps');
  });

  it('client types compare case-insensitively', () => {
    expect(verdict(legacyBlock, signIn({ clientAppType: 'ExchangeActiveSync' as 'exchangeActiveSync' }))).toBe('applies');
    expect(verdict(policy('M', { clientAppTypes: ['mobileAppsAndDesktopClients'] }), signIn({ clientAppType: 'MOBILEAPPSANDDESKTOPCLIENTS' as 'browser' }))).toBe('applies');
  });

  it('a missing client type: strict notEnoughInformation, lenient matches; every type selected needs none', () => {
    const s = without(signIn(), 'clientAppType');
    expect(verdict(legacyBlock, s, 'strict')).toBe('notEnoughInformation');
    expect(verdict(legacyBlock, s, 'lenient')).toBe('applies');
    const every = policy('E', { clientAppTypes: ['browser', 'mobileAppsAndDesktopClients', 'exchangeActiveSync', 'easSupported', 'other'] });
    expect(verdict(every, s, 'strict')).toBe('applies');
  });
});

describe('locations', () => {
  const loc = (include: string[], exclude: string[] = [], grant: Policy['grant'] = block) =>
    policy('P', { locations: { include, exclude }, grant });
  const notTrusted = loc(['All'], ['AllTrusted']);

  it('IPv4 CIDR edges: network and broadcast addresses are inside, neighbours outside', () => {
    expect(verdict(notTrusted, signIn({ ipAddress: '203.0.113.0' }))).toBe('location');
    expect(verdict(notTrusted, signIn({ ipAddress: '203.0.113.255' }))).toBe('location');
    expect(verdict(notTrusted, signIn({ ipAddress: '203.0.113.77' }))).toBe('location');
    expect(verdict(notTrusted, signIn({ ipAddress: '203.0.112.255' }))).toBe('applies');
    expect(verdict(notTrusted, signIn({ ipAddress: '203.0.114.0' }))).toBe('applies');
  });

  it('a /32 range is one address', () => {
    const branch = loc([LOC.branch], [], and('mfa'));
    expect(verdict(branch, signIn({ ipAddress: '198.51.100.7' }))).toBe('applies');
    expect(verdict(branch, signIn({ ipAddress: '198.51.100.6' }))).toBe('location');
    expect(verdict(branch, signIn({ ipAddress: '198.51.100.8' }))).toBe('location');
  });

  it('IPv6 ranges and IPv4-mapped IPv6 addresses', () => {
    expect(verdict(notTrusted, signIn({ ipAddress: '2001:db8:1::' }))).toBe('location');
    expect(verdict(notTrusted, signIn({ ipAddress: '2001:db8:1:ffff:ffff:ffff:ffff:ffff' }))).toBe('location');
    expect(verdict(notTrusted, signIn({ ipAddress: '2001:DB8:1::42' }))).toBe('location');
    expect(verdict(notTrusted, signIn({ ipAddress: '2001:db8:2::' }))).toBe('applies');
    expect(verdict(notTrusted, signIn({ ipAddress: '2001:db8:0:ffff:ffff:ffff:ffff:ffff' }))).toBe('applies');
    expect(verdict(notTrusted, signIn({ ipAddress: '::ffff:203.0.113.5' }))).toBe('location');
    expect(verdict(notTrusted, signIn({ ipAddress: '::ffff:203.0.114.5' }))).toBe('applies');
  });

  it('AllTrusted is every trusted location, not the untrusted ones', () => {
    const trusted = loc(['AllTrusted'], [], and('mfa'));
    expect(verdict(trusted, signIn({ ipAddress: '203.0.113.9' }))).toBe('applies');
    expect(verdict(trusted, signIn({ ipAddress: '198.51.100.7' }))).toBe('location');
    expect(verdict(loc(['alltrusted']), signIn({ ipAddress: '203.0.113.9' }))).toBe('applies');
  });

  it('countries, unknown countries and includeUnknown', () => {
    const outsideAllowed = loc(['All'], [LOC.allowed]);
    expect(verdict(outsideAllowed, signIn({ country: 'NL' }))).toBe('location');
    expect(verdict(outsideAllowed, signIn({ country: 'lu' }))).toBe('location');
    expect(verdict(outsideAllowed, signIn({ country: 'US' }))).toBe('applies');
    expect(verdict(outsideAllowed, signIn({ country: 'unknown' }))).toBe('applies');
    const outsideOrUnknown = loc(['All'], [LOC.allowedOrUnknown]);
    expect(verdict(outsideOrUnknown, signIn({ country: 'unknown' }))).toBe('location');
    expect(verdict(outsideOrUnknown, signIn({ country: 'UNKNOWN' }))).toBe('location');
    expect(verdict(outsideOrUnknown, signIn({ country: 'BE' }))).toBe('applies');
    expect(verdict(loc([LOC.allowedOrUnknown]), signIn({ country: 'unknown' }))).toBe('applies');
    expect(verdict(loc([LOC.allowed]), signIn({ country: 'unknown' }))).toBe('location');
  });

  it('location ids and special values compare case-insensitively', () => {
    expect(verdict(loc(['all'], [LOC.corpHq.toUpperCase()]), signIn({ ipAddress: '203.0.113.5' }))).toBe('location');
    expect(verdict(loc(['ALL'], ['ALLTRUSTED']), signIn({ ipAddress: '203.0.113.5' }))).toBe('location');
  });

  it('include all with no exclusion needs no IP and no country', () => {
    const s = without(signIn(), 'ipAddress', 'country');
    expect(verdict(loc(['All']), s, 'strict')).toBe('applies');
  });

  it('include all exclude trusted with a missing IP: strict notEnoughInformation, lenient applies', () => {
    const s = without(signIn(), 'ipAddress');
    let r = ev(set([notTrusted]), s, 'strict');
    expect([r.outcome, reason(r, 'P')]).toEqual(['allow', 'notEnoughInformation']);
    r = ev(set([notTrusted]), s, 'lenient');
    expect([r.outcome, reason(r, 'P')]).toEqual(['block', 'applies']);
  });

  it('a missing IP cannot change the result when no IP could match', () => {
    const s = without(signIn(), 'ipAddress');
    expect(verdict(loc([LOC.corpHq], [LOC.corpHq]), s, 'strict')).toBe('location');
    // CorpHQ is the only trusted location: AllTrusted minus CorpHQ is empty.
    expect(verdict(loc(['AllTrusted'], [LOC.corpHq]), s, 'strict')).toBe('location');
    // …but AllTrusted minus Branch (untrusted) still depends on the IP.
    expect(verdict(loc(['AllTrusted'], [LOC.branch]), s, 'strict')).toBe('notEnoughInformation');
  });

  it('missing input only matters for the locations the policy uses', () => {
    // Country-only policy: the IP is not needed.
    expect(verdict(loc(['All'], [LOC.allowed]), without(signIn({ country: 'NL' }), 'ipAddress'), 'strict')).toBe('location');
    // IP-only policy: the country is not needed.
    expect(verdict(notTrusted, without(signIn({ ipAddress: '203.0.113.5' }), 'country'), 'strict')).toBe('location');
    // Country policy with the country missing.
    expect(verdict(loc(['All'], [LOC.allowed]), without(signIn(), 'country'), 'strict')).toBe('notEnoughInformation');
    expect(verdict(loc(['All'], [LOC.allowed]), without(signIn(), 'country'), 'lenient')).toBe('applies');
  });
});

describe('risks', () => {
  it('sign-in risk: any listed level', () => {
    const p = policy('P', { signInRisk: ['medium', 'high'], grant: mfa });
    expect(verdict(p, signIn({ signInRisk: 'high' }))).toBe('applies');
    expect(verdict(p, signIn({ signInRisk: 'medium' }))).toBe('applies');
    expect(verdict(p, signIn({ signInRisk: 'low' }))).toBe('signInRisk');
    expect(verdict(p, signIn({ signInRisk: 'hidden' }))).toBe('signInRisk');
    expect(verdict(p, signIn({ signInRisk: 'HIGH' as 'high' }))).toBe('applies');
    expect(verdict(p, without(signIn(), 'signInRisk'), 'strict')).toBe('notEnoughInformation');
    expect(verdict(p, without(signIn(), 'signInRisk'), 'lenient')).toBe('applies');
    const every = policy('E', { signInRisk: ['none', 'low', 'medium', 'high', 'hidden'] });
    expect(verdict(every, without(signIn(), 'signInRisk'), 'strict')).toBe('applies');
  });

  it('user risk', () => {
    const p = policy('P', { userRisk: ['high'], grant: block });
    expect(verdict(p, signIn({ userRisk: 'high' }))).toBe('applies');
    expect(verdict(p, signIn({ userRisk: 'low' }))).toBe('userRisk');
    expect(verdict(p, without(signIn(), 'userRisk'), 'strict')).toBe('notEnoughInformation');
    expect(verdict(p, without(signIn(), 'userRisk'), 'lenient')).toBe('applies');
  });

  it('sign-in risk and user risk in one policy: both must match', () => {
    const p = policy('P', { signInRisk: ['high'], userRisk: ['high'], grant: mfa });
    expect(verdict(p, signIn({ signInRisk: 'high', userRisk: 'high' }))).toBe('applies');
    expect(verdict(p, signIn({ signInRisk: 'high', userRisk: 'none' }))).toBe('userRisk');
    expect(verdict(p, signIn({ signInRisk: 'none', userRisk: 'high' }))).toBe('signInRisk');
  });

  it('insider risk', () => {
    const p = policy('P', { insiderRisk: ['elevated'], grant: block });
    expect(verdict(p, signIn({ insiderRisk: 'elevated' }))).toBe('applies');
    expect(verdict(p, signIn({ insiderRisk: 'moderate' }))).toBe('insiderRisk');
    expect(verdict(p, signIn({ insiderRisk: 'none' }))).toBe('insiderRisk');
    expect(verdict(p, without(signIn(), 'insiderRisk'), 'strict')).toBe('notEnoughInformation');
    expect(verdict(p, without(signIn(), 'insiderRisk'), 'lenient')).toBe('applies');
  });
});

describe('authentication flows', () => {
  it('device code and authentication transfer', () => {
    const p = policy('P', { authenticationFlows: ['deviceCodeFlow'], grant: block });
    expect(verdict(p, signIn({ authenticationFlow: 'deviceCodeFlow' }))).toBe('applies');
    expect(verdict(p, signIn({ authenticationFlow: 'DeviceCodeFlow' as 'deviceCodeFlow' }))).toBe('applies');
    expect(verdict(p, signIn({ authenticationFlow: 'none' }))).toBe('authenticationFlow');
    expect(verdict(p, signIn({ authenticationFlow: 'authenticationTransfer' }))).toBe('authenticationFlow');
    expect(verdict(p, without(signIn(), 'authenticationFlow'), 'strict')).toBe('notEnoughInformation');
    expect(verdict(p, without(signIn(), 'authenticationFlow'), 'lenient')).toBe('applies');
    const both = policy('B', { authenticationFlows: ['deviceCodeFlow', 'authenticationTransfer'], grant: block });
    expect(verdict(both, signIn({ authenticationFlow: 'authenticationTransfer' }))).toBe('applies');
  });
});

describe('time windows (Latch extension)', () => {
  const during = (...times: ReturnType<typeof window>[]) => policy('P', { times, grant: mfa });
  const office = during(window(MON_FRI, '08:00', '18:00', 'Europe/Amsterdam'));

  it('weekday office hours in an IANA zone, end exclusive', () => {
    expect(verdict(office, signIn({ time: '2026-11-24T07:30:00Z' }))).toBe('applies'); // Tue 08:30 CET
    expect(verdict(office, signIn({ time: '2026-11-24T06:59:00Z' }))).toBe('time'); // Tue 07:59
    expect(verdict(office, signIn({ time: '2026-11-24T16:59:00Z' }))).toBe('applies'); // Tue 17:59
    expect(verdict(office, signIn({ time: '2026-11-24T17:00:00Z' }))).toBe('time'); // Tue 18:00
    expect(verdict(office, signIn({ time: '2026-11-28T10:00:00Z' }))).toBe('time'); // Sat 11:00
    expect(verdict(office, signIn({ time: '2026-11-24T08:30:00+01:00' }))).toBe('applies'); // offset form
  });

  it('the same instant judged in different zones; several windows are ORed', () => {
    const ny = during(window(MON_FRI, '09:00', '17:00', 'America/New_York'));
    const tokyo = during(window(MON_FRI, '09:00', '17:00', 'Asia/Tokyo'));
    const t = signIn({ time: '2026-11-24T14:30:00Z' }); // 09:30 in New York, 23:30 in Tokyo
    expect(verdict(ny, t)).toBe('applies');
    expect(verdict(tokyo, t)).toBe('time');
    expect(verdict(during(tokyo.times![0]!, ny.times![0]!), t)).toBe('applies');
  });

  it('DST switch in Europe/Amsterdam: the same UTC time of day is another local hour', () => {
    expect(verdict(office, signIn({ time: '2026-03-27T06:30:00Z' }))).toBe('time'); // Fri 07:30 CET
    expect(verdict(office, signIn({ time: '2026-03-30T06:30:00Z' }))).toBe('applies'); // Mon 08:30 CEST
    expect(verdict(office, signIn({ time: '2026-10-23T06:30:00Z' }))).toBe('applies'); // Fri 08:30 CEST
    expect(verdict(office, signIn({ time: '2026-10-26T06:30:00Z' }))).toBe('time'); // Mon 07:30 CET
  });

  it('DST switch nights: the skipped hour never matches, the repeated hour matches twice', () => {
    const twoToThree = during(window([0], '02:00', '03:00', 'Europe/Amsterdam'));
    expect(verdict(twoToThree, signIn({ time: '2026-03-29T00:59:00Z' }))).toBe('time'); // 01:59 CET
    expect(verdict(twoToThree, signIn({ time: '2026-03-29T01:00:00Z' }))).toBe('time'); // 03:00 CEST
    expect(verdict(twoToThree, signIn({ time: '2026-10-25T00:30:00Z' }))).toBe('applies'); // 02:30 CEST
    expect(verdict(twoToThree, signIn({ time: '2026-10-25T01:30:00Z' }))).toBe('applies'); // 02:30 CET
    expect(verdict(twoToThree, signIn({ time: '2026-10-25T02:00:00Z' }))).toBe('time'); // 03:00 CET
  });

  it('a window that wraps past midnight belongs to the day it opens on', () => {
    const fridayNight = during(window([5], '22:00', '06:00', 'Europe/Amsterdam'));
    expect(verdict(fridayNight, signIn({ time: '2026-11-27T21:30:00Z' }))).toBe('applies'); // Fri 22:30
    expect(verdict(fridayNight, signIn({ time: '2026-11-28T01:00:00Z' }))).toBe('applies'); // Sat 02:00
    expect(verdict(fridayNight, signIn({ time: '2026-11-28T05:00:00Z' }))).toBe('time'); // Sat 06:00
    expect(verdict(fridayNight, signIn({ time: '2026-11-27T01:00:00Z' }))).toBe('time'); // Fri 02:00 (Thursday's night)
    expect(verdict(fridayNight, signIn({ time: '2026-11-28T21:30:00Z' }))).toBe('time'); // Sat 22:30
  });

  it('an end of 24:00 covers the last minute of the day', () => {
    const evening = during(window([2], '18:00', '24:00', 'Europe/Amsterdam'));
    expect(verdict(evening, signIn({ time: '2026-11-24T22:59:00Z' }))).toBe('applies'); // Tue 23:59
    expect(verdict(evening, signIn({ time: '2026-11-24T23:00:00Z' }))).toBe('time'); // Wed 00:00
  });

  it('a missing time: strict notEnoughInformation, lenient matches', () => {
    expect(verdict(office, without(signIn(), 'time'), 'strict')).toBe('notEnoughInformation');
    expect(verdict(office, without(signIn(), 'time'), 'lenient')).toBe('applies');
  });
});

describe('first failing reason', () => {
  // A policy with every condition configured, and a sign-in that matches all of them.
  const full = policy('F', {
    users: users({ all: true }, { groups: [GROUP.breakGlass] }),
    target: apps([APP.exchange]),
    platforms: { include: ['windows'], exclude: [] },
    deviceFilter: { mode: 'exclude', rule: 'device.isCompliant -eq True' },
    clientAppTypes: ['browser'],
    locations: { include: ['All'], exclude: [LOC.allowed] },
    signInRisk: ['high'],
    userRisk: ['high'],
    insiderRisk: ['elevated'],
    authenticationFlows: ['deviceCodeFlow'],
    times: [window(MON_FRI, '08:00', '18:00', 'Europe/Amsterdam')],
    grant: mfa,
  });
  const matching = signIn({
    country: 'US', signInRisk: 'high', userRisk: 'high', insiderRisk: 'elevated', authenticationFlow: 'deviceCodeFlow',
    time: '2026-11-24T09:00:00Z',
  });
  const breaks: [string, Partial<SignIn>][] = [
    ['users', { userId: USER.bg1 }],
    ['application', { target: app(APP.payroll) }],
    ['devicePlatform', { devicePlatform: 'linux' }],
    ['devices', { device: registered({ isCompliant: true }) }],
    ['clientApps', { clientAppType: 'mobileAppsAndDesktopClients' }],
    ['location', { country: 'NL' }],
    ['signInRisk', { signInRisk: 'none' }],
    ['userRisk', { userRisk: 'low' }],
    ['insiderRisk', { insiderRisk: 'minor' }],
    ['authenticationFlow', { authenticationFlow: 'none' }],
    ['time', { time: '2026-11-28T09:00:00Z' }],
  ];

  it('the fully matching sign-in applies', () => {
    expect(verdict(full, matching)).toBe('applies');
  });

  it.each(breaks.map(([name], i) => [name, i] as const))('%s is reported when it and every later condition fail', (name, i) => {
    let s = matching;
    for (const [, change] of breaks.slice(i)) s = { ...s, ...change };
    expect(verdict(full, s)).toBe(name);
    // Alone, too.
    expect(verdict(full, { ...matching, ...breaks[i]![1] })).toBe(name);
  });

  it('policyNotEnabled comes before every condition', () => {
    expect(verdict({ ...full, state: 'disabled' }, { ...matching, userId: USER.bg1 })).toBe('policyNotEnabled');
  });

  it('missing input (strict) is reported when it is the first non-matching condition', () => {
    const missingPlatformBadLocation = without({ ...matching, country: 'NL' }, 'devicePlatform');
    expect(verdict(full, missingPlatformBadLocation, 'strict')).toBe('notEnoughInformation');
    expect(verdict(full, missingPlatformBadLocation, 'lenient')).toBe('location');
    const badLocationMissingRisk = without({ ...matching, country: 'NL' }, 'userRisk');
    expect(verdict(full, badLocationMissingRisk, 'strict')).toBe('location');
    const badUserMissingTime = without({ ...matching, userId: USER.bg1 }, 'time');
    expect(verdict(full, badUserMissingTime, 'strict')).toBe('users');
  });

  it('lenient mode with every input missing except the user: the policy applies', () => {
    const s: SignIn = { userId: USER.alice };
    expect(verdict(full, s, 'lenient')).toBe('applies');
    expect(verdict(full, s, 'strict')).toBe('notEnoughInformation');
  });

  it('an all-users, all-apps policy never needs more than the target', () => {
    expect(verdict(policy('P', { users: ALL_USERS, grant: mfa }), { target: app(APP.payroll) }, 'strict')).toBe('applies');
  });
});

describeOutcomeAgreement();
