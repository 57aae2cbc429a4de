// Bytes → text → value for Graph JSON files. PowerShell exports are often UTF-16 LE with a BOM and CRLF line ends;
// errors must still point at the right line and column of the file as an editor shows it.

import { findJsonSyntaxError, findValueOffset, lineColumnAt, type JsonPath } from './json-scan.js';

/** A problem in a JSON input file. line/column are 1-based; 0 means the position is unknown. */
export class JsonInputError extends Error {
  constructor(
    readonly file: string,
    readonly line: number,
    readonly column: number,
    message: string,
    /** Dotted path of the offending value, for errors found after parsing. */
    readonly path?: string,
  ) {
    super(message);
    this.name = 'JsonInputError';
  }

  override toString(): string {
    return this.line > 0 ? `${this.file}:${this.line}:${this.column}: ${this.message}` : `${this.file}: ${this.message}`;
  }
}

/** Decodes a JSON file's bytes: BOM-marked UTF-8 / UTF-16 LE / UTF-16 BE, BOM-less UTF-16 (by its NUL bytes), else UTF-8. */
export function decodeJsonBytes(bytes: Uint8Array): string {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return decodeUtf8(bytes.subarray(3));
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return decodeUtf16(bytes.subarray(2), true);
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return decodeUtf16(bytes.subarray(2), false);
  const sniffed = sniffUtf16(bytes);
  if (sniffed) return stripBom(decodeUtf16(bytes, sniffed === 'le'));
  return stripBom(decodeUtf8(bytes));
}

/**
 * JSON text never contains a raw NUL byte in UTF-8 (NUL must be escaped), and it starts with an ASCII character
 * (whitespace, a bracket, a quote, …), which UTF-16 writes as one NUL and one non-NUL byte: the NUL's side tells
 * the byte order.
 */
function sniffUtf16(bytes: Uint8Array): 'le' | 'be' | undefined {
  if (bytes.length < 2) return undefined;
  if (bytes[0] !== 0 && bytes[1] === 0) return 'le';
  if (bytes[0] === 0 && bytes[1] !== 0) return 'be';
  return undefined;
}

function decodeUtf16(bytes: Uint8Array, littleEndian: boolean): string {
  if (littleEndian) return new TextDecoder('utf-16le').decode(bytes);
  // Swap to LE ourselves: 'utf-16be' needs ICU data that slim Node builds lack.
  const swapped = new Uint8Array(bytes.length & ~1);
  for (let i = 0; i + 1 < bytes.length; i += 2) {
    swapped[i] = bytes[i + 1]!;
    swapped[i + 1] = bytes[i]!;
  }
  return new TextDecoder('utf-16le').decode(swapped);
}

function decodeUtf8(bytes: Uint8Array): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    // Windows PowerShell 5 `Out-File -Encoding Default` writes the ANSI code page; better than U+FFFD in names.
    try {
      return new TextDecoder('windows-1252').decode(bytes);
    } catch {
      let s = '';
      for (const b of bytes) s += String.fromCharCode(b);
      return s;
    }
  }
}

export function stripBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/** JSON.parse with JsonInputError (file:line:col) on malformed input. A leading BOM character is ignored. */
export function parseJsonWithPositions(text: string, file: string): unknown {
  const body = stripBom(text);
  try {
    return JSON.parse(body) as unknown;
  } catch (e) {
    const found = findJsonSyntaxError(body) ?? fromV8Message(e, body);
    const { line, column } = lineColumnAt(body, found.offset);
    throw new JsonInputError(file, line, column, found.message);
  }
}

/** Fallback when the scanner accepts what V8 rejected (should not happen): use V8's own position, if any. */
function fromV8Message(e: unknown, text: string): { offset: number; message: string } {
  const message = e instanceof Error ? e.message : String(e);
  const at = /position (\d+)/.exec(message);
  return { offset: at ? Number(at[1]) : text.length, message };
}

/** An error about the value at `path`, located in `text` when the text is available. */
export function jsonPathError(file: string, path: JsonPath, message: string, text?: string): JsonInputError {
  const dotted = formatJsonPath(path);
  const full = dotted ? `${dotted}: ${message}` : message;
  if (text !== undefined) {
    const body = stripBom(text);
    const offset = findValueOffset(body, path);
    if (offset !== undefined) {
      const { line, column } = lineColumnAt(body, offset);
      return new JsonInputError(file, line, column, full, dotted);
    }
  }
  return new JsonInputError(file, 0, 0, full, dotted);
}

export function formatJsonPath(path: JsonPath): string {
  let s = '';
  for (const seg of path) s += typeof seg === 'number' ? `[${seg}]` : s ? `.${seg}` : seg;
  return s;
}
