import { DateTime, IANAZone } from 'luxon';
import type { TimeWindow } from '../model.js';

const DAY_NAMES = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'];

// Luxon builds an Intl.DateTimeFormat per question (~0.1 ms); validation asks once per time clause per keystroke.
const zoneValidity = new Map<string, boolean>();

export function isValidTimeZone(zone: string): boolean {
    let ok = zoneValidity.get(zone);
    if (ok === undefined) {
        ok = IANAZone.isValidZone(zone);
        if (zoneValidity.size > 4096) zoneValidity.clear(); // typed text is unbounded; the zones in use are few
        zoneValidity.set(zone, ok);
    }
    return ok;
}

/** `HH:MM-HH:MM` → minutes; end may be 24:00; undefined if malformed. */
export function parseTimeRange(text: string): { start: number; end: number } | undefined {
    const m = /^([0-9]{2}):([0-9]{2})-([0-9]{2}):([0-9]{2})$/.exec(text);
    if (!m) return undefined;
    const [h1, m1, h2, m2] = [m[1], m[2], m[3], m[4]].map(Number);
    if (h1 > 23 || m1 > 59 || m2 > 59 || h2 > 24 || (h2 === 24 && m2 !== 0)) return undefined;
    const start = h1 * 60 + m1;
    const end = h2 * 60 + m2;
    if (start === end) return undefined;
    return { start, end };
}

/** Day items (`mon`, `mon-fri`, `sat-sun` wrapping allowed) → sorted day numbers (0 = Sunday); undefined item = error. */
export function parseDays(items: string[]): { days: number[] } | { error: string } {
    const set = new Set<number>();
    for (const item of items) {
        const [from, to, ...rest] = item.split('-');
        const a = DAY_NAMES.indexOf(from);
        const b = to === undefined ? a : DAY_NAMES.indexOf(to);
        if (rest.length > 0 || a < 0 || b < 0) return { error: `'${item}' is not a day or day range (mon … sun, e.g. mon-fri)` };
        for (let d = a; ; d = (d + 1) % 7) {
            set.add(d);
            if (d === b) break;
        }
    }
    return { days: [...set].sort((x, y) => x - y) };
}

/** Local weekday (0 = Sunday) and minute of day of an instant in a zone. */
export function localClock(instantMs: number, zone: string): { day: number; minute: number } {
    const dt = DateTime.fromMillis(instantMs, { zone });
    return { day: dt.weekday % 7, minute: dt.hour * 60 + dt.minute };
}

/** True when a local clock falls inside the window; a window whose end precedes its start wraps past midnight. */
export function clockInWindow(window: TimeWindow, clock: { day: number; minute: number }): boolean {
    const { day, minute } = clock;
    if (window.start < window.end) {
        return window.days.includes(day) && minute >= window.start && minute < window.end;
    }
    // Wrapping window: the evening part belongs to the listed day, the early-morning part to the day before.
    if (minute >= window.start) return window.days.includes(day);
    if (minute < window.end) return window.days.includes((day + 6) % 7);
    return false;
}

/** True when the window covers every minute of the week. */
export function isWholeWeek(window: TimeWindow): boolean {
    return window.days.length === 7 && window.start === 0 && window.end === 1440;
}

/** `YYYY-MM-DDTHH:MM[:SS]` wall-clock time in a zone → ISO instant (UTC); undefined if invalid. */
export function localTimestampToInstant(timestamp: string, zone: string): string | undefined {
    if (!/^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}(:[0-9]{2})?$/.test(timestamp)) return undefined;
    const dt = DateTime.fromISO(timestamp, { zone });
    if (!dt.isValid) return undefined;
    return dt.toUTC().toISO({ suppressMilliseconds: true }) ?? undefined;
}

const ISO_INSTANT = /^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}(:[0-9]{2}(\.[0-9]+)?)?(Z|[+-][0-9]{2}:[0-9]{2})$/i;

/** ISO instant (with offset or Z) → epoch ms; undefined if invalid. Date.parse is exact for this strict shape. */
export function parseInstant(text: string): number | undefined {
    if (!ISO_INSTANT.test(text)) return undefined;
    const ms = Date.parse(text);
    return Number.isNaN(ms) ? undefined : ms;
}
