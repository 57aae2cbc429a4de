// Findings about who is exposed: lockout-risk and break-glass-not-excluded (C14/C15), report-only policies that
// would block admins (C16), and exclusions that no other policy backs up (C13).

import type { Policy, PrincipalSet } from '../model.js';
import type { Context } from './context.js';
import { inFocus, isProtective, label } from './context.js';
import { legacyRegion, unmetRegion } from './decision.js';
import type { Finding } from './finding.js';
import { type Region, contains, dimRegion, intersect, isEmpty, meetingBoxes, union } from './region.js';
import { conditionRegions, principalRegion, universe } from './scope.js';
import { applies, confirm } from './verify.js';
import { memo, regionId, regionIndexOf } from './region-memo.js';
import { witnessOf as pickWitness, witnessOutside } from './witness.js';

export function checkBreakGlass(ctx: Context): Finding[] {
    const l = ctx.space.layout;
    const out: Finding[] = [];
    if (isEmpty(ctx.breakGlass)) return out;
    const legacy = legacyRegion(ctx.space);
    const bg = ctx.breakGlassNames.join(', ');
    for (const { policy: p, scope } of [...ctx.enabled, ...ctx.reportOnly]) {
        if (!inFocus(ctx, p)) continue;
        const exposed = intersect(scope, ctx.breakGlass, l);
        if (isEmpty(exposed)) continue;
        const enabled = p.state === 'enabled';
        const blocking = p.grant?.kind === 'block' ? pickWitness(ctx.space, exposed) : witnessOutside(ctx.space, intersect(exposed, unmetRegion(ctx.space, p), l), legacy);
        if (enabled && blocking) {
            const w = confirm(ctx.set, blocking, (r) => applies(r, p.id) && r.outcome === 'block' && r.blockedBy.includes(p.id), ctx.stats);
            if (w) {
                out.push({
                    code: 'lockout-risk', severity: 'error', policy: p.id, related: [], witnesses: [w],
                    message: `${label(p)} can block the break-glass accounts (${bg}): exclude them, or the tenant can be locked out.`,
                    suggestion: `add the break-glass group to ${p.name}'s users exclude`,
                });
                continue;
            }
        }
        const w = confirm(ctx.set, pickWitness(ctx.space, exposed), (r) => applies(r, p.id), ctx.stats);
        if (!w) continue;
        out.push({
            code: 'break-glass-not-excluded', severity: 'warning', policy: p.id, related: [], witnesses: [w],
            message: `${label(p)} applies to the break-glass accounts (${bg}); emergency access should be excluded from every policy.`,
            suggestion: `add the break-glass group to ${p.name}'s users exclude`,
        });
    }
    return out;
}

export function checkReportOnlyAdmins(ctx: Context): Finding[] {
    const l = ctx.space.layout;
    const out: Finding[] = [];
    const cover = union(ctx.breakGlass, ctx.decision.blocked);
    for (const { policy: r, scope } of ctx.reportOnly) {
        if ((r.grant?.kind !== 'block' && r.grant?.kind !== 'controls') || !inFocus(ctx, r)) continue;
        const would = r.grant.kind === 'block' ? scope : intersect(scope, union(unmetRegion(ctx.space, r), legacyRegion(ctx.space), l), l);
        const s = witnessOutside(ctx.space, intersect(would, ctx.admins, l), cover);
        if (!s) continue;
        const w = confirm(ctx.set, s, (x) => x.outcome !== 'block' && x.shadow.outcome === 'block' && x.shadow.blockedBy.includes(r.id), ctx.stats);
        if (!w) continue;
        out.push({
            code: 'report-only-would-block-admins', severity: 'warning', policy: r.id, related: [], witnesses: [w],
            message: `${label(r)} is report-only; enabled, it would block admins who are not blocked today.`,
        });
    }
    return out;
}

/** The principals an exclude list names, one by one (what exclusion-without-fallback checks). */
export function exclusionItems(ps: PrincipalSet): { label: string; set: PrincipalSet }[] {
    const none = (): PrincipalSet => ({ users: [], groups: [], roles: [] });
    return [
        ...ps.users.map((u) => ({ label: u, set: { ...none(), users: [u] } })),
        ...ps.groups.map((g) => ({ label: g, set: { ...none(), groups: [g] } })),
        ...ps.roles.map((r) => ({ label: r, set: { ...none(), roles: [r] } })),
        ...(ps.allGuests ? [{ label: 'guests', set: { ...none(), allGuests: true } }] : []),
        ...(ps.guests ? [{ label: 'guests', set: { ...none(), guests: ps.guests } }] : []),
    ];
}

/** Identities with no open-group membership and no role other than the ones the principal set names. */
function plainMembers(ctx: Context, ps: PrincipalSet): Region {
    const l = ctx.space.layout;
    const own = new Set([...ps.groups, ...ps.roles].map((x) => x.toLowerCase()));
    let r = universe(ctx.space);
    for (const [g, d] of ctx.space.dim.groups) {
        const ancestors = ctx.space.cs.groupAncestors.get(g) ?? [g];
        if (!own.has(g) && !ancestors.some((a) => own.has(a))) r = intersect(r, dimRegion(l, d, [0]), l);
    }
    for (const [role, d] of ctx.space.dim.roles) if (!own.has(role)) r = intersect(r, dimRegion(l, d, [0]), l);
    return r;
}

function nameOf(ctx: Context, id: string): string {
    const d = ctx.set.directory;
    const k = id.toLowerCase();
    return [...d.users, ...d.groups, ...d.roles].find((o) => o.id.toLowerCase() === k)?.name ?? id;
}

/**
 * Each excluded principal of p (not break-glass) with the sign-ins it would be in p's scope but for the exclusion,
 * for a member of just that principal. A function of p's conditions alone: remembered per space by its scope region
 * (one object per set of conditions, region-memo.ts), so an edit elsewhere does not recompute it.
 */
function excludedPopulations(ctx: Context, p: Policy, scope: Region): { item: { label: string; set: PrincipalSet }; x: Region }[] {
    return memo(ctx.space, `excluded:${regionId(scope)}`, () => {
        const l = ctx.space.layout;
        const others = conditionRegions(ctx.space, p).filter((c) => c.condition !== 'users');
        let rest = universe(ctx.space);
        for (const c of others) rest = intersect(rest, c.region, l);
        const included = principalRegion(ctx.space, p.users!.include);
        const out: { item: { label: string; set: PrincipalSet }; x: Region }[] = [];
        for (const item of exclusionItems(p.users!.exclude)) {
            const who = principalRegion(ctx.space, item.set);
            if (isEmpty(who) || contains(ctx.breakGlass, who, l)) continue;
            // A member of just this principal: no other open group or role that matters (a typical member, not one
            // that happens to be excluded everywhere).
            const x = intersect(intersect(intersect(rest, included, l), who, l), plainMembers(ctx, item.set), l);
            if (!isEmpty(x)) out.push({ item, x });
        }
        return out;
    });
}

/** An excluded population that no other enforced policy protects (blocks or challenges with MFA / a managed device). */
export function checkExclusions(ctx: Context): Finding[] {
    const l = ctx.space.layout;
    const out: Finding[] = [];
    const protectedBy = new Map<Policy, Region>();
    for (const { policy, scope } of ctx.enabled) if (isProtective(policy)) protectedBy.set(policy, scope);
    const protectedList = [...protectedBy];
    const protectedIndex = regionIndexOf(ctx.space, protectedList.map(([, qs]) => qs));
    for (const [p, scope] of protectedBy) {
        if (!p.users || !inFocus(ctx, p)) continue;
        for (const { item, x } of excludedPopulations(ctx, p, scope)) {
            // The cover (break-glass, this scope, blocked, every other protective scope), reduced to the boxes that
            // meet x — in the same order, so the search and its witness are those of the whole union.
            const sources: Region[] = [ctx.breakGlass, scope, ctx.decision.blocked];
            for (const i of protectedIndex.candidates(x)) if (protectedList[i][0] !== p) sources.push(protectedList[i][1]);
            const hole = witnessOutside(ctx.space, x, meetingBoxes(x, sources, l));
            if (!hole) continue;
            const w = confirm(ctx.set, hole, (r) => r.outcome !== 'block' && !r.policies.some((x) => x.policyApplies && x.state === 'enabled'
                && isProtective(ctx.set.policies.find((y) => y.id === x.id)!)), ctx.stats);
            if (!w) continue;
            const name = item.label === 'guests' ? 'guests' : nameOf(ctx, item.label);
            out.push({
                code: 'exclusion-without-fallback', severity: 'warning', policy: p.id, related: [], witnesses: [w],
                message: `${label(p)} excludes ${name}, and no other policy blocks or challenges them on some of those sign-ins: they get in with no MFA and no device check.`,
                suggestion: `cover ${name} with another policy (or narrow the exclusion)`,
            });
        }
    }
    return out;
}
