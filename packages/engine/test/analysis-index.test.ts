// The overlap index and the indexed cover search (packages/engine/src/analysis/region.ts) change no result: the
// index lists every region that meets a query, in order, and findOutside finds the same boxes as a plain scan.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type Box, type Region, RegionIndex, boxesMeet, findOutside, makeLayout, overlaps } from '../src/analysis/region.js';

const SIZES = [40, 2, 2, 5, 70, 3];
const l = makeLayout(SIZES);

const box = fc.tuple(...SIZES.map((n) => fc.uniqueArray(fc.integer({ min: 0, max: n - 1 }), { minLength: 1, maxLength: Math.min(n, 6) })))
    .map((dims) => {
        const b: Box = new Uint32Array(l.total);
        dims.forEach((atoms, d) => { for (const a of atoms) b[l.offsets[d] + (a >>> 5)] |= 1 << (a & 31); });
        return b;
    });
const region = fc.array(box, { minLength: 0, maxLength: 4 });

/** The scan findOutside made before the index: every cover box, in order. */
function plainFindOutside(x: Region, cover: Region, limit: number): Box[] {
    const out: Box[] = [];
    const visit = (b: Box, cands: Box[]): void => {
        const meeting = cands.filter((c) => boxesMeet(b, c, l));
        if (meeting.length === 0) { out.push(b); return; }
        let best = meeting[0];
        let bestCuts = Infinity;
        for (const c of meeting) {
            let cuts = 0;
            for (let i = 0; i < b.length; i++) if ((b[i] & ~c[i]) !== 0) cuts++;
            if (cuts === 0) return;
            if (cuts < bestCuts) { bestCuts = cuts; best = c; }
        }
        const rest = meeting.filter((c) => c !== best);
        const cur = b.slice();
        for (let d = 0; d < SIZES.length; d++) {
            const o = l.offsets[d];
            let cut = false;
            for (let w = 0; w < l.words[d]; w++) if ((cur[o + w] & ~best[o + w]) !== 0) cut = true;
            if (!cut) continue;
            const piece = cur.slice();
            for (let w = 0; w < l.words[d]; w++) { piece[o + w] = cur[o + w] & ~best[o + w]; cur[o + w] &= best[o + w]; }
            visit(piece, rest);
            if (out.length >= limit) return;
        }
    };
    for (const b of x) { visit(b, cover); if (out.length >= limit) break; }
    return out;
}

describe('analysis overlap index', () => {
    it('lists, in increasing order, every region meeting the query', () => {
        fc.assert(fc.property(fc.array(region, { maxLength: 30 }), region, (regions, x) => {
            const got = new RegionIndex(regions, l).candidates(x);
            expect([...got].sort((a, b) => a - b)).toEqual(got);
            const meeting = regions.map((r, i) => (overlaps(r, x, l) ? i : -1)).filter((i) => i >= 0);
            for (const i of meeting) expect(got).toContain(i);
        }), { numRuns: 300 });
    });

    it('findOutside over a large, reused cover finds what a plain scan finds', () => {
        fc.assert(fc.property(fc.array(box, { minLength: 65, maxLength: 120 }), fc.array(region, { minLength: 3, maxLength: 3 }), (cover, xs) => {
            for (const x of xs) for (const limit of [1, 3]) expect(findOutside(x, cover, l, limit)).toEqual(plainFindOutside(x, cover, limit));
        }), { numRuns: 60 });
    });
});
