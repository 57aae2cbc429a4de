// Entra's per-policy results (`appliedConditionalAccessPolicies`) read straight from the record's bytes: only each
// entry's `id` and `result` are located; everything else is checked against the JSON grammar and skipped, never
// built. With a result per policy this array is ~85 % of a record, and JSON.parse building 36 objects of 5
// properties was most of the replay's time. The scan is exact: it accepts what JSON.parse accepts and takes what
// mapSignInRecord would take (the last duplicate key; absent, null and "" ids/results drop the entry); anything it
// does not handle on its own (a non-object entry, a non-string id or result, an escaped key) returns -1 and the
// record takes the JSON.parse path, which reports it as before.

import {
    addLines, asciiBytes, bytesEqual, COLON, COMMA, escaped, hasRecordLine, isWs, LBRACE, markRecordLine, NL, QUOTE, RBRACE, RBRACKET, skipWs,
    validString, validValue,
} from './json-bytes.js';
import { textOf } from './bytes.js';
import type { EntraPolicyResult } from './map-signin-record.js';

/** How an entry's id or result is written. */
export const ABSENT = 0; // absent, null or "": the entry is not compared
export const PLAIN = 1; // no escapes: the bytes are the value
export const ESCAPED = 2; // needs decoding

/**
 * One entry's text, checked once. Logs repeat entries byte for byte (a policy's entry differs with its result and
 * little else), so later records compare their bytes with it — eight at a time, far cheaper than checking the JSON
 * again — and, when they are the same, reuse where its id and result are and what the replay made of them.
 */
export class KnownEntry {
    /** What the replay made of the id and result (its policy index and result code; UNRESOLVED until then). */
    policy = UNRESOLVED;
    code = 0;
    id: string | undefined;
    result: string | undefined;
    /** Line ends inside the entry (pretty-printed logs) and the offset of the last. */
    lines = 0;
    lastLine = -1;
    private readonly words: Float64Array;
    /** hasRecordLine's answer for `column`. */
    private column = 0;
    private columnLine = false;

    /** `bytes`: a copy of the entry; id and result offsets are relative to its start. */
    constructor(readonly bytes: Uint8Array, readonly idStart: number, readonly idEnd: number, readonly idKind: number,
        readonly resultStart: number, readonly resultEnd: number, readonly resultKind: number) {
        const padded = new Uint8Array((bytes.length + 7) & ~7);
        padded.set(bytes);
        this.words = new Float64Array(padded.buffer);
        for (let k = 0; k < bytes.length; k++) if (bytes[k] === NL) { this.lines++; this.lastLine = k; }
    }

    /** Whether a line inside the entry starts with `{` at `column` after spaces and tabs only (see json-bytes). */
    hasRecordLine(column: number): boolean {
        if (column !== this.column) {
            this.column = column;
            this.columnLine = hasRecordLine(this.bytes, this.bytes.length, column);
        }
        return this.columnLine;
    }

    /**
     * Whether bytes from `pos` (`abs` in `view`'s buffer) are this entry's, compared eight at a time as doubles. Equal
     * doubles have equal bits except +0 and -0, and this entry (JSON text, no NUL byte) holds neither; a NaN is equal to
     * nothing, which only costs a miss.
     */
    matches(u: Uint8Array, view: DataView, abs: number, pos: number): boolean {
        const words = this.words, bytes = this.bytes, length = bytes.length, whole = length >> 3;
        for (let t = 0; t < whole; t++) if (view.getFloat64(abs + 8 * t, true) !== words[t]) return false;
        for (let t = whole << 3; t < length; t++) if (u[pos + t] !== bytes[t]) return false;
        return true;
    }

    idValue(): string { return valueAt(this.bytes, this.idStart, this.idEnd, this.idKind); }
    resultValue(): string { return valueAt(this.bytes, this.resultStart, this.resultEnd, this.resultKind); }
}

export const UNRESOLVED = -3;

/** Known entries by their position in the array, most recently seen first, a few each. */
const WAYS = 4;

/** The entries found, in order; reused from record to record, with the known entries of earlier records. */
export class AppliedScan {
    count = 0;
    entries: KnownEntry[] = [];
    private readonly known: KnownEntry[][] = [];
    private view: DataView | undefined;
    // The entry being checked (offsets relative to its start).
    idStart = 0; idEnd = 0; idKind = ABSENT; resultStart = 0; resultEnd = 0; resultKind = ABSENT;

    /** A view of the buffer holding `u`, for comparing words. */
    viewOf(u: Uint8Array): DataView {
        const v = this.view;
        return v !== undefined && v.buffer === u.buffer ? v : (this.view = new DataView(u.buffer));
    }

    /** A known entry at position k whose bytes start at `pos`. */
    find(k: number, u: Uint8Array, view: DataView, pos: number, n: number): KnownEntry | undefined {
        const list = this.known[k];
        if (list === undefined) return undefined;
        const abs = u.byteOffset + pos;
        for (let w = 0; w < list.length; w++) {
            const e = list[w]!;
            const end = pos + e.bytes.length;
            if (end > n || u[end - 1] !== RBRACE || !e.matches(u, view, abs, pos)) continue;
            if (w > 0) { list[w] = list[w - 1]!; list[w - 1] = e; } // one step nearer the front: the most seen come first
            return e;
        }
        return undefined;
    }

    /** Remembers the entry just checked, bytes [pos, end), at position k. */
    remember(k: number, u: Uint8Array, pos: number, end: number): KnownEntry {
        const e = new KnownEntry(u.slice(pos, end), this.idStart, this.idEnd, this.idKind, this.resultStart, this.resultEnd, this.resultKind);
        const list = (this.known[k] ??= []);
        list.unshift(e);
        if (list.length > WAYS) list.pop();
        return e;
    }

    /** The entries as mapSignInRecord gives them, as strings (tests; the replay compares without making strings). */
    results(): EntraPolicyResult[] {
        const out: EntraPolicyResult[] = [];
        for (let k = 0; k < this.count; k++) {
            const e = this.entries[k]!;
            if (e.idKind !== ABSENT && e.resultKind !== ABSENT) out.push({ id: e.idValue(), result: e.resultValue() });
        }
        return out;
    }
}

/** A string value whose content is bytes [s, e), written PLAIN or ESCAPED. */
export function valueAt(u: Uint8Array, s: number, e: number, kind: number): string {
    return kind === PLAIN ? textOf(u, s, e) : (JSON.parse(textOf(u, s - 1, e + 1)) as string);
}

/** Past whitespace, if any (compact logs have none: look before calling). */
function ws(u: Uint8Array, i: number): number {
    return isWs(u[i]! | 0) ? skipWs(u, i) : i;
}

/**
 * Scans the array whose `[` is at `i` (bytes end at `n`) into `out`. Returns the offset after its `]`, or -1 when the
 * record must take the JSON.parse path.
 */
export function scanAppliedPolicies(u: Uint8Array, i: number, n: number, out: AppliedScan, column = -1): number {
    out.count = 0;
    i = ws(u, i + 1);
    if (u[i] === RBRACKET) return i < n ? i + 1 : -1;
    const view = out.viewOf(u);
    for (;;) {
        if (u[i] !== LBRACE) return -1; // not an object: a mapping error the JSON.parse path reports
        const k = out.count++;
        let e = out.find(k, u, view, i, n);
        if (e === undefined) {
            const end = scanEntry(u, i, n, out); // counts its line ends as it goes
            if (end < 0) return -1;
            e = out.remember(k, u, i, end);
        } else if (e.lines > 0) {
            addLines(e.lines, i + e.lastLine);
            if (column > 0 && e.hasRecordLine(column)) markRecordLine();
        }
        out.entries[k] = e;
        i = ws(u, i + e.bytes.length);
        const c = u[i];
        if (c === RBRACKET) return i < n ? i + 1 : -1;
        if (c !== COMMA) return -1;
        i = ws(u, i + 1);
    }
}

/** Checks the entry whose `{` is at `s`; its id and result go to `out` (relative to `s`). Returns the offset after its `}`, or -1. */
function scanEntry(u: Uint8Array, s: number, n: number, out: AppliedScan): number {
    out.idKind = ABSENT;
    out.resultKind = ABSENT;
    let i = ws(u, s + 1);
    if (u[i] === RBRACE) return i + 1;
    for (;;) {
        if (u[i] !== QUOTE) return -1;
        const ks = i + 1;
        if ((i = validString(u, i, n)) < 0 || escaped) return -1; // an escaped key could spell id or result
        const len = i - 1 - ks;
        // id or result (checked by length and first bytes; "result" in full below)
        const key = len === 2 ? (u[ks] === 0x69 && u[ks + 1] === 0x64 ? 1 : 0) : len === 6 && u[ks] === 0x72 && bytesEqual(u, ks, i - 1, RESULT_KEY) ? 2 : 0;
        i = ws(u, i);
        if (u[i] !== COLON) return -1;
        i = ws(u, i + 1);
        if (key === 0) {
            if ((i = validValue(u, i, n, 2)) < 0) return -1;
        } else if (u[i] === QUOTE) {
            const vs = i + 1;
            if ((i = validString(u, i, n)) < 0) return -1;
            const kind = i - 1 === vs ? ABSENT : escaped ? ESCAPED : PLAIN;
            if (key === 1) { out.idStart = vs - s; out.idEnd = i - 1 - s; out.idKind = kind; } else { out.resultStart = vs - s; out.resultEnd = i - 1 - s; out.resultKind = kind; }
        } else if (u[i] === 0x6e && u[i + 1] === 0x75 && u[i + 2] === 0x6c && u[i + 3] === 0x6c && i + 4 <= n) {
            i += 4;
            if (key === 1) out.idKind = ABSENT; else out.resultKind = ABSENT;
        } else {
            return -1; // not a string: a mapping error the JSON.parse path reports
        }
        i = ws(u, i);
        const c = u[i];
        if (c === RBRACE) return i < n ? i + 1 : -1;
        if (c !== COMMA) return -1;
        i = ws(u, i + 1);
    }
}

const RESULT_KEY = asciiBytes('result');
