// Exact set algebra over the atomized sign-in space: a region is a union of boxes, a box is one non-empty set of
// atoms per dimension, packed as bit words of one Uint32Array (dimension d owns words [offset, offset + words)).
// Every atom is non-empty and every condition is constant on it (space.ts), so emptiness here is emptiness of
// the set of real sign-ins.

export type Box = Uint32Array;
/** A union of boxes; never holds an empty box. */
export type Region = Box[];

export interface Layout {
    /** First word of each dimension. */
    offsets: number[];
    /** Words of each dimension. */
    words: number[];
    /** Atoms of each dimension. */
    sizes: number[];
    total: number;
    /** (offset, words) of each dimension, widest first (see boxesMeet); built lazily. */
    meet?: Int32Array;
    /** The full box, built once (fullBox hands out copies). */
    full?: Box;
}

export function makeLayout(sizes: number[]): Layout {
    const offsets: number[] = [];
    const words: number[] = [];
    let total = 0;
    for (const s of sizes) {
        offsets.push(total);
        const w = Math.max(1, (s + 31) >>> 5);
        words.push(w);
        total += w;
    }
    return { offsets, words, sizes, total };
}

/** The whole space as one box. */
export function fullBox(l: Layout): Box {
    if (!l.full) {
        l.full = new Uint32Array(l.total);
        for (let d = 0; d < l.sizes.length; d++) setAll(l.full, l, d);
    }
    return l.full.slice();
}

function setAll(b: Box, l: Layout, d: number): void {
    const o = l.offsets[d];
    let left = l.sizes[d];
    for (let w = 0; w < l.words[d]; w++, left -= 32) b[o + w] = left >= 32 ? 0xffffffff : ((1 << left) - 1) >>> 0;
}

/** The full space with dimension d restricted to the given atoms (empty region when none). */
export function dimRegion(l: Layout, d: number, atoms: Iterable<number>): Region {
    const b = fullBox(l);
    const o = l.offsets[d];
    for (let w = 0; w < l.words[d]; w++) b[o + w] = 0;
    let any = false;
    for (const a of atoms) { b[o + (a >>> 5)] |= 1 << (a & 31); any = true; }
    return any ? [b] : [];
}

export function hasAtom(b: Box, l: Layout, d: number, atom: number): boolean {
    return (b[l.offsets[d] + (atom >>> 5)] & (1 << (atom & 31))) !== 0;
}

export function atomsOf(b: Box, l: Layout, d: number): number[] {
    const out: number[] = [];
    for (let a = 0; a < l.sizes[d]; a++) if (hasAtom(b, l, d, a)) out.push(a);
    return out;
}

export function isFullDim(b: Box, l: Layout, d: number): boolean {
    const o = l.offsets[d];
    let left = l.sizes[d];
    for (let w = 0; w < l.words[d]; w++, left -= 32) {
        const full = left >= 32 ? 0xffffffff : ((1 << left) - 1) >>> 0;
        if ((b[o + w] >>> 0) !== full) return false;
    }
    return true;
}

function dimEmpty(b: Box, l: Layout, d: number): boolean {
    const o = l.offsets[d];
    for (let w = 0; w < l.words[d]; w++) if (b[o + w] !== 0) return false;
    return true;
}

export function boxIntersect(a: Box, b: Box, l: Layout): Box | undefined {
    const out = new Uint32Array(l.total);
    for (let i = 0; i < l.total; i++) out[i] = a[i] & b[i];
    for (let d = 0; d < l.sizes.length; d++) if (dimEmpty(out, l, d)) return undefined;
    return out;
}

export function boxesMeet(a: Box, b: Box, l: Layout): boolean {
    // Every dimension must meet; the widest ones (users, targets, IPs) are the likeliest to separate two boxes, so
    // they are tested first.
    const plan = l.meet ?? meetPlan(l);
    for (let k = 0; k < plan.length; k += 2) {
        const o = plan[k];
        const n = plan[k + 1];
        if (n === 1) {
            if ((a[o] & b[o]) === 0) return false;
            continue;
        }
        let meet = false;
        for (let w = 0; w < n; w++) if ((a[o + w] & b[o + w]) !== 0) { meet = true; break; }
        if (!meet) return false;
    }
    return true;
}

function meetPlan(l: Layout): Int32Array {
    const dims = l.sizes.map((_, d) => d).sort((x, y) => l.sizes[y] - l.sizes[x] || x - y);
    const plan = new Int32Array(dims.length * 2);
    dims.forEach((d, i) => { plan[2 * i] = l.offsets[d]; plan[2 * i + 1] = l.words[d]; });
    l.meet = plan;
    return plan;
}

export function boxContains(outer: Box, inner: Box): boolean {
    for (let i = 0; i < outer.length; i++) if ((inner[i] & ~outer[i]) !== 0) return false;
    return true;
}

/** a \ b as disjoint boxes: for each dimension where b cuts a, the slice outside b (earlier dimensions inside b). */
export function boxSubtract(a: Box, b: Box, l: Layout): Box[] {
    if (!boxesMeet(a, b, l)) return [a];
    const out: Box[] = [];
    const cur = a.slice();
    for (let d = 0; d < l.sizes.length; d++) {
        const o = l.offsets[d];
        let cut = false;
        for (let w = 0; w < l.words[d]; w++) if ((cur[o + w] & ~b[o + w]) !== 0) { cut = true; break; }
        if (!cut) continue;
        const piece = cur.slice();
        for (let w = 0; w < l.words[d]; w++) {
            piece[o + w] = cur[o + w] & ~b[o + w];
            cur[o + w] = cur[o + w] & b[o + w];
        }
        out.push(piece);
    }
    return out;
}

export function intersect(a: Region, b: Region, l: Layout): Region {
    const out: Region = [];
    for (const x of a) for (const y of b) {
        const z = boxIntersect(x, y, l);
        if (z) out.push(z);
    }
    return out.length > 16 ? absorb(out) : out;
}

/** Drops boxes contained in another box. */
export function absorb(r: Region): Region {
    if (r.length < 2) return r;
    return r.filter((b, i) => !r.some((o, j) => j !== i && boxContains(o, b) && (!boxContains(b, o) || j < i)));
}

/** Concatenation (no simplification: call compact once at the end where a small region matters). */
export function union(a: Region, b: Region, _l?: Layout): Region {
    return a.length === 0 ? b : b.length === 0 ? a : [...a, ...b];
}

export function subtract(a: Region, b: Region, l: Layout): Region {
    let cur = a;
    for (const y of b) {
        if (cur.length === 0) break;
        const next: Region = [];
        for (const x of cur) for (const p of boxSubtract(x, y, l)) next.push(p);
        cur = next.length > 32 ? absorb(next) : next;
    }
    return cur;
}

export function isEmpty(r: Region): boolean {
    return r.length === 0;
}

/**
 * Boxes of `x` outside the union `cover`, found depth first without materializing the difference (which can be
 * exponential in the number of yes/no dimensions): split x by the cover box closest to containing it, recurse on
 * the pieces outside it with the remaining cover. Returns up to `limit` disjoint boxes.
 */
export function findOutside(x: Region, cover: Region, l: Layout, limit = 1): Box[] {
    const out: Box[] = [];
    // One candidate list per depth, reused: a search visits many boxes, and their lists were most of its garbage.
    const lists: Box[][] = [];
    const visit = (b: Box, cands: readonly Box[], depth: number): void => {
        const meeting = (lists[depth] ??= []);
        meeting.length = 0;
        for (let k = 0; k < cands.length; k++) if (boxesMeet(b, cands[k]!, l)) meeting.push(cands[k]!);
        if (meeting.length === 0) { out.push(b); return; }
        let best = 0;
        let bestCuts = Infinity;
        const n = b.length;
        for (let k = 0; k < meeting.length; k++) {
            const c = meeting[k]!;
            let cuts = 0;
            for (let i = 0; i < n; i++) if ((b[i]! & ~c[i]!) !== 0) cuts++;
            if (cuts === 0) return; // c contains b
            if (cuts < bestCuts) { bestCuts = cuts; best = k; }
        }
        const cut = meeting[best]!;
        meeting.splice(best, 1); // the rest, in order (deeper visits use their own lists)
        for (const piece of boxSubtract(b, cut, l)) {
            visit(piece, meeting, depth + 1);
            if (out.length >= limit) return;
        }
    };
    // A large cover met again (the decision regions): index its boxes; the boxes a search can look at are those
    // meeting x, listed in their original order, so the result is the same.
    const index = cover.length > 64 ? coverIndex(cover, l) : undefined;
    for (const b of x) {
        visit(b, index ? index.candidates([b]).map((i) => cover[i]!) : cover, 0);
        if (out.length >= limit) break;
    }
    return out;
}

const coverIndexes = new WeakMap<Region, { uses: number; length: number; index?: RegionIndex }>();

/** The box index of a cover searched at least twice (a one-off cover is cheaper to scan than to index). */
function coverIndex(cover: Region, l: Layout): RegionIndex | undefined {
    let e = coverIndexes.get(cover);
    // Regions are not modified once built; a changed length (an array reused) starts afresh all the same.
    if (!e || e.length !== cover.length) { e = { uses: 0, length: cover.length }; coverIndexes.set(cover, e); }
    if (++e.uses < 2) return undefined;
    e.index ??= new RegionIndex(cover.map((b) => [b]), l);
    return e.index;
}

/**
 * The boxes of the given regions (in order) that meet some box of x: the only ones findOutside(x, ·) looks at, so
 * findOutside(x, meetingBoxes(x, rs)) = findOutside(x, union of rs) without building the union.
 */
export function meetingBoxes(x: Region, regions: readonly Region[], l: Layout): Box[] {
    const out: Box[] = [];
    if (x.length === 0) return out;
    for (const r of regions) {
        const index = r.length > 64 ? coverIndex(r, l) : undefined;
        const boxes = index ? index.candidates(x).map((i) => r[i]) : r;
        for (const c of boxes) {
            for (const b of x) if (boxesMeet(b, c, l)) { out.push(c); break; }
        }
    }
    return out;
}

/** x \ cover is empty. */
export function coveredBy(x: Region, cover: Region, l: Layout): boolean {
    return findOutside(x, cover, l, 1).length === 0;
}

/** outer ⊇ inner. */
export function contains(outer: Region, inner: Region, l: Layout): boolean {
    return coveredBy(inner, outer, l);
}

export function overlaps(a: Region, b: Region, l: Layout): boolean {
    for (const x of a) for (const y of b) if (boxesMeet(x, y, l)) return true;
    return false;
}

/** Drops boxes inside another box and merges boxes that differ in one dimension only (keeps regions small). */
export function compact(r: Region, l: Layout): Region {
    if (r.length < 2) return r;
    let boxes = absorb(r);
    if (boxes.length > 200) return boxes;
    let merged = true;
    while (merged && boxes.length > 1) {
        merged = false;
        outer: for (let i = 0; i < boxes.length; i++) {
            for (let j = i + 1; j < boxes.length; j++) {
                const m = mergeOneDim(boxes[i], boxes[j], l);
                if (m) {
                    boxes = [...boxes.slice(0, i), m, ...boxes.slice(i + 1, j), ...boxes.slice(j + 1)];
                    merged = true;
                    break outer;
                }
            }
        }
    }
    return boxes;
}

function mergeOneDim(a: Box, b: Box, l: Layout): Box | undefined {
    let diff = -1;
    for (let d = 0; d < l.sizes.length; d++) {
        const o = l.offsets[d];
        for (let w = 0; w < l.words[d]; w++) {
            if (a[o + w] !== b[o + w]) {
                if (diff >= 0 && diff !== d) return undefined;
                diff = d;
            }
        }
    }
    if (diff < 0) return a;
    const m = a.slice();
    const o = l.offsets[diff];
    for (let w = 0; w < l.words[diff]; w++) m[o + w] = a[o + w] | b[o + w];
    return m;
}

/**
 * An inverted index from the atoms of one dimension to the regions (by position) that hold them, so that the
 * regions meeting a query are found without testing every pair: `candidates(x)` lists, in increasing order, every
 * region that can meet x (a superset: callers still test the pair exactly, and keep the original order). The
 * dimension is the most selective one (fewest atoms per region relative to its size).
 */
export class RegionIndex {
    private readonly d: number;
    private readonly lists: number[][];
    private readonly stamp: Int32Array;
    private query = 0;

    constructor(readonly regions: readonly Region[], private readonly l: Layout) {
        let best = -1;
        let bestCost = Infinity;
        for (let d = 0; d < l.sizes.length; d++) {
            if (l.sizes[d] < 2) continue;
            let cost = 0;
            for (const r of regions) {
                if (r.length === 0) continue;
                cost += popcountUnion(r, l, d) / l.sizes[d];
                if (cost >= bestCost) break;
            }
            if (cost < bestCost) { bestCost = cost; best = d; }
        }
        this.d = best;
        this.stamp = new Int32Array(regions.length);
        this.lists = [];
        if (best < 0) return;
        for (let a = 0; a < l.sizes[best]; a++) this.lists.push([]);
        const o = l.offsets[best];
        for (let i = 0; i < regions.length; i++) {
            if (regions[i].length === 0) continue;
            const u = dimUnion(regions[i], l, best);
            for (let w = 0; w < l.words[best]; w++) {
                let bits = u[w];
                while (bits !== 0) {
                    const t = 31 - Math.clz32(bits & -bits);
                    bits &= bits - 1;
                    this.lists[(w << 5) + t].push(i);
                }
            }
            void o;
        }
    }

    /** Positions of the regions that may meet x, in increasing order. */
    candidates(x: Region): number[] {
        const out: number[] = [];
        if (x.length === 0) return out;
        if (this.d < 0) {
            for (let i = 0; i < this.regions.length; i++) if (this.regions[i].length > 0) out.push(i);
            return out;
        }
        const q = ++this.query;
        const u = dimUnion(x, this.l, this.d);
        for (let w = 0; w < this.l.words[this.d]; w++) {
            let bits = u[w];
            while (bits !== 0) {
                const t = 31 - Math.clz32(bits & -bits);
                bits &= bits - 1;
                const list = this.lists[(w << 5) + t];
                for (let k = 0; k < list.length; k++) {
                    const i = list[k];
                    if (this.stamp[i] !== q) { this.stamp[i] = q; out.push(i); }
                }
            }
        }
        return out.sort((a, b) => a - b);
    }
}

/** The atoms of dimension d present in some box of r (the dimension's words). */
function dimUnion(r: Region, l: Layout, d: number): Uint32Array {
    const o = l.offsets[d];
    const u = new Uint32Array(l.words[d]);
    for (const b of r) for (let w = 0; w < l.words[d]; w++) u[w] |= b[o + w];
    return u;
}

/** The number of atoms of dimension d present in some box of r (dimUnion's popcount, without allocating it). */
function popcountUnion(r: Region, l: Layout, d: number): number {
    const o = l.offsets[d];
    let n = 0;
    for (let w = 0; w < l.words[d]; w++) {
        let v = 0;
        for (const b of r) v |= b[o + w];
        v = v - ((v >>> 1) & 0x55555555);
        v = (v & 0x33333333) + ((v >>> 2) & 0x33333333);
        n += (((v + (v >>> 4)) & 0x0f0f0f0f) * 0x01010101) >>> 24;
    }
    return n;
}
