// The coverage gap as a small, exact cover: every row is a box inside the gap, and the rows together cover the
// whole gap (rows may overlap). Built from the disjoint boxes of the gap by
//   1. expand: grow each box, one dimension at a time, while it stays inside the gap — first to the whole dimension
//      (the column stops mattering for that row), then atom by atom;
//   2. absorb / merge: drop rows inside another row, merge rows that differ in one dimension only;
//   3. irredundant: drop rows the other rows already cover (smallest first);
//   4. reduce: each row gives up the values larger rows already cover (less overlap), then order by size again.
// A box stays inside the gap exactly when it stays inside the scope and meets no protection box, so each step keeps
// `union(rows) = gap`.

import { type Box, type Layout, type Region, absorb, atomsOf, boxContains, compact, coveredBy, findOutside, hasAtom, isFullDim, overlaps } from './region.js';

function withDim(b: Box, l: Layout, d: number, atoms: readonly number[]): Box {
    const out = b.slice();
    const o = l.offsets[d];
    for (let w = 0; w < l.words[d]; w++) out[o + w] = 0;
    for (const a of atoms) out[o + (a >>> 5)] |= 1 << (a & 31);
    return out;
}

function allAtoms(l: Layout, d: number): number[] {
    return Array.from({ length: l.sizes[d] }, (_, i) => i);
}

/** b ⊆ scope \ protection. */
function inside(b: Box, scope: Region, protection: Region, l: Layout): boolean {
    return !overlaps([b], protection, l) && coveredBy([b], scope, l);
}

/** Grows b inside the gap: whole dimensions first (in `order`), then single atoms. */
function expand(b: Box, scope: Region, protection: Region, l: Layout, order: readonly number[]): Box {
    let cur = b;
    for (const d of order) {
        if (isFullDim(cur, l, d)) continue;
        const full = withDim(cur, l, d, allAtoms(l, d));
        if (inside(full, scope, protection, l)) cur = full;
    }
    for (const d of order) {
        if (isFullDim(cur, l, d)) continue;
        for (let a = 0; a < l.sizes[d]; a++) {
            if (hasAtom(cur, l, d, a)) continue;
            // Only the new slice needs checking: the rest of the box is inside the gap already.
            const slice = withDim(cur, l, d, [a]);
            if (inside(slice, scope, protection, l)) cur = withDim(cur, l, d, [...atomsOf(cur, l, d), a]);
        }
    }
    return cur;
}

/** Share of the space a box covers (product of the atom shares per dimension, optionally weighted per atom). */
export function boxShare(b: Box, l: Layout, weight?: (d: number, atom: number) => number): number {
    let s = 1;
    for (let d = 0; d < l.sizes.length; d++) {
        if (isFullDim(b, l, d)) continue;
        const atoms = atomsOf(b, l, d);
        if (!weight) { s *= atoms.length / l.sizes[d]; continue; }
        let total = 0;
        let part = 0;
        for (let a = 0; a < l.sizes[d]; a++) { const w = weight(d, a); total += w; if (atoms.includes(a)) part += w; }
        s *= total > 0 ? part / total : 0;
    }
    return s;
}

export interface PartitionOptions {
    /** Dimensions in the order rows should give them up (first = most preferably '*'). Default: last to first. */
    order?: readonly number[];
    weight?: (d: number, atom: number) => number;
}

/**
 * A small exact cover of `gap` (disjoint boxes of scope \ protection), largest rows first. `union(result) = gap`:
 * every row lies inside scope \ protection and every box of `gap` lies inside some row or the union of the rows.
 */
export function coverPartition(gap: Region, scope: Region, protection: Region, l: Layout, opts: PartitionOptions = {}): Region {
    if (gap.length === 0) return [];
    const order = opts.order ?? Array.from({ length: l.sizes.length }, (_, i) => l.sizes.length - 1 - i);
    return simplify(compact(gap, l).map((b) => expand(b, scope, protection, l, order)), scope, protection, l, order, opts);
}

/**
 * The same cover without listing the gap's disjoint pieces first (there can be very many): repeatedly find one
 * sign-in box of the scope outside the protection and the rows so far, grow it into a row. Exact when it stops
 * because nothing is left (`exact`), partial when `maxRows` rows were grown first.
 */
export function coverGap(scope: Region, protection: Region, l: Layout, opts: PartitionOptions = {}, maxRows = 60): { rows: Region; exact: boolean } {
    const order = opts.order ?? Array.from({ length: l.sizes.length }, (_, i) => l.sizes.length - 1 - i);
    const rows: Region = [];
    let exact = false;
    for (;;) {
        const [b] = findOutside(scope, [...protection, ...rows], l, 1);
        if (!b) { exact = true; break; }
        if (rows.length >= maxRows) break;
        rows.push(expand(b, scope, protection, l, order));
    }
    return { rows: simplify(rows, scope, protection, l, order, opts), exact };
}

function simplify(grown: Region, scope: Region, protection: Region, l: Layout, order: readonly number[], opts: PartitionOptions): Region {
    if (grown.length === 0) return [];
    let rows = grown;
    rows = compact(absorb(dedupe(rows)), l);
    // Merging may open new room to grow.
    rows = compact(absorb(dedupe(rows.map((b) => expand(b, scope, protection, l, order)))), l);
    const size = (b: Box) => boxShare(b, l, opts.weight);
    rows.sort((a, b) => size(b) - size(a));
    // Irredundant: drop rows (smallest first) the others cover.
    for (let i = rows.length - 1; i >= 0 && rows.length > 1; i--) {
        const others = rows.filter((_, j) => j !== i);
        if (coveredBy([rows[i]], others, l)) rows.splice(i, 1);
    }
    // Reduce: a row gives up the values larger rows already cover ("any other …"), so rows overlap less.
    for (let i = 1; i < rows.length; i++) {
        const larger = rows.slice(0, i);
        let cur = rows[i];
        for (const d of [...order].reverse()) {
            const atoms = atomsOf(cur, l, d);
            if (atoms.length < 2) continue;
            const keep = atoms.filter((a) => !coveredBy([withDim(cur, l, d, [a])], larger, l));
            if (keep.length > 0 && keep.length < atoms.length) cur = withDim(cur, l, d, keep);
        }
        rows[i] = cur;
    }
    return rows.sort((a, b) => size(b) - size(a));
}

function dedupe(r: Region): Region {
    return r.filter((b, i) => !r.some((o, j) => j < i && boxContains(o, b) && boxContains(b, o)));
}
