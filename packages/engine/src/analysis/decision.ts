// The decision of a set of policies as regions, with nothing satisfied yet (what a witness states): where it
// blocks, where it still requires interactive controls, where it allows. Mirrors evaluate's combining rules:
// any applicable block blocks; a clause is met by the device (compliantDevice on a compliant registered device,
// domainJoinedDevice on trust type ServerAD); an unmet clause without interactive controls blocks; any clause
// blocks a legacy client.

import type { Control, Policy } from '../model.js';
import { LEGACY_CLIENT_APP_TYPES, CLIENT_APP_TYPES } from '../model.js';
import { grantClauses, isInteractive } from '../evaluate/requirement.js';
import { type Region, dimRegion, intersect, subtract, union } from './region.js';
import type { Space } from './space.js';
import { universe } from './scope.js';
import { memo, regionId } from './region-memo.js';

export interface DecisionRegions {
    /** Covered by an applicable block policy. */
    blocks: Region;
    /** Blocked for any reason (block policy, unmet device/app clause, legacy client with a clause). */
    blocked: Region;
    /** Interactive controls still to perform (where not also blocked: blocked wins). */
    requires: Region;
}

export interface ScopedPolicy { policy: Policy; scope: Region }

export function legacyRegion(space: Space): Region {
    // One object per space, so that region-memo keys naming it stay valid.
    return memo(space, 'legacy', () => dimRegion(space.layout, space.dim.client, LEGACY_CLIENT_APP_TYPES.map((c) => CLIENT_APP_TYPES.indexOf(c))));
}

/** Sign-ins whose device meets a control by itself. */
export function metByDevice(space: Space, control: Control): Region {
    const c = control.toLowerCase();
    const atoms = space.devices.map((d, i) => ((c === 'compliantdevice' && d.compliant) || (c === 'domainjoineddevice' && d.hybrid) ? i : -1)).filter((i) => i >= 0);
    return dimRegion(space.layout, space.dim.device, atoms);
}

/** Where one of the policy's clauses is met by nothing in the sign-in and holds no interactive control. */
export function unmetRegion(space: Space, p: Policy): Region {
    const l = space.layout;
    let out: Region = [];
    for (const clause of grantClauses(p.grant)) {
        if (clause.some(isInteractive)) continue;
        let unmet = universe(space);
        for (const c of clause) unmet = subtract(unmet, metByDevice(space, c), l);
        out = union(out, unmet, l);
    }
    return out;
}

/** Where the policy leaves an interactive control to perform (a clause with one, not met by the device). */
export function remainingRegion(space: Space, p: Policy): Region {
    const l = space.layout;
    let out: Region = [];
    for (const clause of grantClauses(p.grant)) {
        if (!clause.some(isInteractive)) continue;
        let open = universe(space);
        for (const c of clause) open = subtract(open, metByDevice(space, c), l);
        out = union(out, open, l);
    }
    return out;
}

export function hasClauses(p: Policy): boolean {
    return grantClauses(p.grant).length > 0;
}

/** The decision regions of the given (enforced) policies. */
export function decisionRegions(space: Space, enforced: readonly ScopedPolicy[]): DecisionRegions {
    const l = space.layout;
    const legacy = legacyRegion(space);
    const blockScopes = enforced.filter((x) => x.scope.length > 0 && x.policy.grant?.kind === 'block').map((x) => x.scope);
    // The same block scopes give the same object: an edit to a grant policy leaves `blocks`, and every containment
    // test against it (region-memo.ts), as it was.
    const blocks = memo(space, `blocks:${blockScopes.map(regionId).join(',')}`, () => blockScopes.reduce<Region>((acc, r) => union(acc, r, l), []));
    let blocked: Region = [];
    let requires: Region = [];
    for (const { policy, scope } of enforced) {
        if (scope.length === 0 || policy.grant?.kind === 'block' || !hasClauses(policy)) continue;
        blocked = union(blocked, intersect(scope, union(legacy, unmetRegion(space, policy), l), l), l);
        requires = union(requires, intersect(scope, remainingRegion(space, policy), l), l);
    }
    blocked = union(blocked, blocks, l);
    return { blocks, blocked, requires };
}
