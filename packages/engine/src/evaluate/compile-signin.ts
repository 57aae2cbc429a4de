import type { SignIn } from '../model.js';
import { ipToBigInt } from '../net/ip.js';
import { localClock, parseInstant } from '../time/window.js';
import { type Bits, makeBits, setBit } from './bitset.js';
import {
    CLIENT_INDEX, type CompiledNamedLocation, type CompiledSet, FLOW_INDEX, INSIDER_INDEX, PLATFORM_INDEX, RISK_INDEX,
    UNKNOWN_PLATFORM,
} from './compile-set.js';
import { isLegacyClient } from './requirement.js';
import { F, T, type Tri } from './tri.js';

/** Who may be signing in: the principals (user id, groups transitively, built-in roles) and guest facts. */
export interface CompiledIdentity {
    principals: Bits;
    guestType: string | undefined;
    tenantId: string | undefined;
}

/** A sign-in reduced to atoms of one compiled set; -1 = missing input. */
export interface CompiledSignIn {
    signIn: SignIn;
    /**
     * One identity when the user is known or anonymous; when the user id is missing, every candidate user
     * (each directory user, each user a policy names, one undeclared user) with the stated facts.
     */
    identities: CompiledIdentity[];
    appIndex: number;
    targetKind: 'application' | 'userAction' | 'authContext' | undefined;
    userAction: string | undefined;
    authContext: string | undefined;
    platform: number;
    client: number;
    signInRisk: number;
    userRisk: number;
    insiderRisk: number;
    flow: number;
    /**
     * Membership in each named location; one vector when IP and country are known, one per distinguishable
     * completion when either is missing (so a location condition is Unknown only if the missing input matters).
     */
    locationVectors: Tri[][];
    /** Legacy client (exchangeActiveSync, easSupported, other): any clause blocks it. */
    legacy: boolean;
    instantMs: number | undefined;
    /** Made on first use: most sets have no time windows. */
    zoneClocks: Map<string, { day: number; minute: number }> | undefined;
}

/** v's index in an enum map (compile-set's enumIndex), by its spelling or in lower case; -1: missing or unknown. */
function indexOr(map: Map<string, number>, v: string | undefined): number {
    if (v === undefined) return -1;
    return map.get(v) ?? map.get(v.toLowerCase()) ?? -1;
}

/** A platform's index; one Entra cannot name is the unknown platform (only `include all` matches it). */
function platformIndex(platform: string): number {
    const i = indexOr(PLATFORM_INDEX, platform);
    return i >= 0 ? i : UNKNOWN_PLATFORM;
}

function compileIdentity(cs: CompiledSet, s: SignIn, userKey: string | undefined): CompiledIdentity {
    const principals = makeBits(cs.principals.size);
    const mark = (id: string) => {
        const i = cs.principals.lookup(id);
        if (i !== undefined) setBit(principals, i);
    };
    const dir = userKey !== undefined ? cs.users.get(userKey) : undefined;
    if (userKey !== undefined) mark(userKey);
    for (const g of [...(s.memberOf ?? []), ...(userKey !== undefined ? cs.userGroups.get(userKey) ?? [] : [])]) {
        mark(g);
        for (const a of cs.groupAncestors.get(g.toLowerCase()) ?? []) mark(a);
    }
    for (const r of [...(s.roles ?? []), ...(dir?.roles ?? [])]) {
        if (!cs.customRoles.has(r.toLowerCase())) mark(r);
    }
    return {
        principals,
        guestType: (s.guestType ?? dir?.guestType)?.toLowerCase(),
        tenantId: (s.homeTenantId ?? dir?.tenantId)?.toLowerCase(),
    };
}

/**
 * What compileSignIn made of earlier sign-ins of one set, for a caller that compiles many (the log replay): a known
 * user's identity depends only on the set, the user id and the sign-in's groups, roles, guest type and home tenant;
 * the location vector of a sign-in with an IP address and a country, in a set without IP ranges, only on the country.
 * Both are reused while those are the same (compared by value). Bounded: a full map starts afresh.
 */
export class CompileCache {
    readonly users = new Map<string, { memberOf: string[] | undefined; roles: string[] | undefined; guestType: string | undefined; homeTenantId: string | undefined; ids: CompiledIdentity[] }>();
    readonly countries = new Map<string, Tri[][]>();
}
const CACHE_MAX = 4096;

function sameList(a: string[] | undefined, b: string[] | undefined): boolean {
    if (a === b) return true;
    if (a === undefined || b === undefined || a.length !== b.length) return false;
    for (let k = 0; k < a.length; k++) if (a[k] !== b[k]) return false;
    return true;
}

function identities(cs: CompiledSet, s: SignIn, cache: CompileCache | undefined): CompiledIdentity[] {
    if (s.userId !== undefined) {
        const key = s.userId.toLowerCase();
        if (cache === undefined) return [compileIdentity(cs, s, key)];
        const c = cache.users.get(key);
        if (c !== undefined && c.guestType === s.guestType && c.homeTenantId === s.homeTenantId && sameList(c.memberOf, s.memberOf) && sameList(c.roles, s.roles)) return c.ids;
        const ids = [compileIdentity(cs, s, key)];
        if (cache.users.size >= CACHE_MAX) cache.users.clear();
        cache.users.set(key, { memberOf: s.memberOf && [...s.memberOf], roles: s.roles && [...s.roles], guestType: s.guestType, homeTenantId: s.homeTenantId, ids });
        return ids;
    }
    const undeclared = compileIdentity(cs, s, undefined);
    if (s.anonymous) return [undeclared];
    return [...[...cs.users.keys(), ...cs.namedUsers].map((u) => compileIdentity(cs, s, u)), undeclared];
}

function membership(l: CompiledNamedLocation, ip: bigint | undefined, country: string | undefined): Tri {
    if (l.kind === 'ip') return ip !== undefined && l.intervals.some((r) => ip >= r.lo && ip <= r.hi) ? T : F;
    if (l.kind === 'country') {
        if (country === 'UNKNOWN') return l.includeUnknown ? T : F;
        return country !== undefined && l.countries.has(country) ? T : F;
    }
    return F; // compliant networks (Global Secure Access) are not part of a Latch sign-in
}

function locationVectors(cs: CompiledSet, s: SignIn, cache: CompileCache | undefined): Tri[][] {
    if (cs.locations.length === 0) return [[]];
    if (s.ipAddress !== undefined && s.country !== undefined && cache !== undefined && !cs.hasIpLocations) {
        let v = cache.countries.get(s.country);
        if (v === undefined) {
            if (cache.countries.size >= CACHE_MAX) cache.countries.clear();
            cache.countries.set(s.country, v = locationVectors(cs, s, undefined));
        }
        return v;
    }
    if (s.ipAddress !== undefined && s.country !== undefined) {
        // An unparsable IP is a known value outside every range, not missing input.
        const ip = cs.hasIpLocations ? ipToBigInt(s.ipAddress) : undefined;
        const country = s.country.toUpperCase();
        return [cs.locations.map((l) => membership(l, ip, country))];
    }
    const ips: (bigint | undefined)[] = s.ipAddress === undefined ? cs.ipCandidates : [ipToBigInt(s.ipAddress)];
    const countries: (string | undefined)[] = s.country === undefined ? cs.countryCandidates : [s.country.toUpperCase()];
    const seen = new Map<string, Tri[]>();
    for (const ip of ips) {
        for (const country of countries) {
            const v = cs.locations.map((l) => membership(l, ip, country));
            seen.set(v.join(''), v);
        }
    }
    return [...seen.values()];
}

/** `cache`: what earlier calls for the same set made (CompileCache); the result is the same with or without it. */
export function compileSignIn(cs: CompiledSet, s: SignIn, cache?: CompileCache): CompiledSignIn {
    const t = s.target;
    return {
        signIn: s,
        identities: identities(cs, s, cache),
        appIndex: t?.kind === 'application' ? cs.apps.lookup(t.appId) ?? -1 : -1,
        targetKind: t === undefined ? undefined : t.kind,
        userAction: t?.kind === 'userAction' ? t.action.toLowerCase() : undefined,
        authContext: t?.kind === 'authContext' ? t.id.toLowerCase() : undefined,
        platform: s.devicePlatform === undefined ? -1 : platformIndex(s.devicePlatform),
        client: indexOr(CLIENT_INDEX, s.clientAppType),
        signInRisk: indexOr(RISK_INDEX, s.signInRisk),
        userRisk: indexOr(RISK_INDEX, s.userRisk),
        insiderRisk: indexOr(INSIDER_INDEX, s.insiderRisk),
        flow: indexOr(FLOW_INDEX, s.authenticationFlow),
        locationVectors: locationVectors(cs, s, cache),
        legacy: isLegacyClient(s),
        // Only sets with time windows look at the clock.
        instantMs: s.time !== undefined && cs.hasTimes ? parseInstant(s.time) : undefined,
        zoneClocks: undefined,
    };
}

/** Local clock of the sign-in in a zone, computed once per zone. */
export function clockIn(c: CompiledSignIn, zone: string): { day: number; minute: number } | undefined {
    if (c.instantMs === undefined) return undefined;
    const clocks = (c.zoneClocks ??= new Map());
    let clock = clocks.get(zone);
    if (!clock) {
        clock = localClock(c.instantMs, zone);
        clocks.set(zone, clock);
    }
    return clock;
}
