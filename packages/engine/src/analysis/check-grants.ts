// Findings about what a grant really demands: ineffective-exception (C06) — a narrower, weaker policy inside a
// stronger one, written as if it could relax it (policies add up: it cannot) — and weak-alternative (C09) — a
// strong control OR-ed with one that proves nothing about the user (terms of use, a custom control).

import type { Policy } from '../model.js';
import type { Context } from './context.js';
import { inFocus, label } from './context.js';
import { namedControlLabel } from './describe.js';
import type { Finding } from './finding.js';
import { isEmpty, subtract, union, type Region } from './region.js';
import { coveredByParts, regionIndexOf, witnessOutsideOf } from './region-memo.js';
import { applies, confirm } from './verify.js';
import { witnessOutside } from './witness.js';
import { clauseKeys, sameDecisionWithout } from './check-policies.js';

/** Every clause of `weaker` is met whenever some clause of `stronger` is (CNF implication, control by control). */
function implies(stronger: string[][], weaker: string[][]): boolean {
    return weaker.every((w) => stronger.some((c) => c.every((x) => w.includes(x))));
}

/** Enabled grant policies inside a stronger enabled one (strictly narrower scope, strictly weaker grant). */
export function checkIneffectiveExceptions(ctx: Context, shadowed: ReadonlySet<Policy>): { findings: Finding[]; reported: Set<Policy> } {
    const findings: Finding[] = [];
    const reported = new Set<Policy>();
    const grants = ctx.enabled.filter((x) => x.policy.grant?.kind === 'controls' && clauseKeys(x.policy).length > 0 && !isEmpty(x.scope));
    const index = regionIndexOf(ctx.space, grants.map((x) => x.scope));
    const byId = new Map(ctx.set.policies.map((q) => [q.id, q]));
    for (const { policy: p, scope } of grants) {
        if (!inFocus(ctx, p) || shadowed.has(p)) continue;
        const mine = clauseKeys(p);
        // The grant comparison is cheap, the region containments are not: compare grants first.
        const outer = index.candidates(scope).map((i) => grants[i]).filter(({ policy: q, scope: qs }) => q !== p
            && implies(clauseKeys(q), mine) && !implies(mine, clauseKeys(q)) && coveredByParts(ctx.space, scope, [qs]) && !coveredByParts(ctx.space, qs, [scope]));
        if (outer.length === 0) continue;
        const s = witnessOutsideOf(ctx.space, scope, ctx.decision.blocks);
        const w = confirm(ctx.set, s, (r) => outer.every((q) => applies(r, q.policy.id)) && sameDecisionWithout(r, p, s!, byId), ctx.stats);
        if (!w) continue;
        reported.add(p);
        const names = outer.map((q) => q.policy.name);
        findings.push({
            code: 'ineffective-exception', severity: 'warning', policy: p.id, related: outer.map((q) => q.policy.id), witnesses: [w],
            message: `${label(p)} asks less than ${names.join(', ')} on sign-ins ${outer.length > 1 ? 'they' : 'it'} already cover${outer.length > 1 ? '' : 's'}: `
                + 'policies add up, so it relaxes nothing there (an exception is written as an exclude).',
            suggestion: `exclude ${p.name}'s population from ${names.join(', ')} if it should get less; else delete ${p.name}`,
        });
    }
    return { findings, reported };
}

const isWeak = (c: string) => c.startsWith('termsofuse:') || c.startsWith('customfactor:');
const isStrong = (c: string) => c === 'mfa' || c === 'compliantdevice' || c === 'domainjoineddevice' || c.startsWith('authenticationstrength:');

/** Enabled policies whose OR grant lets a weak control stand in for a strong one, where nothing else asks more. */
export function checkWeakAlternatives(ctx: Context): Finding[] {
    const l = ctx.space.layout;
    const out: Finding[] = [];
    const demanding = ctx.enabled.filter((x) => x.policy.grant?.kind === 'controls' && clauseKeys(x.policy).length > 0);
    const index = regionIndexOf(ctx.space, demanding.map((x) => x.scope));
    for (const { policy: p, scope } of ctx.enabled) {
        if (!inFocus(ctx, p) || p.grant?.kind !== 'controls' || p.grant.operator !== 'OR' || isEmpty(scope)) continue;
        const controls = p.grant.controls;
        const weak = controls.filter((c) => isWeak(c.toLowerCase()));
        const strong = controls.filter((c) => isStrong(c.toLowerCase()));
        if (weak.length === 0 || strong.length === 0) continue;
        // Where p is the only policy that asks for anything: there the weak control alone lets the user in.
        let others: Region = ctx.decision.blocked;
        for (const i of index.candidates(scope)) if (demanding[i].policy !== p) others = union(others, demanding[i].scope, l);
        const alone = subtract(scope, others, l);
        const s = witnessOutside(ctx.space, alone, []);
        if (!s) continue;
        const trial = { ...s, satisfied: [weak[0]] };
        const w = confirm(ctx.set, trial, (r) => applies(r, p.id) && r.outcome === 'allow', ctx.stats);
        if (!w) continue;
        const name = namedControlLabel(ctx.set);
        const [weakNames, strongNames] = [weak, strong].map((xs) => xs.map(name));
        out.push({
            code: 'weak-alternative', severity: 'warning', policy: p.id, related: [], witnesses: [w],
            message: `${label(p)} accepts ${weakNames.join(' or ')} instead of ${strongNames.join(' or ')}: `
                + `${weak.length > 1 ? 'one of them' : 'that'} alone lets the user in, and proves nothing about who signs in.`,
            suggestion: `require ${weakNames.join(' and ')} together with ${strongNames.join(' or ')} (grant … and …), not as an alternative`,
        });
    }
    return out;
}
