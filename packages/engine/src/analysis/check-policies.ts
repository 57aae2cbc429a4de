// Findings about single policies and pairs: never-applies / untargeted (C01), shadowed-by-block (C03),
// redundant (C04/C05), block-grant-overlap (info), session-conflict (C10), unsatisfiable-grant (C08).

import type { EvaluationResult, Policy, SessionControls, SignIn } from '../model.js';
import { grantClauses, resolveClauses, satisfiedControls } from '../evaluate/requirement.js';
import { sameCnf } from '../scenario/requirement-cnf.js';
import type { Context } from './context.js';
import { inFocus, label } from './context.js';
import { legacyRegion } from './decision.js';
import type { Finding, Witness } from './finding.js';
import { type Region, coveredBy, dimRegion, intersect, isEmpty, overlaps, union } from './region.js';
import { conditionRegions, universe } from './scope.js';
import { applies, confirm } from './verify.js';
import { coveredByParts, memo, regionId, regionIndexOf, witnessOutsideOf } from './region-memo.js';
import { perObject } from './per-object.js';
import { witnessOf as pickWitness, witnessOutside } from './witness.js';

const CONDITION_WORDS: Record<string, string> = {
    users: 'its users condition matches nobody (every included principal is excluded)',
    target: 'its target matches nothing (every included app is excluded, or none is included)',
    devicePlatform: 'its platforms condition matches no platform',
    devices: 'its device filter matches no device',
    clientApps: 'its client app types are empty',
    location: 'its locations condition matches no IP address or country (include ⊆ exclude)',
    signInRisk: 'its sign-in risk levels are empty', userRisk: 'its user risk levels are empty',
    insiderRisk: 'its insider risk levels are empty', authenticationFlow: 'its authentication flows are empty',
    time: 'its time windows contain no instant',
};

function untargeted(p: Policy): string | undefined {
    if (!p.users) return 'it has no users condition (a policy for workload identities only)';
    const inc = p.users.include;
    if (inc.none || (!inc.all && !inc.allGuests && !inc.guests && inc.users.length + inc.groups.length + inc.roles.length === 0)) return 'it includes no users';
    const t = p.target;
    if (!t) return 'it has no target (apps, user actions or authentication contexts)';
    if (t.kind === 'apps' && t.include.filter((a) => a.toLowerCase() !== 'none').length === 0) return 'it includes no apps';
    return undefined;
}

export function checkNeverApplies(ctx: Context): Finding[] {
    const out: Finding[] = [];
    for (const p of ctx.set.policies) {
        if (p.state === 'disabled' || !inFocus(ctx, p) || !isEmpty(ctx.scope.get(p)!)) continue;
        const severity = p.state === 'enabled' ? 'error' : 'warning';
        const why = untargeted(p);
        if (why) {
            out.push({ code: 'untargeted', severity: 'warning', policy: p.id, related: [], witnesses: [], message: `${label(p)} never applies: ${why}.` });
            continue;
        }
        const empty = conditionRegions(ctx.space, p).filter((c) => isEmpty(c.region)).map((c) => CONDITION_WORDS[c.condition] ?? c.condition);
        out.push({
            code: 'never-applies', severity, policy: p.id, related: [], witnesses: [],
            message: `${label(p)} applies to no sign-in at all: ${empty.length > 0 ? empty.join('; ') : 'its conditions exclude each other'}.`,
        });
    }
    return out;
}

/** Grant and session policies (enabled or report-only) whose whole scope is blocked by enabled block policies. */
export function checkShadowed(ctx: Context): { findings: Finding[]; shadowed: Set<Policy> } {
    const l = ctx.space.layout;
    const findings: Finding[] = [];
    const shadowed = new Set<Policy>();
    const blocks = ctx.enabled.filter((b) => b.policy.grant?.kind === 'block' && !isEmpty(b.scope));
    const index = regionIndexOf(ctx.space, blocks.map((b) => b.scope));
    for (const { policy: p, scope } of [...ctx.enabled, ...ctx.reportOnly]) {
        if (p.grant?.kind === 'block' || !inFocus(ctx, p) || isEmpty(scope)) continue;
        const covering = index.candidates(scope).map((i) => blocks[i]).filter((b) => b.policy !== p && overlaps(b.scope, scope, l));
        if (covering.length === 0 || !coveredByParts(ctx.space, scope, covering.map((b) => b.scope))) continue;
        const s = pickWitness(ctx.space, scope);
        const w = confirm(ctx.set, s, (r) => applies(r, p.id) && r.outcome === 'block' && r.blockedBy.length > 0, ctx.stats);
        if (!w) continue;
        shadowed.add(p);
        const by = covering.map((b) => b.policy);
        findings.push({
            code: 'shadowed-by-block', severity: 'warning', policy: p.id, related: by.map((b) => b.id), witnesses: [w],
            message: `${label(p)} never takes effect: every sign-in it applies to is blocked by ${by.map((b) => b.name).join(', ')}.`,
            suggestion: `remove ${p.name}, or exclude its population from ${by.map((b) => b.name).join(', ')}`,
        });
    }
    return { findings, shadowed };
}

/** The grant's clauses, lower-cased (once per policy object). */
export const clauseKeys: (p: Policy) => string[][] = perObject((p: Policy) => grantClauses(p.grant).map((c) => c.map((x) => x.toLowerCase())));

export function sessionEmpty(s: SessionControls | undefined): boolean {
    return !s || Object.values(s).every((v) => v === undefined || v === false);
}

/** The decision without p, from the same evaluation: the other applicable enforced policies, combined alike. */
export function sameDecisionWithout(r: EvaluationResult, p: Policy, s: SignIn, byId: ReadonlyMap<string, Policy>): boolean {
    if (!applies(r, p.id)) return false;
    const others = r.policies.filter((x) => x.policyApplies && x.state === 'enabled' && x.id !== p.id).map((x) => byId.get(x.id)!);
    if (r.outcome === 'block') return r.blockedBy.some((id) => id !== p.id);
    const rest = resolveClauses(others.flatMap((q) => grantClauses(q.grant)), s, satisfiedControls(s));
    return !others.some((q) => q.grant?.kind === 'block') && rest.unsatisfiable.length === 0 && sameCnf(rest.requires, r.requires);
}

/** Removing the policy changes no decision: another block covers it, or other policies require at least as much everywhere it applies. */
export function checkRedundant(ctx: Context, shadowed: Set<Policy>, superseded: ReadonlySet<Policy> = new Set()): Finding[] {
    const l = ctx.space.layout;
    const out: Finding[] = [];
    const blocks = ctx.enabled.filter((b) => b.policy.grant?.kind === 'block');
    const blockIndex = regionIndexOf(ctx.space, blocks.map((b) => b.scope));
    const enabledIndex = regionIndexOf(ctx.space, ctx.enabled.map((q) => q.scope));
    const byId = new Map(ctx.set.policies.map((q) => [q.id, q]));
    for (const { policy: p, scope } of ctx.enabled) {
        if (!inFocus(ctx, p) || isEmpty(scope) || shadowed.has(p) || superseded.has(p) || !sessionEmpty(p.session)) continue;
        let related: Policy[] = [];
        if (p.grant?.kind === 'block') {
            const others = blockIndex.candidates(scope).map((i) => blocks[i]).filter((b) => b.policy !== p && overlaps(b.scope, scope, l));
            if (others.length === 0 || !coveredByParts(ctx.space, scope, others.map((b) => b.scope))) continue;
            related = others.map((b) => b.policy);
        } else {
            const clauses = clauseKeys(p);
            if (clauses.length === 0) continue;
            if (coveredByParts(ctx.space, scope, [ctx.decision.blocks])) continue;
            const rest = scope;
            let ok = true;
            const near = enabledIndex.candidates(rest).map((i) => ctx.enabled[i]);
            for (const clause of clauses) {
                const cover: Region[] = [];
                for (const q of near) {
                    if (q.policy === p || q.policy.grant?.kind !== 'controls' || !overlaps(q.scope, rest, l)) continue;
                    if (!clauseKeys(q.policy).some((c) => c.every((x) => clause.includes(x)))) continue;
                    cover.push(q.scope);
                    if (!related.includes(q.policy)) related.push(q.policy);
                }
                if (!coveredByParts(ctx.space, rest, [...cover, ctx.decision.blocks])) { ok = false; break; }
            }
            if (!ok || related.length === 0) continue;
        }
        const s = p.grant?.kind === 'block' ? pickWitness(ctx.space, scope) : witnessOutsideOf(ctx.space, scope, ctx.decision.blocks);
        const w = confirm(ctx.set, s, (r) => sameDecisionWithout(r, p, s!, byId), ctx.stats);
        if (!w) continue;
        const names = related.map((q) => q.name).join(', ');
        out.push({
            code: 'redundant', severity: 'info', policy: p.id, related: related.map((q) => q.id), witnesses: [w],
            message: `${label(p)} is redundant: wherever it applies, ${names} already ${p.grant?.kind === 'block' ? 'block' : 'require at least as much'}; removing it changes no decision.`,
            suggestion: related.length === 1 ? `merge ${p.name} into ${related[0].name} (or delete ${p.name})` : `delete ${p.name}; ${names} cover it together`,
        });
    }
    return out;
}

/** Grant policies that a block policy overrides on part of their scope (info; the block wins, by design). */
export function checkBlockGrantOverlap(ctx: Context, shadowed: Set<Policy>): Finding[] {
    const l = ctx.space.layout;
    const out: Finding[] = [];
    const max = ctx.options.maxWitnesses ?? 3;
    const blocks = ctx.enabled.filter((b) => b.policy.grant?.kind === 'block' && !isEmpty(b.scope));
    const index = regionIndexOf(ctx.space, blocks.map((b) => b.scope));
    for (const { policy: p, scope } of ctx.enabled) {
        if (p.grant?.kind !== 'controls' || !inFocus(ctx, p) || isEmpty(scope) || shadowed.has(p)) continue;
        const related: string[] = [];
        const witnesses: Witness[] = [];
        for (const i of index.candidates(scope)) {
            const b = blocks[i];
            if (b.policy === p) continue;
            // Both remembered by the scopes' identities (region-memo.ts): an edit elsewhere leaves them as they were.
            const both = memo(ctx.space, `meet:${regionId(scope)}:${regionId(b.scope)}`, () => intersect(scope, b.scope, l));
            if (isEmpty(both)) continue;
            related.push(b.policy.id);
            if (witnesses.length >= max) continue;
            const s = memo(ctx.space, `pick:${regionId(both)}`, () => pickWitness(ctx.space, both));
            const w = confirm(ctx.set, s, (r) => applies(r, p.id) && applies(r, b.policy.id) && r.outcome === 'block', ctx.stats);
            if (w) witnesses.push(w);
        }
        if (related.length === 0 || witnesses.length === 0) continue;
        const names = related.map((id) => ctx.set.policies.find((x) => x.id === id)!.name);
        out.push({
            code: 'block-grant-overlap', severity: 'info', policy: p.id, related, witnesses,
            message: `${label(p)} overlaps block polic${names.length > 1 ? 'ies' : 'y'} ${names.join(', ')}: there the block wins and ${p.name}'s controls are never asked for.`,
        });
    }
    return out;
}

function sessionDifferences(a: SessionControls, b: SessionControls): { warn: boolean; parts: string[] } {
    const parts: string[] = [];
    let warn = false;
    if (a.persistentBrowser && b.persistentBrowser && a.persistentBrowser !== b.persistentBrowser) {
        warn = true;
        parts.push(`persistentBrowser ${a.persistentBrowser} vs ${b.persistentBrowser} (never wins)`);
    }
    const f = (x: number | 'everyTime') => (x === 'everyTime' ? 'everyTime' : x % 1440 === 0 ? `${x / 1440}d` : x % 60 === 0 ? `${x / 60}h` : `${x}m`);
    if (a.signInFrequency !== undefined && b.signInFrequency !== undefined && a.signInFrequency !== b.signInFrequency) {
        parts.push(`signInFrequency ${f(a.signInFrequency)} vs ${f(b.signInFrequency)} (the shortest wins)`);
    }
    if (a.continuousAccessEvaluation && b.continuousAccessEvaluation && a.continuousAccessEvaluation !== b.continuousAccessEvaluation) {
        parts.push(`continuousAccessEvaluation ${a.continuousAccessEvaluation} vs ${b.continuousAccessEvaluation} (the strictest wins)`);
    }
    if (a.cloudAppSecurity && b.cloudAppSecurity && a.cloudAppSecurity !== b.cloudAppSecurity) {
        parts.push(`cloudAppSecurity ${a.cloudAppSecurity} vs ${b.cloudAppSecurity} (the strictest wins)`);
    }
    return { warn, parts };
}

/** Pairs of enabled policies whose session controls disagree on a sign-in both apply to (and that is not blocked). */
export function checkSessionConflicts(ctx: Context): Finding[] {
    const l = ctx.space.layout;
    const out: Finding[] = [];
    const withSession = ctx.enabled.filter((x) => !sessionEmpty(x.policy.session) && !isEmpty(x.scope));
    const index = regionIndexOf(ctx.space, withSession.map((x) => x.scope));
    for (let i = 0; i < withSession.length; i++) {
        if (!inFocus(ctx, withSession[i].policy)) continue;
        for (const j of index.candidates(withSession[i].scope)) {
            if (j <= i) continue;
            const a = withSession[i];
            const b = withSession[j];
            const diff = sessionDifferences(a.policy.session!, b.policy.session!);
            if (diff.parts.length === 0 || !overlaps(a.scope, b.scope, l)) continue;
            const both = witnessOutside(ctx.space, intersect(a.scope, b.scope, l), ctx.decision.blocked);
            if (!both) continue;
            const w = confirm(ctx.set, both, (r) => applies(r, a.policy.id) && applies(r, b.policy.id) && r.outcome !== 'block'
                && (!diff.warn || r.session.persistentBrowserConflict === true), ctx.stats);
            if (!w) continue;
            out.push({
                code: 'session-conflict', severity: diff.warn ? 'warning' : 'info', policy: a.policy.id, related: [b.policy.id], witnesses: [w],
                message: `${label(a.policy)} and ${b.policy.name} set different session controls on the same sign-ins: ${diff.parts.join('; ')}.`,
            });
        }
    }
    return out;
}

/** Controls that no sign-in in a region can perform, by platform and flow (research/conflict-detection.md §4.2). */
export function infeasibleRegion(ctx: Context, control: string): Region {
    const l = ctx.space.layout;
    const d = ctx.space.dim;
    const deviceCode = dimRegion(l, d.flow, [1]);
    const platforms = (atoms: number[]) => dimRegion(l, d.platform, atoms);
    switch (control.toLowerCase()) {
        case 'compliantdevice': return union(platforms([3, 6]), deviceCode, l); // windowsPhone, unknown
        case 'domainjoineddevice': return union(platforms([0, 1, 3, 4, 5, 6]), deviceCode, l); // all but windows
        case 'approvedapplication':
        case 'compliantapplication': return platforms([2, 3, 4, 5, 6]); // all but android, iOS
        default: return [];
    }
}

/** Where some clause of the policy can be met by no control whatever the user does (legacy clients aside). */
export function checkUnsatisfiable(ctx: Context): Finding[] {
    const l = ctx.space.layout;
    const out: Finding[] = [];
    const legacy = legacyRegion(ctx.space);
    const dead = union(ctx.decision.blocks, legacy);
    for (const { policy: p, scope } of ctx.enabled) {
        if (p.grant?.kind !== 'controls' || !inFocus(ctx, p) || isEmpty(scope)) continue;
        if (coveredByParts(ctx.space, scope, [ctx.decision.blocks, legacy])) continue;
        for (const clause of grantClauses(p.grant)) {
            let inf = universe(ctx.space);
            for (const c of clause) inf = intersect(inf, infeasibleRegion(ctx, c), l);
            const s = witnessOutside(ctx.space, intersect(scope, inf, l), dead);
            if (!s) continue;
            // Every other control the policies that can apply here ask for counts as performed.
            const near = ctx.set.policies.filter((q) => q === p || overlaps(ctx.scope.get(q)!, scope, l));
            const others = near.flatMap((q) => grantClauses(q.grant).flat()).filter((c) => !clause.includes(c));
            const trial = { ...s, satisfied: [...new Set(others)] };
            const w = confirm(ctx.set, trial, (r: EvaluationResult) => r.outcome === 'block' && r.blockedBy.includes(p.id), ctx.stats);
            if (!w) continue;
            const whole = coveredBy(scope, union(dead, inf), l);
            out.push({
                code: 'unsatisfiable-grant', severity: whole ? 'error' : 'warning', policy: p.id, related: [], witnesses: [w],
                message: `${label(p)} requires ${clause.join(' or ')}, which ${whole ? 'no sign-in in its scope can satisfy' : 'some sign-ins in its scope cannot satisfy'} (${describeInfeasible(s)}): ${whole ? 'the policy acts as a block' : 'those sign-ins are blocked'}.`,
            });
            break;
        }
    }
    return out;
}

function describeInfeasible(s: { devicePlatform?: string; authenticationFlow?: string }): string {
    return s.authenticationFlow === 'deviceCodeFlow' ? 'device-code flow' : `platform ${s.devicePlatform}`;
}
