// Random small policy sets over a fixed directory, shared by the analysis property tests.
import fc from 'fast-check';
import type { ClientAppType, Policy, PolicySet, PrincipalSet } from '../src/index.js';

export const GA = '62e90394-69f5-4237-9190-012177145e10';
export const A1 = 'app-one';
export const A2 = 'app-two';
export const OTHER_APP = '00000003-0000-0000-c000-000000000000'; // Microsoft Graph, named by no policy

export const directorySet = (policies: Policy[]): PolicySet => ({
    policies,
    namedLocations: [
        { id: 'L1', name: 'L1', kind: 'ip', ipRanges: ['10.0.0.0/24'], trusted: true },
        { id: 'C1', name: 'C1', kind: 'country', countries: ['NL'] },
    ],
    directory: {
        users: [
            { id: 'u1', name: 'u1', roles: [GA] },
            { id: 'u2', name: 'u2', roles: [] },
            { id: 'u3', name: 'u3', roles: [], guestType: 'b2bCollaborationGuest' },
        ],
        groups: [{ id: 'G1', name: 'G1', members: ['u2'] }, { id: 'G2', name: 'G2' }],
        roles: [{ id: GA, name: 'GlobalAdministrator', builtIn: true }],
        apps: [{ id: A1, name: 'A1' }, { id: A2, name: 'A2' }],
        strengths: [], terms: [], authContexts: [],
    },
});

const principalItems = fc.subarray(['all', 'u1', 'u2', 'u3', 'G1', 'G2', 'GA', 'guests'] as const);
function principals(items: readonly string[]): PrincipalSet {
    return {
        all: items.includes('all') || undefined,
        users: items.filter((x) => /^u\d$/.test(x)),
        groups: items.filter((x) => /^G\d$/.test(x)),
        roles: items.includes('GA') ? [GA] : [],
        allGuests: items.includes('guests') || undefined,
    };
}

export const conditions = fc.record({
    include: principalItems, exclude: principalItems,
    apps: fc.subarray(['All', A1, A2], { minLength: 1 }), appsExclude: fc.subarray([A1, A2]),
    platforms: fc.option(fc.record({ include: fc.subarray(['all', 'windows', 'iOS'] as const), exclude: fc.subarray(['windows', 'iOS'] as const) }), { nil: undefined }),
    clients: fc.option(fc.subarray(['browser', 'exchangeActiveSync'] as ClientAppType[]), { nil: undefined }),
    locations: fc.option(fc.record({ include: fc.subarray(['All', 'L1', 'C1', 'AllTrusted'], { minLength: 1 }), exclude: fc.subarray(['L1', 'C1']) }), { nil: undefined }),
    risk: fc.option(fc.subarray(['none', 'high'] as const), { nil: undefined }),
});

export type Conditions = typeof conditions extends fc.Arbitrary<infer T> ? T : never;

export function conditionFields(c: Conditions): Partial<Policy> {
    return {
        users: { include: principals(c.include), exclude: principals(c.exclude) },
        target: { kind: 'apps', include: c.apps, exclude: c.appsExclude },
        platforms: c.platforms ? { include: c.platforms.include, exclude: c.platforms.exclude } : undefined,
        clientAppTypes: c.clients, locations: c.locations, signInRisk: c.risk ? [...c.risk] : undefined,
    };
}

export const grants: Policy['grant'][] = [
    { kind: 'block' }, { kind: 'controls', operator: 'AND', controls: ['mfa'] },
    { kind: 'controls', operator: 'AND', controls: ['compliantDevice'] }, { kind: 'controls', operator: 'OR', controls: ['compliantDevice', 'mfa'] },
    { kind: 'controls', operator: 'OR', controls: ['mfa', 'termsOfUse:T1'] }, { kind: 'controls', operator: 'AND', controls: ['mfa', 'termsOfUse:T1'] },
];

export const policyArb = fc.record({ c: conditions, grant: fc.constantFrom(...grants), state: fc.constantFrom('enabled', 'enabled', 'enabledForReportingButNotEnforced') as fc.Arbitrary<Policy['state']> });
