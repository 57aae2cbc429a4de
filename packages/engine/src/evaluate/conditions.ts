import type { AnalysisReason } from '../model.js';
import { hasBit, intersects } from './bitset.js';
import type { CompiledLocations, CompiledPolicy, CompiledPrincipals, CompiledSet } from './compile-set.js';
import { UNKNOWN_PLATFORM } from './compile-set.js';
import { clockIn, type CompiledIdentity, type CompiledSignIn } from './compile-signin.js';
import { clockInWindow, isWholeWeek } from '../time/window.js';
import { F, T, type Tri, U } from './tri.js';

/** A condition's verdict: F fails, T matches, U cannot be evaluated (missing input), NC not configured. */
export const NC = 3;
export type Verdict = Tri | typeof NC;

export interface ConditionCheck {
    /** Does the policy configure this condition? (users and target always count: they never match unconfigured) */
    configured: (cp: CompiledPolicy) => boolean;
    /** The reason reported when this check is the first to fail. */
    reason: (cp: CompiledPolicy, s: CompiledSignIn) => AnalysisReason;
    check: (cs: CompiledSet, cp: CompiledPolicy, s: CompiledSignIn) => Verdict;
}

function principalsMatch(p: CompiledPrincipals, id: CompiledIdentity): boolean {
    if (p.all || intersects(p.bits, id.principals)) return true;
    if (id.guestType === undefined) return false;
    if (p.allGuests) return true;
    return p.guestTypes !== undefined && p.guestTypes.has(id.guestType)
        && (p.guestTenants === undefined || (id.tenantId !== undefined && p.guestTenants.has(id.tenantId)));
}

/** Combines the verdicts of every possible completion of a missing input: agreement decides, else Unknown. */
function agree(seen: number): Tri {
    return seen === 1 ? T : seen === 2 ? F : U; // bit 0: some completion matched, bit 1: some did not
}

const users: ConditionCheck = {
    configured: () => true,
    reason: () => 'users',
    check: (_cs, cp, s) => {
        // A policy without a users condition targets workload identities only: never a user sign-in.
        const u = cp.users;
        if (!u) return F;
        let seen = 0;
        for (const id of s.identities) {
            seen |= principalsMatch(u.include, id) && !principalsMatch(u.exclude, id) ? 1 : 2;
            if (seen === 3) break;
        }
        return agree(seen);
    },
};

const TARGET_REASON = { application: 'application', userAction: 'userActions', authContext: 'authenticationContext' } as const;
const POLICY_TARGET_REASON = { apps: 'application', userActions: 'userActions', authContext: 'authenticationContext' } as const;

/** The target is checked by the sign-in's context kind: an app sign-in fails a user-action policy on `application`. */
const target: ConditionCheck = {
    configured: () => true,
    reason: (cp, s) => s.targetKind ? TARGET_REASON[s.targetKind] : cp.target ? POLICY_TARGET_REASON[cp.target.kind] : 'application',
    check: (_cs, cp, s) => {
        const t = cp.target;
        if (!t) return F;
        if (s.targetKind === undefined) return cp.targetCanMatch ? U : F;
        if (s.targetKind === 'application') {
            if (t.kind !== 'apps') return F;
            const inc = t.includeAll || (s.appIndex >= 0 && hasBit(t.include, s.appIndex));
            return inc && !(s.appIndex >= 0 && hasBit(t.exclude, s.appIndex)) ? T : F;
        }
        if (s.targetKind === 'userAction') return t.kind === 'userActions' && t.actions.has(s.userAction!) ? T : F;
        return t.kind === 'authContext' && t.refs.has(s.authContext!) ? T : F;
    },
};

/** A missing enum value matters unless every value, or none, matches. */
function enumVerdict(mask: number, size: number, value: number): Tri {
    const full = (1 << size) - 1;
    if (value < 0) return (mask & full) === full ? T : (mask & full) === 0 ? F : U;
    return (mask & (1 << value)) !== 0 ? T : F;
}

const platforms: ConditionCheck = {
    configured: (cp) => cp.platforms !== undefined,
    reason: () => 'devicePlatform',
    check: (_cs, cp, s) => (cp.platforms === undefined ? NC : enumVerdict(cp.platforms, UNKNOWN_PLATFORM + 1, s.platform)),
};

const devices: ConditionCheck = {
    configured: (cp) => cp.device !== undefined,
    reason: () => 'devices',
    check: (_cs, cp, s) => {
        if (!cp.device) return NC;
        const ruleTrue = cp.device.predicate(s.signIn.device);
        return ruleTrue === cp.device.include ? T : F;
    },
};

/** A mask condition over an enum of `size` values. */
function maskCheck(reason: AnalysisReason, size: number, mask: (cp: CompiledPolicy) => number | undefined,
    value: (s: CompiledSignIn) => number): ConditionCheck {
    return {
        configured: (cp) => mask(cp) !== undefined,
        reason: () => reason,
        check: (_cs, cp, s) => {
            const m = mask(cp);
            return m === undefined ? NC : enumVerdict(m, size, value(s));
        },
    };
}

function inLocations(l: CompiledLocations, cs: CompiledSet, membership: Tri[]): boolean {
    if (l.all) return true;
    for (let i = 0; i < membership.length; i++) {
        if (membership[i] === T && (hasBit(l.bits, i) || (l.trusted && cs.locations[i].trusted))) return true;
    }
    return false;
}

const locations: ConditionCheck = {
    configured: (cp) => cp.locations !== undefined,
    reason: () => 'location',
    check: (cs, cp, s) => {
        const l = cp.locations;
        if (!l) return NC;
        let seen = 0;
        for (const v of s.locationVectors) {
            seen |= inLocations(l.include, cs, v) && !inLocations(l.exclude, cs, v) ? 1 : 2;
            if (seen === 3) break;
        }
        return agree(seen);
    },
};

const time: ConditionCheck = {
    configured: (cp) => cp.times !== undefined,
    reason: () => 'time',
    check: (_cs, cp, s) => {
        if (!cp.times) return NC;
        let missing = false;
        for (const w of cp.times) {
            if (isWholeWeek(w)) return T;
            const clock = clockIn(s, w.zone);
            if (!clock) missing = true;
            else if (clockInWindow(w, clock)) return T;
        }
        return missing ? U : F;
    },
};

const clientApps = maskCheck('clientApps', 5, (cp) => cp.clients, (s) => s.client);
const signInRisk = maskCheck('signInRisk', 5, (cp) => cp.signInRisk, (s) => s.signInRisk);
const userRisk = maskCheck('userRisk', 5, (cp) => cp.userRisk, (s) => s.userRisk);
const insiderRisk = maskCheck('insiderRisk', 4, (cp) => cp.insiderRisk, (s) => s.insiderRisk);
const flows = maskCheck('authenticationFlow', 3, (cp) => cp.flows, (s) => s.flow);

/** Every condition, in the order the first failing one is reported (LANGUAGE.md §4.7). */
export const CONDITIONS: readonly ConditionCheck[] = [
    users, target, platforms, devices, clientApps, locations, signInRisk, userRisk, insiderRisk, flows, time,
];

/**
 * The same conditions, cheapest and most selective first: where only applies/does-not-apply matters (an AND of
 * conditions), order is free, so mask tests run before bitset, device-rule and clock work.
 */
export const FAST_ORDER: readonly ConditionCheck[] = [
    clientApps, target, platforms, signInRisk, userRisk, insiderRisk, flows, users, locations, devices, time,
];
