// Everything the checks share, computed once per analysis: the space, every policy's scope, the enforced
// decision regions, the break-glass and admin populations.

import type { Control, Policy, PolicySet } from '../model.js';
import { PRIVILEGED_ROLE_IDS } from '../well-known/index.js';
import { grantClauses } from '../evaluate/requirement.js';
import { decisionRegions, type DecisionRegions, type ScopedPolicy } from './decision.js';
import { type Region, union } from './region.js';
import { buildSpace, type Space } from './space.js';
import { subsetOf } from '../evaluate/compile-set.js';
import type { VerifyStats } from './verify.js';
import { groupRegion, principalRegion, roleRegion, scopeRegion } from './scope.js';

export interface AnalysisOptions {
    /** Break-glass principals by name, display name or id (added to emergencyAccess groups and the default names). */
    breakGlass?: string[];
    /** Coverage scope (default: all users but break-glass × all apps). Conditions only. */
    coverageScope?: Policy;
    /** Extra scopes that must be atomized (assertions). */
    extraScopes?: Policy[];
    /** Witnesses per finding (default 1; block-grant-overlap lists one per block policy up to this many, default 3). */
    maxWitnesses?: number;
}

export interface Context {
    set: PolicySet;
    space: Space;
    options: AnalysisOptions;
    scope: Map<Policy, Region>;
    enabled: ScopedPolicy[];
    reportOnly: ScopedPolicy[];
    decision: DecisionRegions;
    breakGlass: Region;
    breakGlassNames: string[];
    admins: Region;
    stats: VerifyStats;
    /** When set, the per-policy checks run for these policies only (incremental re-analysis); else for all. */
    focus?: ReadonlySet<Policy>;
}

/** What an incremental run hands over: a space with unchanged atoms and cached scopes. */
export interface PreparedSpace {
    space: Space;
    scopeOf: (p: Policy) => Region;
}

const DEFAULT_BREAK_GLASS = /break.?glass|emergency.?access/i;

/** Break-glass principals: emergencyAccess groups, principals named like BreakGlass/EmergencyAccess, and the options. */
export function breakGlassPrincipals(set: PolicySet, extra: readonly string[] = []): { users: string[]; groups: string[]; names: string[] } {
    const wanted = new Set(extra.map((x) => x.toLowerCase()));
    const hit = (o: { id: string; name: string; displayName?: string }) => wanted.has(o.id.toLowerCase()) || wanted.has(o.name.toLowerCase())
        || (o.displayName !== undefined && wanted.has(o.displayName.toLowerCase()));
    const groups = set.directory.groups.filter((g) => g.emergencyAccess || DEFAULT_BREAK_GLASS.test(g.name) || DEFAULT_BREAK_GLASS.test(g.displayName ?? '') || hit(g));
    const users = set.directory.users.filter((u) => DEFAULT_BREAK_GLASS.test(u.name) || hit(u));
    const known = new Set([...set.directory.groups, ...set.directory.users].map((o) => o.id.toLowerCase()));
    // Ids given on the command line that the directory does not declare (Graph JSON inputs): groups.
    const loose = extra.filter((x) => !known.has(x.toLowerCase()) && ![...groups, ...users].some((o) => hit(o)));
    return {
        users: users.map((u) => u.id), groups: [...groups.map((g) => g.id), ...loose],
        names: [...groups.map((g) => g.name), ...users.map((u) => u.name), ...loose],
    };
}

/** The scopes the space must atomize besides the policies: the populations marker, assertions, the coverage scope. */
export function extraScopesOf(set: PolicySet, options: AnalysisOptions): Policy[] {
    const bg = breakGlassPrincipals(set, options.breakGlass);
    // A pseudo-scope naming the break-glass principals and admin roles makes them distinct atoms.
    const marker: Policy = {
        id: 'latch:populations', name: 'latch:populations', state: 'disabled',
        users: { include: { users: bg.users, groups: bg.groups, roles: [...PRIVILEGED_ROLE_IDS] }, exclude: { users: [], groups: [], roles: [] } },
    };
    return [marker, ...(options.extraScopes ?? []), ...(options.coverageScope ? [options.coverageScope] : [])];
}

/**
 * `set` as the space compiled it (its policies come first there, the extra scopes after): the witness evaluations
 * then share that compilation instead of compiling the set once more per analysis.
 */
function sharingCompilation(space: Space, set: PolicySet): PolicySet {
    const mine = space.cs.policies.slice(0, set.policies.length);
    return mine.length === set.policies.length && mine.every((cp, i) => cp.policy === set.policies[i]) ? subsetOf(space.cs, mine) : set;
}

export function buildContext(given: PolicySet, options: AnalysisOptions = {}, prepared?: PreparedSpace): Context {
    const bg = breakGlassPrincipals(given, options.breakGlass);
    const space = prepared?.space ?? buildSpace(given, extraScopesOf(given, options));
    const set = sharingCompilation(space, given);
    const scopeOf = prepared?.scopeOf ?? ((p: Policy) => scopeRegion(space, p));
    const l = space.layout;
    const scope = new Map<Policy, Region>();
    for (const p of set.policies) scope.set(p, p.state === 'disabled' ? [] : scopeOf(p));
    const enabled = set.policies.filter((p) => p.state === 'enabled').map((policy) => ({ policy, scope: scope.get(policy)! }));
    const reportOnly = set.policies.filter((p) => p.state === 'enabledForReportingButNotEnforced').map((policy) => ({ policy, scope: scope.get(policy)! }));
    let breakGlass: Region = principalRegion(space, { users: bg.users, groups: [], roles: [] });
    for (const g of bg.groups) breakGlass = union(breakGlass, groupRegion(space, g.toLowerCase()), l);
    let admins: Region = [];
    for (const r of PRIVILEGED_ROLE_IDS) admins = union(admins, roleRegion(space, r), l);
    return {
        set, space, options, scope, enabled, reportOnly, decision: decisionRegions(space, enabled),
        breakGlass, breakGlassNames: bg.names, admins, stats: { unconfirmed: 0 },
    };
}

/** Does this analysis run the per-policy checks for p? */
export function inFocus(ctx: Context, p: Policy): boolean {
    return !ctx.focus || ctx.focus.has(p);
}

const PROTECTIVE = (c: Control) => {
    const k = c.toLowerCase();
    return k === 'mfa' || k === 'compliantdevice' || k === 'domainjoineddevice' || k.startsWith('authenticationstrength:');
};

/** Blocks, or requires a clause of MFA / strengths / managed-device controls only (a terms-only grant is not protection). */
export function isProtective(p: Policy): boolean {
    if (p.grant?.kind === 'block') return true;
    return grantClauses(p.grant).some((clause) => clause.every(PROTECTIVE));
}

export function label(p: Policy): string {
    return p.displayName && p.displayName !== p.name ? `${p.name} ("${p.displayName}")` : p.name;
}
