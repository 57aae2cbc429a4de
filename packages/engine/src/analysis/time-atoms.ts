// Time as a finite dimension: instants of three reference weeks of 2026 (January, July and early October, which
// together cover every combination of northern and southern daylight-saving regimes), cut at every window
// boundary in every zone. Each atom is one instant between consecutive cuts; the engine's own clock functions then
// decide window membership, so the analysis and `evaluate` read time identically.

import { DateTime } from 'luxon';
import type { TimeWindow } from '../model.js';

/** Used when no policy has a time window: any instant will do, and witnesses must state one. */
export const REFERENCE_INSTANT = '2026-01-06T10:00:00Z';

const WEEKS = ['2026-01-05', '2026-07-06', '2026-10-05'];
const WEEK_MS = 7 * 24 * 60 * 60 * 1000;

/** One instant per stretch of constant window membership, across the reference weeks. */
export function referenceWeekCuts(windows: readonly TimeWindow[]): number[] {
    const out: number[] = [];
    const byZone = new Map<string, Set<number>>();
    for (const w of windows) {
        const minutes = byZone.get(w.zone) ?? new Set<number>([0]);
        minutes.add(w.start);
        minutes.add(w.end % 1440);
        byZone.set(w.zone, minutes);
    }
    for (const week of WEEKS) {
        const from = Date.parse(`${week}T00:00:00Z`);
        const to = from + WEEK_MS;
        const cuts = new Set<number>([from, to]);
        for (const [zone, minutes] of byZone) {
            const start = DateTime.fromMillis(from, { zone }).startOf('day').minus({ days: 1 });
            for (let d = 0; d < 10; d++) {
                const day = start.plus({ days: d });
                for (const m of minutes) {
                    const t = DateTime.fromObject({ year: day.year, month: day.month, day: day.day, hour: Math.floor(m / 60), minute: m % 60 }, { zone }).toMillis();
                    if (t > from && t < to) cuts.add(t);
                }
            }
        }
        const sorted = [...cuts].sort((a, b) => a - b);
        for (let i = 0; i + 1 < sorted.length; i++) {
            // A whole minute inside the stretch (windows are minute-aligned).
            const mid = Math.floor((sorted[i] + sorted[i + 1]) / 2 / 60000) * 60000;
            out.push(mid >= sorted[i] ? mid : sorted[i]);
        }
    }
    return out;
}
