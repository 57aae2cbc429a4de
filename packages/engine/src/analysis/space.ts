// The atomized sign-in space of one policy set: every input of a sign-in becomes one or more finite dimensions
// whose atoms are classes of values that every policy (and every assertion scope) treats alike. Principals are
// split into "who" (each declared user, each user a policy names, any other user) plus one yes/no dimension per
// open group and per role that matters, plus guest type and home tenant; declared users keep their directory
// roles and closed-group memberships (Latch rule, LANGUAGE.md §4.1), so those dimensions do not matter for them.

import type { Directory, NamedLocation, Policy, PolicySet, SignInDevice } from '../model.js';
import { CLIENT_APP_TYPES, GUEST_TYPES, INSIDER_RISK_LEVELS, PLATFORMS, RISK_LEVELS, TRANSFER_METHODS } from '../model.js';
import { compilePolicySet, type CompiledSet } from '../evaluate/compile-set.js';
import { suiteMembers } from '../evaluate/suites.js';
import { parseDeviceFilter, compileDeviceFilter, deviceFilterAtoms, rulePredicate, devicePropertyInfo, type DevicePredicate, type DeviceFilterAtom } from '../device-filter/index.js';
import { COUNTRY_CODES } from '../geo/countries.js';
import { WELL_KNOWN_APPS, PRIVILEGED_ROLE_IDS } from '../well-known/index.js';
import { clockInWindow, isWholeWeek, localClock } from '../time/window.js';
import { makeLayout, type Layout, type RegionIndex } from './region.js';
import { timeCutsCached, REFERENCE_INSTANT } from './time-atoms.js';
import { perObject } from './per-object.js';

export type Who =
    | { kind: 'declared'; id: string; name: string; roles: Set<string>; guestType?: string; tenantId?: string; groups: Set<string> }
    | { kind: 'named'; id: string }
    | { kind: 'other' };

export type TargetAtom =
    | { kind: 'app'; id: string; members: string[] }
    | { kind: 'action'; action: 'registerSecurityInfo' | 'registerDevice' }
    | { kind: 'authContext'; id: string };

export interface DeviceAtom { device: SignInDevice; compliant: boolean; hybrid: boolean }

export interface Space {
    set: PolicySet;
    cs: CompiledSet;
    layout: Layout;
    /** Dimension indices. */
    dim: {
        who: number; guest: number; tenant: number; groups: Map<string, number>; roles: Map<string, number>;
        target: number; platform: number; client: number; signInRisk: number; userRisk: number; insiderRisk: number;
        flow: number; ip: number; country: number; device: number; time: number;
    };
    dimNames: string[];
    who: Who[];
    /** Guest atoms: 'member' then Entra's guest types (lower case). */
    guests: string[];
    /** Tenant atoms (lower case ids) and, last, 'other'. */
    tenants: string[];
    target: TargetAtom[];
    ips: { rep: string; value: bigint }[];
    countries: string[];
    devices: DeviceAtom[];
    times: string[];
    /** Open group ids (lower) → display label. */
    groupLabels: Map<string, string>;
    roleLabels: Map<string, string>;
    /** Parsed device rules by rule text. */
    deviceRules: Map<string, DevicePredicate>;
    /** Region computations by their inputs' identities (region-memo.ts); kept while the atoms are (reuseSpace). */
    memo?: Map<string, unknown>;
    /** Region indexes by their regions' identities, the most recently used last (region-memo.ts). */
    indexes?: Map<string, RegionIndex>;
}

const lower = (s: string) => s.toLowerCase();

/** A policy's conditions (everything its scope region is made of) as a key (once per policy object). */
export const conditionKey: (p: Policy) => string = perObject((p: Policy) => JSON.stringify([p.users, p.target, p.platforms, p.locations,
    p.clientAppTypes, p.signInRisk, p.userRisk, p.insiderRisk, p.authenticationFlows, p.deviceFilter, p.times]));

const atomPart = perObject((p: Policy) => JSON.stringify([p.users, p.target, p.deviceFilter, p.times]));
const directoryKey = perObject((directory: Directory) => perObject((locations: NamedLocation[]) => JSON.stringify([directory, locations])));

/**
 * Everything the atoms are built from: the directory, the named locations, and each scope's principals, targets
 * (apps are classed per policy, so in order), device rules and time windows. Platforms, client types, risks,
 * flows and location references do not make atoms: editing them keeps the space.
 */
export function atomKey(set: PolicySet, extraScopes: readonly Policy[] = []): string {
    return [directoryKey(set.directory)(set.namedLocations), ...set.policies.map(atomPart), ...extraScopes.map(atomPart)].join('\n');
}

/** The space of a set whose `atomKey` equals the one `prev` was built for: the same atoms, the new policies compiled. */
export function reuseSpace(prev: Space, set: PolicySet, extraScopes: readonly Policy[] = []): Space {
    return { ...prev, set, cs: compilePolicySet({ ...set, policies: [...set.policies, ...extraScopes] }) };
}

function principalLists(p: Policy): { users: string[]; groups: string[]; roles: string[]; tenants: string[] } {
    const out = { users: [] as string[], groups: [] as string[], roles: [] as string[], tenants: [] as string[] };
    if (!p.users) return out;
    for (const side of [p.users.include, p.users.exclude]) {
        out.users.push(...side.users.map(lower));
        out.groups.push(...side.groups.map(lower));
        out.roles.push(...side.roles.map(lower));
        if (side.guests && Array.isArray(side.guests.tenants)) out.tenants.push(...side.guests.tenants.map(lower));
    }
    return out;
}

/** Builds the space for the policies of `set` plus extra scopes (assertions), which must share its directory. */
export function buildSpace(set: PolicySet, extraScopes: readonly Policy[] = []): Space {
    const all = [...set.policies, ...extraScopes];
    const cs = compilePolicySet({ ...set, policies: all });
    const dir = set.directory;
    const declaredGroups = new Map(dir.groups.map((g) => [lower(g.id), g]));
    const declaredUsers = new Map(dir.users.map((u) => [lower(u.id), u]));
    const customRoles = cs.customRoles;

    // --- principals
    const refs = all.map(principalLists);
    const namedUsers = [...new Set(refs.flatMap((r) => r.users))].filter((u) => !declaredUsers.has(u) && !declaredGroups.has(u));
    const who: Who[] = dir.users.map((u) => {
        const key = lower(u.id);
        const groups = new Set<string>();
        for (const g of cs.userGroups.get(key) ?? []) for (const a of cs.groupAncestors.get(lower(g)) ?? [lower(g)]) groups.add(a);
        return {
            kind: 'declared' as const, id: u.id, name: u.name, roles: new Set(u.roles.map(lower).filter((r) => !customRoles.has(r))),
            guestType: u.guestType?.toLowerCase(), tenantId: u.tenantId?.toLowerCase(), groups,
        };
    });
    for (const u of namedUsers) who.push({ kind: 'named', id: u });
    who.push({ kind: 'other' });

    // Open groups that matter: referenced ones not declared with members, and open groups nested in referenced groups.
    const referencedGroups = new Set(refs.flatMap((r) => r.groups));
    const openGroups: string[] = [];
    const isOpen = (g: string) => !declaredGroups.has(g) || declaredGroups.get(g)!.members === undefined;
    for (const g of referencedGroups) if (isOpen(g)) openGroups.push(g);
    for (const g of dir.groups) {
        const k = lower(g.id);
        if (!isOpen(k) || openGroups.includes(k)) continue;
        if ((cs.groupAncestors.get(k) ?? []).some((a) => a !== k && referencedGroups.has(a))) openGroups.push(k);
    }
    const roleIds = new Set(refs.flatMap((r) => r.roles).filter((r) => !customRoles.has(r)));
    roleIds.add(PRIVILEGED_ROLE_IDS[0]); // Global Administrator: admins exist even where no policy names a role
    const tenants = [...new Set(refs.flatMap((r) => r.tenants))];
    tenants.push('other');

    // --- targets: apps classed by how every policy treats them; user actions; auth contexts
    const target: TargetAtom[] = [];
    const appById = new Map<string, string>();
    for (const a of [...dir.apps, ...WELL_KNOWN_APPS]) appById.set(lower(a.id), a.id);
    const suites = suiteMembers(dir.apps);
    const referencedApps = new Set<string>();
    for (const p of all) {
        if (p.target?.kind !== 'apps') continue;
        for (const id of [...p.target.include, ...p.target.exclude].map(lower)) {
            if (id === 'all' || id === 'none') continue;
            for (const m of suites.get(id) ?? [id]) referencedApps.add(m);
        }
    }
    const otherApp = pickOtherApp(set, referencedApps);
    const appSignature = (id: string) => cs.policies.map((cp) => {
        const t = cp.target;
        if (!t || t.kind !== 'apps') return '-';
        const i = cs.apps.lookup(id);
        const inc = t.includeAll || (i !== undefined && hasBitW(t.include, i));
        const exc = i !== undefined && hasBitW(t.exclude, i);
        return inc && !exc ? '1' : '0';
    }).join('');
    const appClasses = new Map<string, string[]>();
    for (const id of [...referencedApps, lower(otherApp)]) {
        const sig = appSignature(id);
        const list = appClasses.get(sig) ?? [];
        list.push(appById.get(id) ?? id);
        appClasses.set(sig, list);
    }
    for (const members of appClasses.values()) target.push({ kind: 'app', id: members[0], members });
    target.push({ kind: 'action', action: 'registerSecurityInfo' }, { kind: 'action', action: 'registerDevice' });
    const contexts = new Set<string>();
    for (const cp of cs.policies) if (cp.target?.kind === 'authContext') for (const r of cp.target.refs) contexts.add(r);
    for (const c of contexts) target.push({ kind: 'authContext', id: dir.authContexts.find((a) => lower(a.id) === c)?.id ?? c });
    const otherContext = dir.authContexts.find((a) => !contexts.has(lower(a.id)))?.id
        ?? Array.from({ length: 99 }, (_, i) => `c${i + 1}`).find((c) => !contexts.has(c))!;
    target.push({ kind: 'authContext', id: otherContext });

    // --- IP: regions between range boundaries, classed by location membership; countries likewise
    const ipLocs = cs.locations.filter((l) => l.kind === 'ip');
    const points = new Set<bigint>([0n, 0xffff00000000n, 0x1000000000000n]);
    for (const l of ipLocs) for (const r of l.intervals) { points.add(r.lo); points.add(r.hi + 1n); }
    const sorted = [...points].filter((p) => p < 1n << 128n).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    const ipClasses = new Map<string, { rep: string; value: bigint }>();
    for (let i = 0; i < sorted.length; i++) {
        const lo = sorted[i];
        const hi = i + 1 < sorted.length ? sorted[i + 1] - 1n : (1n << 128n) - 1n;
        const value = pickAddress(lo, hi);
        const sig = ipLocs.map((l) => (l.intervals.some((r) => value >= r.lo && value <= r.hi) ? '1' : '0')).join('');
        const prev = ipClasses.get(sig);
        // Prefer IPv4 representatives.
        if (!prev || (!isV4(prev.value) && isV4(value)) || (!isNice(prev.value) && isNice(value))) ipClasses.set(sig, { rep: addressText(value), value });
    }
    const ips = [...ipClasses.values()];
    const countryLocs = cs.locations.filter((l) => l.kind === 'country');
    const named = [...new Set(countryLocs.flatMap((l) => [...l.countries]))].sort();
    const other = COUNTRY_CODES.find((c) => !named.includes(c)) ?? 'ZZ';
    const countryClasses = new Map<string, string>();
    for (const c of [...named, other, 'UNKNOWN']) {
        const sig = countryLocs.map((l) => (c === 'UNKNOWN' ? l.includeUnknown : l.countries.has(c)) ? '1' : '0').join('');
        if (!countryClasses.has(sig)) countryClasses.set(sig, c);
    }
    const countries = [...countryClasses.values()];

    // --- devices
    const deviceRules = new Map<string, DevicePredicate>();
    for (const p of all) {
        if (!p.deviceFilter || deviceRules.has(p.deviceFilter.rule)) continue;
        deviceRules.set(p.deviceFilter.rule, rulePredicate(p.deviceFilter.rule));
    }
    const devices = deviceAtoms(all, deviceRules);

    // --- time
    const windows = all.flatMap((p) => p.times ?? []).filter((w) => !isWholeWeek(w));
    const times: string[] = [];
    if (windows.length === 0) times.push(REFERENCE_INSTANT);
    else {
        const seen = new Set<string>();
        const zones = [...new Set(windows.map((w) => w.zone))];
        for (const ms of timeCutsCached(windows)) {
            // One local clock per zone (time zone arithmetic is the costly part), shared by the zone's windows.
            const clocks = new Map(zones.map((z) => [z, localClock(ms, z)]));
            const sig = windows.map((w) => (clockInWindow(w, clocks.get(w.zone)!) ? '1' : '0')).join('');
            if (seen.has(sig)) continue;
            seen.add(sig);
            times.push(new Date(ms).toISOString().replace(/\.000Z$/, 'Z'));
        }
    }

    // --- layout (principals first: they split most)
    const sizes: number[] = [];
    const names: string[] = [];
    const add = (name: string, size: number) => { names.push(name); sizes.push(size); return sizes.length - 1; };
    const guests = ['member', ...GUEST_TYPES.map(lower)];
    const dim = {
        who: add('user', who.length),
        guest: add('guestType', guests.length),
        tenant: add('homeTenant', tenants.length),
        groups: new Map(openGroups.map((g) => [g, add(`group ${g}`, 2)])),
        roles: new Map([...roleIds].map((r) => [r, add(`role ${r}`, 2)])),
        target: add('target', target.length),
        platform: add('platform', PLATFORMS.length + 1),
        client: add('client', CLIENT_APP_TYPES.length),
        signInRisk: add('signInRisk', RISK_LEVELS.length),
        userRisk: add('userRisk', RISK_LEVELS.length),
        insiderRisk: add('insiderRisk', INSIDER_RISK_LEVELS.length),
        flow: add('flow', TRANSFER_METHODS.length),
        ip: add('ip', ips.length),
        country: add('country', countries.length),
        device: add('device', devices.length),
        time: add('time', times.length),
    };
    const groupLabels = new Map(openGroups.map((g) => [g, declaredGroups.get(g)?.name ?? g]));
    const roleLabels = new Map([...roleIds].map((r) => [r, dir.roles.find((x) => lower(x.id) === r)?.name ?? r]));
    return {
        set, cs, layout: makeLayout(sizes), dim, dimNames: names, who, guests, tenants, target, ips, countries, devices,
        times, groupLabels, roleLabels, deviceRules,
    };
}

function hasBitW(bits: Uint32Array, i: number): boolean {
    return (bits[i >>> 5] & (1 << (i & 31))) !== 0;
}

/** An app no policy names: a declared or well-known one (so a scenario can name it), else a fresh id. */
function pickOtherApp(set: PolicySet, referenced: Set<string>): string {
    const candidates = [...set.directory.apps.filter((a) => !a.members), ...WELL_KNOWN_APPS.filter((a) => !a.members)];
    return candidates.find((a) => !referenced.has(lower(a.id)) && !['office365', 'microsoftadminportals', 'all', 'none'].includes(lower(a.id)))?.id
        ?? '0000000a-0000-0000-0000-00000000a1a1';
}

const V4_BASE = 0xffff00000000n;
// 198.51.100.7, 203.0.113.7, 192.0.2.7, 20.0.0.7, 100.0.0.7, 200.0.0.7
const NICE_V4 = [0xc6336407n, 0xcb007107n, 0xc0000207n, 0x14000007n, 0x64000007n, 0xc8000007n].map((x) => V4_BASE + x);
const isNice = (v: bigint) => NICE_V4.includes(v);
const isV4 = (v: bigint) => v >= V4_BASE && v <= V4_BASE + 0xffffffffn;

/** An address inside [lo, hi], avoiding network addresses where possible and preferring IPv4. */
function pickAddress(lo: bigint, hi: bigint): bigint {
    const vlo = lo > V4_BASE ? lo : V4_BASE;
    const vhi = hi < V4_BASE + 0xffffffffn ? hi : V4_BASE + 0xffffffffn;
    if (vlo <= vhi) {
        // A documentation-like address when the range allows, else the range's second address.
        for (const preferred of NICE_V4) if (preferred >= vlo && preferred <= vhi) return preferred;
        return vlo + 1n <= vhi ? vlo + 1n : vlo;
    }
    const preferred = 0x20010db8ffff00000000000000000007n; // 2001:db8:ffff::7
    if (preferred >= lo && preferred <= hi) return preferred;
    return lo + 1n <= hi ? lo + 1n : lo;
}

function addressText(v: bigint): string {
    if (isV4(v)) {
        const x = Number(v - V4_BASE);
        return [x >>> 24, (x >>> 16) & 255, (x >>> 8) & 255, x & 255].join('.');
    }
    const parts: string[] = [];
    for (let i = 7; i >= 0; i--) parts.push(((v >> BigInt(i * 16)) & 0xffffn).toString(16));
    return parts.join(':').replace(/(^|:)0(:0)+(:|$)/, '::').replace(/:::+/, '::');
}

/**
 * Device classes: unregistered, and registered devices built from the values the rules compare against (each
 * constant, and strings around it), plus compliance and trust type (they discharge grant controls). Classes are
 * the distinct (rule results, compliant, hybrid) signatures.
 */
function deviceAtoms(all: readonly Policy[], rules: Map<string, DevicePredicate>): DeviceAtom[] {
    const props = new Map<string, Set<string | boolean | undefined | string[]>>();
    const addValue = (p: string, v: string | boolean | undefined | string[]) => {
        let s = props.get(p);
        if (!s) { s = new Set([undefined]); props.set(p, s); }
        s.add(v);
    };
    addValue('isCompliant', true); addValue('isCompliant', false);
    for (const t of ['AzureAD', 'ServerAD', 'Workplace']) addValue('trustType', t);
    let extension = false;
    const comparisons = new Map<string, DeviceFilterAtom[]>();
    for (const p of all) {
        if (!p.deviceFilter) continue;
        const parsed = parseDeviceFilter(p.deviceFilter.rule);
        if (!parsed.expr) continue;
        for (const a of deviceFilterAtoms(parsed.expr)) {
            const info = devicePropertyInfo(a.property);
            const name = info?.name ?? a.property;
            comparisons.set(name, [...(comparisons.get(name) ?? []), a]);
            if (/^extensionAttribute/.test(name)) extension = true;
            if (info?.type === 'boolean') { addValue(name, true); addValue(name, false); continue; }
            for (const v of info?.values ?? []) addValue(name, v);
            const values = (Array.isArray(a.value) ? a.value : [a.value]).map((v) => String(v));
            for (const v of values) {
                if (info?.type === 'collection') { addValue(name, [v]); addValue(name, [`${v}-x`]); continue; }
                addValue(name, v); addValue(name, `${v}x`); addValue(name, `x${v}`); addValue(name, `x${v}x`);
            }
            addValue(name, info?.type === 'collection' ? ['latch-other'] : 'latch-other');
        }
    }
    if (extension) addValue('mdmAppId', '0000000a-0000-0000-0000-0000000000md');
    // Per property, keep one value per truth vector of the comparisons on it (on a managed device, so that
    // extension attributes are read); compliance, trust type and mdmAppId keep every value (they gate others).
    for (const [name, values] of props) {
        if (name === 'isCompliant' || name === 'trustType' || name === 'mdmAppId') continue;
        const tests = (comparisons.get(name) ?? []).map((c) => compileDeviceFilter({ kind: 'cmp', ...c, span: { offset: 0, length: 0 } }));
        const kept = new Map<string, string | boolean | undefined | string[]>();
        for (const v of values) {
            const device: SignInDevice = { registered: true, properties: v === undefined ? { isCompliant: true } : { isCompliant: true, [name]: v } };
            const sig = tests.map((t) => (t(device) ? 1 : 0)).join('');
            if (!kept.has(sig)) kept.set(sig, v);
        }
        props.set(name, new Set(kept.values()));
    }
    const ruleList = [...rules.values()];
    const out: DeviceAtom[] = [];
    const seen = new Set<string>();
    const push = (device: SignInDevice) => {
        const compliant = device.registered && device.properties.isCompliant === true;
        const hybrid = device.registered && device.properties.trustType === 'ServerAD';
        const sig = `${ruleList.map((r) => (r(device) ? 1 : 0)).join('')}|${+compliant}${+hybrid}`;
        if (seen.has(sig)) return;
        seen.add(sig);
        out.push({ device, compliant, hybrid });
    };
    push({ registered: false, properties: {} });
    const entries = [...props.entries()];
    const LIMIT = 200_000;
    let count = 1;
    for (const [, vs] of entries) count *= vs.size;
    const walk = (i: number, acc: Record<string, string | boolean | string[] | undefined>) => {
        if (i === entries.length) {
            const properties: SignInDevice['properties'] = {};
            for (const [k, v] of Object.entries(acc)) if (v !== undefined) properties[k] = v;
            push({ registered: true, properties });
            return;
        }
        const [name, values] = entries[i];
        for (const v of values) walk(i + 1, { ...acc, [name]: v });
    };
    if (count <= LIMIT) walk(0, {});
    else {
        // Too many combinations to enumerate: each property varies alone around a compliant baseline (documented
        // as the one place the analysis is not exhaustive).
        for (const [name, values] of entries) for (const v of values) for (const c of [true, false]) push({ registered: true, properties: { isCompliant: c, [name]: v } as SignInDevice['properties'] });
    }
    return out;
}
