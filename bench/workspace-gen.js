// A synthetic but realistic Latch workspace: a directory (tenant, users, nested groups, custom apps, auth contexts,
// named locations, a strength, terms) and N varied policies in the shapes real baselines use (persona targeting,
// break-glass exclusions, app suites, platforms, locations, client types, risks, device filters, time windows,
// grants, blocks, session controls). Deterministic in the seed.

import { rng } from './signins.js';

const ROLES = [
    'GlobalAdministrator', 'PrivilegedRoleAdministrator', 'SecurityAdministrator', 'ConditionalAccessAdministrator',
    'ExchangeAdministrator', 'SharePointAdministrator', 'UserAdministrator', 'HelpdeskAdministrator',
    'ApplicationAdministrator', 'CloudApplicationAdministrator', 'AuthenticationAdministrator', 'BillingAdministrator',
    'IntuneAdministrator', 'PrivilegedAuthenticationAdministrator',
];
const WELL_KNOWN = [
    'ExchangeOnline', 'SharePointOnline', 'MicrosoftTeams', 'AzureManagement', 'AzurePortal', 'MicrosoftGraph',
    'IntuneEnrollment', 'Intune', 'PowerBIService', 'AzureDevOps', 'MyApps', 'GraphExplorer', 'AzureCLI',
    'AzurePowerShell', 'Dataverse', 'ProjectOnline', 'OutlookMobile', 'AzureVirtualDesktop', 'Windows365',
];
const GUESTS = ['internalGuest', 'b2bCollaborationGuest', 'b2bCollaborationMember', 'b2bDirectConnectUser', 'otherExternalUser', 'serviceProvider'];
const PLATFORMS = ['android', 'ios', 'windows', 'macos', 'linux', 'windowsPhone'];
const CLIENTS = ['browser', 'mobileAndDesktop', 'exchangeActiveSync', 'easSupported', 'other'];
const RISKS = ['low', 'medium', 'high'];
const DEVICE_RULES = [
    'device.isCompliant -eq True -and device.deviceOwnership -eq "Company"',
    'device.deviceOwnership -eq "Company" -or device.isCompliant -eq True',
    'device.operatingSystemVersion -startsWith "10.0.1"',
    'device.trustType -eq "ServerAD"',
    'device.model -startsWith "Surface" -and device.isCompliant -eq True',
    'device.extensionAttribute1 -eq "PAW"',
    'device.displayName -contains "KIOSK"',
];

function hexId(r) {
    const h = (n) => Array.from({ length: n }, () => r.int(16).toString(16)).join('');
    return `${h(8)}-${h(4)}-4${h(3)}-a${h(3)}-${h(12)}`;
}

/** Directory declarations (one file's worth). */
export function directoryText(seed = 7) {
    const r = rng(seed);
    const lines = ['// Synthetic directory for the parse benchmark', 'tenant "fabrikam.onmicrosoft.com" { id "' + hexId(r) + '" }', ''];
    lines.push('user bg1 "Break Glass 1" { upn "bg1@fabrikam.onmicrosoft.com" roles GlobalAdministrator }');
    lines.push('user bg2 "Break Glass 2" { upn "bg2@fabrikam.onmicrosoft.com" roles GlobalAdministrator }');
    lines.push(`group BreakGlass "CA-BreakGlass" { id "${hexId(r)}" members bg1, bg2 emergencyAccess }`);
    for (let i = 0; i < 60; i++) {
        const extra = i % 10 === 0 ? ` roles ${r.pick(ROLES)}` : i % 13 === 0 ? ' guest b2bCollaborationGuest' : '';
        lines.push(`user u${i} "User ${i}" { upn "u${i}@fabrikam.com"${extra} }`);
    }
    for (let g = 0; g < 30; g++) {
        const members = Array.from({ length: 3 }, () => `u${r.int(60)}`);
        if (g > 0 && g % 5 === 0) members.push(`G${g - 1}`); // some nesting
        lines.push(`group G${g} "SG-Persona-${g}" { id "${hexId(r)}" members ${[...new Set(members)].join(', ')} }`);
    }
    for (let g = 0; g < 10; g++) lines.push(`group Excl${g} "CA-Exclusion-${g}" { id "${hexId(r)}" }`);
    for (let a = 0; a < 20; a++) lines.push(`app App${a} "Line-of-business app ${a}" { id "${hexId(r)}" }`);
    for (let c = 0; c < 3; c++) lines.push(`authContext Ctx${c} "Auth context ${c}" { id "c${c + 1}" }`);
    lines.push('location HQ "HQ" { ip 203.0.113.0/24, 2001:db8:100::/48 trusted }');
    lines.push('location Branch "Branch" { ip 198.51.100.0/25 trusted }');
    lines.push('location Cloud "Cloud egress" { ip 192.0.2.0/27 }');
    lines.push('location Allowed "Allowed countries" { countries US, CA, GB, NL, BE, DE }');
    lines.push('location Blocked "Blocked countries" { countries RU, KP, IR includeUnknown }');
    lines.push('location Home "Home country" { countries NL }');
    lines.push(`strength PartnerMfa "Partner MFA" { id "${hexId(r)}" methods fido2, windowsHelloForBusiness, password + microsoftAuthenticatorPush }`);
    lines.push(`terms Tou "Terms of use" { id "${hexId(r)}" }`);
    return lines.join('\n') + '\n';
}

function policyText(r, i) {
    const name = `P${String(i).padStart(4, '0')}`;
    const c = [];
    c.push(`  state ${r.weighted([['on', 70], ['reportOnly', 20], ['off', 10]])}`);
    // Users
    const who = r.weighted([['all', 35], ['groups', 35], ['roles', 15], ['guests', 10], ['users', 5]]);
    const inc = who === 'all' ? 'all'
        : who === 'groups' ? [...new Set(Array.from({ length: 1 + r.int(3) }, () => `G${r.int(30)}`))].join(', ')
            : who === 'roles' ? [...new Set(Array.from({ length: 1 + r.int(5) }, () => `role ${r.pick(ROLES)}`))].join(', ')
                : who === 'guests' ? `guests(${r.subset(GUESTS, 0.7).join(', ') || 'b2bCollaborationGuest'}) tenants all`
                    : [...new Set(Array.from({ length: 1 + r.int(4) }, () => `u${r.int(60)}`))].join(', ');
    const exc = ['BreakGlass', ...(r.chance(0.5) ? [`Excl${r.int(10)}`] : [])];
    c.push(`  users include ${inc}  exclude ${exc.join(', ')}`);
    // Target
    const target = r.weighted([['apps', 84], ['actions', 8], ['ctx', 8]]);
    let registerDevice = false;
    if (target === 'apps') {
        const apps = r.weighted([
            ['all', 50], ['Office365', 15], ['MicrosoftAdminPortals', 5],
            [[...new Set(Array.from({ length: 1 + r.int(3) }, () => r.chance(0.5) ? r.pick(WELL_KNOWN) : `App${r.int(20)}`))].join(', '), 30],
        ]);
        const excl = apps === 'all' && r.chance(0.3) ? `  exclude ${r.pick(['IntuneEnrollment', 'Office365', `App${r.int(20)}`])}` : '';
        c.push(`  apps include ${apps}${excl}`);
    } else if (target === 'actions') {
        const a = r.pick(['registerSecurityInfo', 'registerDevice']);
        registerDevice = a === 'registerDevice';
        c.push(`  actions ${a}`);
    } else {
        c.push(`  authContext Ctx${r.int(3)}`);
    }
    // Conditions
    if (r.chance(0.3)) {
        c.push(r.chance(0.3)
            ? `  platforms include all  exclude ${r.subset(PLATFORMS.slice(0, 5), 0.8).join(', ') || 'android'}`
            : `  platforms include ${r.subset(PLATFORMS, 0.4).join(', ') || 'windows'}`);
    }
    if (r.chance(0.25)) {
        c.push(r.weighted([
            ['  locations include all  exclude trusted', 40],
            ['  locations include all  exclude Allowed', 30],
            ['  locations include Blocked', 15],
            ['  locations include all  exclude HQ, Cloud', 15],
        ]));
    }
    if (!registerDevice && r.chance(0.25)) c.push(`  clients ${r.subset(CLIENTS, 0.5).join(', ') || 'browser'}`);
    if (r.chance(0.15)) c.push(`  signInRisk ${r.subset(RISKS, 0.6).join(', ') || 'high'}`);
    const userRisk = r.chance(0.1);
    if (userRisk) c.push(`  userRisk ${r.subset(RISKS, 0.6).join(', ') || 'high'}`);
    if (r.chance(0.05)) c.push(`  insiderRisk ${r.pick(['elevated', 'moderate, elevated'])}`);
    if (r.chance(0.05)) c.push(`  flows ${r.pick(['deviceCode', 'deviceCode, authenticationTransfer'])}`);
    if (!registerDevice && r.chance(0.15)) c.push(`  devices ${r.pick(['include', 'exclude'])} where ${r.pick(DEVICE_RULES)}`);
    if (r.chance(0.03)) c.push(`  during ${r.pick(['mon-fri', 'sat-sun', 'mon-sun'])} ${r.pick(['08:00-18:00', '22:00-06:00'])} "${r.pick(['Europe/Amsterdam', 'America/New_York'])}"`);
    // Grant
    const grant = registerDevice ? r.pick(['mfa', 'strength PhishingResistantMfa'])
        : r.weighted([
            ['block', 30], ['mfa', 20], ['compliantDevice or hybridJoinedDevice or mfa', 12], ['compliantDevice or hybridJoinedDevice', 8],
            ['strength PhishingResistantMfa', 8], ['strength PartnerMfa or strength PhishingResistantMfa', 4], ['mfa and terms Tou', 4],
            ['approvedApp or appProtection', 4], ['session-only', 10],
        ]);
    if (grant === 'block') c.push('  block');
    else if (grant !== 'session-only') c.push(`  grant ${grant}`);
    if (grant === 'session-only' || r.chance(0.2)) {
        const s = r.weighted([
            ['signInFrequency 12h', 30], ['signInFrequency everyTime', 10], ['persistentBrowser never', 20],
            ['appEnforcedRestrictions', 15], ['cloudAppSecurity blockDownloads', 10], ['continuousAccessEvaluation strictLocation', 15],
        ]);
        c.push(`  session {\n    ${s}\n  }`);
    }
    void userRisk;
    return `// Synthetic policy ${i}\npolicy ${name} "${name} - synthetic ${who} ${target}" {\n${c.join('\n')}\n}\n`;
}

/** Policies i0 … i0+n-1 as one file's text. */
export function policiesText(i0, n, seed = 11) {
    const out = [];
    for (let i = i0; i < i0 + n; i++) out.push(policyText(rng(seed * 1_000_003 + i), i));
    return out.join('\n');
}

/** n What If scenarios over the synthetic directory (users, apps, places, platforms, clients), no expectations. */
export function scenariosText(n, seed = 13) {
    const r = rng(seed);
    const out = [];
    for (let i = 0; i < n; i++) {
        const app = r.chance(0.5) ? r.pick(WELL_KNOWN) : `App${r.int(20)}`;
        const [ip, country] = r.pick([['203.0.113.7', 'NL'], ['198.51.100.9', 'US'], ['20.0.0.7', 'BE'], ['81.2.69.160', 'RU']]);
        out.push([
            `scenario "S${i}: u${r.int(60)} opens ${app}" {`,
            `  user u${r.int(60)}`,
            `  app ${app}`,
            `  ip ${ip}  country ${country}`,
            `  platform ${r.pick(PLATFORMS.slice(0, 5))}  client ${r.pick(['browser', 'mobileAndDesktop'])}`,
            `  signInRisk ${r.pick(['none', 'none', 'low', 'high'])}  userRisk none  insiderRisk none`,
            '  flow none',
            `  at 2026-11-24T${String(6 + r.int(12)).padStart(2, '0')}:00 "Europe/Amsterdam"`,
            '}',
        ].join('\n'));
    }
    return out.join('\n\n') + '\n';
}
