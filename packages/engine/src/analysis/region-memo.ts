// Region predicates remembered by the identity of their inputs. Regions are never modified once built, and the
// incremental analyzer keeps each scope region while its policy's conditions are unchanged (and the space while the
// atoms are), so after an edit the containment tests between untouched scopes are answered from memory. Exact: a
// memo entry is a pure function of the regions named in its key.

import type { SignIn } from '../model.js';
import { coveredBy, type Region, RegionIndex } from './region.js';
import type { Space } from './space.js';
import { witnessOutside } from './witness.js';

const ids = new WeakMap<Region, number>();
let nextId = 0;

/** A number per region object. */
export function regionId(r: Region): number {
    let id = ids.get(r);
    if (id === undefined) {
        id = ++nextId;
        ids.set(r, id);
    }
    return id;
}

/** Entries kept per space before starting afresh (each edit adds a few hundred keys). */
const MAX_ENTRIES = 200_000;

export function memo<T>(space: Space, key: string, compute: () => T): T {
    const m = (space.memo ??= new Map<string, unknown>());
    if (m.has(key)) return m.get(key) as T;
    const value = compute();
    if (m.size >= MAX_ENTRIES) m.clear();
    m.set(key, value);
    return value;
}

/** x ⊆ the union of `parts` (parts in any order: the answer does not depend on it). */
export function coveredByParts(space: Space, x: Region, parts: readonly Region[]): boolean {
    const key = `cov:${regionId(x)}:${parts.map(regionId).join(',')}`;
    return memo(space, key, () => coveredBy(x, parts.length === 1 ? parts[0]! : parts.flat(), space.layout));
}

/** witnessOutside(space, x, cover), remembered by the two regions' identities. */
export function witnessOutsideOf(space: Space, x: Region, cover: Region): SignIn | undefined {
    return memo(space, `out:${regionId(x)}:${regionId(cover)}`, () => witnessOutside(space, x, cover));
}

/** Region indexes kept per space: each analysis asks for a handful, most of them over unchanged scopes. */
const MAX_INDEXES = 32;

/**
 * The RegionIndex of these regions (in this order), remembered by their identities: an edit to one policy leaves
 * the indexes over the other policies' scopes (blocks, enabled grants, …) as they were. Least recently used dropped.
 */
export function regionIndexOf(space: Space, regions: readonly Region[]): RegionIndex {
    const key = regions.map(regionId).join(',');
    const m = (space.indexes ??= new Map<string, RegionIndex>());
    let index = m.get(key);
    if (index) {
        m.delete(key);
    } else {
        index = new RegionIndex(regions, space.layout);
        if (m.size >= MAX_INDEXES) m.delete(m.keys().next().value!);
    }
    m.set(key, index);
    return index;
}
