// Tokens of the device-filter rule language. Total: every input yields tokens (plus errors), never an exception.

import type { FilterError } from './ast.js';

export type TokenKind = 'lparen' | 'rparen' | 'lbracket' | 'rbracket' | 'comma' | 'op' | 'string' | 'word' | 'eof';

export interface Token {
  kind: TokenKind;
  offset: number;
  length: number;
  /** The token as written. */
  text: string;
  /** Strings: the decoded value; other tokens: the text. */
  value: string;
}

const PUNCTUATION: Record<string, TokenKind> = { '(': 'lparen', ')': 'rparen', '[': 'lbracket', ']': 'rbracket', ',': 'comma' };
const SPACE = /\s/;
const LETTER = /[A-Za-z]/;
/** Characters that end a bare word. `-` is among them so `device.model-eq` reports the missing space. */
const WORD_END = /[\s()[\],'"-]/;

export function lexDeviceFilter(rule: string): { tokens: Token[]; errors: FilterError[] } {
  const tokens: Token[] = [];
  const errors: FilterError[] = [];
  const n = rule.length;
  let i = 0;
  const push = (kind: TokenKind, start: number, end: number, value?: string): void => {
    const text = rule.slice(start, end);
    tokens.push({ kind, offset: start, length: end - start, text, value: value ?? text });
  };

  while (i < n) {
    const ch = rule[i]!;
    if (SPACE.test(ch)) {
      i++;
      continue;
    }
    const start = i;
    const punctuation = PUNCTUATION[ch];
    if (punctuation) {
      push(punctuation, start, ++i);
    } else if (ch === '"' || ch === "'") {
      i = lexString(rule, start, push, errors);
    } else if (ch === '-' && i + 1 < n && LETTER.test(rule[i + 1]!)) {
      i++;
      while (i < n && LETTER.test(rule[i]!)) i++;
      push('op', start, i);
      // Entra's rule syntax (and LANGUAGE.md §3) wants a separator before every operator.
      const before = start > 0 ? rule[start - 1]! : ' ';
      if (!SPACE.test(before) && before !== '(') {
        errors.push({ message: `Operator '${rule.slice(start, i)}' must be preceded by whitespace or '('`, offset: start, length: i - start });
      }
    } else {
      // A bare word: `device.isCompliant`, `True`, or an unquoted value the checker will judge (`5`, `-1`).
      i++;
      while (i < n && !WORD_END.test(rule[i]!)) i++;
      push('word', start, i);
    }
  }
  tokens.push({ kind: 'eof', offset: n, length: 0, text: '', value: '' });
  return { tokens, errors };
}

/**
 * Quoted strings follow Entra's rule syntax: in "…" a backtick escapes a double quote (`"), in '…' a quote is
 * doubled (''). Nothing else is an escape. Returns the offset after the string.
 */
function lexString(
  rule: string,
  start: number,
  push: (kind: TokenKind, start: number, end: number, value?: string) => void,
  errors: FilterError[],
): number {
  const quote = rule[start]!;
  const n = rule.length;
  let value = '';
  let i = start + 1;
  while (i < n) {
    const ch = rule[i]!;
    if (quote === '"' && ch === '`' && rule[i + 1] === '"') {
      value += '"';
      i += 2;
    } else if (quote === "'" && ch === "'" && rule[i + 1] === "'") {
      value += "'";
      i += 2;
    } else if (ch === quote) {
      push('string', start, i + 1, value);
      return i + 1;
    } else {
      value += ch;
      i++;
    }
  }
  errors.push({ message: `Unterminated string: missing closing ${quote}`, offset: start, length: n - start });
  push('string', start, n, value);
  return n;
}
