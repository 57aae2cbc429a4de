// Splits a sign-in log into one record at a time, without parsing the whole file: a JSON array of records, Graph
// pages (`{ "value": [...], "@odata.nextLink": … }`, one or several in a row), or JSON lines. Input arrives as UTF-8
// bytes in chunks of any size (strings are accepted too and encoded); only the unfinished record is kept between
// chunks, so memory does not grow with the log. Working on bytes spares decoding the whole log into strings: a
// record is decoded only as far as JSON.parse needs it. Records are located by brackets and quotes alone, and every
// record carries the 1-based line and column (UTF-16 units, as an editor counts) where it starts. A damaged record is
// reported and skipped; the splitter finds the next record by its indentation, so one bad record never loses the
// rest of the log.

import { asciiBytes, BACKSLASH, COLON, COMMA, CR, isWs, LBRACE, LBRACKET, NL, QUOTE, RBRACE, RBRACKET, SPACE, TAB, utf16Length } from './json-bytes.js';
import { allocBytes, encodeUtf8, indexOfByte, textOf } from './bytes.js';

export interface LogRecord {
    /** The UTF-8 bytes holding the record: [start, end). */
    bytes: Uint8Array;
    start: number;
    end: number;
    /** 0-based position among the records of the log (bad ones included). */
    index: number;
    line: number;
    column: number;
    /** The record's JSON text (decoded on first use). */
    readonly text: string;
}

/** A record in `bytes` [start, end) (parallel replay: workers rebuild the records of a batch). */
export function logRecord(bytes: Uint8Array, start: number, end: number, index: number, line: number, column: number): LogRecord {
    return new SplitRecord(bytes, start, end, index, line, column);
}

class SplitRecord implements LogRecord {
    private decoded: string | undefined;
    constructor(readonly bytes: Uint8Array, readonly start: number, readonly end: number, readonly index: number, readonly line: number, readonly column: number) {}
    get text(): string {
        return (this.decoded ??= textOf(this.bytes, this.start, this.end));
    }
}

export interface LogError {
    /** The record the problem is in; undefined for problems between records. */
    index: number | undefined;
    line: number;
    column: number;
    message: string;
}

export interface RecordSink {
    record(r: LogRecord): void;
    error(e: LogError): void;
    /**
     * Optional, for an array element starting at `start`: replays the record straight from the buffer when it can
     * vouch that splitting would give exactly a record [start, end) ending before `limit`, with no problem (then
     * splitting it is skipped: the record's check already went over every byte). Returns `end` and the record's line
     * ends in `lines`, or -1 to have it split and passed to record() as usual.
     */
    whole?(bytes: Uint8Array, start: number, limit: number, at: { index: number; line: number; column: number; recordColumn: number }, lines: LineEnds): number;
}

/** Line ends inside a record: how many, and the offset of the last. */
export interface LineEnds { count: number; last: number }

export interface SplitterOptions {
    /** A record longer than this (UTF-16 units) is reported and skipped; bounds memory on a damaged log. */
    maxRecordChars?: number;
    /** Start in the middle of a log, at a line where records start (a parallel replay's stretch of the file). */
    resume?: ResumePoint;
}

/**
 * A line start between records where splitting can start afresh: in JSON lines any line start; in an array whose
 * records start their lines at `column`, a line with `{` there (the splitter takes such a line as a record's start
 * whatever came before, so a stretch of the log that begins there splits the same alone as in the whole log).
 */
export type ResumePoint = { layout: 'lines'; column: number } | { layout: 'array'; column: number; inPage: boolean };

const enum Ctx { Top, Array, Record, PageTail, Skip }

const EMPTY = new Uint8Array(0);
/** Bytes of a new chunk copied behind an unfinished record (see push). */
const HEAD = 16 * 1024;
const VALUE = asciiBytes('value');
/** Bytes beyond twice the longest record so far that must follow an array element for it to be replayed whole before the next chunk comes. */
const WHOLE_SLACK = 4096;

/** Bytes a record scan stops at: quotes, brackets, line ends. */
const SCAN = new Uint8Array(256);
for (const c of [QUOTE, LBRACE, RBRACE, LBRACKET, RBRACKET, NL]) SCAN[c] = 1;
/** Bytes a string scan stops at: its quote, a backslash, a line end. */
const IN_STRING = new Uint8Array(256);
for (const c of [QUOTE, BACKSLASH, NL]) IN_STRING[c] = 1;

export class RecordSplitter {
    private buf: Uint8Array = EMPTY;
    /** The splitter's own buffer (see append) and how much of it is written. */
    private store: Uint8Array = EMPTY;
    private stored = 0;
    private pos = 0;
    /** Line number and start offset (in buf; negative once the line's start was dropped) of the line `pos` is on. */
    private line = 1;
    private lineStart = 0;
    /** Column cache: the line's UTF-16 units before byte offset `colAt` (so columns cost O(1) amortised). */
    private colAt = 0;
    private colUnits = 0;
    private ctx = Ctx.Top;
    /** In Array: after `[` or `,` (an element is due) rather than after an element. */
    private expectElement = false;
    /** The records array is a page's `value` (its end leads into the page's tail, not the top level). */
    private inPage = false;
    private depth = 0;
    private recStart = 0;
    private recLine = 0;
    private recCol = 0;
    /** The record is a top-level value (JSON lines), whose `value` array would make it a page. */
    private recTop = false;
    private recBad: LogError | undefined;
    /** Where skipping resumes: the context the abandoned record was in. */
    private resumeCtx = Ctx.Top;
    /** Column at which records start, when the first one started its line; -1 = unknown. */
    private recordColumn = -1;
    private index = 0;
    private ended = false;
    /** JSON lines detected (the first top-level record was one whole line): each line is one record. */
    private lineMode = false;
    private pendingLineMode = false;
    private started = false;
    /** In Array: the last token was a comma (a ']' now is a trailing comma). */
    private afterComma = false;
    /** A high surrogate that ended the last string chunk (its pair comes with the next one). */
    private pendingHigh = '';
    /** Splitting a chunk's head (see push): an unfinished record waits for the rest of the chunk. */
    private partial = false;
    /** scanRecord stopped at the start of a new record (the one before was never closed), not for want of input. */
    private restarted = false;
    /** The longest record so far, in bytes (sizes the chunk head copied behind an unfinished record). */
    private longest = 0;
    /** Splitting what is buffered without waiting for more bytes (resumePoint). */
    private draining = false;
    private readonly maxRecordChars: number;
    private readonly lineEnds: LineEnds = { count: 0, last: -1 };

    constructor(private readonly sink: RecordSink, options: SplitterOptions = {}) {
        this.maxRecordChars = options.maxRecordChars ?? 4 * 1024 * 1024;
        const r = options.resume;
        if (r) {
            this.started = true; // no byte-order mark mid-file
            this.recordColumn = r.column;
            if (r.layout === 'lines') {
                this.lineMode = true;
            } else {
                this.ctx = Ctx.Array;
                this.inPage = r.inPage;
                this.expectElement = true;
                this.afterComma = true;
            }
        }
    }

    /**
     * Where the splitter stands, when everything pushed is split and it is at a line start between records as a
     * `resume` point assumes (after a record and its comma, in an array); undefined anywhere else.
     */
    resumePoint(): ResumePoint | undefined {
        this.drain();
        if (this.ended || this.buf.length !== 0 || this.lineStart !== 0 || this.recordColumn <= 0) return undefined;
        if (this.ctx === Ctx.Top && this.lineMode) return { layout: 'lines', column: this.recordColumn };
        if (this.ctx === Ctx.Array && this.expectElement && this.afterComma) return { layout: 'array', column: this.recordColumn, inPage: this.inPage };
        return undefined;
    }

    /** Splits the elements waiting near the end of the bytes for more to come (see run): none will, for now. */
    private drain(): void {
        if (this.ended || this.buf.length === 0) return;
        this.draining = true;
        this.run(false);
        this.draining = false;
        this.trim();
    }

    /** The resume points this log offers, once its layout is known (JSON lines, or an array of line-starting records). */
    layout(): ResumePoint | undefined {
        if (this.recordColumn <= 0) return undefined;
        if (this.lineMode) return { layout: 'lines', column: this.recordColumn };
        if (this.ctx === Ctx.Array || this.ctx === Ctx.Record && !this.recTop) return { layout: 'array', column: this.recordColumn, inPage: this.inPage };
        return undefined;
    }

    /** Line ends split so far. */
    get lines(): number { return this.line - 1; }

    /**
     * Feeds the next chunk: UTF-8 bytes, or text. The splitter may keep a view of a chunk's unfinished record until
     * the next push (or end) returns, so the caller may reuse a chunk's buffer only after that; a record's bytes are
     * the sink's to read during its call.
     */
    push(chunk: Uint8Array | string): void {
        if (this.ended) throw new Error('RecordSplitter: push after end');
        let bytes = typeof chunk === 'string' ? this.encode(chunk) : chunk;
        if (!this.started && bytes.length > 0) {
            this.started = true;
            if (bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) bytes = bytes.subarray(3);
        }
        const rest = this.buf.length; // trim() left only the unread rest
        const head = Math.max(HEAD, 2 * this.longest + 2 * WHOLE_SLACK);
        if (rest === 0 || bytes.length <= head) return this.feed(bytes);
        // Copy only the chunk's head behind the rest: once the unfinished record lies wholly in the chunk, read on in
        // the chunk itself (no copy of the whole chunk into fresh memory, which costs more than splitting it). The
        // head is split as the start of the chunk, not a chunk of its own: how long an unfinished record may grow is
        // judged at the chunk's end.
        this.partial = true;
        this.feed(bytes.subarray(0, head));
        this.partial = false;
        const from = head - this.buf.length; // the new rest's offset in `bytes`, when it starts there
        if (from >= 0) this.buf = bytes.subarray(from);
        else this.append(bytes.subarray(head));
        this.run(false);
        this.trim();
    }

    private feed(bytes: Uint8Array): void {
        if (this.buf.length > 0) this.append(bytes);
        else this.buf = bytes;
        this.run(false);
        this.trim();
    }

    end(): void {
        if (this.ended) return;
        if (this.pendingHigh) { const high = this.pendingHigh; this.pendingHigh = ''; this.push(high); }
        this.run(true);
        this.ended = true;
        const at = this.position(this.buf.length);
        if (this.ctx === Ctx.Record) {
            this.sink.error(this.recBad ?? { index: this.index, line: this.recLine, column: this.recCol, message: `record ${this.index} is not terminated: unexpected end of input` });
            this.index++;
        } else if (this.ctx === Ctx.Array) {
            this.sink.error({ index: undefined, ...at, message: "unexpected end of input: missing ']' after the last record" });
        } else if (this.ctx === Ctx.PageTail) {
            this.sink.error({ index: undefined, ...at, message: "unexpected end of input: missing '}' at the end of the page" });
        }
        this.buf = EMPTY;
        this.pos = 0;
    }

    /** Records seen so far, bad ones included. */
    get records(): number { return this.index; }

    /**
     * The unread rest followed by `bytes`, in the splitter's own buffer: written in place behind the rest when there
     * is room, else in a new buffer twice the size (so tiny chunks cost no more than big ones). Bytes already passed to
     * the sink are never overwritten.
     */
    private append(bytes: Uint8Array): void {
        const b = this.buf, store = this.store;
        const at = b.byteOffset - store.byteOffset;
        if (b.buffer === store.buffer && at >= 0 && at + b.length === this.stored && this.stored + bytes.length <= store.length) {
            store.set(bytes, this.stored);
            this.stored += bytes.length;
            this.buf = store.subarray(at, this.stored);
            return;
        }
        const length = b.length + bytes.length;
        this.store = allocBytes(Math.max(1 << 16, 2 * length));
        this.store.set(b, 0);
        this.store.set(bytes, b.length);
        this.stored = length;
        this.buf = this.store.subarray(0, length);
    }

    /** Text → UTF-8, keeping a surrogate pair split between two chunks whole. */
    private encode(chunk: string): Uint8Array {
        if (this.pendingHigh) { chunk = this.pendingHigh + chunk; this.pendingHigh = ''; }
        const last = chunk.charCodeAt(chunk.length - 1);
        if (last >= 0xd800 && last <= 0xdbff) { this.pendingHigh = chunk.slice(-1); chunk = chunk.slice(0, -1); }
        return encodeUtf8(chunk);
    }

    /** UTF-16 units from the start of the current line to byte `offset`. */
    private column(offset: number): number {
        if (offset >= this.colAt) {
            this.colUnits += utf16Length(this.buf, this.colAt, offset);
            this.colAt = offset;
            return this.colUnits;
        }
        return this.colUnits - utf16Length(this.buf, offset, this.colAt);
    }

    private position(offset: number): { line: number; column: number } {
        return { line: this.line, column: this.column(offset) + 1 };
    }

    /** Drops consumed bytes: keeps only the unfinished record (or the unread rest). */
    private trim(): void {
        const keep = this.ctx === Ctx.Record ? Math.min(this.recStart, this.pos) : this.pos;
        if (keep === 0) return;
        if (this.colAt < keep) this.column(keep);
        this.buf = this.buf.subarray(keep);
        this.pos -= keep;
        this.recStart -= keep;
        this.lineStart -= keep;
        this.colAt -= keep;
    }

    private newline(i: number): void {
        this.line++;
        this.lineStart = i + 1;
        this.colAt = i + 1;
        this.colUnits = 0;
    }

    /** Longer than maxRecordChars, in UTF-16 units (bytes are never fewer). */
    private tooLong(from: number, to: number): boolean {
        return to - from > this.maxRecordChars && utf16Length(this.buf, from, to) > this.maxRecordChars;
    }

    /** The unescaped quote closing the string opened at `open`, across line ends; -1 when the buffer ends first. */
    private quoteAnywhere(open: number): number {
        const b = this.buf;
        for (let i = open + 1; i < b.length; i++) {
            const c = b[i];
            if (c === QUOTE) return i;
            if (c === BACKSLASH) i++;
        }
        return -1;
    }

    private run(final: boolean): void {
        const b = this.buf;
        const n = b.length;
        let i = this.pos;
        while (i < n) {
            const ctx = this.ctx;
            if (ctx === Ctx.Record) {
                this.restarted = false;
                i = this.scanRecord(i, final);
                if (this.ctx === Ctx.Record && !this.restarted) break; // needs more input
                continue;
            }
            if (ctx === Ctx.Skip) {
                const at = this.skipToRecord(i, final);
                if (at < 0) break; // cannot tell yet whether the next line starts a record
                i = at;
                continue;
            }
            const c = b[i]!;
            if (c === NL) {
                if (this.pendingLineMode) { this.lineMode = true; this.pendingLineMode = false; }
                this.newline(i);
                i++;
                continue;
            }
            if (isWs(c)) { i++; continue; }
            this.pendingLineMode = false;
            if (ctx === Ctx.PageTail) {
                if (c === QUOTE) {
                    const j = this.quoteAnywhere(i);
                    if (j < 0) { if (!final) break; i = n; continue; }
                    i = j + 1;
                    continue;
                }
                if (c === LBRACE || c === LBRACKET) this.depth++;
                else if ((c === RBRACE || c === RBRACKET) && --this.depth === 0) this.ctx = Ctx.Top;
                i++;
                continue;
            }
            if (ctx === Ctx.Top) {
                if (this.lineMode) {
                    const end = this.lineRecord(i, final);
                    if (end < 0) break; // the line continues in the next chunk
                    i = end;
                    continue;
                }
                if (c === LBRACE) { this.startRecord(i, true); continue; }
                if (c === LBRACKET) { this.ctx = Ctx.Array; this.inPage = false; this.expectElement = true; this.afterComma = false; i++; continue; }
                if (this.waits(i, final, indexOfByte(b, NL, i) < 0)) break;
                this.sink.error({ index: undefined, ...this.position(i), message: `expected '[', '{' or a JSON line, found ${describe(b, i)}` });
                i = this.skipLine(i);
                continue;
            }
            // Ctx.Array
            if (this.expectElement) {
                if (c === LBRACE) {
                    if (this.sink.whole) {
                        // Near the end of the bytes the record may be cut: it waits for the next chunk (push copies it
                        // in front), so that the walk never reads past the bytes (which costs the hot loops their
                        // optimised code once per read site) and cut records are not scanned twice. Not the log's first
                        // record, whose line start (the records' column) is judged from the bytes before it, which
                        // waiting would drop; and not beyond maxRecordChars, past which a cut record is too long now.
                        if (!final && !this.draining && (this.index > 0 || this.recordColumn > 0)
                            && n - i <= Math.min(2 * this.longest + WHOLE_SLACK, this.maxRecordChars)) break;
                        this.startRecord(i, false);
                        const end = this.whole(i, n);
                        if (end > 0) i = end;
                        continue;
                    }
                    this.startRecord(i, false);
                    continue;
                }
                if (c === RBRACKET) {
                    if (this.afterComma) this.sink.error({ index: undefined, ...this.position(i), message: "trailing comma before ']'" });
                    this.closeArray();
                    i++;
                    continue;
                }
                if (this.waits(i, final, this.scalarEnd(i) === n)) break;
                this.sink.error({ index: this.index, ...this.position(i), message: `record ${this.index} is not an object (found ${describe(b, i)}); skipped` });
                this.index++;
                this.expectElement = false;
                i = this.skipScalar(i);
                continue;
            }
            if (c === COMMA) { this.expectElement = true; this.afterComma = true; i++; continue; }
            if (c === RBRACKET) { this.closeArray(); i++; continue; }
            if (this.waits(i, final, false)) break;
            this.sink.error({ index: undefined, ...this.position(i), message: `expected ',' or ']' after record ${this.index - 1}, found ${describe(b, i)}` });
            if (c === LBRACE) { this.startRecord(i, false); continue; } // a missing comma: read on
            i++;
        }
        this.pos = i;
    }

    /**
     * Whether to leave bytes from `i` for the next chunk rather than report a problem there: the character at `i` is
     * cut by the buffer's end, or how far the problem reaches is still open (`open`). So where chunks end never
     * changes what is reported (it once did: a damaged stretch cut by a chunk's end was reported twice).
     */
    private waits(i: number, final: boolean, open: boolean): boolean {
        if (final) return false;
        const c = this.buf[i]!;
        const len = c < 0xc0 ? 1 : c >= 0xf0 ? 4 : c >= 0xe0 ? 3 : 2;
        return i + len > this.buf.length || open;
    }

    /** Where a non-object element starting at `i` ends: its `,` or `]`, or the buffer's end. */
    private scalarEnd(i: number): number {
        const b = this.buf;
        while (i < b.length && b[i] !== COMMA && b[i] !== RBRACKET) i++;
        return i;
    }

    private closeArray(): void {
        if (this.inPage) { this.ctx = Ctx.PageTail; this.depth = 1; } else this.ctx = Ctx.Top;
    }

    private startRecord(i: number, top: boolean): void {
        this.ctx = Ctx.Record;
        this.recTop = top;
        this.depth = 0;
        this.recStart = i;
        this.recLine = this.line;
        this.recCol = this.column(i) + 1;
        this.recBad = undefined;
        if (this.recordColumn < 0 && this.index === 0 && this.startsLine(i)) this.recordColumn = this.recCol;
    }

    /** The sink's whole(): on success the record is done and its line ends are counted. */
    private whole(i: number, n: number): number {
        const at = { index: this.index, line: this.recLine, column: this.recCol, recordColumn: this.recordColumn };
        const f = this.lineEnds;
        const end = this.sink.whole!(this.buf, i, Math.min(n, i + this.maxRecordChars), at, f);
        if (end < 0) return -1;
        if (end - i > this.longest) this.longest = end - i;
        if (f.count > 0) {
            this.line += f.count;
            this.lineStart = this.colAt = f.last + 1;
            this.colUnits = 0;
        }
        this.index++;
        this.ctx = Ctx.Array;
        this.expectElement = false;
        return end;
    }

    private startsLine(i: number): boolean {
        for (let k = i - 1; k >= this.lineStart && k >= 0; k--) if (!isWs(this.buf[k]!)) return false;
        return i >= this.lineStart;
    }

    /** Scans a record from `i`; returns where it stopped. Leaves ctx as Record when the buffer ends first. */
    private scanRecord(i: number, final: boolean): number {
        const b = this.buf;
        const n = b.length;
        const column = this.recordColumn;
        let depth = this.depth;
        for (;;) {
            while (i < n && SCAN[b[i]!] === 0) i++; // past bytes that do not matter here
            if (i >= n) break;
            const c = b[i]!;
            if (c === QUOTE) {
                // The string's end: its closing quote, or a line end first (broken), or the buffer's end.
                let j = i + 1;
                let d = b[j]! | 0;
                for (;;) {
                    while (IN_STRING[d] === 0 && j < n) d = b[++j]! | 0;
                    if (d !== BACKSLASH || j + 1 >= n || b[j + 1] === NL) break;
                    j += 2;
                    d = b[j]! | 0;
                }
                if (j >= n || d === BACKSLASH && j + 1 >= n) {
                    if (!final && (this.partial || !this.tooLong(this.recStart, n))) break; // the string may close in the next chunk
                    i = n;
                    break;
                }
                if (d !== QUOTE) {
                    // JSON strings hold no raw line break: the string is broken; read on from the line end.
                    this.recBad ??= { index: this.index, ...this.position(i), message: `record ${this.index}: unterminated string` };
                    i = d === NL ? j : j + 1;
                    continue;
                }
                if (this.recTop && depth === 1 && j - i === 6 && b[i + 1] === VALUE[0] && b[i + 2] === VALUE[1] && b[i + 3] === VALUE[2] && b[i + 4] === VALUE[3] && b[i + 5] === VALUE[4]) {
                    const at = this.pageStart(j + 1, final);
                    if (at === -1) break; // cannot tell yet: re-read from the key with the next chunk
                    if (at > 0) {
                        // `{ "value": [` at the top level: a Graph page, whose elements are the records.
                        for (let k = j + 1; k < at; k++) if (b[k] === NL) this.newline(k);
                        this.ctx = Ctx.Array;
                        this.inPage = true;
                        this.expectElement = true;
                        this.afterComma = false;
                        if (this.index === 0) this.recordColumn = -1; // the page's records set it
                        return at;
                    }
                }
                i = j + 1;
                continue;
            }
            if (c === LBRACE || c === LBRACKET) { depth++; i++; continue; }
            if (c === RBRACE || c === RBRACKET) {
                i++;
                if (--depth === 0) { this.depth = 0; this.finishRecord(i); return i; }
                continue;
            }
            // NL: is the next line a record's start? (Wait for the next chunk when its bytes are not all here.)
            if (!final && column > 0 && i + column >= n) break;
            this.newline(i);
            i++;
            if (column > 0 && b[i + column - 1] === LBRACE && this.nextRecordAt(i)) {
                // The next record begins at the records' indentation: this one was never closed. (Splitting goes on:
                // it used to stop until the next chunk, and at the log's end lost what followed.)
                this.depth = 0;
                this.sink.error(this.recBad ?? { index: this.index, line: this.recLine, column: this.recCol, message: `record ${this.index} is not terminated before the next record` });
                this.index++;
                this.startRecord(i + column - 1, this.recTop);
                this.restarted = true;
                return i + column - 1;
            }
        }
        this.depth = depth;
        if (!this.partial && this.tooLong(this.recStart, i)) {
            this.sink.error({ index: this.index, line: this.recLine, column: this.recCol, message: `record ${this.index} is longer than ${this.maxRecordChars} characters; skipped` });
            this.index++;
            this.resumeCtx = this.recTop ? Ctx.Top : Ctx.Array;
            this.ctx = Ctx.Skip;
            return i;
        }
        // Resume at an unfinished string's opening quote (it is re-read with the next chunk).
        return i;
    }

    /** After a `"value"` key: the offset past `: [`, 0 when something else follows, -1 when the buffer ends first. */
    private pageStart(i: number, final: boolean): number {
        const b = this.buf;
        while (i < b.length && isWs(b[i]!)) i++;
        if (i >= b.length) return final ? 0 : -1;
        if (b[i] !== COLON) return 0;
        i++;
        while (i < b.length && isWs(b[i]!)) i++;
        if (i >= b.length) return final ? 0 : -1;
        return b[i] === LBRACKET ? i + 1 : 0;
    }

    /** Does a record start at the records' column on the line beginning at `i`? */
    private nextRecordAt(i: number): boolean {
        const b = this.buf;
        const at = i + this.recordColumn - 1;
        if (at >= b.length || b[at] !== LBRACE) return false;
        for (let k = i; k < at; k++) { const c = b[k]; if (c !== SPACE && c !== TAB) return false; }
        return true;
    }

    /**
     * JSON lines: the record is the rest of the line (JSON.parse judges it), so a damaged line costs only itself.
     * Returns the offset of the line's end, or -1 when the line is not complete yet.
     */
    private lineRecord(i: number, final: boolean): number {
        const b = this.buf;
        let nl = indexOfByte(b, NL, i);
        if (nl < 0) {
            if (!final) {
                if (!this.partial && this.tooLong(i, b.length)) {
                    this.sink.error({ index: this.index, ...this.position(i), message: `record ${this.index} is longer than ${this.maxRecordChars} characters; skipped` });
                    this.index++;
                    this.resumeCtx = Ctx.Top;
                    this.ctx = Ctx.Skip;
                    return b.length;
                }
                return -1;
            }
            nl = b.length;
        }
        const end = b[nl - 1] === CR ? nl - 1 : nl;
        if (end - i > this.longest) this.longest = end - i;
        this.sink.record(new SplitRecord(b, i, end, this.index, this.line, this.column(i) + 1));
        this.index++;
        return nl;
    }

    private finishRecord(end: number): void {
        if (end - this.recStart > this.longest) this.longest = end - this.recStart;
        if (this.recBad) this.sink.error(this.recBad);
        else this.sink.record(new SplitRecord(this.buf, this.recStart, end, this.index, this.recLine, this.recCol));
        // The first top-level record starts its line: JSON lines if nothing else follows it on that line.
        if (this.recTop && this.index === 0 && this.recCol === 1 && this.recLine === this.line && !this.recBad) this.pendingLineMode = true;
        this.index++;
        this.ctx = this.recTop ? Ctx.Top : Ctx.Array;
        this.expectElement = false;
    }

    /**
     * Skipping a damaged record: on to the next line that starts a record at the records' column. Returns -1 when the
     * buffer ends before such a line can be told.
     */
    private skipToRecord(i: number, final: boolean): number {
        const b = this.buf;
        for (;;) {
            if (i === this.lineStart && this.recordColumn > 0) {
                if (!final && i + this.recordColumn > b.length) return -1;
                if (this.nextRecordAt(i)) {
                    this.ctx = this.resumeCtx;
                    const at = i + this.recordColumn - 1;
                    this.startRecord(at, this.resumeCtx === Ctx.Top);
                    return at;
                }
            }
            const nl = indexOfByte(b, NL, i);
            if (nl < 0) return b.length;
            this.newline(nl);
            i = nl + 1;
        }
    }

    private skipLine(i: number): number {
        const nl = indexOfByte(this.buf, NL, i);
        return nl < 0 ? this.buf.length : nl;
    }

    /** Past a non-object array element, to the next ',' or ']'. */
    private skipScalar(i: number): number {
        const b = this.buf;
        while (i < b.length) {
            const c = b[i];
            if (c === COMMA || c === RBRACKET) return i;
            if (c === NL) this.newline(i);
            i++;
        }
        return i;
    }
}

/** The character at byte `i`, quoted for a message. */
function describe(b: Uint8Array, i: number): string {
    if (i >= b.length) return 'end of input';
    const c = b[i]!;
    if (c < 0x20) return JSON.stringify(String.fromCharCode(c));
    if (c < 0x80) return `'${String.fromCharCode(c)}'`;
    const len = c >= 0xf0 ? 4 : c >= 0xe0 ? 3 : 2;
    return `'${textOf(b, i, Math.min(b.length, i + len))}'`;
}
