import type { AnalysisReason } from '../model.js';
import { hasBit, intersects, isEmptyBits } from './bitset.js';
import type { CompiledLocations, CompiledPolicy, CompiledPrincipals, CompiledSet } from './compile-set.js';
import { UNKNOWN_PLATFORM } from './compile-set.js';
import { clockIn, type CompiledSignIn } from './compile-signin.js';
import { clockInWindow, isWholeWeek } from '../time/window.js';
import { F, includeExclude, or3, T, type Tri, U } from './tri.js';

/** A condition's verdict: F fails, T matches, U cannot be evaluated (missing input), NC not configured. */
export const NC = 3;
export type Verdict = Tri | typeof NC;

export interface ConditionCheck {
    /** The reason reported when this check is the first to fail. */
    reason: (cp: CompiledPolicy, s: CompiledSignIn) => AnalysisReason;
    check: (cs: CompiledSet, cp: CompiledPolicy, s: CompiledSignIn) => Verdict;
}

function principalsMatch(p: CompiledPrincipals, s: CompiledSignIn): boolean {
    if (p.all || intersects(p.bits, s.principals)) return true;
    if (s.guestType === undefined) return false;
    if (p.allGuests) return true;
    return p.guestTypes !== undefined && p.guestTypes.has(s.guestType)
        && (p.guestTenants === undefined || (s.tenantId !== undefined && p.guestTenants.has(s.tenantId)));
}

/** Without any identity, a principal set matches surely only when it is `all`, surely not when it is empty. */
function principalsTriWithoutIdentity(p: CompiledPrincipals): Tri {
    if (p.all) return T;
    return p.allGuests || p.guestTypes !== undefined || !isEmptyBits(p.bits) ? U : F;
}

const users: ConditionCheck = {
    reason: () => 'users',
    check: (_cs, cp, s) => {
        // A policy without a users condition targets workload identities only: never a user sign-in.
        if (!cp.users) return F;
        if (s.identityMissing) {
            return includeExclude(principalsTriWithoutIdentity(cp.users.include), principalsTriWithoutIdentity(cp.users.exclude));
        }
        return principalsMatch(cp.users.include, s) && !principalsMatch(cp.users.exclude, s) ? T : F;
    },
};

const TARGET_REASON = { application: 'application', userAction: 'userActions', authContext: 'authenticationContext' } as const;
const POLICY_TARGET_REASON = { apps: 'application', userActions: 'userActions', authContext: 'authenticationContext' } as const;

/** The target is checked by the sign-in's context kind: an app sign-in fails a user-action policy on `application`. */
const target: ConditionCheck = {
    reason: (cp, s) => s.targetKind ? TARGET_REASON[s.targetKind] : cp.target ? POLICY_TARGET_REASON[cp.target.kind] : 'application',
    check: (_cs, cp, s) => {
        const t = cp.target;
        if (!t) return F;
        if (s.targetKind === undefined) return U;
        if (s.targetKind === 'application') {
            if (t.kind !== 'apps') return F;
            const inc = t.includeAll || (s.appIndex >= 0 && hasBit(t.include, s.appIndex));
            return inc && !(s.appIndex >= 0 && hasBit(t.exclude, s.appIndex)) ? T : F;
        }
        if (s.targetKind === 'userAction') return t.kind === 'userActions' && t.actions.has(s.userAction as never) ? T : F;
        return t.kind === 'authContext' && t.refs.has(s.authContext!) ? T : F;
    },
};

const platforms: ConditionCheck = {
    reason: () => 'devicePlatform',
    check: (_cs, cp, s) => {
        const p = cp.platforms;
        if (!p) return NC;
        if (s.platform < 0) return includeExclude(p.includeAll ? T : U, p.exclude === 0 ? F : U);
        if (s.platform === UNKNOWN_PLATFORM) return p.includeAll ? T : F;
        const bit = 1 << s.platform;
        return (p.includeAll || (p.include & bit) !== 0) && (p.exclude & bit) === 0 ? T : F;
    },
};

const devices: ConditionCheck = {
    reason: () => 'devices',
    check: (_cs, cp, s) => {
        if (!cp.device) return NC;
        const ruleTrue = cp.device.predicate(s.signIn.device);
        return ruleTrue === cp.device.include ? T : F;
    },
};

/** A mask condition over an enum of `size` values; a missing value matters unless every value is selected. */
function maskCheck(reason: AnalysisReason, size: number, mask: (cp: CompiledPolicy) => number | undefined,
    value: (s: CompiledSignIn) => number): ConditionCheck {
    const full = (1 << size) - 1;
    return {
        reason: () => reason,
        check: (_cs, cp, s) => {
            const m = mask(cp);
            if (m === undefined) return NC;
            const v = value(s);
            if (v < 0) return (m & full) === full ? T : U;
            return (m & (1 << v)) !== 0 ? T : F;
        },
    };
}

function locationsTri(l: CompiledLocations, cs: CompiledSet, s: CompiledSignIn): Tri {
    if (l.all) return T;
    let r: Tri = F;
    for (let i = 0; i < cs.locations.length && r !== T; i++) {
        if (hasBit(l.bits, i) || (l.trusted && cs.locations[i].trusted)) r = or3(r, s.locationTri[i]);
    }
    return r;
}

const locations: ConditionCheck = {
    reason: () => 'location',
    check: (cs, cp, s) => {
        if (!cp.locations) return NC;
        return includeExclude(locationsTri(cp.locations.include, cs, s), locationsTri(cp.locations.exclude, cs, s));
    },
};

const time: ConditionCheck = {
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

/** Every condition, in the order the first failing one is reported (LANGUAGE.md §4.7). */
export const CONDITIONS: readonly ConditionCheck[] = [
    users,
    target,
    platforms,
    devices,
    maskCheck('clientApps', 5, (cp) => cp.clients, (s) => s.client),
    locations,
    maskCheck('signInRisk', 5, (cp) => cp.signInRisk, (s) => s.signInRisk),
    maskCheck('userRisk', 5, (cp) => cp.userRisk, (s) => s.userRisk),
    maskCheck('insiderRisk', 4, (cp) => cp.insiderRisk, (s) => s.insiderRisk),
    maskCheck('authenticationFlow', 3, (cp) => cp.flows, (s) => s.flow),
    time,
];
