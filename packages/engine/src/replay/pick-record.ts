// Reads a record from its bytes the way JSON.parse would, but builds only the values mapSignInRecord reads
// (RECORD_READS): everything else is checked against the JSON grammar (json-bytes' valid*) and skipped, never built.
// A record is ~30 properties of which the mapping reads ~20 short strings; building the rest, and decoding the whole
// record into a string first, was most of a record's time. The top-level appliedConditionalAccessPolicies array is
// scanned in place (applied-policies.ts) rather than built.
//
// Why that is exact: the walk checks the whole record as JSON.parse would (it accepts exactly valid JSON), and each
// value it keeps is the value JSON.parse gives (strings decoded the same way; any other kind of value JSON.parse'd
// from its own text; of duplicate keys the last one wins), so mapSignInRecord, which reads nothing else, maps the
// picked record as it maps the parsed one, errors included. What the walk does not handle on its own (an escaped key,
// which could spell a name it reads; a second applied array; anything the array scan declines; nesting past 64)
// makes it decline, and the record takes the whole-record JSON.parse path, which reports any error as before.
//
// The walk also writes the record's key (see RecordPick.key): the picked values' bytes, so that a record whose key was
// met before maps and evaluates as that one did (record-memo.ts).

import { AppliedScan, scanAppliedPolicies } from './applied-policies.js';
import { textOf } from './bytes.js';
import {
    addLines, asciiBytes, bytesEqual, COLON, COMMA, escaped, hasRecordLine, isWs, LBRACE, LBRACKET, markRecordLine, NL, QUOTE, RBRACE, RBRACKET,
    resetLines, skipWs, validString, validValue,
} from './json-bytes.js';
import { RECORD_READS, type RecordReads } from './map-signin-record.js';

const WHOLE = 0; // the value as JSON.parse gives it
const OBJECT = 1; // an object: only the level's keys
const OBJECTS = 2; // an array: of each object element, only the level's keys
const APPLIED = 3; // the top-level appliedConditionalAccessPolicies: scanned

interface Field { name: string; key: Uint8Array; kind: number; level: Level | undefined; slot: number }

/** Key bytes after a field's slot: what follows it. Slots are below them. */
const RAW = 0xf0; // the value's text: 4 length bytes, the bytes
const UNKEYED = 0xf1; // a string left out of the key: 1 when empty, else 0 (null and other values keep their text)
const OPEN = 0xf2; // an object's picked fields follow, up to CLOSE
const LIST = 0xf3; // an array's elements follow (slot 0 each), up to CLOSE
const CLOSE = 0xf4;
const SCANNED = 0xf5; // the applied array, scanned (its entries are compared apart)
let slots = 0;

/**
 * A key met in a level's objects: its bytes `"name"` (checked once: no escape, no control character, so the same
 * bytes elsewhere are the same key, ending at the same quote) and its field. Records of one log write the same keys
 * in the same order, so each key remembers the key that followed it, and the next record's key there is compared
 * with that one, four bytes at a time, instead of being checked and looked up again. What is compared is the key's
 * lead: the bytes from the `{` or `,` before it to its value, as last met (`\n    "name": ` in a pretty-printed log),
 * so that the whitespace around the key and its colon costs nothing either. For a key whose value is not read, the
 * last value seen after it is kept too (when short, over lines too): the same bytes again, followed by `,`, `}` or
 * whitespace, are the same valid value.
 */
class KnownKey {
    /** The lead's bytes (LEAD_MAX at most; leadLength 0: none, the key is found the long way). */
    readonly lead = new Uint8Array(LEAD_MAX);
    readonly leadWords = new Int32Array(this.lead.buffer);
    leadLength = 0;
    /** Line ends in the lead (all before the key), and the offset of the last in it. */
    leadLines = 0;
    leadLast = -1;
    /** The key that followed this one last time (undefined: none yet, or the object ended). */
    next: KnownKey | undefined;
    /** The last value skipped after this key (its bytes; -1: none), and how often that saved checking one. */
    readonly value = new Uint8Array(VALUE_MAX);
    readonly valueWords = new Int32Array(this.value.buffer);
    valueLength = -1;
    /** Line ends in that value, and the offset of the last in it. */
    valueLines = 0;
    valueLast = -1;
    // Code first run after the optimiser compiled readObject costs the optimised code and its recompiling (~50 ms): the
    // rest is counted down by every call, and the first window ends at the first value (as if it paid), so that the
    // code ending windows runs early too.
    tries = VALUE_WINDOW - 1;
    hits = VALUE_WINDOW;
    rest = 0;

    constructor(readonly bytes: Uint8Array, readonly field: Field | undefined) {}

    /**
     * Keeps bytes [s, v) as the lead: after `{`/`,` at s - 1, the key [ks, ke), then up to the value at v. Not when a
     * line end follows the key: a value `{` starting a line is checked for the splitter's record rule (json-bytes).
     */
    setLead(u: Uint8Array, s: number, ke: number, v: number): void {
        this.leadLength = 0;
        if (v - s > LEAD_MAX) return;
        for (let t = ke; t < v; t++) if (u[t] === NL) return;
        let lines = 0, last = -1;
        for (let t = s; t < v; t++) if ((this.lead[t - s] = u[t]!) === NL) { lines++; last = t - s; }
        this.leadLines = lines;
        this.leadLast = last;
        this.leadLength = v - s;
    }
}

/** Longest lead kept: a key of ~90 characters with its indentation. */
const LEAD_MAX = 128;
/** Skipped values kept by KnownKey: at most VALUE_MAX bytes; a key whose value changes (fewer than a quarter repeat over VALUE_WINDOW) rests VALUE_REST records. */
const VALUE_MAX = 128, VALUE_WINDOW = 256, VALUE_REST = 4096;
/** Keys a level knows at most (the first met). */
const KNOWN_KEYS = 64;

/**
 * Whether bytes [pos, pos + length) of `u` (`abs`: pos in `view`'s buffer) are `bytes` from `at` (a multiple of 4;
 * `words`: the same bytes as little-endian words), compared four at a time.
 */
function sameBytes(u: Uint8Array, view: DataView, abs: number, pos: number, bytes: Uint8Array, words: Int32Array, at: number, length: number): boolean {
    const whole = length >> 2, w0 = at >> 2;
    for (let t = 0; t < whole; t++) if (view.getInt32(abs + 4 * t, true) !== words[w0 + t]) return false;
    for (let t = whole << 2; t < length; t++) if (u[pos + t] !== bytes[at + t]) return false;
    return true;
}

/** The keys read at one level of a record, found by their bytes (bucketed by length). */
class Level {
    private readonly byLength: (Field[] | undefined)[] = [];
    /** The keys met (KnownKey), and the one that began the last object. */
    private readonly known: KnownKey[] = [];
    first: KnownKey | undefined;

    constructor(reads: RecordReads, top: boolean) {
        for (const [name, read] of Object.entries(reads)) {
            const slot = ++slots, key = asciiBytes(name);
            const f: Field = read === true ? { name, key, kind: top && name === 'appliedConditionalAccessPolicies' ? APPLIED : WHOLE, level: undefined, slot }
                : Array.isArray(read) ? { name, key, kind: OBJECTS, level: new Level(read[0], false), slot }
                : { name, key, kind: OBJECT, level: new Level(read as RecordReads, false), slot };
            (this.byLength[f.key.length] ??= []).push(f);
        }
    }

    /** The known key whose bytes (quotes included) are [s, e), met now: made if new (undefined past KNOWN_KEYS). */
    knownKey(u: Uint8Array, s: number, e: number): KnownKey | undefined {
        const known = this.known;
        for (let k = 0; k < known.length; k++) if (bytesEqual(u, s, e, known[k]!.bytes)) return known[k];
        if (known.length >= KNOWN_KEYS) return undefined;
        const kk = new KnownKey(u.slice(s, e), this.find(u, s + 1, e - 1));
        known.push(kk);
        return kk;
    }

    /** The field whose name is bytes [s, e) (an unescaped key), if read. */
    find(u: Uint8Array, s: number, e: number): Field | undefined {
        const list = this.byLength[e - s];
        if (list === undefined) return undefined;
        for (let k = 0; k < list.length; k++) if (bytesEqual(u, s, e, list[k]!.key)) return list[k];
        return undefined;
    }
}

const TOP = new Level(RECORD_READS, true);
if (slots >= RAW) throw new Error('pick-record: too many fields read');

/** A record as the walk picked it; reused from record to record (the array scan keeps the entries it has seen). */
export class RecordPick {
    /** The record with only the values the mapping reads; a scanned array's value is null here. */
    record: Record<string, unknown> = {};
    /** The appliedConditionalAccessPolicies array was scanned into `applied` (else `record` holds the key's value, if any). */
    scanned = false;
    /** The offset after the record's closing brace. */
    end = 0;
    readonly applied = new AppliedScan();
    /**
     * The record's key, bytes [0, keyLength): for each picked value in record order its field's slot and its text
     * (length first), objects' picked fields nested; it determines the picked record, hence the mapping, except for
     * the top-level strings named unkeyed, of which it holds only whether they are empty.
     */
    key = new Uint8Array(1024);
    keyLength = 0;
    /** By slot: a field whose string value is left out of the key. */
    private readonly unkeyed = new Uint8Array(RAW);

    /** `unkeyed`: names of values read, dotted for an object's (`deviceDetail.deviceId`; not inside arrays). */
    constructor(unkeyed: readonly string[] = []) {
        for (const name of unkeyed) {
            let level: Level | undefined = TOP, f: Field | undefined;
            for (const part of name.split('.')) {
                const key = asciiBytes(part);
                f = level?.find(key, 0, key.length);
                level = f?.kind === OBJECT ? f.level : undefined;
            }
            if (f === undefined || f.kind !== WHOLE) throw new Error(`pick-record: ${name} is not a value read`);
            this.unkeyed[f.slot] = 1;
        }
    }

    /** Whether field slot's string value is left out of the key. */
    unkeyedSlot(slot: number): boolean {
        return this.unkeyed[slot] === 1;
    }
}

// The walk's state (one walk at a time: the replay is synchronous).
/** The value the last read* call read. */
let value: unknown;
let column = -1;
let appliedKeys = 0;
let scanned = false;
let scan: AppliedScan;
let pick: RecordPick;
let key: Uint8Array;
let kp = 0;
/** Whether the walk writes the key. */
let keyed = true;
/** A view of the record's buffer, for comparing words. */
let view: DataView;

/** Room for `n` more key bytes. */
function room(n: number): void {
    if (kp + n <= key.length) return;
    const k = new Uint8Array(2 * (kp + n));
    k.set(key.subarray(0, kp));
    key = pick.key = k;
}

function keyByte(b: number): void {
    if (!keyed) return;
    room(1);
    key[kp++] = b;
}

/** Field `slot`'s value as text, bytes [s, e). */
function keyText(slot: number, u: Uint8Array, s: number, e: number): void {
    if (!keyed) return;
    const n = e - s;
    room(n + 6);
    const k = key;
    let p = kp;
    k[p] = slot; k[p + 1] = RAW; k[p + 2] = n & 0xff; k[p + 3] = (n >>> 8) & 0xff; k[p + 4] = (n >>> 16) & 0xff; k[p + 5] = n >>> 24;
    p += 6;
    for (let j = s; j < e; j++) k[p++] = u[j]!;
    kp = p;
}

/**
 * Strings made from a field's bytes, a few hundred per field: a log repeats the same user, app, OS, client and
 * country over and over, and reusing the string (compared by its bytes) saves making it, collecting it and, where it
 * is looked up in a Map, hashing it again. Each way holds a string's whole text, quotes included, as checked once (no
 * escape, no control character): the same bytes at a value are the same string, ending at the same quote, so a hit
 * also saves checking it. Direct-mapped by the value's first twelve bytes (the quote, its start, and for a short string
 * what follows it); strings of more than TEXT_MAX bytes, quotes included, are made afresh. Fixed memory: each field's
 * bytes sit in one arena. A field whose values rarely repeat (fewer than half found over TEXT_WINDOW values) skips the
 * table for the next TEXT_REST values: a miss costs more than making the string.
 */
const TEXT_BITS = 8, TEXT_WAYS = 1 << TEXT_BITS, TEXT_MAX = 68, TEXT_WINDOW = 1024, TEXT_REST = 16_384;
class TextCache {
    readonly bytes = new Uint8Array(TEXT_WAYS * TEXT_MAX);
    readonly words = new Int32Array(this.bytes.buffer);
    readonly lengths = new Int16Array(TEXT_WAYS);
    readonly texts: string[] = new Array<string>(TEXT_WAYS).fill('');
    // Counted as KnownKey's (the first window ends at the first value, the rest is counted down by every call).
    tries = TEXT_WINDOW - 1;
    hits = TEXT_WINDOW;
    rest = 0;
}
const textCaches: (TextCache | undefined)[] = [];

/**
 * The string whose opening quote is at `i`, field `slot`'s value, into `value`: the same string as last time where
 * the bytes are. Returns the offset after its closing quote, or -1 (not a valid string).
 */
function readString(slot: number, u: Uint8Array, i: number, n: number): number {
    const c = (textCaches[slot] ??= new TextCache());
    // One path for every call (see KnownKey): resting, or too near the end to hash, the string is made and not kept.
    const rest = c.rest;
    c.rest = Math.max(rest - 1, 0);
    const cached = rest === 0 && i + 12 <= n;
    if (cached && ++c.tries === TEXT_WINDOW) {
        c.rest = 2 * c.hits < TEXT_WINDOW ? TEXT_REST : 0;
        c.tries = c.hits = 0;
    }
    let w = 0;
    if (cached) {
        const abs = u.byteOffset + i;
        const h = Math.imul(view.getInt32(abs, true) ^ Math.imul(view.getInt32(abs + 4, true), 0x85ebca6b), 0x9e3779b1) ^ view.getInt32(abs + 8, true);
        w = Math.imul(h ^ (h >>> 15), 0x2c1b3c6d) >>> (32 - TEXT_BITS);
        const length = c.lengths[w]!;
        if (length > 0 && i + length <= n && sameBytes(u, view, abs, i, c.bytes, c.words, w * TEXT_MAX, length)) {
            c.hits++;
            value = c.texts[w]!;
            return i + length;
        }
    }
    const s = i;
    if ((i = plainString(u, i, n)) < 0) return -1;
    const m = i - s;
    if (cached && !escaped && m <= TEXT_MAX) {
        const bytes = c.bytes, at = w * TEXT_MAX;
        for (let k = 0; k < m; k++) bytes[at + k] = u[s + k]!;
        c.lengths[w] = m;
        c.texts[w] = value as string;
    }
    return i;
}

/** The string whose opening quote is at `i`, into `value`. Returns the offset after its closing quote, or -1. Sets `escaped`. */
function plainString(u: Uint8Array, i: number, n: number): number {
    const s = i;
    if ((i = validString(u, i, n)) < 0) return -1;
    value = escaped ? JSON.parse(textOf(u, s, i)) as string : textOf(u, s + 1, i - 1);
    return i;
}

const TRUE = asciiBytes('true'), FALSE = asciiBytes('false'), NULL = asciiBytes('null');

/** Past whitespace, if any (compact logs have none: look before calling). */
function ws(u: Uint8Array, i: number): number {
    return isWs(u[i]! | 0) ? skipWs(u, i) : i;
}

/**
 * Walks the record whose text starts at `s` (after whitespace) and may reach up to `e`; counts its line ends and,
 * given the records' column, notes a line inside that starts a record there (json-bytes' lines, recordLine).
 * Returns false when the record must take the JSON.parse path; else `out` holds it. Without `withKey` (the memo is not
 * asked about this record) the key is not written: keyLength is 0.
 */
export function pickRecord(u: Uint8Array, s: number, e: number, out: RecordPick, recordColumn = -1, withKey = true): boolean {
    resetLines(recordColumn);
    column = recordColumn;
    appliedKeys = 0;
    scanned = false;
    scan = out.applied;
    pick = out;
    key = out.key;
    kp = 0;
    keyed = withKey;
    view = out.applied.viewOf(u);
    const i = ws(u, s);
    if (u[i] !== LBRACE) return false;
    const end = readObject(u, i, e, TOP, 1);
    if (end < 0 || appliedKeys > 1) return false;
    out.keyLength = kp;
    out.record = value as Record<string, unknown>;
    out.scanned = scanned;
    out.end = end;
    return true;
}

/** The object whose `{` is at `i`, with only `level`'s keys. Returns the offset after its `}`, or -1. */
function readObject(u: Uint8Array, i: number, n: number, level: Level, depth: number): number {
    const obj: Record<string, unknown> = {};
    const abs = u.byteOffset;
    let prev: KnownKey | undefined; // the key before (undefined: none yet)
    let j = i + 1; // after the `{` or `,`
    for (let first = true; ; first = false) {
        let kk = first ? level.first : prev?.next, f: Field | undefined;
        const m = kk !== undefined ? kk.leadLength : 0;
        if (m > 0 && j + m <= n && sameBytes(u, view, abs + j, j, kk!.lead, kk!.leadWords, 0, m)) {
            f = kk!.field;
            if (kk!.leadLines > 0) addLines(kk!.leadLines, j + kk!.leadLast);
            i = ws(u, j + m);
        } else {
            i = ws(u, j);
            if (first && u[i] === RBRACE) { value = obj; return i < n ? i + 1 : -1; }
            if (u[i] !== QUOTE) return -1;
            const ks = i;
            if ((i = validString(u, i, n)) < 0 || escaped) return -1; // an escaped key could spell a name read
            const ke = i;
            kk = level.knownKey(u, ks, ke);
            f = kk !== undefined ? kk.field : level.find(u, ks + 1, ke - 1);
            if (first) level.first = kk;
            else if (prev !== undefined) prev.next = kk;
            i = ws(u, i);
            if (u[i] !== COLON) return -1;
            i = ws(u, i + 1);
            kk?.setLead(u, j, ke, i);
        }
        prev = kk;
        if (f === undefined) {
            if (kk === undefined) {
                if ((i = validValue(u, i, n, depth)) < 0) return -1;
            } else if ((i = skipKnown(u, i, n, depth, kk)) < 0) return -1;
        } else {
            if ((i = readValue(u, i, n, f, depth)) < 0) return -1;
            obj[f.name] = value;
        }
        i = ws(u, i);
        const c = u[i];
        if (c === RBRACE) { value = obj; return i < n ? i + 1 : -1; }
        if (c !== COMMA) return -1;
        j = i + 1;
    }
}

/**
 * Past the valid value at `i`, not read, after key `kk`: the same bytes as the last value there (then `,` or `}`) are
 * that value again; else it is checked (validValue) and kept for next time.
 */
function skipKnown(u: Uint8Array, i: number, n: number, depth: number, kk: KnownKey): number {
    // One path for every call (see KnownKey): resting, the value is checked and not kept.
    const rest = kk.rest;
    kk.rest = Math.max(rest - 1, 0);
    if (rest === 0 && ++kk.tries === VALUE_WINDOW) {
        kk.rest = 4 * kk.hits < VALUE_WINDOW ? VALUE_REST : 0; // one store either way: both ways run from the first window
        kk.tries = kk.hits = 0;
    }
    const length = rest === 0 ? kk.valueLength : -1;
    if (length >= 0 && i + length < n && sameBytes(u, view, u.byteOffset + i, i, kk.value, kk.valueWords, 0, length)) {
        const c = u[i + length]!;
        if (c === COMMA || c === RBRACE || isWs(c)) { // what ends the value ends it here too
            kk.hits++;
            if (kk.valueLines > 0) {
                addLines(kk.valueLines, i + kk.valueLast);
                if (column > 0 && hasRecordLine(kk.value, length, column)) markRecordLine();
            }
            return i + length;
        }
    }
    const s = i;
    if ((i = validValue(u, i, n, depth)) < 0) return -1;
    if (rest > 0) return i;
    const m = i - s;
    kk.valueLength = -1;
    if (m <= VALUE_MAX) {
        const v = kk.value;
        let lines = 0, last = -1;
        for (let k = 0; k < m; k++) if ((v[k] = u[s + k]!) === NL) { lines++; last = k; }
        kk.valueLines = lines;
        kk.valueLast = last;
        kk.valueLength = m;
    }
    return i;
}

/** The value of field `f` starting at `i`, and its key. Returns the offset after it, or -1. */
function readValue(u: Uint8Array, i: number, n: number, f: Field, depth: number): number {
    const c = u[i], s = i;
    if (c === QUOTE) {
        const unkeyed = pick.unkeyedSlot(f.slot);
        if ((i = unkeyed ? plainString(u, i, n) : readString(f.slot, u, i, n)) < 0) return -1;
        if (!keyed) { /* no key */ } else if (unkeyed) { room(3); key[kp++] = f.slot; key[kp++] = UNKEYED; key[kp++] = i - s === 2 ? 1 : 0; } else keyText(f.slot, u, s, i);
        return i;
    }
    if (c === LBRACE && f.kind === OBJECT) {
        keyByte(f.slot); keyByte(OPEN);
        i = readObject(u, i, n, f.level!, depth + 1);
        keyByte(CLOSE);
        return i;
    }
    if (c === LBRACKET) {
        if (f.kind === APPLIED) {
            appliedKeys++;
            if ((i = scanAppliedPolicies(u, i, n, scan, column)) < 0) return -1;
            scanned = true;
            value = null;
            keyByte(f.slot); keyByte(SCANNED);
            return i;
        }
        if (f.kind === OBJECTS) {
            keyByte(f.slot); keyByte(LIST);
            i = readObjects(u, i, n, f.level!, depth + 1);
            keyByte(CLOSE);
            return i;
        }
    }
    if (f.kind === APPLIED) appliedKeys++;
    if ((i = readOther(u, i, n, depth)) >= 0) keyText(f.slot, u, s, i);
    return i;
}

/** Any value, as JSON.parse gives it: the usual literals directly, the rest parsed from its text (rare in logs). */
function readOther(u: Uint8Array, i: number, n: number, depth: number): number {
    const c = u[i];
    if (c === 0x74 && word(u, i, n, TRUE)) { value = true; return i + 4; }
    if (c === 0x66 && word(u, i, n, FALSE)) { value = false; return i + 5; }
    if (c === 0x6e && word(u, i, n, NULL)) { value = null; return i + 4; }
    const s = i;
    if ((i = validValue(u, i, n, depth)) < 0) return -1;
    value = JSON.parse(textOf(u, s, i));
    return i;
}

/** Whether `w` is at `i`, ending by `n` (what follows is the caller's to check). */
function word(u: Uint8Array, i: number, n: number, w: Uint8Array): boolean {
    if (i + w.length > n) return false;
    for (let k = 1; k < w.length; k++) if (u[i + k] !== w[k]) return false;
    return true;
}

/** The array whose `[` is at `i`: of each object element only `level`'s keys, other elements whole. */
function readObjects(u: Uint8Array, i: number, n: number, level: Level, depth: number): number {
    const out: unknown[] = [];
    i = ws(u, i + 1);
    if (u[i] === RBRACKET) { value = out; return i < n ? i + 1 : -1; }
    for (;;) {
        const s = i;
        if (u[i] === LBRACE) {
            keyByte(0); keyByte(OPEN);
            if ((i = readObject(u, i, n, level, depth + 1)) < 0) return -1;
            keyByte(CLOSE);
        } else {
            if ((i = readOther(u, i, n, depth)) < 0) return -1;
            keyText(0, u, s, i);
        }
        out.push(value);
        i = ws(u, i);
        const c = u[i];
        if (c === RBRACKET) { value = out; return i < n ? i + 1 : -1; }
        if (c !== COMMA) return -1;
        i = ws(u, i + 1);
    }
}
