import type { SignIn } from '../model.js';
import { ipToBigInt } from '../net/ip.js';
import { localClock, parseInstant } from '../time/window.js';
import { type Bits, makeBits, setBit } from './bitset.js';
import {
    CLIENT_INDEX, type CompiledSet, FLOW_INDEX, INSIDER_INDEX, PLATFORM_INDEX, RISK_INDEX, UNKNOWN_PLATFORM,
} from './compile-set.js';
import { F, T, type Tri, U } from './tri.js';

/** A sign-in reduced to atoms of one compiled set; -1 = missing input. */
export interface CompiledSignIn {
    signIn: SignIn;
    userId: string | undefined;
    /** No user, memberships, roles or guest type at all: the users condition is missing input. */
    identityMissing: boolean;
    /** Interned principals the user is (user id, groups transitively, built-in roles). */
    principals: Bits;
    guestType: string | undefined;
    tenantId: string | undefined;
    appIndex: number;
    /** Lower-cased; undefined when the target is missing. */
    targetKind: 'application' | 'userAction' | 'authContext' | undefined;
    userAction: string | undefined;
    authContext: string | undefined;
    platform: number;
    client: number;
    signInRisk: number;
    userRisk: number;
    insiderRisk: number;
    flow: number;
    /** Membership in each named location: T, F or U (input missing). */
    locationTri: Tri[];
    instantMs: number | undefined;
    zoneClocks: Map<string, { day: number; minute: number }>;
}

function indexOr(map: Map<string, number>, v: string | undefined): number {
    if (v === undefined) return -1;
    return map.get(v.toLowerCase()) ?? map.get(v) ?? -1;
}

export function compileSignIn(cs: CompiledSet, s: SignIn): CompiledSignIn {
    const principals = makeBits(cs.principals.size);
    const mark = (id: string) => {
        const i = cs.principals.lookup(id);
        if (i !== undefined) setBit(principals, i);
    };
    const userKey = s.userId?.toLowerCase();
    const dir = userKey !== undefined ? cs.users.get(userKey) : undefined;
    if (s.userId !== undefined) mark(s.userId);
    const direct = [...(s.memberOf ?? []), ...(userKey !== undefined ? cs.userGroups.get(userKey) ?? [] : [])];
    for (const g of direct) {
        mark(g);
        for (const a of cs.groupAncestors.get(g.toLowerCase()) ?? []) mark(a);
    }
    for (const r of [...(s.roles ?? []), ...(dir?.roles ?? [])]) {
        if (!cs.customRoles.has(r.toLowerCase())) mark(r);
    }

    const t = s.target;
    const appIndex = t?.kind === 'application' ? cs.apps.lookup(t.appId) ?? -1 : -1;
    const platform = s.devicePlatform === undefined ? -1
        : s.devicePlatform === 'unknown' ? UNKNOWN_PLATFORM : PLATFORM_INDEX.get(s.devicePlatform.toLowerCase()) ?? UNKNOWN_PLATFORM;

    const ip = s.ipAddress !== undefined ? ipToBigInt(s.ipAddress) : undefined;
    const country = s.country === undefined ? undefined : s.country.toUpperCase();
    const locationTri: Tri[] = cs.locations.map((l) => {
        if (l.kind === 'ip') {
            if (s.ipAddress === undefined) return U;
            if (ip === undefined) return F;
            return l.intervals.some((r) => ip >= r.lo && ip <= r.hi) ? T : F;
        }
        if (l.kind === 'country') {
            if (country === undefined) return U;
            if (country === 'UNKNOWN') return l.includeUnknown ? T : F;
            return l.countries.has(country) ? T : F;
        }
        return F; // compliant networks (Global Secure Access) are not part of a Latch sign-in
    });

    return {
        signIn: s,
        userId: userKey,
        identityMissing: s.userId === undefined && !s.memberOf?.length && !s.roles?.length && s.guestType === undefined,
        principals,
        guestType: (s.guestType ?? dir?.guestType)?.toLowerCase(),
        tenantId: (s.homeTenantId ?? dir?.tenantId)?.toLowerCase(),
        appIndex,
        targetKind: t === undefined ? undefined : t.kind,
        userAction: t?.kind === 'userAction' ? t.action : undefined,
        authContext: t?.kind === 'authContext' ? t.id.toLowerCase() : undefined,
        platform,
        client: indexOr(CLIENT_INDEX, s.clientAppType),
        signInRisk: indexOr(RISK_INDEX, s.signInRisk),
        userRisk: indexOr(RISK_INDEX, s.userRisk),
        insiderRisk: indexOr(INSIDER_INDEX, s.insiderRisk),
        flow: indexOr(FLOW_INDEX, s.authenticationFlow),
        locationTri,
        instantMs: s.time !== undefined ? parseInstant(s.time) : undefined,
        zoneClocks: new Map(),
    };
}

/** Local clock of the sign-in in a zone, computed once per zone. */
export function clockIn(c: CompiledSignIn, zone: string): { day: number; minute: number } | undefined {
    if (c.instantMs === undefined) return undefined;
    let clock = c.zoneClocks.get(zone);
    if (!clock) {
        clock = localClock(c.instantMs, zone);
        c.zoneClocks.set(zone, clock);
    }
    return clock;
}
