/** `20m`, `4h`, `7d` → minutes; undefined if malformed or zero. */
export function parseDuration(text: string): number | undefined {
    const m = /^([0-9]+)([mhd])$/.exec(text);
    if (!m) return undefined;
    const n = Number(m[1]);
    if (!Number.isSafeInteger(n) || n <= 0) return undefined;
    return n * (m[2] === 'm' ? 1 : m[2] === 'h' ? 60 : 1440);
}

/** Minutes → the shortest exact Latch duration text. */
export function formatDuration(minutes: number): string {
    if (minutes % 1440 === 0) return `${minutes / 1440}d`;
    if (minutes % 60 === 0) return `${minutes / 60}h`;
    return `${minutes}m`;
}
