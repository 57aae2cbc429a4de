// Incremental re-analysis for the editor: after an edit, only the findings an edit can touch are recomputed.
//
// A policy's own findings (never-applies … exclusion-without-fallback) are decided inside its scope — and, for
// exclusion-without-fallback, inside its scope with the users exclusions dropped (its "reach") — by the policies
// whose scopes meet that region. So when the atoms are unchanged (same directory, named locations and condition
// constants: the regions stay comparable), a policy whose scope and reach miss both the old and the new scope of
// every edited policy keeps its findings. The workspace-wide checks (legacy auth, device code, coverage,
// assertions) always run. Scopes are cached by their conditions, so an edit rebuilds only the edited ones.

import type { Policy, PolicySet } from '../model.js';
import { type AnalysisResult, type AnalyzeOptions, orderFindings, runChecks, withAssertionScopes } from './analyze.js';
import { exclusionItems } from './check-populations.js';
import { buildContext, extraScopesOf, isProtective } from './context.js';
import type { Finding } from './finding.js';
import { type Region, overlaps, union } from './region.js';
import { reachRegion, scopeRegion } from './scope.js';
import { atomKey, buildSpace, conditionKey, reuseSpace, type Space } from './space.js';
import type { CarriedEvaluations } from './verify.js';
import { perObject } from './per-object.js';

/** JSON of each policy object, computed once (per-object.ts). */
const contentOf = perObject((p: Policy) => JSON.stringify(p));

/** The policy without what only its own findings' text shows. */
function semantic(p: Policy): string {
    const { displayName: _d, description: _e, templateId: _t, extra: _x, ...rest } = p;
    return JSON.stringify(rest);
}

interface Memo {
    optionsKey: string;
    atomKey: string;
    space: Space;
    /** Scope and reach by condition key (valid for this space). */
    regions: Map<string, { scope: Region; reach?: Region }>;
    /** The previous set's policies by id: the policy, its content and scope. */
    policies: Map<string, { policy: Policy; content: string; scope: Region }>;
    order: string[];
    perPolicy: Map<string, Finding[]>;
    unconfirmed: number;
    /** The last result: handed back as is when nothing changed (a save after the idle-time pass, a comment). */
    result: AnalysisResult;
    /** Witness evaluations of the last run, valid while the atoms are unchanged (see verify.ts). */
    evaluations: CarriedEvaluations['current'];
    /** The last run's applicability numbers, by position of its policies (see verify.ts). */
    applicability: readonly number[];
}

export class IncrementalAnalyzer {
    private memo: Memo | undefined;
    /** A number per policy content seen in the last run (kept while the content is in use). */
    private versions = new Map<string, number>();
    private nextVersion = 0;
    /** A number per applicability (conditions, disabled or not) seen in the last run. */
    private applicabilities = new Map<string, number>();
    private nextApplicability = 0;

    /** Drops what was remembered (the next run is a full analysis). */
    reset(): void {
        this.memo = undefined;
    }

    analyze(set: PolicySet, options: AnalyzeOptions = {}): AnalysisResult {
        const opts = withAssertionScopes(options);
        const optionsKey = JSON.stringify([options.breakGlass, options.coverageScope, options.maxWitnesses, options.extraScopes, options.assertions]);
        const extra = extraScopesOf(set, opts);
        const key = atomKey(set, extra);
        const prev = this.memo && this.memo.optionsKey === optionsKey && this.memo.atomKey === key ? this.memo : undefined;
        const contents = new Map(set.policies.map((p) => [p, contentOf(p)]));
        if (prev && this.unchanged(prev, set, contents)) return { ...prev.result, recomputed: { policies: 0, of: set.policies.length, full: false } };
        const space = prev ? reuseSpace(prev.space, set, extra) : buildSpace(set, extra);
        const regions = prev?.regions ?? new Map<string, { scope: Region; reach?: Region }>();
        const entry = (p: Policy) => {
            const k = conditionKey(p);
            let e = regions.get(k);
            if (!e) { e = { scope: scopeRegion(space, p) }; regions.set(k, e); }
            return e;
        };
        const ctx = buildContext(set, opts, { space, scopeOf: (p) => entry(p).scope });
        const versions = new Map<string, number>();
        for (const c of contents.values()) if (!versions.has(c)) versions.set(c, this.versions.get(c) ?? this.nextVersion++);
        this.versions = versions;
        const applicabilities = new Map<string, number>();
        const applicability = set.policies.map((p) => {
            const k = `${p.state === 'disabled' ? 'off' : 'on'}:${conditionKey(p)}`;
            let n = applicabilities.get(k);
            if (n === undefined) { n = this.applicabilities.get(k) ?? this.nextApplicability++; applicabilities.set(k, n); }
            return n;
        });
        this.applicabilities = applicabilities;
        const previousAt = new Map<number, number>();
        prev?.applicability.forEach((n, i) => { if (!previousAt.has(n)) previousAt.set(n, i); });
        const carried: CarriedEvaluations = {
            version: (p) => versions.get(contents.get(p) ?? contentOf(p)) ?? this.nextVersion++, // an unknown policy matches nothing
            applicability, previousAt, previous: prev?.evaluations ?? new Map(), current: new Map(),
        };
        ctx.stats.carried = carried;
        const focus = prev ? this.focus(prev, set, contents, ctx.scope, space, (p) => (entry(p).reach ??= reachRegion(space, p))) : undefined;
        ctx.focus = focus;
        const checks = runChecks(ctx, options.assertions ?? []);
        const perPolicy = new Map<string, Finding[]>();
        for (const p of set.policies) {
            const fresh = !focus || focus.has(p);
            const list = fresh ? checks.perPolicy.get(p.id) : prev!.perPolicy.get(p.id);
            if (list) perPolicy.set(p.id, list);
        }
        const reused = focus !== undefined && focus.size < set.policies.length;
        const unconfirmed = ctx.stats.unconfirmed + (reused ? prev!.unconfirmed : 0);
        // Keep the regions of the current conditions only (typing creates a new key per keystroke).
        const live = new Map<string, { scope: Region; reach?: Region }>();
        for (const p of set.policies) {
            const k = conditionKey(p);
            const e = regions.get(k);
            if (e) live.set(k, e);
        }
        const result: AnalysisResult = {
            findings: orderFindings(set, perPolicy, checks.global), assertions: checks.assertions, unconfirmed, context: ctx,
            recomputed: { policies: focus?.size ?? set.policies.length, of: set.policies.length, full: focus === undefined },
        };
        this.memo = {
            result,
            optionsKey, atomKey: key, space, regions: live, order: set.policies.map((p) => p.id), perPolicy, unconfirmed,
            evaluations: carried.current, applicability,
            policies: new Map(set.policies.map((p) => [p.id, { policy: p, content: contents.get(p)!, scope: ctx.scope.get(p)! }])),
        };
        return result;
    }

    /** Same policies, same order, same content (the atoms and options were compared by the caller). */
    private unchanged(prev: Memo, set: PolicySet, contents: ReadonlyMap<Policy, string>): boolean {
        if (prev.order.length !== set.policies.length) return false;
        return set.policies.every((p, i) => prev.order[i] === p.id && prev.policies.get(p.id)?.content === contents.get(p));
    }

    /** The policies whose findings the edit from `prev` to `set` can change; undefined: all (no safe reuse). */
    private focus(prev: Memo, set: PolicySet, contents: Map<Policy, string>, scope: Map<Policy, Region>, space: Space,
        reachOf: (p: Policy) => Region): Set<Policy> | undefined {
        const l = space.layout;
        const ids = set.policies.map((p) => p.id);
        if (new Set(ids).size !== ids.length) return undefined;
        const changed = new Set<Policy>();
        let dirty: Region = [];
        for (const p of set.policies) {
            const old = prev.policies.get(p.id);
            if (old && old.content === contents.get(p)) continue;
            changed.add(p);
            // Other policies' findings name it by its name only: a new display name or description touches none.
            if (old && semantic(old.policy) === semantic(p)) continue;
            dirty = union(dirty, scope.get(p)!, l);
            if (old) dirty = union(dirty, old.scope, l);
        }
        const byId = new Map(set.policies.map((p) => [p.id, p]));
        for (const [id, old] of prev.policies) if (!byId.has(id)) dirty = union(dirty, old.scope, l);
        // Session conflicts belong to the earlier policy of a pair: the unchanged policies must keep their order.
        const isKept = (id: string) => byId.has(id) && prev.policies.has(id) && !changed.has(byId.get(id)!);
        const before = prev.order.filter(isKept);
        const now = ids.filter(isKept);
        if (before.some((id, i) => now[i] !== id)) return undefined;
        const focus = new Set<Policy>(changed);
        if (dirty.length === 0) return focus;
        for (const p of set.policies) {
            if (focus.has(p)) continue;
            const s = scope.get(p)!;
            if (overlaps(s, dirty, l)) { focus.add(p); continue; }
            // exclusion-without-fallback looks at the excluded population too (enabled protective policies).
            const excludes = p.users !== undefined && exclusionItems(p.users.exclude).length > 0;
            if (p.state === 'enabled' && excludes && isProtective(p) && overlaps(reachOf(p), dirty, l)) focus.add(p);
        }
        return focus;
    }
}
