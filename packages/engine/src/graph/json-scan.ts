// A small JSON scanner that only *locates* things: the first syntax error of a text that JSON.parse rejected
// (V8's messages do not always carry a position) and the offset of the value at a path (to put line:col on
// errors found after parsing). Values themselves always come from JSON.parse, so semantics never diverge.

export type JsonPath = readonly (string | number)[];

export interface ScanError { offset: number; message: string }

class ScanFailure {
  constructor(readonly offset: number, readonly message: string) {}
}

class Scanner {
  pos = 0;
  found: number | undefined;
  private readonly path: (string | number)[] = [];

  constructor(private readonly text: string, private readonly target?: JsonPath) {}

  document(): void {
    this.value();
    this.ws();
    if (this.pos < this.text.length) this.fail('Unexpected data after the JSON value');
  }

  private fail(message: string, at = this.pos): never {
    throw new ScanFailure(at, message);
  }

  private ws(): void {
    const t = this.text;
    while (this.pos < t.length) {
      const c = t.charCodeAt(this.pos);
      if (c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d) this.pos++;
      else break;
    }
  }

  private atTarget(): boolean {
    const target = this.target;
    if (!target || target.length !== this.path.length) return false;
    return target.every((seg, i) => seg === this.path[i]);
  }

  private value(): void {
    this.ws();
    // Duplicate keys: JSON.parse keeps the last one, so the last match wins here too.
    if (this.atTarget()) this.found = this.pos;
    const c = this.text[this.pos];
    if (c === undefined) this.fail('Unexpected end of input');
    if (c === '{') return this.object();
    if (c === '[') return this.array();
    if (c === '"') return this.string();
    if (c === 't') return this.literal('true');
    if (c === 'f') return this.literal('false');
    if (c === 'n') return this.literal('null');
    if (c === '-' || (c >= '0' && c <= '9')) return this.number();
    this.fail(`Unexpected character ${describe(c)}`);
  }

  private object(): void {
    this.pos++;
    this.ws();
    if (this.text[this.pos] === '}') { this.pos++; return; }
    for (;;) {
      this.ws();
      const c = this.text[this.pos];
      if (c !== '"') {
        if (c === undefined) this.fail('Unexpected end of input');
        if (c === '}') this.fail("Trailing comma before '}'");
        this.fail(`Expected a property name in double quotes, found ${describe(c)}`);
      }
      const start = this.pos;
      this.string();
      const key = JSON.parse(this.text.slice(start, this.pos)) as string;
      this.ws();
      if (this.text[this.pos] !== ':') this.expected("':' after the property name");
      this.pos++;
      this.path.push(key);
      this.value();
      this.path.pop();
      this.ws();
      const next = this.text[this.pos];
      if (next === ',') { this.pos++; continue; }
      if (next === '}') { this.pos++; return; }
      this.expected("',' or '}' after a property value");
    }
  }

  private array(): void {
    this.pos++;
    this.ws();
    if (this.text[this.pos] === ']') { this.pos++; return; }
    for (let index = 0; ; index++) {
      this.ws();
      if (this.text[this.pos] === ']') this.fail("Trailing comma before ']'");
      this.path.push(index);
      this.value();
      this.path.pop();
      this.ws();
      const next = this.text[this.pos];
      if (next === ',') { this.pos++; continue; }
      if (next === ']') { this.pos++; return; }
      this.expected("',' or ']' after an array element");
    }
  }

  private expected(what: string): never {
    const c = this.text[this.pos];
    this.fail(c === undefined ? 'Unexpected end of input' : `Expected ${what}, found ${describe(c)}`);
  }

  private string(): void {
    const t = this.text;
    const open = this.pos;
    this.pos++;
    for (;;) {
      if (this.pos >= t.length) this.fail('Unterminated string', open);
      const c = t.charCodeAt(this.pos);
      if (c === 0x22) { this.pos++; return; }
      if (c === 0x5c) {
        const e = t[this.pos + 1];
        if (e !== undefined && '"\\/bfnrt'.includes(e)) { this.pos += 2; continue; }
        if (e === 'u' && /^[0-9a-fA-F]{4}$/.test(t.slice(this.pos + 2, this.pos + 6))) { this.pos += 6; continue; }
        this.fail(e === 'u' ? 'Invalid \\u escape (needs four hex digits)' : 'Invalid escape sequence');
      }
      if (c < 0x20) this.fail(`Unescaped control character ${describe(t[this.pos]!)} in string`);
      this.pos++;
    }
  }

  private number(): void {
    const re = /-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?/y;
    re.lastIndex = this.pos;
    const m = re.exec(this.text);
    const after = m ? this.pos + m[0].length : this.pos;
    // "01", "1.", "-" and "1e" are invalid as a whole, not a valid number followed by junk.
    if (!m || /[0-9.eE+-]/.test(this.text[after] ?? '')) this.fail('Invalid number');
    this.pos = after;
  }

  private literal(word: string): void {
    if (this.text.startsWith(word, this.pos)) { this.pos += word.length; return; }
    const rest = this.text.slice(this.pos);
    if (word.startsWith(rest)) this.fail('Unexpected end of input', this.text.length);
    this.fail(`Unexpected character ${describe(this.text[this.pos]!)}`);
  }
}

function describe(c: string): string {
  return c.charCodeAt(0) < 0x20 ? JSON.stringify(c) : `'${c}'`;
}

/** The first syntax error of `text`, or undefined when it is valid JSON. */
export function findJsonSyntaxError(text: string): ScanError | undefined {
  try {
    new Scanner(text).document();
    return undefined;
  } catch (e) {
    if (e instanceof ScanFailure) return { offset: e.offset, message: e.message };
    return undefined; // e.g. stack overflow on absurd nesting: the caller falls back to V8's message
  }
}

/** Offset of the value at `path` in valid JSON `text`, or undefined when there is none. */
export function findValueOffset(text: string, path: JsonPath): number | undefined {
  const scanner = new Scanner(text, path);
  try {
    scanner.document();
  } catch {
    // A partial scan still reports what it found before the error.
  }
  return scanner.found;
}

/** 1-based line and column (UTF-16 units, as editors count) of an offset; CRLF, LF and lone CR end lines. */
export function lineColumnAt(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  const end = Math.min(offset, text.length);
  for (let i = 0; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x0a || (c === 0x0d && text.charCodeAt(i + 1) !== 0x0a)) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: offset - lineStart + 1 };
}
