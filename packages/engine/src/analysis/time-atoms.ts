// Time as a finite dimension, exact over the year 2026: one instant per stretch of time in which every window's
// membership is constant.
//
// Window membership depends on each zone's local clock. Between two daylight-saving transitions (of any of the
// zones used) every zone keeps one UTC offset, so the local clocks are plain arithmetic and repeat weekly: a week of
// each such offset regime (all of it when the regime lasts less — e.g. the weeks in March when the US has switched
// and Europe has not) holds every combination of local clocks that regime can produce. The regimes are found with
// the real IANA data (luxon), transitions to the minute; the engine's own clock functions then decide membership of
// each stretch's instant, so the analysis and `evaluate` read time identically.

import { IANAZone } from 'luxon';
import type { TimeWindow } from '../model.js';

/** Used when no policy has a time window: any instant will do, and witnesses must state one. */
export const REFERENCE_INSTANT = '2026-01-06T10:00:00Z';

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;
const WEEK = 7 * DAY;
const YEAR_START = Date.parse('2026-01-01T00:00:00Z');
const YEAR_END = Date.parse('2027-01-01T00:00:00Z');

/** Offset (minutes) of each zone at an instant. */
function offsets(zones: readonly IANAZone[], t: number): number[] {
    return zones.map((z) => z.offset(t));
}

/** The instants of 2026 (to the minute) where some zone's offset changes (zones change at most twice a year). */
function transitions(zones: readonly IANAZone[]): number[] {
    const out: number[] = [];
    for (const z of zones) {
        for (let week = YEAR_START; week < YEAR_END; week += WEEK) {
            if (z.offset(week) === z.offset(week + WEEK)) continue;
            // The first minute with the new offset, by bisection inside the week.
            let lo = week;
            let hi = week + WEEK;
            while (hi - lo > MINUTE) {
                const mid = lo + Math.floor((hi - lo) / 2 / MINUTE) * MINUTE;
                if (z.offset(mid) === z.offset(lo)) lo = mid;
                else hi = mid;
            }
            out.push(hi);
        }
    }
    return [...new Set(out)].sort((a, b) => a - b);
}

const memo = new Map<string, number[]>();

/** `timeCuts`, once per set of windows (every analysis of a workspace has the same few). */
export function timeCutsCached(windows: readonly TimeWindow[]): number[] {
    const key = JSON.stringify(windows);
    let cuts = memo.get(key);
    if (!cuts) {
        cuts = timeCuts(windows);
        if (memo.size >= 64) memo.clear();
        memo.set(key, cuts);
    }
    return cuts;
}

/** One instant per stretch of constant window membership, across every offset regime of 2026. */
export function timeCuts(windows: readonly TimeWindow[]): number[] {
    const names = [...new Set(windows.map((w) => w.zone))];
    const zones = names.map((n) => IANAZone.create(n));
    const minutesOf = new Map<string, Set<number>>();
    for (const w of windows) {
        const m = minutesOf.get(w.zone) ?? new Set<number>([0]);
        m.add(w.start);
        m.add(w.end % 1440);
        minutesOf.set(w.zone, m);
    }
    // Stretches of constant offsets; per offset vector, a week of one stretch long enough, else every stretch.
    const bounds = [YEAR_START, ...transitions(zones), YEAR_END];
    const regimes = new Map<string, [number, number][]>();
    for (let i = 0; i + 1 < bounds.length; i++) {
        const key = offsets(zones, bounds[i]).join(',');
        const list = regimes.get(key) ?? [];
        list.push([bounds[i], bounds[i + 1]]);
        regimes.set(key, list);
    }
    const stretches: [number, number][] = [];
    for (const list of regimes.values()) {
        const long = list.find(([a, b]) => b - a >= WEEK);
        if (long) stretches.push([long[0], long[0] + WEEK]);
        else stretches.push(...list);
    }
    const out: number[] = [];
    for (const [a, b] of stretches) {
        const cuts = new Set<number>([a, b]);
        zones.forEach((z, i) => {
            const offset = z.offset(a) * MINUTE;
            for (const m of minutesOf.get(names[i]) ?? []) {
                // Local midnight + m, in UTC, for every local day that can meet [a, b).
                for (let day = Math.floor((a + offset) / DAY) - 1; day * DAY - offset <= b + DAY; day++) {
                    const t = day * DAY + m * MINUTE - offset;
                    if (t > a && t < b) cuts.add(t);
                }
            }
        });
        const sorted = [...cuts].sort((x, y) => x - y);
        for (let i = 0; i + 1 < sorted.length; i++) {
            // A whole minute inside the stretch (windows are minute-aligned).
            const mid = Math.floor((sorted[i] + sorted[i + 1]) / 2 / MINUTE) * MINUTE;
            out.push(mid >= sorted[i] ? mid : sorted[i]);
        }
    }
    return out;
}
