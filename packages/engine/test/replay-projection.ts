// Test helper shared by the byte-reader tests: what the byte path should pick from a record.

import type { RecordReads } from '../src/replay/map-signin-record.js';

/** JSON.parse's value cut down to what the mapping reads (RECORD_READS), as the byte path picks it. */
export function project(value: unknown, reads: RecordReads): unknown {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) return value;
    const out: Record<string, unknown> = {};
    for (const [k, read] of Object.entries(reads)) {
        if (!Object.hasOwn(value, k)) continue;
        const v = (value as Record<string, unknown>)[k];
        out[k] = read === true ? v : Array.isArray(read) ? (Array.isArray(v) ? v.map((x) => project(x, read[0])) : v) : project(v, read as RecordReads);
    }
    return out;
}
