// Findings about who is exposed: lockout-risk and break-glass-not-excluded (C14/C15), report-only policies that
// would block admins (C16), and exclusions that no other policy backs up (C13).

import type { Policy, PrincipalSet } from '../model.js';
import type { Context } from './context.js';
import { isProtective, label } from './context.js';
import { legacyRegion, unmetRegion } from './decision.js';
import type { Finding } from './finding.js';
import { type Region, contains, intersect, isEmpty, subtract, union } from './region.js';
import { conditionRegions, principalRegion, universe } from './scope.js';
import { applies, confirm } from './verify.js';
import { witnessOf as pickWitness } from './witness.js';

export function checkBreakGlass(ctx: Context): Finding[] {
    const l = ctx.space.layout;
    const out: Finding[] = [];
    if (isEmpty(ctx.breakGlass)) return out;
    const legacy = legacyRegion(ctx.space);
    const bg = ctx.breakGlassNames.join(', ');
    for (const { policy: p, scope } of [...ctx.enabled, ...ctx.reportOnly]) {
        const exposed = intersect(scope, ctx.breakGlass, l);
        if (isEmpty(exposed)) continue;
        const enabled = p.state === 'enabled';
        const blocking = p.grant?.kind === 'block' ? exposed : intersect(exposed, subtract(unmetRegion(ctx.space, p), legacy, l), l);
        if (enabled && !isEmpty(blocking)) {
            const w = confirm(ctx.set, pickWitness(ctx.space, blocking), (r) => applies(r, p.id) && r.outcome === 'block' && r.blockedBy.includes(p.id), ctx.stats);
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
    for (const { policy: r, scope } of ctx.reportOnly) {
        if (r.grant?.kind !== 'block' && r.grant?.kind !== 'controls') continue;
        const would = r.grant.kind === 'block' ? scope : intersect(scope, union(unmetRegion(ctx.space, r), legacyRegion(ctx.space), l), l);
        const region = subtract(intersect(subtract(would, ctx.breakGlass, l), ctx.admins, l), ctx.decision.blocked, l);
        if (isEmpty(region)) continue;
        const w = confirm(ctx.set, pickWitness(ctx.space, region), (x) => x.outcome !== 'block' && x.shadow.outcome === 'block' && x.shadow.blockedBy.includes(r.id), ctx.stats);
        if (!w) continue;
        out.push({
            code: 'report-only-would-block-admins', severity: 'warning', policy: r.id, related: [], witnesses: [w],
            message: `${label(r)} is report-only; enabled, it would block admins who are not blocked today.`,
        });
    }
    return out;
}

function exclusionItems(ps: PrincipalSet): { label: string; set: PrincipalSet }[] {
    const none = (): PrincipalSet => ({ users: [], groups: [], roles: [] });
    return [
        ...ps.users.map((u) => ({ label: u, set: { ...none(), users: [u] } })),
        ...ps.groups.map((g) => ({ label: g, set: { ...none(), groups: [g] } })),
        ...ps.roles.map((r) => ({ label: r, set: { ...none(), roles: [r] } })),
        ...(ps.allGuests ? [{ label: 'guests', set: { ...none(), allGuests: true } }] : []),
        ...(ps.guests ? [{ label: 'guests', set: { ...none(), guests: ps.guests } }] : []),
    ];
}

function nameOf(ctx: Context, id: string): string {
    const d = ctx.set.directory;
    const k = id.toLowerCase();
    return [...d.users, ...d.groups, ...d.roles].find((o) => o.id.toLowerCase() === k)?.name ?? id;
}

/** An excluded population that no other enforced policy protects (blocks or challenges with MFA / a managed device). */
export function checkExclusions(ctx: Context): Finding[] {
    const l = ctx.space.layout;
    const out: Finding[] = [];
    let protectedBy = new Map<Policy, Region>();
    for (const { policy, scope } of ctx.enabled) if (isProtective(policy)) protectedBy.set(policy, scope);
    for (const [p, scope] of protectedBy) {
        if (!p.users) continue;
        const others = conditionRegions(ctx.space, p).filter((c) => c.condition !== 'users');
        let rest = universe(ctx.space);
        for (const c of others) rest = intersect(rest, c.region, l);
        const included = principalRegion(ctx.space, p.users.include);
        for (const item of exclusionItems(p.users.exclude)) {
            const who = principalRegion(ctx.space, item.set);
            if (isEmpty(who) || contains(ctx.breakGlass, who, l)) continue;
            let hole = subtract(intersect(intersect(rest, included, l), subtract(who, ctx.breakGlass, l), l), scope, l);
            if (isEmpty(hole)) continue;
            hole = subtract(hole, ctx.decision.blocked, l);
            for (const [q, qs] of protectedBy) if (q !== p) hole = subtract(hole, qs, l);
            if (isEmpty(hole)) continue;
            const w = confirm(ctx.set, pickWitness(ctx.space, hole), (r) => r.outcome !== 'block' && !r.policies.some((x) => x.policyApplies && x.state === 'enabled'
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
    protectedBy = new Map();
    return out;
}
