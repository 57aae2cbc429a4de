import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  JsonInputError, decodeJsonBytes, findJsonSyntaxError, findValueOffset, lineColumnAt, parseJsonWithPositions,
} from '../src/graph/index.js';

function utf16le(s: string, bom: boolean): Uint8Array {
  const out = new Uint8Array((bom ? 2 : 0) + s.length * 2);
  let o = 0;
  if (bom) { out[o++] = 0xff; out[o++] = 0xfe; }
  for (let i = 0; i < s.length; i++) { const c = s.charCodeAt(i); out[o++] = c & 0xff; out[o++] = c >> 8; }
  return out;
}

function utf16be(s: string, bom: boolean): Uint8Array {
  const le = utf16le(s, false);
  const out = new Uint8Array((bom ? 2 : 0) + le.length);
  let o = 0;
  if (bom) { out[o++] = 0xfe; out[o++] = 0xff; }
  for (let i = 0; i < le.length; i += 2) { out[o++] = le[i + 1]!; out[o++] = le[i]!; }
  return out;
}

/** The error a malformed text produces, as `line:col: message`. */
function errorOf(text: string): { line: number; column: number; message: string } {
  try {
    parseJsonWithPositions(text, 'f.json');
  } catch (e) {
    expect(e).toBeInstanceOf(JsonInputError);
    const err = e as JsonInputError;
    return { line: err.line, column: err.column, message: err.message };
  }
  throw new Error('expected a JsonInputError');
}

const SAMPLE = '{\r\n  "displayName": "Zürich ☃ 𝄞",\r\n  "state": "enabled"\r\n}\r\n';

describe('decodeJsonBytes', () => {
  it('decodes UTF-8 with BOM and strips the BOM', () => {
    const bytes = new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode(SAMPLE)]);
    expect(decodeJsonBytes(bytes)).toBe(SAMPLE);
  });
  it('decodes UTF-8 without BOM', () => {
    expect(decodeJsonBytes(new TextEncoder().encode(SAMPLE))).toBe(SAMPLE);
  });
  it('decodes UTF-16 LE with BOM', () => {
    expect(decodeJsonBytes(utf16le(SAMPLE, true))).toBe(SAMPLE);
  });
  it('decodes UTF-16 BE with BOM', () => {
    expect(decodeJsonBytes(utf16be(SAMPLE, true))).toBe(SAMPLE);
  });
  it('detects BOM-less UTF-16 LE and BE by their NUL bytes', () => {
    expect(decodeJsonBytes(utf16le(SAMPLE, false))).toBe(SAMPLE);
    expect(decodeJsonBytes(utf16be(SAMPLE, false))).toBe(SAMPLE);
  });
  it('falls back to Windows-1252 for bytes that are not UTF-8', () => {
    expect(decodeJsonBytes(new Uint8Array([0x22, 0x5a, 0xfc, 0x72, 0x69, 0x63, 0x68, 0x22]))).toBe('"Zürich"');
  });
  it('round-trips any text through every encoding', () => {
    fc.assert(fc.property(fc.string({ unit: 'binary' }), (s) => {
      const text = `{"x":${JSON.stringify(s)}}`;
      expect(decodeJsonBytes(utf16le(text, true))).toBe(text);
      expect(decodeJsonBytes(utf16be(text, true))).toBe(text);
      expect(decodeJsonBytes(utf16le(text, false))).toBe(text);
      expect(decodeJsonBytes(new TextEncoder().encode(text))).toBe(text);
    }));
  });
});

describe('parseJsonWithPositions', () => {
  it('parses valid JSON and ignores a leading BOM character', () => {
    expect(parseJsonWithPositions('\ufeff{"a":[1,2]}', 'f.json')).toEqual({ a: [1, 2] });
  });

  it('reports 1-based line and column with LF line ends', () => {
    expect(errorOf('{\n  "a": 1,\n  "b" 2\n}')).toMatchObject({ line: 3, column: 7 });
  });

  it('counts CRLF as one line break', () => {
    const e = errorOf('{\r\n  "a": 1,\r\n  "b": [1, 2,]\r\n}\r\n');
    expect(e).toMatchObject({ line: 3, column: 14 });
    expect(e.message).toMatch(/Trailing comma/);
  });

  it('counts a lone CR as a line break', () => {
    expect(errorOf('{\r"a": tru }')).toMatchObject({ line: 2, column: 6 });
  });

  it('positions are those of the decoded UTF-16 file, BOM excluded', () => {
    const bytes = utf16le('{\r\n  "displayName": "x",\r\n  "state": enabled\r\n}', true);
    expect(errorOf(decodeJsonBytes(bytes))).toMatchObject({ line: 3, column: 12 });
  });

  it.each([
    ['', 1, 1, /end of input/],
    ['{"a": 1', 1, 8, /end of input/],
    ['{"a": 1}}', 1, 9, /after the JSON value/],
    ['{a: 1}', 1, 2, /property name/],
    ['{"a" 1}', 1, 6, /':'/],
    ['{"a": 1 "b": 2}', 1, 9, /','/],
    ['{"a": 01}', 1, 7, /Invalid number/],
    ['{"a": -}', 1, 7, /Invalid number/],
    ['{"a": "x\\q"}', 1, 9, /escape/],
    ['{"a": "line\nbreak"}', 1, 12, /control character/],
    ['{"a": "open', 1, 7, /Unterminated string/],
    ['[1, 2', 1, 6, /end of input/],
    ["{'a': 1}", 1, 2, /property name/],
    ['{"a": undefined}', 1, 7, /Unexpected character 'u'/],
  ])('%j → %i:%i', (text, line, column, message) => {
    const e = errorOf(text);
    expect(e).toMatchObject({ line, column });
    expect(e.message).toMatch(message);
  });

  it('formats as file:line:col: message', () => {
    try {
      parseJsonWithPositions('{\r\n  "a": ,\r\n}', 'dir/policy.json');
      expect.unreachable();
    } catch (e) {
      expect(String(e)).toBe("dir/policy.json:2:8: Unexpected character ','");
    }
  });

  it('the scanner accepts exactly what JSON.parse accepts', () => {
    const alphabet = fc.constantFrom('{', '}', '[', ']', ':', ',', '"', '\\', 'a', 'u', '0', '1', '-', '.', 'e', 'true', 'null', ' ', '\n', '\r', '\t');
    fc.assert(fc.property(fc.array(alphabet, { maxLength: 14 }).map((a) => a.join('')), (text) => {
      let valid = true;
      try { JSON.parse(text); } catch { valid = false; }
      expect(findJsonSyntaxError(text) === undefined).toBe(valid);
    }), { numRuns: 3000 });
  });

  it('finds errors in mutated valid documents, at or before the mutation', () => {
    fc.assert(fc.property(fc.json({ maxDepth: 3 }), fc.nat(), fc.constantFrom('}', ']', ',', ':', '"', 'x'), (json, at, junk) => {
      const text = JSON.stringify(JSON.parse(json), null, 2).replace(/\n/g, '\r\n');
      const pos = at % (text.length + 1);
      const bad = text.slice(0, pos) + junk + text.slice(pos);
      let valid = true;
      try { JSON.parse(bad); } catch { valid = false; }
      const err = findJsonSyntaxError(bad);
      expect(err === undefined).toBe(valid);
      if (err) expect(err.offset).toBeGreaterThanOrEqual(0);
    }), { numRuns: 500 });
  });
});

describe('positions', () => {
  it('lineColumnAt handles LF, CRLF and CR', () => {
    const text = 'a\r\nb\nc\rd';
    expect(lineColumnAt(text, text.indexOf('b'))).toEqual({ line: 2, column: 1 });
    expect(lineColumnAt(text, text.indexOf('c'))).toEqual({ line: 3, column: 1 });
    expect(lineColumnAt(text, text.indexOf('d'))).toEqual({ line: 4, column: 1 });
  });
  it('findValueOffset locates a value by path (last duplicate wins, like JSON.parse)', () => {
    const text = '{"a": {"b": [10, {"c": true}]}, "a": {"b": [1, {"c": false}]}}';
    expect(text.slice(findValueOffset(text, ['a', 'b', 1, 'c']))).toMatch(/^false/);
    expect(findValueOffset(text, ['a', 'x'])).toBeUndefined();
  });
});
