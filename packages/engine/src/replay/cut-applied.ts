// Finds a record's top-level `appliedConditionalAccessPolicies` array in its bytes and scans it
// (applied-policies.ts), so that JSON.parse only reads the rest: the record with the array replaced by `null`.
//
// Why that is exact: the walk matches strings (with escapes) and brackets, so on any valid JSON text it sees the
// true structure. If the cut text parses, its prefix up to the array is a prefix of valid JSON, so the array really
// was the value of that top-level key; the array itself was checked by the scan; so the whole record is valid JSON
// and parses to the cut record plus that array. If the record is not valid JSON, the walk, the scan or JSON.parse
// of the cut text fails, and the record takes the whole-record JSON.parse path, which reports the error as before.
// A second top-level key of that name, or any escaped top-level key (it could spell the name), also takes that path.

import { AppliedScan, scanAppliedPolicies } from './applied-policies.js';
import { asciiBytes, bytesEqual, COLON, COMMA, decodeUtf8, escaped, isWs, LBRACE, QUOTE, RBRACE, resetLines, skipString, skipValue, skipWs } from './json-bytes.js';

const KEY = asciiBytes('appliedConditionalAccessPolicies');

export const SLOW = -1; // take the whole-record JSON.parse path
export const WHOLE = 0; // no array to cut out (absent, or not an array): JSON.parse the record as it is
export const CUT = 1; // bytes [cutStart, cutEnd) are the array, scanned into `applied`

export class RecordCut {
    cutStart = 0;
    cutEnd = 0;
    /** After a walk that did not return SLOW: the offset after the record's closing brace. */
    end = 0;
    readonly applied = new AppliedScan();
    /** Where the cut text is put together (reused: one flat string to decode, no concatenation to flatten). */
    private scratch = new Uint8Array(4096);

    /** The text JSON.parse reads after a CUT: bytes [s, e) with the array replaced by `null`. */
    text(u: Uint8Array, s: number, e: number): string {
        const head = this.cutStart - s, length = head + 4 + e - this.cutEnd;
        if (length > this.scratch.length) this.scratch = new Uint8Array(2 * length);
        const b = this.scratch;
        b.set(u.subarray(s, this.cutStart));
        b[head] = 0x6e; b[head + 1] = 0x75; b[head + 2] = 0x6c; b[head + 3] = 0x6c;
        b.set(u.subarray(this.cutEnd, e), head + 4);
        return decodeUtf8(b, 0, length);
    }
}

/** Past whitespace, if any. */
function ws(u: Uint8Array, i: number): number {
    return isWs(u[i]! | 0) ? skipWs(u, i) : i;
}

/**
 * Walks the top-level object in bytes [s, e) (e: the record's end, or as far as it may reach); counts its line ends
 * and, given the records' column, notes a line inside that starts a record there (json-bytes' recordLine).
 */
export function cutApplied(u: Uint8Array, s: number, e: number, out: RecordCut, column = -1): number {
    resetLines(column);
    let i = ws(u, s);
    if (u[i] !== LBRACE) return SLOW;
    i = ws(u, i + 1);
    if (u[i] === RBRACE) { out.end = i + 1; return i < e ? WHOLE : SLOW; }
    let found = false, cut = false;
    for (;;) {
        if (u[i] !== QUOTE) return SLOW;
        const ks = i + 1;
        if ((i = skipString(u, i, e)) < 0 || escaped) return SLOW;
        const isKey = i - 1 - ks === KEY.length && u[ks] === 0x61 && u[ks + 7] === 0x43 && bytesEqual(u, ks, i - 1, KEY);
        i = ws(u, i);
        if (u[i] !== COLON) return SLOW;
        i = ws(u, i + 1);
        if (isKey) {
            if (found) return SLOW;
            found = true;
            if (u[i] === 0x5b) {
                const end = scanAppliedPolicies(u, i, e, out.applied, column);
                if (end < 0) return SLOW;
                out.cutStart = i;
                out.cutEnd = i = end;
                cut = true;
            } else if ((i = skipValue(u, i, e)) < 0) { // null or a wrong type: mapSignInRecord sees it in the whole record
                return SLOW;
            }
        } else if ((i = skipValue(u, i, e)) < 0) {
            return SLOW;
        }
        i = ws(u, i);
        const c = u[i];
        if (c === RBRACE) {
            out.end = i + 1;
            return i >= e ? SLOW : cut ? CUT : WHOLE;
        }
        if (c !== COMMA) return SLOW;
        i = ws(u, i + 1);
    }
}
