// Byte-level JSON scanning over UTF-8 text (a Uint8Array; positions are byte offsets), for the replay hot path:
// walking past strings and values without building them. Two flavours: `skip*` trusts the text (JSON.parse checks
// it afterwards) and only has to find where a value ends; `valid*` checks the JSON grammar exactly as JSON.parse
// would (escapes, control characters, numbers, literals, nesting), for the parts JSON.parse never sees. Both return
// -1 where they cannot go on (bad text, or the end of the bytes).

import { textOf } from './bytes.js';

export const QUOTE = 0x22, BACKSLASH = 0x5c, LBRACE = 0x7b, RBRACE = 0x7d, LBRACKET = 0x5b, RBRACKET = 0x5d;
export const COMMA = 0x2c, COLON = 0x3a, NL = 0x0a, CR = 0x0d, SPACE = 0x20, TAB = 0x09;

/** Bytes that end a run of plain string content: `"`, `\` and the control characters. */
const STOP = new Uint8Array(256);
STOP[QUOTE] = 1;
STOP[BACKSLASH] = 1;
for (let c = 0; c < 0x20; c++) STOP[c] = 1;

/** JSON whitespace. */
const WS = new Uint8Array(256);
WS[SPACE] = WS[NL] = WS[CR] = WS[TAB] = 1;

/** Characters allowed after a backslash (besides `u`). */
const ESCAPE = new Uint8Array(256);
for (const c of '"\\/bfnrt') ESCAPE[c.charCodeAt(0)] = 1;

const HEX = new Uint8Array(256);
for (const c of '0123456789abcdefABCDEF') HEX[c.charCodeAt(0)] = 1;

/** Ends a number or literal in a compact scan: whitespace, `,`, `]`, `}`. */
const DELIM = new Uint8Array(256);
DELIM[SPACE] = DELIM[NL] = DELIM[CR] = DELIM[TAB] = DELIM[COMMA] = DELIM[RBRACKET] = DELIM[RBRACE] = 1;

export function isWs(c: number): boolean {
    return WS[c] === 1;
}

// The hot loops below need no bounds check per byte: a read past the buffer's end answers undefined, `| 0` makes it
// 0 (keeping every table index a small integer, which keeps the loads fast), and 0 stops them like the control
// character it is; one check when they stop tells the end from a real stop. Reads past `n` but inside the buffer
// only look at bytes of the next record, and every result past `n` is refused.

/** Line ends met by skipWs/skipValue since resetLines(), and the offset of the last (-1: none). */
export let lines = 0;
export let lastLine = -1;
/**
 * The records' column in a pretty-printed array (-1: none): a line that starts with `{` there, after spaces and
 * tabs only, is where the record splitter assumes a new record begins. `recordLine` tells whether one was met.
 */
let recordColumn = -1;
export let recordLine = false;

export function resetLines(column: number): void {
    lines = 0;
    lastLine = -1;
    recordColumn = column;
    recordLine = false;
}

/** Whether the `{` at `i` starts a line at the records' column (the splitter's nextRecordAt). */
function startsRecordLine(u: Uint8Array, i: number): boolean {
    if (recordColumn <= 0 || lastLine < 0 || i - lastLine !== recordColumn) return false;
    for (let k = lastLine + 1; k < i; k++) if (u[k] !== SPACE && u[k] !== TAB) return false;
    return true;
}

/**
 * Whether a line inside bytes [0, length) of `b` (a value or entry met before, skipped by comparing its bytes)
 * starts with `{` at the records' `column` after spaces and tabs only: what startsRecordLine would have noted.
 */
export function hasRecordLine(b: Uint8Array, length: number, column: number): boolean {
    for (let k = 0; k + column < length; k++) {
        if (b[k] !== NL || b[k + column] !== LBRACE) continue;
        let t = k + 1;
        while (t < k + column && (b[t] === SPACE || b[t] === TAB)) t++;
        if (t === k + column) return true;
    }
    return false;
}

/** Marks a record line met without scanning (inside a known entry). */
export function markRecordLine(): void {
    recordLine = true;
}

/** Counts `n` line ends, the last at `last` (a known entry's, met without scanning). */
export function addLines(n: number, last: number): void {
    lines += n;
    lastLine = last;
}

/** Past whitespace, counting line ends (valid JSON has them only there: they are the record's lines). */
export function skipWs(u: Uint8Array, i: number): number {
    let c = u[i]! | 0;
    while (WS[c] === 1) {
        if (c === NL) { lines++; lastLine = i; }
        c = u[++i]! | 0;
    }
    if (c === LBRACE && startsRecordLine(u, i)) recordLine = true;
    return i;
}

/** Whether the last validString / skipString call met a backslash (the value needs decoding). */
export let escaped = false;

/**
 * Past a string whose opening quote is at `i`, checked: no raw control character, only JSON escapes. Returns the
 * offset after the closing quote, or -1. Sets `escaped`.
 */
export function validString(u: Uint8Array, i: number, n: number): number {
    let c = u[++i]! | 0;
    while (STOP[c] === 0) c = u[++i]! | 0;
    if (c === QUOTE) {
        escaped = false;
        return i < n ? i + 1 : -1;
    }
    escaped = true;
    for (;;) {
        if (c !== BACKSLASH || i >= n) return -1; // a raw control character, or the end
        const e = u[i + 1]! | 0;
        if (ESCAPE[e] === 1) i += 2;
        else if (e === 0x75 && HEX[u[i + 2]! | 0]! & HEX[u[i + 3]! | 0]! & HEX[u[i + 4]! | 0]! & HEX[u[i + 5]! | 0]!) i += 6;
        else return -1;
        c = u[i]! | 0;
        while (STOP[c] === 0) c = u[++i]! | 0;
        if (c === QUOTE) return i < n ? i + 1 : -1;
    }
}

/** Past a string whose opening quote is at `i`, trusting its content. Returns the offset after the closing quote, or -1. Sets `escaped`. */
export function skipString(u: Uint8Array, i: number, n: number): number {
    escaped = false;
    let c = u[++i]! | 0;
    for (;;) {
        while (STOP[c] === 0) c = u[++i]! | 0;
        if (i >= n) return -1;
        if (c === QUOTE) return i + 1;
        if (c === BACKSLASH) { escaped = true; i++; }
        c = u[++i]! | 0;
    }
}

/** Past any value starting at `i` (no whitespace before it), trusting the text: strings and brackets are matched. */
export function skipValue(u: Uint8Array, i: number, n: number): number {
    const c = u[i];
    if (c === QUOTE) return skipString(u, i, n);
    if (c !== LBRACE && c !== LBRACKET) {
        while (i < n && DELIM[u[i]!] === 0) i++;
        return i < n ? i : -1;
    }
    let depth = 0;
    while (i < n) {
        const d = u[i]!;
        if (d === QUOTE) {
            i = skipString(u, i, n);
            if (i < 0) return -1;
            continue;
        }
        if (d === LBRACE || d === LBRACKET) {
            depth++;
            if (d === LBRACE && startsRecordLine(u, i)) recordLine = true;
        } else if ((d === RBRACE || d === RBRACKET) && --depth === 0) return i + 1;
        else if (d === NL) { lines++; lastLine = i; }
        i++;
    }
    return -1;
}

const MAX_DEPTH = 64;

/** Past a valid JSON value starting at `i` (no whitespace before it); -1 where JSON.parse would fail (or nesting > 64). */
export function validValue(u: Uint8Array, i: number, n: number, depth: number): number {
    const c = u[i];
    if (c === QUOTE) return validString(u, i, n);
    if (c === LBRACE) return depth < MAX_DEPTH ? validObject(u, i, n, depth + 1) : -1;
    if (c === LBRACKET) return depth < MAX_DEPTH ? validArray(u, i, n, depth + 1) : -1;
    if (c === 0x74) return literal(u, i, n, TRUE);
    if (c === 0x66) return literal(u, i, n, FALSE);
    if (c === 0x6e) return literal(u, i, n, NULL);
    return validNumber(u, i, n);
}

const TRUE = asciiBytes('true'), FALSE = asciiBytes('false'), NULL = asciiBytes('null');

function literal(u: Uint8Array, i: number, n: number, word: Uint8Array): number {
    for (let k = 1; k < word.length; k++) if (u[i + k] !== word[k]) return -1;
    return i + word.length <= n ? i + word.length : -1;
}

function digits(u: Uint8Array, i: number, n: number): number {
    const start = i;
    while (i < n && u[i]! - 0x30 >>> 0 < 10) i++;
    return i > start && i <= n ? i : -1;
}

/** -?(0|[1-9][0-9]*)(.[0-9]+)?([eE][+-]?[0-9]+)? */
export function validNumber(u: Uint8Array, i: number, n: number): number {
    if (u[i] === 0x2d) i++;
    if (u[i] === 0x30) i++;
    else if ((i = digits(u, i, n)) < 0) return -1;
    if (u[i] === 0x2e && (i = digits(u, i + 1, n)) < 0) return -1;
    const e = u[i];
    if (e === 0x65 || e === 0x45) {
        i++;
        if (u[i] === 0x2b || u[i] === 0x2d) i++;
        if ((i = digits(u, i, n)) < 0) return -1;
    }
    return i <= n ? i : -1;
}

/** After a value (or `{`/`[`/`,`), past any whitespace: compact logs have none, so look before calling. */
function ws(u: Uint8Array, i: number): number {
    return WS[u[i]! | 0] === 1 ? skipWs(u, i) : i;
}

function validObject(u: Uint8Array, i: number, n: number, depth: number): number {
    i = ws(u, i + 1);
    if (u[i] === RBRACE) return i + 1;
    for (;;) {
        if (u[i] !== QUOTE || (i = validString(u, i, n)) < 0) return -1;
        i = ws(u, i);
        if (u[i] !== COLON) return -1;
        i = ws(u, i + 1);
        if ((i = validValue(u, i, n, depth)) < 0) return -1;
        i = ws(u, i);
        const c = u[i];
        if (c === RBRACE) return i + 1;
        if (c !== COMMA) return -1;
        i = ws(u, i + 1);
    }
}

function validArray(u: Uint8Array, i: number, n: number, depth: number): number {
    i = ws(u, i + 1);
    if (u[i] === RBRACKET) return i + 1;
    for (;;) {
        if ((i = validValue(u, i, n, depth)) < 0) return -1;
        i = ws(u, i);
        const c = u[i];
        if (c === RBRACKET) return i + 1;
        if (c !== COMMA) return -1;
        i = ws(u, i + 1);
    }
}

export function asciiBytes(word: string): Uint8Array {
    return Uint8Array.from(word, (c) => c.charCodeAt(0));
}

/** Whether bytes [s, e) spell `word` (ASCII). */
export function bytesEqual(u: Uint8Array, s: number, e: number, word: Uint8Array): boolean {
    if (e - s !== word.length) return false;
    for (let k = 0; k < word.length; k++) if (u[s + k] !== word[k]) return false;
    return true;
}

/** UTF-16 length of the text in bytes [s, e) (columns count UTF-16 units, as editors and the string path do). */
export function utf16Length(u: Uint8Array, s: number, e: number): number {
    for (let k = s; k < e; k++) if (u[k]! >= 0x80) return textOf(u, s, e).length;
    return e - s;
}
