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

/** The coverage scope region. */
export function coverageScope(ctx: Context): Region {
    const l = ctx.space.layout;
    const s = ctx.options.coverageScope;
    if (s) return scopeRegion(ctx.space, s, { openDefaults: true });
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

export interface CoverageRow {
    /** Dimension → the values of the row ('*' = any). */
    cells: Record<string, string>;
    witness?: import('./finding.js').Witness;
}

export interface CoverageTable {
    columns: string[];
    rows: CoverageRow[];
    /** Rows left out (the table is capped). */
    omitted: number;
}

const GUEST_WORDS: Record<string, string> = { member: 'member' };

/** Describes the atoms of one dimension of a box in words. */
export function describeDim(ctx: Context, box: Box, d: number): string {
    const sp = ctx.space;
    const l = sp.layout;
    if (isFullDim(box, l, d)) return '*';
    const atoms = atomsOf(box, l, d);
    const list = (xs: string[]) => (xs.length > 4 ? `${xs.slice(0, 4).join(', ')}, … (${xs.length})` : xs.join(', '));
    const dm = sp.dim;
    if (d === dm.who) return list(atoms.map((a) => { const w = sp.who[a]; return w.kind === 'declared' ? w.name : w.kind === 'named' ? w.id : 'any other user'; }));
    if (d === dm.guest) return list(atoms.map((a) => GUEST_WORDS[sp.guests[a]] ?? sp.guests[a]));
    if (d === dm.tenant) return list(atoms.map((a) => sp.tenants[a]));
    for (const [g, gd] of dm.groups) if (d === gd) return `${atoms[0] === 1 ? 'in' : 'not in'} ${sp.groupLabels.get(g)}`;
    for (const [r, rd] of dm.roles) if (d === rd) return `${atoms[0] === 1 ? 'has' : 'lacks'} ${sp.roleLabels.get(r)}`;
    if (d === dm.target) return list(atoms.map((a) => { const t = sp.target[a]; return t.kind === 'app' ? appName(ctx, t.id, t.members.length) : t.kind === 'action' ? t.action : `authContext ${t.id}`; }));
    if (d === dm.platform) return list(atoms.map((a) => PLATFORMS[a] ?? 'unknown'));
    if (d === dm.client) return list(atoms.map((a) => CLIENT_APP_TYPES[a]));
    if (d === dm.signInRisk || d === dm.userRisk) return list(atoms.map((a) => RISK_LEVELS[a]));
    if (d === dm.insiderRisk) return list(atoms.map((a) => INSIDER_RISK_LEVELS[a]));
    if (d === dm.flow) return list(atoms.map((a) => TRANSFER_METHODS[a]));
    if (d === dm.ip) return list(atoms.map((a) => sp.ips[a].rep));
    if (d === dm.country) return list(atoms.map((a) => sp.countries[a]));
    if (d === dm.device) return `${atoms.length} device kind(s)`;
    if (d === dm.time) return `${atoms.length} time stretch(es)`;
    return String(atoms.length);
}

function appName(ctx: Context, id: string, classSize: number): string {
    const k = id.toLowerCase();
    const a = ctx.set.directory.apps.find((x) => x.id.toLowerCase() === k);
    const name = a?.name ?? id;
    return classSize > 1 ? `${name} (+${classSize - 1} alike)` : name;
}

/** The gap as a small table: one row per box of the (compacted) gap region, any-value columns shown as '*'. */
export function coverageTable(ctx: Context, maxRows = 25): CoverageTable {
    const gap = gapRegion(ctx);
    const l = ctx.space.layout;
    const used = ctx.space.dimNames.map((_, d) => gap.some((b) => !isFullDim(b, l, d)));
    const columns = ctx.space.dimNames.filter((_, d) => used[d]).map(columnName);
    const rows: CoverageRow[] = gap.slice(0, maxRows).map((box) => {
        const cells: Record<string, string> = {};
        ctx.space.dimNames.forEach((n, d) => { if (used[d]) cells[columnName(n)] = describeDim(ctx, box, d); });
        const w = confirm(ctx.set, signInOfBox(ctx.space, box), (r) => r.outcome !== 'block', ctx.stats);
        return { cells, witness: w };
    });
    return { columns, rows, omitted: Math.max(0, gap.length - maxRows) };
}

function columnName(n: string): string {
    return n.startsWith('group ') || n.startsWith('role ') ? n : n;
}

export function checkCoverage(ctx: Context): Finding[] {
    const gap = gapRegion(ctx);
    if (isEmpty(gap)) return [];
    const max = ctx.options.maxWitnesses ?? 3;
    const witnesses = gap.slice(0, max).map((b) => confirm(ctx.set, signInOfBox(ctx.space, b), (r) => r.outcome !== 'block'
        && !r.policies.some((p) => p.policyApplies && p.state === 'enabled' && isProtective(ctx.set.policies.find((x) => x.id === p.id)!)), ctx.stats))
        .filter((w) => w !== undefined);
    if (witnesses.length === 0) return [];
    return [{
        code: 'coverage-gap', severity: 'warning', related: [], witnesses,
        message: `${gap.length} region(s) of ${ctx.options.coverageScope ? 'the coverage scope' : 'all users × all apps'} reach neither a block nor MFA / a managed-device requirement (see \`latch analyze --coverage\`).`,
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
