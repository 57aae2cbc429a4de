// REFERENCE (tests only): the string splitter as it was before the byte path (git 48c2384), with the fixes the new
// one has too, marked FIX: where chunks end no longer changes what is reported (damage cut by a chunk's end was
// reported twice, a record line cut by it was missed), and a record found unterminated no longer stops the split of
// the chunk until the next one (at the log's end that lost the records after it). Do not optimise.
//
// Splits a sign-in log into the text of one record at a time, without parsing the whole file: a JSON array of
// records, Graph pages (`{ "value": [...], "@odata.nextLink": … }`, one or several in a row), or JSON lines. Text
// arrives in chunks of any size; only the unfinished record is kept between chunks, so memory does not grow with
// the log. Records are located by brackets and quotes alone (JSON.parse then reads each record), and every record
// carries the 1-based line and column where it starts. A damaged record is reported and skipped; the splitter
// finds the next record by its indentation, so one bad record never loses the rest of the log.

export interface LogRecord {
    /** The record's JSON text. */
    text: string;
    /** 0-based position among the records of the log (bad ones included). */
    index: number;
    line: number;
    column: number;
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
}

export interface SplitterOptions {
    /** A record longer than this (UTF-16 units) is reported and skipped; bounds memory on a damaged log. */
    maxRecordChars?: number;
}

const enum Ctx { Top, Array, Record, PageTail, Skip }

const QUOTE = 0x22, BACKSLASH = 0x5c, LBRACE = 0x7b, RBRACE = 0x7d, LBRACKET = 0x5b, RBRACKET = 0x5d;
const COMMA = 0x2c, COLON = 0x3a, NL = 0x0a, CR = 0x0d, SPACE = 0x20, TAB = 0x09;

function isWs(c: number): boolean {
    return c === SPACE || c === NL || c === CR || c === TAB;
}

export class RecordSplitter {
    private buf = '';
    private pos = 0;
    /** Line number and start offset (in buf; may be negative) of the line `pos` is on. */
    private line = 1;
    private lineStart = 0;
    /** Cached offset of the next '\n' at or after some position; -1 = recompute. */
    private nl = -1;
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
    private readonly maxRecordChars: number;

    constructor(private readonly sink: RecordSink, options: SplitterOptions = {}) {
        this.maxRecordChars = options.maxRecordChars ?? 4 * 1024 * 1024;
    }

    push(chunk: string): void {
        if (this.ended) throw new Error('RecordSplitter: push after end');
        if (!this.started && chunk.length > 0) {
            this.started = true;
            if (chunk.charCodeAt(0) === 0xfeff) chunk = chunk.slice(1);
        }
        this.buf += chunk; // trim() left only the unread rest
        this.nl = -1;
        this.run(false);
        this.trim();
    }

    end(): void {
        if (this.ended) return;
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
        this.buf = '';
        this.pos = 0;
    }

    /** Records seen so far, bad ones included. */
    get records(): number { return this.index; }

    private position(offset: number): { line: number; column: number } {
        return { line: this.line, column: offset - this.lineStart + 1 };
    }

    /** Drops consumed text: keeps only the unfinished record (or the unread rest). */
    private trim(): void {
        const keep = this.ctx === Ctx.Record ? Math.min(this.recStart, this.pos) : this.pos;
        if (keep === 0) return;
        this.buf = this.buf.slice(keep);
        this.pos -= keep;
        this.recStart -= keep;
        this.lineStart -= keep;
        this.nl = -1;
    }

    private newline(i: number): void {
        this.line++;
        this.lineStart = i + 1;
    }

    private nextNewline(from: number): number {
        if (this.nl < from) {
            const n = this.buf.indexOf('\n', from);
            this.nl = n < 0 ? Number.MAX_SAFE_INTEGER : n;
        }
        return this.nl;
    }

    /** Offset of the quote closing the string opened at `open`; -1 when the buffer ends first. */
    private closingQuote(open: number): number {
        const b = this.buf;
        let j = b.indexOf('"', open + 1);
        while (j > 0) {
            let k = j - 1;
            while (b.charCodeAt(k) === BACKSLASH) k--;
            if ((j - k) % 2 === 1) return j; // an even number of backslashes: the quote is not escaped
            j = b.indexOf('"', j + 1);
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
                const index = this.index;
                i = this.scanRecord(i, final);
                if (this.ctx === Ctx.Record && this.index === index) break; // needs more input (FIX: not after a restart)
                continue;
            }
            if (ctx === Ctx.Skip) {
                const at = this.skipToRecord(i, final);
                if (at < 0) break; // FIX
                i = at;
                continue;
            }
            const c = b.charCodeAt(i);
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
                    const j = this.closingQuote(i);
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
                if (!final && b.indexOf('\n', i) < 0) break; // FIX
                this.sink.error({ index: undefined, ...this.position(i), message: `expected '[', '{' or a JSON line, found ${describe(b, i)}` });
                i = this.skipLine(i);
                continue;
            }
            // Ctx.Array
            if (this.expectElement) {
                if (c === LBRACE) { this.startRecord(i, false); continue; }
                if (c === RBRACKET) {
                    if (this.afterComma) this.sink.error({ index: undefined, ...this.position(i), message: "trailing comma before ']'" });
                    this.closeArray();
                    i++;
                    continue;
                }
                if (!final && !/[,\]]/.test(b.slice(i))) break; // FIX
                this.sink.error({ index: this.index, ...this.position(i), message: `record ${this.index} is not an object (found ${describe(b, i)}); skipped` });
                this.index++;
                this.expectElement = false;
                i = this.skipScalar(i);
                continue;
            }
            if (c === COMMA) { this.expectElement = true; this.afterComma = true; i++; continue; }
            if (c === RBRACKET) { this.closeArray(); i++; continue; }
            this.sink.error({ index: undefined, ...this.position(i), message: `expected ',' or ']' after record ${this.index - 1}, found ${describe(b, i)}` });
            if (c === LBRACE) { this.startRecord(i, false); continue; } // a missing comma: read on
            i++;
        }
        this.pos = i;
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
        this.recCol = i - this.lineStart + 1;
        this.recBad = undefined;
        if (this.recordColumn < 0 && this.index === 0 && this.startsLine(i)) this.recordColumn = this.recCol;
    }

    private startsLine(i: number): boolean {
        for (let k = i - 1; k >= this.lineStart && k >= 0; k--) if (!isWs(this.buf.charCodeAt(k))) return false;
        return i >= this.lineStart;
    }

    /** Scans a record from `i`; returns where it stopped. Leaves ctx as Record when the buffer ends first. */
    private scanRecord(i: number, final: boolean): number {
        const b = this.buf;
        const n = b.length;
        let depth = this.depth;
        while (i < n) {
            const c = b.charCodeAt(i);
            if (c === QUOTE) {
                const j = this.closingQuote(i);
                const nl = this.nextNewline(i);
                if (j < 0 || j > nl) {
                    if (nl === Number.MAX_SAFE_INTEGER) {
                        if (!final && n - this.recStart <= this.maxRecordChars) break; // the string may close in the next chunk
                        i = n;
                        break;
                    }
                    // JSON strings hold no raw line break: the string is broken; read on from the next line.
                    this.recBad ??= { index: this.index, ...this.position(i), message: `record ${this.index}: unterminated string` };
                    i = nl;
                    continue;
                }
                if (this.recTop && depth === 1 && j - i === 6 && b.startsWith('value', i + 1)) {
                    const at = this.pageStart(j + 1, final);
                    if (at === -1) break; // cannot tell yet: re-read from the key with the next chunk
                    if (at > 0) {
                        // `{ "value": [` at the top level: a Graph page, whose elements are the records.
                        for (let k = j + 1; k < at; k++) if (b.charCodeAt(k) === NL) this.newline(k);
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
            if (c === NL) {
                if (!final && this.recordColumn > 0 && i + this.recordColumn >= n) break; // FIX
                this.newline(i);
                i++;
                if (this.recordColumn > 0 && this.nextRecordAt(i)) {
                    // The next record begins at the records' indentation: this one was never closed.
                    this.depth = 0;
                    this.sink.error(this.recBad ?? { index: this.index, line: this.recLine, column: this.recCol, message: `record ${this.index} is not terminated before the next record` });
                    this.index++;
                    this.startRecord(i + this.recordColumn - 1, this.recTop);
                    return i + this.recordColumn - 1;
                }
                continue;
            }
            i++;
        }
        this.depth = depth;
        if (i - this.recStart > this.maxRecordChars) {
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
        while (i < b.length && isWs(b.charCodeAt(i))) i++;
        if (i >= b.length) return final ? 0 : -1;
        if (b.charCodeAt(i) !== COLON) return 0;
        i++;
        while (i < b.length && isWs(b.charCodeAt(i))) i++;
        if (i >= b.length) return final ? 0 : -1;
        return b.charCodeAt(i) === LBRACKET ? i + 1 : 0;
    }

    /** Does a record start at the records' column on the line beginning at `i`? */
    private nextRecordAt(i: number): boolean {
        const b = this.buf;
        const at = i + this.recordColumn - 1;
        if (at >= b.length || b.charCodeAt(at) !== LBRACE) return false;
        for (let k = i; k < at; k++) { const c = b.charCodeAt(k); if (c !== SPACE && c !== TAB) return false; }
        return true;
    }

    /**
     * JSON lines: the record is the rest of the line (JSON.parse judges it), so a damaged line costs only itself.
     * Returns the offset of the line's end, or -1 when the line is not complete yet.
     */
    private lineRecord(i: number, final: boolean): number {
        const b = this.buf;
        let nl = b.indexOf('\n', i);
        if (nl < 0) {
            if (!final) {
                if (b.length - i > this.maxRecordChars) {
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
        const end = b.charCodeAt(nl - 1) === CR ? nl - 1 : nl;
        this.sink.record({ text: b.slice(i, end), index: this.index, line: this.line, column: i - this.lineStart + 1 });
        this.index++;
        return nl;
    }

    private finishRecord(end: number): void {
        if (this.recBad) this.sink.error(this.recBad);
        else this.sink.record({ text: this.buf.slice(this.recStart, end), index: this.index, line: this.recLine, column: this.recCol });
        // The first top-level record starts its line: JSON lines if nothing else follows it on that line.
        if (this.recTop && this.index === 0 && this.recCol === 1 && this.recLine === this.line && !this.recBad) this.pendingLineMode = true;
        this.index++;
        this.ctx = this.recTop ? Ctx.Top : Ctx.Array;
        this.expectElement = false;
    }

    /** Skipping a damaged record: on to the next line that starts a record at the records' column. */
    private skipToRecord(i: number, final: boolean): number {
        const b = this.buf;
        for (;;) {
            if (i === this.lineStart && this.recordColumn > 0 && !final && i + this.recordColumn > b.length) return -1; // FIX
            if (i === this.lineStart && this.recordColumn > 0 && this.nextRecordAt(i)) {
                this.ctx = this.resumeCtx;
                const at = i + this.recordColumn - 1;
                this.startRecord(at, this.resumeCtx === Ctx.Top);
                return at;
            }
            const nl = b.indexOf('\n', i);
            if (nl < 0) return b.length;
            this.newline(nl);
            i = nl + 1;
        }
    }

    private skipLine(i: number): number {
        const nl = this.buf.indexOf('\n', i);
        return nl < 0 ? this.buf.length : nl;
    }

    /** Past a non-object array element, to the next ',' or ']'. */
    private skipScalar(i: number): number {
        const b = this.buf;
        while (i < b.length) {
            const c = b.charCodeAt(i);
            if (c === COMMA || c === RBRACKET) return i;
            if (c === NL) this.newline(i);
            i++;
        }
        return i;
    }
}

function describe(text: string, i: number): string {
    const c = text[i];
    return c === undefined ? 'end of input' : c.charCodeAt(0) < 0x20 ? JSON.stringify(c) : `'${c}'`;
}
