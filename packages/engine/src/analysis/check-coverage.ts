// Coverage: sign-ins in a scope (default: all users but break-glass × all apps) that no enforced policy blocks
// or challenges with MFA / a managed device (C12), as a small partition table; legacy authentication and the
// device-code flow left open.

import { CLIENT_APP_TYPES, INSIDER_RISK_LEVELS, PLATFORMS, RISK_LEVELS, TRANSFER_METHODS } from '../model.js';
import type { Context } from './context.js';
import { isProtective } from './context.js';
import { legacyRegion } from './decision.js';
import type { Finding } from './finding.js';
import { type Box, type Region, atomsOf, compact, dimRegion, findOutside, intersect, isEmpty, isFullDim, subtract, union } from './region.js';
import { scopeRegion } from './scope.js';
import { confirm } from './verify.js';
import { signInOfBox, witnessOutside } from './witness.js';
import { boxShare, coverGap } from './coverage-partition.js';

/** The coverage scope region. */
export function coverageScope(ctx: Context): Region {
    const l = ctx.space.layout;
    const s = ctx.options.coverageScope;
    // A configured scope leaves break-glass out too (their exclusion from every policy is on purpose).
    if (s) return subtract(scopeRegion(ctx.space, s, { openDefaults: true }), ctx.breakGlass, l);
    const apps = ctx.space.target.map((t, i) => (t.kind === 'app' ? i : -1)).filter((i) => i >= 0);
    return subtract(dimRegion(l, ctx.space.dim.target, apps), ctx.breakGlass, l);
}

/** What protects a sign-in: a block (of any kind) or a protective grant of an enforced policy. */
function protection(ctx: Context): Region {
    let cover = ctx.decision.blocked;
    for (const { policy, scope } of ctx.enabled) if (isProtective(policy)) cover = union(cover, scope);
    return cover;
}

/** Disjoint boxes of the scope that reach neither a block nor a protective grant (up to `limit`, merged). */
export function gapRegion(ctx: Context, limit = 200, scope: Region = coverageScope(ctx)): Region {
    return compact(findOutside(scope, protection(ctx), ctx.space.layout, limit), ctx.space.layout);
}

/** Disjoint boxes `gapParts` lists the gap up to (beyond: not exact). */
const GAP_LIMIT = 20000;

export interface CoverageRow {
    /** Column → the values of the row in words ('any' = every value). */
    cells: Record<string, string>;
    /** Share of the scope's atom space the row covers (rows are ordered by it, largest first). */
    share: number;
    /** A sign-in of the row, evaluated: an allow (or a non-protective grant) with neither MFA / managed device nor block. */
    witness?: import('./finding.js').Witness;
}

export interface CoverageTable {
    /** Columns that matter for some row (users, apps, platforms, locations, clients, risk, device, time). */
    columns: string[];
    /** Every row: boxes inside the gap whose union is the gap (rows may overlap). */
    rows: CoverageRow[];
    /** Rows left out (the table is capped); 0: the JSON keeps all, printers cap. */
    omitted: number;
    /** False when the row limit was reached before the rows covered the whole gap (the rows shown are part of it). */
    exact: boolean;
}

const GUEST_WORDS: Record<string, string> = { member: 'member' };

/** A list of words, or "any except …" when most values are in. */
function listOrExcept(all: string[], atoms: number[], size: number): string {
    if (atoms.length === size) return 'any';
    const inList = atoms.map((a) => all[a]);
    const out = [...Array(size).keys()].filter((a) => !atoms.includes(a)).map((a) => all[a]);
    const short = (xs: string[]) => (xs.length > 5 ? `${xs.slice(0, 5).join(', ')}, … (${xs.length})` : xs.join(', '));
    return size >= 3 && out.length < inList.length ? `any except ${short(out)}` : short(inList);
}

/** Describes the atoms of one dimension of a box in words. */
export function describeDim(ctx: Context, box: Box, d: number): string {
    const sp = ctx.space;
    const l = sp.layout;
    if (isFullDim(box, l, d)) return '*';
    const atoms = atomsOf(box, l, d);
    const words = (f: (a: number) => string) => listOrExcept([...Array(l.sizes[d]).keys()].map(f), atoms, l.sizes[d]);
    const dm = sp.dim;
    if (d === dm.who) return words((a) => { const w = sp.who[a]; return w.kind === 'declared' ? w.name : w.kind === 'named' ? w.id : 'any other user'; });
    if (d === dm.guest) return words((a) => GUEST_WORDS[sp.guests[a]] ?? sp.guests[a]);
    if (d === dm.tenant) return words((a) => sp.tenants[a]);
    for (const [g, gd] of dm.groups) if (d === gd) return `${atoms[0] === 1 ? 'in' : 'not in'} ${sp.groupLabels.get(g)}`;
    for (const [r, rd] of dm.roles) if (d === rd) return `${atoms[0] === 1 ? 'has' : 'lacks'} ${sp.roleLabels.get(r)}`;
    if (d === dm.target && atoms.every((a) => sp.target[a].kind === 'app')) {
        // Within the apps (the default scope): "any app except …" reads better than a list of the actions left out.
        const apps = sp.target.map((t, i) => (t.kind === 'app' ? i : -1)).filter((i) => i >= 0);
        const name = (a: number) => { const t = sp.target[a]; return t.kind === 'app' ? appName(ctx, t.id, t.members.length) : ''; };
        const pos = atoms.map((a) => apps.indexOf(a));
        const text = listOrExcept(apps.map(name), pos, apps.length);
        return text === 'any' ? 'any app' : text.replace(/^any except/, 'any app except');
    }
    if (d === dm.target) return words((a) => { const t = sp.target[a]; return t.kind === 'app' ? appName(ctx, t.id, t.members.length) : t.kind === 'action' ? t.action : `authContext ${t.id}`; });
    if (d === dm.platform) return words((a) => PLATFORMS[a] ?? 'unknown');
    if (d === dm.client) return words((a) => CLIENT_APP_TYPES[a]);
    if (d === dm.signInRisk || d === dm.userRisk) return words((a) => RISK_LEVELS[a]);
    if (d === dm.insiderRisk) return words((a) => INSIDER_RISK_LEVELS[a]);
    if (d === dm.flow) return words((a) => TRANSFER_METHODS[a]);
    if (d === dm.ip) return words((a) => ipWords(ctx, a));
    if (d === dm.country) return words((a) => countryWords(ctx, a));
    if (d === dm.device) return `${atoms.length} of ${l.sizes[d]} device kinds`;
    if (d === dm.time) return `${atoms.length} of ${l.sizes[d]} time stretches`;
    return String(atoms.length);
}

function locationName(ctx: Context, id: string): string {
    const n = ctx.set.namedLocations.find((x) => x.id === id);
    return n?.name ?? id;
}

function ipWords(ctx: Context, a: number): string {
    const ip = ctx.space.ips[a];
    const names = ctx.space.cs.locations.filter((x) => x.kind === 'ip' && x.intervals.some((r) => ip.value >= r.lo && ip.value <= r.hi)).map((x) => locationName(ctx, x.id));
    return names.length > 0 ? `IP in ${names.join(' & ')}` : 'any other IP';
}

function countryWords(ctx: Context, a: number): string {
    const c = ctx.space.countries[a];
    if (c === 'UNKNOWN') return 'unknown country';
    const locs = ctx.space.cs.locations.filter((x) => x.kind === 'country');
    if (!locs.some((x) => x.countries.has(c))) return 'any other country';
    const sig = (k: string) => locs.map((x) => (x.countries.has(k) ? '1' : '0')).join('');
    const named = [...new Set(locs.flatMap((x) => [...x.countries]))].sort().filter((k) => sig(k) === sig(c));
    return named.length > 4 ? `${named.slice(0, 4).join('/')}/… (${named.length})` : named.join('/');
}

function appName(ctx: Context, id: string, classSize: number): string {
    const k = id.toLowerCase();
    const a = ctx.set.directory.apps.find((x) => x.id.toLowerCase() === k);
    const name = a?.name ?? id;
    return classSize > 1 ? `${name} (+${classSize - 1} alike)` : name;
}

/** Table columns → the dimensions they show. */
function columnsOf(ctx: Context): [string, number[]][] {
    const dm = ctx.space.dim;
    return [
        ['users', [dm.who, dm.guest, dm.tenant, ...dm.groups.values(), ...dm.roles.values()]],
        ['apps', [dm.target]],
        ['platforms', [dm.platform]],
        ['locations', [dm.ip, dm.country]],
        ['clients', [dm.client, dm.flow]],
        ['risk', [dm.signInRisk, dm.userRisk, dm.insiderRisk]],
        ['device', [dm.device]],
        ['time', [dm.time]],
    ];
}

const RISK_NAMES = ['sign-in risk', 'user risk', 'insider risk'];

function cellOf(ctx: Context, box: Box, column: string, dims: number[]): string {
    const l = ctx.space.layout;
    const parts = dims.filter((d) => !isFullDim(box, l, d));
    if (parts.length === 0) return 'any';
    const dm = ctx.space.dim;
    if (column === 'users') {
        const who = isFullDim(box, l, dm.who) ? 'any user' : describeDim(ctx, box, dm.who);
        const roleDims = new Set(dm.roles.values());
        const quals = parts.filter((d) => d !== dm.who && !roleDims.has(d)).map((d) => (d === dm.guest ? `guest type ${describeDim(ctx, box, d)}` : d === dm.tenant ? `home tenant ${describeDim(ctx, box, d)}` : describeDim(ctx, box, d)));
        const roles = (yes: number) => [...dm.roles].filter(([, d]) => parts.includes(d) && atomsOf(box, l, d)[0] === yes).map(([r]) => ctx.space.roleLabels.get(r) ?? r);
        const short = (xs: string[]) => (xs.length > 3 ? `${xs.slice(0, 2).join(', ')}, … (${xs.length} roles)` : xs.join(', '));
        const has = roles(1);
        const lacks = roles(0);
        if (has.length > 0) quals.push(`has ${short(has)}`);
        if (lacks.length > 0) quals.push(`lacks ${short(lacks)}`);
        return quals.length > 0 ? `${who} (${quals.join('; ')})` : who;
    }
    if (column === 'risk') return parts.map((d) => `${RISK_NAMES[[dm.signInRisk, dm.userRisk, dm.insiderRisk].indexOf(d)]} ${describeDim(ctx, box, d)}`).join('; ');
    if (column === 'clients' && parts.includes(dm.flow)) return parts.map((d) => (d === dm.flow ? `flow ${describeDim(ctx, box, d)}` : describeDim(ctx, box, d))).join('; ');
    return parts.map((d) => describeDim(ctx, box, d)).join('; ');
}

/** The whole gap as boxes plus what it is made of (scope, protection), exact unless `exact` is false. */
export function gapParts(ctx: Context): { gap: Region; scope: Region; protection: Region; exact: boolean } {
    const l = ctx.space.layout;
    const scope = coverageScope(ctx);
    const prot = protection(ctx);
    const found = findOutside(scope, prot, l, GAP_LIMIT);
    return { gap: compact(found, l), scope, protection: prot, exact: found.length < GAP_LIMIT };
}

/** The gap's rows: a small exact cover (coverage-partition.ts), largest first. */
export function coverageRows(ctx: Context): { rows: Region; exact: boolean } {
    const scope = coverageScope(ctx);
    const prot = protection(ctx);
    const dm = ctx.space.dim;
    // Dimensions rows give up first (become '*'): the fine-grained user attributes, then risk, device, time, …
    const order = [...dm.roles.values(), ...dm.groups.values(), dm.tenant, dm.guest, dm.insiderRisk, dm.userRisk, dm.signInRisk,
        dm.time, dm.device, dm.flow, dm.ip, dm.country, dm.client, dm.platform, dm.target, dm.who];
    const weight = (d: number, a: number) => {
        if (d === dm.target) { const t = ctx.space.target[a]; return t.kind === 'app' ? Math.max(1, t.members.length) : 1; }
        return 1;
    };
    return coverGap(scope, prot, ctx.space.layout, { order, weight });
}

/** A row's witness: not blocked, and no applying enforced policy is protective. */
function gapWitness(ctx: Context, box: Box) {
    return confirm(ctx.set, signInOfBox(ctx.space, box), (r) => r.outcome !== 'block'
        && !r.policies.some((p) => p.policyApplies && p.state === 'enabled' && isProtective(ctx.set.policies.find((x) => x.id === p.id)!)), ctx.stats);
}

/** The gap as a small table: every row (printers cap them), largest first; columns every row gives as 'any' dropped. */
export function coverageTable(ctx: Context): CoverageTable {
    const { rows: boxes, exact } = coverageRows(ctx);
    const l = ctx.space.layout;
    const cols = columnsOf(ctx).filter(([, dims]) => boxes.some((b) => dims.some((d) => !isFullDim(b, l, d))));
    const weight = (d: number, a: number) => {
        if (d === ctx.space.dim.target) { const t = ctx.space.target[a]; return t.kind === 'app' ? Math.max(1, t.members.length) : 1; }
        return 1;
    };
    const rows: CoverageRow[] = boxes.map((box) => {
        const cells: Record<string, string> = {};
        for (const [c, dims] of cols) cells[c] = cellOf(ctx, box, c, dims);
        return { cells, share: boxShare(box, l, weight), witness: gapWitness(ctx, box) };
    });
    return { columns: cols.map(([c]) => c), rows, omitted: 0, exact };
}

export function checkCoverage(ctx: Context): Finding[] {
    const gap = gapRegion(ctx);
    if (isEmpty(gap)) return [];
    const max = ctx.options.maxWitnesses ?? 3;
    const witnesses = gap.slice(0, max).map((b) => gapWitness(ctx, b)).filter((w) => w !== undefined);
    if (witnesses.length === 0) return [];
    return [{
        code: 'coverage-gap', severity: 'warning', related: [], witnesses,
        // No count: the gap's disjoint boxes are an artefact of the search; the table (`latch analyze --coverage`) is what a reader counts.
        message: `Some sign-ins of ${ctx.options.coverageScope ? 'the coverage scope' : 'all users × all apps'} reach neither a block nor MFA / a managed-device requirement: `
            + `the witness${witnesses.length > 1 ? 'es show' : ' shows'} one; \`latch analyze --coverage\` lists them as a table.`,
    }];
}

export function checkLegacyAndDeviceCode(ctx: Context): Finding[] {
    const l = ctx.space.layout;
    const out: Finding[] = [];
    const open = union(ctx.breakGlass, ctx.decision.blocked);
    const apps = dimRegion(l, ctx.space.dim.target, ctx.space.target.map((t, i) => (t.kind === 'app' ? i : -1)).filter((i) => i >= 0));
    const legacyOpen = witnessOutside(ctx.space, intersect(apps, legacyRegion(ctx.space), l), open);
    if (legacyOpen) {
        const w = confirm(ctx.set, legacyOpen, (r) => r.outcome !== 'block', ctx.stats);
        if (w) out.push({ code: 'legacy-auth-open', severity: 'warning', related: [], witnesses: [w], message: 'Legacy authentication (Exchange ActiveSync, other clients) is not blocked for every user: legacy protocols cannot do MFA.' });
    }
    const deviceCode = witnessOutside(ctx.space, intersect(apps, dimRegion(l, ctx.space.dim.flow, [1]), l), open);
    if (deviceCode) {
        const w = confirm(ctx.set, deviceCode, (r) => r.outcome !== 'block', ctx.stats);
        if (w) out.push({ code: 'device-code-open', severity: 'warning', related: [], witnesses: [w], message: 'The device-code flow is not blocked for every user: it is a common phishing vector.' });
    }
    return out;
}
