// A policy's (or an assertion's) scope as a region: the AND of its conditions, each condition an exact region
// built from the same compiled masks and bitsets the evaluator uses.

import type { Policy, PrincipalSet, TimeWindow } from '../model.js';
import { clockInWindow, isWholeWeek, localClock, parseInstant } from '../time/window.js';
import type { CompiledLocations, CompiledPolicy } from '../evaluate/compile-set.js';
import { type Layout, type Region, dimRegion, fullBox, intersect, subtract, union } from './region.js';
import type { Space } from './space.js';

const lower = (s: string) => s.toLowerCase();

export function universe(space: Space): Region {
    return [fullBox(space.layout)];
}

function range(n: number): number[] {
    return Array.from({ length: n }, (_, i) => i);
}

function whoWhere(space: Space, test: (w: Space['who'][number]) => boolean): Region {
    const atoms: number[] = [];
    for (let i = 0; i < space.who.length; i++) if (test(space.who[i])) atoms.push(i);
    return dimRegion(space.layout, space.dim.who, atoms);
}

const nonDeclared = (w: Space['who'][number]) => w.kind !== 'declared';

/** Sign-ins whose identity is one of the principals listed on one side of a users condition. */
export function principalRegion(space: Space, ps: PrincipalSet): Region {
    const l = space.layout;
    if (ps.all) return universe(space);
    let r: Region = [];
    const add = (x: Region) => { r = union(r, x, l); };
    const dir = space.set.directory;
    const groups = new Map(dir.groups.map((g) => [lower(g.id), g]));
    const users = new Set(dir.users.map((u) => lower(u.id)));
    const customRoles = space.cs.customRoles;
    for (const id of ps.users.map(lower)) {
        if (groups.has(id)) add(groupRegion(space, id));
        else add(whoWhere(space, (w) => w.kind !== 'other' && lower(w.id) === id));
    }
    for (const id of ps.groups.map(lower)) {
        if (users.has(id)) add(whoWhere(space, (w) => w.kind === 'declared' && lower(w.id) === id));
        else add(groupRegion(space, id));
    }
    for (const id of ps.roles.map(lower)) {
        if (customRoles.has(id)) continue; // Entra ignores custom roles in Conditional Access
        add(roleRegion(space, id));
    }
    if (ps.allGuests) {
        add(whoWhere(space, (w) => w.kind === 'declared' && w.guestType !== undefined));
        add(intersect(whoWhere(space, nonDeclared), dimRegion(l, space.dim.guest, range(space.guests.length).slice(1)), l));
    }
    if (ps.guests) {
        const types = new Set(ps.guests.types.map(lower));
        const tenants = Array.isArray(ps.guests.tenants) ? new Set(ps.guests.tenants.map(lower)) : undefined;
        add(whoWhere(space, (w) => w.kind === 'declared' && w.guestType !== undefined && types.has(w.guestType)
            && (tenants === undefined || (w.tenantId !== undefined && tenants.has(w.tenantId)))));
        const g = dimRegion(l, space.dim.guest, range(space.guests.length).filter((i) => types.has(space.guests[i])));
        const t = tenants === undefined ? universe(space)
            : dimRegion(l, space.dim.tenant, range(space.tenants.length).filter((i) => tenants.has(space.tenants[i])));
        add(intersect(intersect(whoWhere(space, nonDeclared), g, l), t, l));
    }
    return r;
}

/** Members of a group: declared users in it (closed groups, transitively) or anyone in an open group nested in it. */
export function groupRegion(space: Space, id: string): Region {
    const l = space.layout;
    let r = whoWhere(space, (w) => w.kind === 'declared' && w.groups.has(id));
    for (const [open, d] of space.dim.groups) {
        const ancestors = space.cs.groupAncestors.get(open) ?? [open];
        if (open === id || ancestors.includes(id)) r = union(r, dimRegion(l, d, [1]), l);
    }
    return r;
}

/** Holders of a role: declared users with it in the directory, or any other user stating it. */
export function roleRegion(space: Space, id: string): Region {
    const l = space.layout;
    const declared = whoWhere(space, (w) => w.kind === 'declared' && w.roles.has(id));
    const d = space.dim.roles.get(id);
    if (d === undefined) return declared;
    return union(declared, intersect(whoWhere(space, nonDeclared), dimRegion(l, d, [1]), l), l);
}

function maskRegion(l: Layout, d: number, size: number, mask: number | undefined): Region {
    if (mask === undefined) return [fullBox(l)];
    return dimRegion(l, d, range(size).filter((i) => (mask & (1 << i)) !== 0));
}

export interface ScopeOptions {
    /** Assertion scopes: an omitted users or target condition covers everything (a policy's never matches). */
    openDefaults?: boolean;
}

/** Compiled policies of the space by model object. */
const compiledOf = new WeakMap<Space, Map<Policy, CompiledPolicy>>();

function compiled(space: Space, p: Policy): CompiledPolicy {
    let m = compiledOf.get(space);
    if (!m) {
        m = new Map(space.cs.policies.map((cp) => [cp.policy, cp]));
        compiledOf.set(space, m);
    }
    const cp = m.get(p);
    if (!cp) throw new Error(`analysis: policy ${p.id} is not part of the analysed space`);
    return cp;
}

/** Each configured condition's region, in CONDITION_ORDER (for explaining why a scope is empty). */
export function conditionRegions(space: Space, p: Policy, opts: ScopeOptions = {}): { condition: string; region: Region }[] {
    const l = space.layout;
    const cp = compiled(space, p);
    const out: { condition: string; region: Region }[] = [];
    if (p.users) out.push({ condition: 'users', region: subtract(principalRegion(space, p.users.include), principalRegion(space, p.users.exclude), l) });
    else if (!opts.openDefaults) out.push({ condition: 'users', region: [] });
    const t = cp.target;
    if (t) {
        const atoms = range(space.target.length).filter((i) => {
            const a = space.target[i];
            if (t.kind === 'apps') {
                if (a.kind !== 'app') return false;
                const k = space.cs.apps.lookup(a.id);
                const inc = t.includeAll || (k !== undefined && hasBit(t.include, k));
                return inc && !(k !== undefined && hasBit(t.exclude, k));
            }
            if (t.kind === 'userActions') return a.kind === 'action' && t.actions.has(lower(a.action));
            return a.kind === 'authContext' && t.refs.has(lower(a.id));
        });
        out.push({ condition: 'target', region: dimRegion(l, space.dim.target, atoms) });
    } else if (!opts.openDefaults) out.push({ condition: 'target', region: [] });
    const d = space.dim;
    if (cp.platforms !== undefined) out.push({ condition: 'devicePlatform', region: maskRegion(l, d.platform, l.sizes[d.platform], cp.platforms) });
    if (cp.device) {
        const dev = cp.device;
        out.push({ condition: 'devices', region: dimRegion(l, d.device, range(space.devices.length).filter((i) => dev.predicate(space.devices[i].device) === dev.include)) });
    }
    if (cp.clients !== undefined) out.push({ condition: 'clientApps', region: maskRegion(l, d.client, l.sizes[d.client], cp.clients) });
    if (cp.locations) out.push({ condition: 'location', region: locationRegion(space, cp.locations) });
    if (cp.signInRisk !== undefined) out.push({ condition: 'signInRisk', region: maskRegion(l, d.signInRisk, l.sizes[d.signInRisk], cp.signInRisk) });
    if (cp.userRisk !== undefined) out.push({ condition: 'userRisk', region: maskRegion(l, d.userRisk, l.sizes[d.userRisk], cp.userRisk) });
    if (cp.insiderRisk !== undefined) out.push({ condition: 'insiderRisk', region: maskRegion(l, d.insiderRisk, l.sizes[d.insiderRisk], cp.insiderRisk) });
    if (cp.flows !== undefined) out.push({ condition: 'authenticationFlow', region: maskRegion(l, d.flow, l.sizes[d.flow], cp.flows) });
    if (cp.times) {
        const windows = cp.times;
        const atoms = range(space.times.length).filter((i) => windowsContain(windows, space.times[i]));
        out.push({ condition: 'time', region: dimRegion(l, d.time, atoms) });
    }
    return out;
}

/** The sign-ins a policy applies to (state aside: callers decide which states count). */
export function scopeRegion(space: Space, p: Policy, opts: ScopeOptions = {}): Region {
    let r = universe(space);
    // Cheapest-to-empty first: single-dimension conditions before principals and locations.
    const parts = conditionRegions(space, p, opts).sort((a, b) => a.region.length - b.region.length);
    for (const c of parts) {
        r = intersect(r, c.region, space.layout);
        if (r.length === 0) break;
    }
    return r;
}

/** The policy's scope with its users exclusions dropped: where exclusion-without-fallback looks (besides the scope). */
export function reachRegion(space: Space, p: Policy): Region {
    if (!p.users) return [];
    let r = principalRegion(space, p.users.include);
    for (const c of conditionRegions(space, p)) {
        if (c.condition === 'users') continue;
        r = intersect(r, c.region, space.layout);
        if (r.length === 0) break;
    }
    return r;
}

function hasBit(bits: Uint32Array, i: number): boolean {
    return (bits[i >>> 5] & (1 << (i & 31))) !== 0;
}

function inSide(space: Space, side: CompiledLocations, ip: bigint, country: string): boolean {
    if (side.all) return true;
    const locs = space.cs.locations;
    for (let i = 0; i < locs.length; i++) {
        const l = locs[i];
        const member = l.kind === 'ip' ? l.intervals.some((r) => ip >= r.lo && ip <= r.hi)
            : l.kind === 'country' ? (country === 'UNKNOWN' ? l.includeUnknown : l.countries.has(country)) : false;
        if (member && (hasBit(side.bits, i) || (side.trusted && l.trusted))) return true;
    }
    return false;
}

/** include ∧ ¬exclude over (IP class × country class), grouped into boxes by IP classes with equal country sets. */
function locationRegion(space: Space, loc: NonNullable<CompiledPolicy['locations']>): Region {
    const l = space.layout;
    const rows = new Map<string, number[]>();
    space.ips.forEach((ip, i) => {
        const cs = space.countries.map((c, j) => (inSide(space, loc.include, ip.value, c) && !inSide(space, loc.exclude, ip.value, c) ? j : -1)).filter((j) => j >= 0);
        if (cs.length === 0) return;
        const key = cs.join(',');
        rows.set(key, [...(rows.get(key) ?? []), i]);
    });
    let r: Region = [];
    for (const [key, ipAtoms] of rows) {
        r = union(r, intersect(dimRegion(l, space.dim.ip, ipAtoms), dimRegion(l, space.dim.country, key.split(',').map(Number)), l), l);
    }
    return r;
}

function windowsContain(windows: readonly TimeWindow[], instant: string): boolean {
    const ms = parseInstant(instant)!;
    return windows.some((w) => isWholeWeek(w) || clockInWindow(w, localClock(ms, w.zone)));
}
