import type { DevicePredicate } from '../device-filter/index.js';
import { rulePredicate } from '../device-filter/index.js';
import type {
    ClientAppType, Grant, InsiderRiskLevel, Platform, Policy, PolicySet, PrincipalSet, RiskLevel, TimeWindow,
    TransferMethod,
} from '../model.js';
import { CLIENT_APP_TYPES, INSIDER_RISK_LEVELS, PLATFORMS, RISK_LEVELS, TRANSFER_METHODS } from '../model.js';
import { COUNTRY_CODES } from '../geo/countries.js';
import { cidrToInterval, type IpInterval } from '../net/ip.js';
import { type Bits, Interner, makeBits, setBit } from './bitset.js';
import { isInteractive } from './requirement.js';
import { suiteMembers } from './suites.js';

/**
 * Index of an enum value in its list, by its spelling and in lower case (so that the usual spelling is found
 * without making a lower-case copy); the sign-in side uses the same numbering.
 */
function enumIndex(values: readonly string[]): Map<string, number> {
    return new Map<string, number>([...values.map((v, i): [string, number] => [v.toLowerCase(), i]), ...values.map((v, i): [string, number] => [v, i])]);
}
export const PLATFORM_INDEX = enumIndex(PLATFORMS);
export const UNKNOWN_PLATFORM = PLATFORMS.length;
export const CLIENT_INDEX = enumIndex(CLIENT_APP_TYPES);
export const RISK_INDEX = enumIndex(RISK_LEVELS);
export const INSIDER_INDEX = enumIndex(INSIDER_RISK_LEVELS);
export const FLOW_INDEX = enumIndex(TRANSFER_METHODS);

export interface CompiledPrincipals {
    all: boolean;
    allGuests: boolean;
    guestTypes: Set<string> | undefined;
    /** undefined = any tenant. */
    guestTenants: Set<string> | undefined;
    bits: Bits;
}

export interface CompiledLocations { all: boolean; trusted: boolean; bits: Bits }

export interface CompiledNamedLocation {
    id: string;
    kind: 'ip' | 'country' | 'compliantNetwork';
    trusted: boolean;
    intervals: IpInterval[];
    countries: Set<string>;
    includeUnknown: boolean;
}

export interface CompiledPolicy {
    policy: Policy;
    index: number;
    state: Policy['state'];
    users: { include: CompiledPrincipals; exclude: CompiledPrincipals } | undefined;
    target:
        | { kind: 'apps'; includeAll: boolean; include: Bits; exclude: Bits }
        | { kind: 'userActions'; actions: Set<string> }
        | { kind: 'authContext'; refs: Set<string> }
        | undefined;
    /** Could any target at all satisfy the policy's target condition? (decides a missing target) */
    targetCanMatch: boolean;
    /** Bit i set when platform i (PLATFORMS order, unknown at UNKNOWN_PLATFORM) matches. */
    platforms: number | undefined;
    locations: { include: CompiledLocations; exclude: CompiledLocations } | undefined;
    clients: number | undefined;
    signInRisk: number | undefined;
    userRisk: number | undefined;
    insiderRisk: number | undefined;
    flows: number | undefined;
    device: { include: boolean; predicate: DevicePredicate } | undefined;
    times: TimeWindow[] | undefined;
    grant: Grant | undefined;
    /** The grant's controls for the hot path: lower-cased keys (ids compare case-insensitively) and interactivity. */
    controls: { key: string; interactive: boolean }[];
}

export interface CompiledSet {
    set: PolicySet;
    policies: CompiledPolicy[];
    principals: Interner;
    apps: Interner;
    locations: CompiledNamedLocation[];
    locationIndex: Interner;
    /** Group id (lower) → ids (lower) of the groups that contain it, itself included, transitively. */
    groupAncestors: Map<string, string[]>;
    /** User id (lower) → groups listing the user directly. */
    userGroups: Map<string, string[]>;
    /** User id (lower) → directory facts. */
    users: Map<string, { roles: string[]; guestType?: string; tenantId?: string }>;
    /** Role ids (lower) that Entra ignores in CA (declared custom roles). */
    customRoles: Set<string>;
    /** CAE-capable app ids (lower) declared in the directory. */
    caeApps: Set<string>;
    /** User ids (lower) named in policies but not in the directory: candidates when a sign-in's user is missing. */
    namedUsers: string[];
    /** Does any policy use time windows / any location IP ranges? (lets sign-ins skip parsing what no policy reads) */
    hasTimes: boolean;
    hasIpLocations: boolean;
    /** One address per region of the IP space with constant location membership (for a missing IP). */
    ipCandidates: bigint[];
    /** One country per class of constant location membership, 'UNKNOWN' included (for a missing country). */
    countryCandidates: string[];
}

function maskOf<T extends string>(values: readonly T[] | undefined, index: Map<string, number>): number | undefined {
    if (values === undefined) return undefined;
    let m = 0;
    for (const v of values) {
        const i = index.get(v.toLowerCase?.() ?? v);
        if (i !== undefined) m |= 1 << i;
    }
    return m;
}

function principalIds(p: PrincipalSet): string[] {
    return [...p.users, ...p.groups, ...p.roles];
}

function compilePrincipals(p: PrincipalSet, interner: Interner): CompiledPrincipals {
    const bits = bitsOf(principalIds(p).map((id) => interner.intern(id)), interner.size);
    return {
        all: !!p.all,
        allGuests: !!p.allGuests,
        guestTypes: p.guests ? new Set(p.guests.types.map((t) => t.toLowerCase())) : undefined,
        guestTenants: p.guests && Array.isArray(p.guests.tenants) ? new Set(p.guests.tenants.map((t) => t.toLowerCase())) : undefined,
        bits,
    };
}

function bitsOf(indices: number[], size: number): Bits {
    const b = makeBits(size);
    for (const i of indices) setBit(b, i);
    return b;
}

function compileLocations(items: string[], index: Interner): CompiledLocations {
    const bits: number[] = [];
    let all = false;
    let trusted = false;
    for (const item of items) {
        const k = item.toLowerCase();
        if (k === 'all') all = true;
        else if (k === 'alltrusted') trusted = true;
        else {
            const i = index.lookup(item);
            if (i !== undefined) bits.push(i);
        }
    }
    return { all, trusted, bits: bitsOf(bits, index.size) };
}

/** Region starts of the IP space cut at every range boundary: membership is constant inside each region. */
function ipCandidates(locations: readonly CompiledNamedLocation[]): bigint[] {
    const points = new Set<bigint>([0n, 0xffff00000000n]);
    for (const l of locations) {
        for (const r of l.intervals) {
            points.add(r.lo);
            points.add(r.hi + 1n);
        }
    }
    return [...points];
}

/** Every country a location names, 'UNKNOWN', and one code no location names. */
function countryCandidates(locations: readonly CompiledNamedLocation[]): string[] {
    const named = new Set(locations.flatMap((l) => [...l.countries]));
    const other = COUNTRY_CODES.find((c) => !named.has(c)) ?? 'ZZ';
    return [...named, 'UNKNOWN', other];
}

function targetCanMatch(t: CompiledPolicy['target']): boolean {
    if (!t) return false;
    if (t.kind === 'userActions') return t.actions.size > 0;
    if (t.kind === 'authContext') return t.refs.size > 0;
    if (t.includeAll) return true; // exclusions are finite, other apps remain
    for (let i = 0; i < t.include.length; i++) if ((t.include[i] & ~t.exclude[i]) !== 0) return true;
    return false;
}

function isAppId(a: string): boolean {
    const k = a.toLowerCase();
    return k !== 'all' && k !== 'none';
}

const cache = new WeakMap<PolicySet, CompiledSet>();

/** Compiles a policy set once (cached per object): interned atoms, bit masks, parsed CIDRs and device filters. */
export function compilePolicySet(set: PolicySet): CompiledSet {
    const hit = cache.get(set);
    if (hit) return hit;
    const principals = new Interner();
    const apps = new Interner();
    const locationIndex = new Interner();
    const locations: CompiledNamedLocation[] = set.namedLocations.map((l) => {
        locationIndex.intern(l.id);
        return {
            id: l.id,
            kind: l.kind,
            trusted: !!l.trusted,
            intervals: (l.ipRanges ?? []).map(cidrToInterval).filter((x): x is IpInterval => x !== undefined),
            countries: new Set((l.countries ?? []).map((c) => c.toUpperCase())),
            includeUnknown: !!l.includeUnknownCountries,
        };
    });

    const suites = suiteMembers(set.directory.apps);
    const expandApps = (ids: string[]): number[] => {
        const out: number[] = [];
        for (const id of ids) {
            const members = suites.get(id.toLowerCase());
            if (members) for (const m of members) out.push(apps.intern(m));
            else out.push(apps.intern(id));
        }
        return out;
    };

    // Intern every atom first so that all masks share one width.
    for (const policy of set.policies) {
        if (policy.users) for (const id of [...principalIds(policy.users.include), ...principalIds(policy.users.exclude)]) principals.intern(id);
        if (policy.target?.kind === 'apps') expandApps([...policy.target.include, ...policy.target.exclude].filter(isAppId));
    }

    const policies: CompiledPolicy[] = set.policies.map((policy, index) => {
        const cp: CompiledPolicy = {
            policy, index, state: policy.state,
            users: undefined, target: undefined, targetCanMatch: false, platforms: undefined, locations: undefined,
            clients: undefined, signInRisk: undefined, userRisk: undefined, insiderRisk: undefined, flows: undefined,
            device: undefined, times: policy.times && policy.times.length > 0 ? policy.times : undefined,
            grant: policy.grant,
            controls: policy.grant?.kind === 'controls'
                ? policy.grant.controls.map((c) => ({ key: c.toLowerCase(), interactive: isInteractive(c) })) : [],
        };
        if (policy.users) {
            cp.users = { include: compilePrincipals(policy.users.include, principals), exclude: compilePrincipals(policy.users.exclude, principals) };
        }
        const t = policy.target;
        if (t?.kind === 'apps') {
            const includeAll = t.include.some((a) => a.toLowerCase() === 'all');
            cp.target = {
                kind: 'apps', includeAll,
                include: bitsOf(expandApps(t.include.filter(isAppId)), apps.size),
                exclude: bitsOf(expandApps(t.exclude.filter(isAppId)), apps.size),
            };
        } else if (t?.kind === 'userActions') {
            cp.target = { kind: 'userActions', actions: new Set(t.actions.map((a) => a.toLowerCase())) };
        } else if (t?.kind === 'authContext') {
            cp.target = { kind: 'authContext', refs: new Set(t.refs.map((r) => r.toLowerCase())) };
        }
        cp.targetCanMatch = targetCanMatch(cp.target);
        if (policy.platforms) {
            // An unknown platform matches only `include all` and is never excluded by a concrete platform.
            const includeAll = policy.platforms.include.some((p) => p.toLowerCase() === 'all');
            const include = (includeAll ? (1 << PLATFORMS.length) - 1 : maskOf(policy.platforms.include.filter((p) => p.toLowerCase() !== 'all') as Platform[], PLATFORM_INDEX) ?? 0)
                & ~(maskOf(policy.platforms.exclude, PLATFORM_INDEX) ?? 0);
            cp.platforms = include | (includeAll ? 1 << UNKNOWN_PLATFORM : 0);
        }
        if (policy.locations) {
            cp.locations = {
                include: compileLocations(policy.locations.include, locationIndex),
                exclude: compileLocations(policy.locations.exclude, locationIndex),
            };
        }
        cp.clients = maskOf<ClientAppType>(policy.clientAppTypes, CLIENT_INDEX);
        cp.signInRisk = maskOf<RiskLevel>(policy.signInRisk, RISK_INDEX);
        cp.userRisk = maskOf<RiskLevel>(policy.userRisk, RISK_INDEX);
        cp.insiderRisk = maskOf<InsiderRiskLevel>(policy.insiderRisk, INSIDER_INDEX);
        cp.flows = maskOf<TransferMethod>(policy.authenticationFlows, FLOW_INDEX);
        if (policy.deviceFilter) {
            // An unparsable rule never matches (include) / never excludes (exclude): validation reports it.
            cp.device = { include: policy.deviceFilter.mode === 'include', predicate: rulePredicate(policy.deviceFilter.rule) };
        }
        return cp;
    });

    // Directory: nested group closure (a group listed in another's members inherits that group), user → groups.
    const parents = new Map<string, string[]>();
    const userGroups = new Map<string, string[]>();
    for (const g of set.directory.groups) {
        for (const m of g.members ?? []) {
            const key = m.toLowerCase();
            const list = parents.get(key) ?? [];
            list.push(g.id.toLowerCase());
            parents.set(key, list);
        }
    }
    const groupIds = new Set(set.directory.groups.map((g) => g.id.toLowerCase()));
    const groupAncestors = new Map<string, string[]>();
    const ancestorsOf = (id: string): string[] => {
        const seen = new Set<string>([id]);
        const stack = [id];
        while (stack.length > 0) {
            for (const p of parents.get(stack.pop()!) ?? []) {
                if (!seen.has(p)) { seen.add(p); stack.push(p); }
            }
        }
        return [...seen];
    };
    for (const id of groupIds) groupAncestors.set(id, ancestorsOf(id));
    for (const [member, direct] of parents) {
        if (!groupIds.has(member)) userGroups.set(member, direct);
    }
    const users = new Map(set.directory.users.map((u) => [u.id.toLowerCase(), { roles: u.roles, guestType: u.guestType, tenantId: u.tenantId }]));
    const customRoles = new Set(set.directory.roles.filter((r) => !r.builtIn).map((r) => r.id.toLowerCase()));
    const caeApps = new Set(set.directory.apps.filter((a) => a.caeCapable).map((a) => a.id.toLowerCase()));
    const directoryUsers = new Set(users.keys());
    const namedUsers = [...new Set(set.policies.flatMap((p) => p.users ? [...p.users.include.users, ...p.users.exclude.users] : [])
        .map((u) => u.toLowerCase()).filter((u) => !directoryUsers.has(u) && !groupIds.has(u)))];

    const compiled: CompiledSet = {
        set, policies, principals, apps, locations, locationIndex, groupAncestors, userGroups, users, customRoles, caeApps,
        namedUsers, ipCandidates: ipCandidates(locations),
        hasTimes: policies.some((p) => p.times !== undefined), hasIpLocations: locations.some((l) => l.kind === 'ip'), countryCandidates: countryCandidates(locations),
    };
    cache.set(set, compiled);
    return compiled;
}

/**
 * A set of some of `cs`'s policies, compiled by sharing `cs` (interners, directory, locations) instead of
 * compiling again: the witness checks evaluate many such subsets of one set.
 */
export function subsetOf(cs: CompiledSet, keep: readonly CompiledPolicy[]): PolicySet {
    const set: PolicySet = { ...cs.set, policies: keep.map((cp) => cp.policy) };
    cache.set(set, { ...cs, set, policies: [...keep], hasTimes: keep.some((p) => p.times !== undefined) });
    return set;
}

