// Picks one concrete, complete sign-in in a non-empty region: every input present, nothing satisfied yet. The
// first box is used; within it each dimension takes its first atom, except where a nicer value is allowed
// (a declared user, no extra memberships, a member rather than a guest, nothing risky).

import type { SignIn, SignInDevice } from '../model.js';
import { CLIENT_APP_TYPES, INSIDER_RISK_LEVELS, PLATFORMS, RISK_LEVELS, TRANSFER_METHODS } from '../model.js';
import { type Box, type Region, atomsOf, findOutside, hasAtom } from './region.js';
import type { Space } from './space.js';

/** Preferred atom order per enum dimension (first allowed wins). */
const PLATFORM_PREF = [2, 4, 1, 0, 5, 3, 6]; // windows, macOS, iOS, android, linux, windowsPhone, unknown
const CLIENT_PREF = [0, 1, 2, 3, 4]; // browser first
const RISK_PREF = [0, 1, 2, 3, 4];

function pick(box: Box, space: Space, d: number, prefer?: number[]): number {
    const l = space.layout;
    for (const a of prefer ?? []) if (a < l.sizes[d] && hasAtom(box, l, d, a)) return a;
    return atomsOf(box, l, d)[0];
}

export function witnessOf(space: Space, region: Region): SignIn | undefined {
    if (region.length === 0) return undefined;
    return signInOfBox(space, region[0]);
}

/** A sign-in in `x` outside every box of `cover` (undefined when x ⊆ cover). */
export function witnessOutside(space: Space, x: Region, cover: Region): SignIn | undefined {
    const [box] = findOutside(x, cover, space.layout, 1);
    return box ? signInOfBox(space, box) : undefined;
}

export function signInOfBox(space: Space, box: Box): SignIn {
    const d = space.dim;
    // Declared users first (in directory order), then users policies name, then anyone else.
    const whoAtom = pick(box, space, d.who);
    const who = space.who[whoAtom];
    const s: SignIn = {};
    if (who.kind === 'other') s.anonymous = true;
    else s.userId = who.id;
    const memberOf: string[] = [];
    for (const [g, dim] of d.groups) if (pick(box, space, dim, [0, 1]) === 1) memberOf.push(displayId(space, g, 'group'));
    s.memberOf = memberOf;
    if (who.kind !== 'declared') {
        const roles: string[] = [];
        for (const [r, dim] of d.roles) if (pick(box, space, dim, [0, 1]) === 1) roles.push(displayId(space, r, 'role'));
        s.roles = roles;
        const g = pick(box, space, d.guest, [0]);
        if (g > 0) {
            s.guestType = GUEST_CASE.get(space.guests[g]) as SignIn['guestType'];
            const t = pick(box, space, d.tenant, [space.tenants.length - 1]);
            if (t < space.tenants.length - 1) s.homeTenantId = space.tenants[t];
        }
    } else s.roles = [];
    const target = space.target[pick(box, space, d.target)];
    s.target = target.kind === 'app' ? { kind: 'application', appId: target.id }
        : target.kind === 'action' ? { kind: 'userAction', action: target.action } : { kind: 'authContext', id: target.id };
    s.ipAddress = space.ips[pick(box, space, d.ip)].rep;
    const country = space.countries[pick(box, space, d.country)];
    s.country = country === 'UNKNOWN' ? 'unknown' : country;
    const p = pick(box, space, d.platform, PLATFORM_PREF);
    s.devicePlatform = (p < PLATFORMS.length ? PLATFORMS[p] : 'unknown') as SignIn['devicePlatform'];
    s.clientAppType = CLIENT_APP_TYPES[pick(box, space, d.client, CLIENT_PREF)];
    s.device = copyDevice(space.devices[pick(box, space, d.device)].device);
    s.signInRisk = RISK_LEVELS[pick(box, space, d.signInRisk, RISK_PREF)];
    s.userRisk = RISK_LEVELS[pick(box, space, d.userRisk, RISK_PREF)];
    s.insiderRisk = INSIDER_RISK_LEVELS[pick(box, space, d.insiderRisk, [0, 1, 2, 3])];
    s.authenticationFlow = TRANSFER_METHODS[pick(box, space, d.flow, [0, 1, 2])];
    s.time = space.times[pick(box, space, d.time)];
    s.satisfied = [];
    return s;
}

const GUEST_CASE = new Map(['internalGuest', 'b2bCollaborationGuest', 'b2bCollaborationMember', 'b2bDirectConnectUser', 'otherExternalUser', 'serviceProvider'].map((g) => [g.toLowerCase(), g]));

/** The id as declared (ids compare case-insensitively, but people read the declared spelling). */
function displayId(space: Space, key: string, kind: 'group' | 'role'): string {
    const dir = space.set.directory;
    const found = kind === 'group' ? dir.groups.find((g) => g.id.toLowerCase() === key) : dir.roles.find((r) => r.id.toLowerCase() === key);
    return found?.id ?? key;
}

/** A witness owns its device (callers may change it); a plain copy is much cheaper than structuredClone here. */
function copyDevice(d: SignInDevice): SignInDevice {
    const properties: SignInDevice['properties'] = {};
    for (const [k, v] of Object.entries(d.properties)) properties[k] = Array.isArray(v) ? [...v] : v;
    return { ...d, properties };
}
