// A deterministic pool of realistic sign-ins drawn from what a policy set references: its users, groups, roles,
// guest kinds, apps (Office 365 and admin-portal suite members, apps the policies name, other apps), named
// locations (IPs inside and outside the ranges, listed and other countries, unknown), platforms (incl. unknown),
// client types, risks, device state and satisfied controls. Every input is present, so strict mode never stops on
// missing input.

import { cidrToInterval, GUEST_TYPES, WELL_KNOWN_APPS } from '@latch/engine';
import { suiteMembers } from '../packages/engine/out/evaluate/suites.js';

/** mulberry32: small, fast, deterministic. */
export function rng(seed) {
    let a = seed >>> 0;
    const next = () => {
        a = (a + 0x6d2b79f5) >>> 0;
        let t = a;
        t = Math.imul(t ^ (t >>> 15), t | 1);
        t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
        return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
    const r = {
        next,
        int: (n) => Math.floor(next() * n),
        chance: (p) => next() < p,
        pick: (xs) => xs[Math.floor(next() * xs.length)],
        /** Weighted pick: [[value, weight], …]. */
        weighted: (pairs) => {
            const total = pairs.reduce((s, [, w]) => s + w, 0);
            let x = next() * total;
            for (const [v, w] of pairs) {
                if ((x -= w) < 0) return v;
            }
            return pairs[pairs.length - 1][0];
        },
        guid: () => {
            const h = () => Math.floor(next() * 0x10000).toString(16).padStart(4, '0');
            return `${h()}${h()}-${h()}-4${h().slice(1)}-a${h().slice(1)}-${h()}${h()}${h()}`;
        },
        subset: (xs, p) => xs.filter(() => next() < p),
    };
    return r;
}

const V4_BASE = 0xffff00000000n;
const V4_MAX = V4_BASE + 0xffffffffn;

function formatIp(v) {
    if (v >= V4_BASE && v <= V4_MAX) {
        const x = Number(v - V4_BASE);
        return [x >>> 24, (x >>> 16) & 255, (x >>> 8) & 255, x & 255].join('.');
    }
    const groups = [];
    for (let i = 7; i >= 0; i--) groups.push(Number((v >> BigInt(i * 16)) & 0xffffn).toString(16));
    return groups.join(':');
}

function randomIn(r, lo, hi) {
    const span = hi - lo + 1n;
    // 53 random bits are plenty for the ranges used here; fold the rest.
    const x = BigInt(Math.floor(r.next() * 2 ** 53));
    return lo + (span <= 2n ** 53n ? x % span : (x * (span >> 53n)) % span);
}

const OTHER_COUNTRIES = ['US', 'DE', 'FR', 'GB', 'CN', 'RU', 'BR', 'IN', 'JP', 'NG', 'ES', 'IT', 'CA', 'AU', 'PL', 'SE'];

/** What a set references, for drawing realistic sign-ins. */
export function referencedAtoms(set) {
    const includeGroups = new Map(); // group → number of policies that include it (a proxy for persona size)
    const excludeGroups = new Set();
    const users = new Set();
    const roles = new Set();
    const apps = new Set();
    const controls = new Set();
    const authContexts = new Set();
    const tenants = new Set();
    for (const p of set.policies) {
        if (p.users) {
            for (const g of p.users.include.groups) includeGroups.set(g, (includeGroups.get(g) ?? 0) + 1);
            for (const g of p.users.exclude.groups) excludeGroups.add(g);
            for (const u of [...p.users.include.users, ...p.users.exclude.users]) users.add(u);
            for (const x of [...p.users.include.roles, ...p.users.exclude.roles]) roles.add(x);
            for (const side of [p.users.include, p.users.exclude]) {
                if (Array.isArray(side.guests?.tenants)) for (const t of side.guests.tenants) tenants.add(t);
            }
        }
        if (p.target?.kind === 'apps') {
            for (const a of [...p.target.include, ...p.target.exclude]) apps.add(a);
        } else if (p.target?.kind === 'authContext') {
            for (const a of p.target.refs) authContexts.add(a);
        }
        if (p.grant?.kind === 'controls') for (const c of p.grant.controls) controls.add(c);
    }
    for (const g of excludeGroups) if (includeGroups.has(g)) excludeGroups.delete(g);
    for (const u of set.directory.users) for (const x of u.roles) roles.add(x);
    // Persona weight grows with the square of the number of policies naming the group (a baseline writes many
    // policies for its big personas and one or two for service accounts or rooms).
    return { includeGroups: [...includeGroups].map(([g, n]) => [g, n * n]), excludeGroups: [...excludeGroups], users: [...users], roles: [...roles],
        apps: [...apps], controls: [...controls], authContexts: [...authContexts], tenants: [...tenants] };
}

/**
 * `count` sign-ins for `set`, deterministic in `seed`. Returns SignIn objects (the engine's model).
 */
export function signInPool(set, count, seed = 0x1a7c4) {
    const r = rng(seed);
    const atoms = referencedAtoms(set);
    const suites = suiteMembers(set.directory.apps);
    const suiteIds = new Set(suites.keys());
    const office = suites.get('office365') ?? [];
    const portals = suites.get('microsoftadminportals') ?? [];
    const special = new Set(['all', 'none', 'allagentidresources']);
    const namedApps = atoms.apps.filter((a) => !special.has(a.toLowerCase()) && !suiteIds.has(a.toLowerCase()));
    const otherApps = [
        ...WELL_KNOWN_APPS.filter((a) => !a.members).map((a) => a.id),
        ...Array.from({ length: 40 }, () => r.guid()),
    ].filter((a) => !suiteIds.has(a.toLowerCase()));

    const ipRanges = set.namedLocations.flatMap((l) => (l.ipRanges ?? []).map(cidrToInterval).filter(Boolean));
    const listedCountries = [...new Set(set.namedLocations.flatMap((l) => l.countries ?? []))];
    const inAnyRange = (v) => ipRanges.some((x) => v >= x.lo && v <= x.hi);

    // Directory users; members of exclusion-only groups (break-glass accounts, meeting rooms) sign in rarely.
    const excluded = new Set(atoms.excludeGroups.map((g) => g.toLowerCase()));
    const rare = new Set(set.directory.groups.filter((g) => excluded.has(g.id.toLowerCase())).flatMap((g) => (g.members ?? []).map((m) => m.toLowerCase())));
    const dirUsers = set.directory.users.map((u) => [u.id, rare.has(u.id.toLowerCase()) ? 0.05 : 1]);
    const syntheticUsers = Array.from({ length: 200 }, () => r.guid());
    const guestTenants = [...atoms.tenants, ...Array.from({ length: 5 }, () => r.guid())];
    const controlPool = [...new Set([...atoms.controls, 'mfa', 'compliantApplication', 'approvedApplication'])];

    const osVersion = {
        windows: () => r.weighted([['10.0.19045.4170', 12], ['10.0.19044.3086', 3], ['10.0.22631.3296', 40], ['10.0.26100.2033', 45]]),
        macOS: () => r.pick(['14.5', '15.1', '13.6.7']),
        iOS: () => r.pick(['17.5.1', '18.1']),
        android: () => r.pick(['14', '15', '13']),
        linux: () => r.pick(['6.8.0', '5.15.0']),
        windowsPhone: () => '10.0.15254',
        unknown: () => '',
    };

    const base = Date.UTC(2026, 2, 2); // Monday 2 March 2026, 00:00 UTC
    const out = [];
    for (let n = 0; n < count; n++) {
        const s = {};
        // Who
        const who = r.next();
        if (dirUsers.length > 0 && who < 0.25) {
            s.userId = r.weighted(dirUsers);
        } else if (atoms.users.length > 0 && who < 0.27) {
            s.userId = r.pick(atoms.users);
        } else {
            s.userId = r.pick(syntheticUsers);
        }
        const groups = [];
        if (atoms.includeGroups.length > 0) {
            const k = r.weighted([[0, 20], [1, 70], [2, 10]]);
            for (let i = 0; i < k; i++) groups.push(r.weighted(atoms.includeGroups));
        }
        for (const g of atoms.excludeGroups) if (r.chance(0.02)) groups.push(g);
        s.memberOf = [...new Set(groups)];
        s.roles = r.chance(0.2) && atoms.roles.length > 0 ? [...new Set([r.pick(atoms.roles), ...(r.chance(0.3) ? [r.pick(atoms.roles)] : [])])] : [];
        if (r.chance(0.08)) {
            s.guestType = r.pick(GUEST_TYPES);
            s.homeTenantId = r.pick(guestTenants);
        }
        // What
        const kind = r.weighted([['application', 85], ['userAction', 8], ['authContext', 7]]);
        if (kind === 'application') {
            const src = r.weighted([['office', 35], ['portals', 12], ['named', 28], ['other', 25]]);
            const list = src === 'office' ? office : src === 'portals' ? portals : src === 'named' ? namedApps : otherApps;
            s.target = { kind: 'application', appId: r.pick(list.length > 0 ? list : otherApps) };
        } else if (kind === 'userAction') {
            s.target = { kind: 'userAction', action: r.pick(['registerSecurityInfo', 'registerDevice']) };
        } else {
            s.target = { kind: 'authContext', id: r.pick([...atoms.authContexts, 'c1', 'c9']) };
        }
        // Where
        if (ipRanges.length > 0 && r.chance(0.4)) {
            const x = r.pick(ipRanges);
            s.ipAddress = formatIp(randomIn(r, x.lo, x.hi));
        } else {
            let v;
            do {
                v = r.chance(0.85) ? V4_BASE + BigInt(r.int(0xdf000000) + 0x01000000) : (0x2001_0db8_ffffn << 80n) + BigInt(r.int(2 ** 31));
            } while (inAnyRange(v));
            s.ipAddress = formatIp(v);
        }
        s.country = r.weighted([
            [() => r.pick(listedCountries.length > 0 ? listedCountries : OTHER_COUNTRIES), 90],
            [() => r.pick(OTHER_COUNTRIES), 6],
            [() => 'unknown', 2],
        ])();
        // How
        s.devicePlatform = r.weighted([['windows', 40], ['iOS', 17], ['android', 15], ['macOS', 14], ['linux', 5], ['windowsPhone', 1], ['unknown', 4]]);
        s.clientAppType = r.weighted([['browser', 47], ['mobileAppsAndDesktopClients', 47], ['exchangeActiveSync', 2], ['easSupported', 0.5], ['other', 1.5]]);
        if (r.chance(0.6)) {
            const props = {
                deviceOwnership: r.weighted([['Company', 70], ['Personal', 30]]),
                isCompliant: r.weighted([[true, 55], [false, 35], ['True', 5], ['false', 5]]),
                trustType: r.weighted([['AzureAD', 60], ['ServerAD', 25], ['Workplace', 15]]),
                operatingSystemVersion: osVersion[s.devicePlatform](),
                model: r.pick(['Surface Laptop 5', 'MacBookPro18,3', 'iPhone15,2', 'Pixel 8', 'Latitude 7440']),
            };
            if (r.chance(0.5)) props.mdmAppId = '0000000a-0000-0000-c000-000000000000';
            if (r.chance(0.3)) props.extensionAttribute1 = r.pick(['PAW', 'Kiosk', 'Standard']);
            s.device = { registered: true, properties: props };
        } else if (r.chance(0.5)) {
            s.device = { registered: false, properties: {} };
        } // else undefined = unregistered
        s.signInRisk = r.weighted([['none', 80], ['low', 10], ['medium', 6], ['high', 3], ['hidden', 1]]);
        s.userRisk = r.weighted([['none', 84], ['low', 8], ['medium', 5], ['high', 2], ['hidden', 1]]);
        s.insiderRisk = r.weighted([['none', 92], ['minor', 4], ['moderate', 3], ['elevated', 1]]);
        s.authenticationFlow = r.weighted([['none', 96], ['deviceCodeFlow', 3], ['authenticationTransfer', 1]]);
        s.time = new Date(base + r.int(7 * 24 * 60) * 60_000).toISOString().replace('.000Z', 'Z');
        s.satisfied = r.subset(controlPool, 0.5);
        out.push(s);
    }
    return out;
}
