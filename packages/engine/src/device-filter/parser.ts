// Recursive-descent parser for device-filter rules.
//
//   rule       := or EOF
//   or         := and ('-or' and)*
//   and        := unary ('-and' unary)*
//   unary      := '-not' unary | primary
//   primary    := '(' or ')' | comparison
//   comparison := 'device.'PROPERTY '-'OPERATOR value
//   value      := STRING | True | False | '[' (STRING (',' STRING)*)? ']'
//
// Precedence is Entra's (comparison > -not > -and > -or), but Latch rejects -and and -or side by side without
// parentheses (LANGUAGE.md §3): readers misjudge such rules, and Microsoft's docs have described both orders.

import type { FilterComparison, FilterError, FilterExpr, FilterOperator, FilterValue, Span } from './ast.js';
import { lexDeviceFilter, type Token } from './lexer.js';
import { FILTER_OPERATORS, lookupOperator } from './operators.js';
import { DEVICE_PROPERTY_LIST, devicePropertyInfo } from './properties.js';

export interface ParseResult {
  /**
   * The rule's tree, present whenever its structure is complete: also alongside the Latch-only errors (mixed
   * -and/-or, over-long rule), built with Entra's precedence so an imported rule can still be evaluated.
   */
  expr?: FilterExpr;
  errors: FilterError[];
}

/** Entra refuses longer rules ("Filter for devices": at most 3072 characters). */
export const MAX_RULE_LENGTH = 3072;
/** Keeps recursion far from the stack limit on hostile input. */
const MAX_NESTING = 100;
const DEVICE_PREFIX = 'device.';
const OPERATOR_LIST = FILTER_OPERATORS.map(op => `-${op}`).join(', ');

export function parseDeviceFilter(rule: string): ParseResult {
  try {
    return new Parser(rule).parse();
  } catch (error) {
    // Parsing must never throw; reaching here is a bug, but the caller still gets a diagnostic.
    return { errors: [{ message: `Internal error while parsing the device filter: ${String(error)}`, offset: 0, length: rule.length }] };
  }
}

/** Thrown to abandon the parse after a structural error (later errors would only be consequences). */
class Bail {}

class Parser {
  private readonly tokens: Token[];
  private readonly errors: FilterError[];
  private pos = 0;
  /** End offset of the last consumed token. */
  private end = 0;
  /** False once the tree cannot be trusted (unknown names, lexical errors). */
  private complete: boolean;

  constructor(private readonly rule: string) {
    const lexed = lexDeviceFilter(rule);
    this.tokens = lexed.tokens;
    this.errors = lexed.errors;
    this.complete = lexed.errors.length === 0;
  }

  parse(): ParseResult {
    if (this.peek().kind === 'eof') {
      return { errors: [{ message: 'Empty device filter rule: expected a comparison such as device.isCompliant -eq True', offset: 0, length: this.rule.length }] };
    }
    let expr: FilterExpr | undefined;
    try {
      expr = this.parseOr(0);
      const extra = this.peek();
      if (extra.kind === 'rparen') this.fail(extra, `Unexpected ')': no '(' to close`);
      if (extra.kind !== 'eof') this.fail(extra, `Unexpected ${describe(extra)}: expected -and, -or or the end of the rule`);
    } catch (error) {
      if (!(error instanceof Bail)) throw error;
      expr = undefined;
    }
    if (this.rule.length > MAX_RULE_LENGTH) {
      this.errors.push({
        message: `Device filter rule is ${this.rule.length} characters long; Entra accepts at most ${MAX_RULE_LENGTH}`,
        offset: MAX_RULE_LENGTH,
        length: this.rule.length - MAX_RULE_LENGTH,
      });
    }
    this.errors.sort((a, b) => a.offset - b.offset);
    return this.complete && expr ? { expr, errors: this.errors } : { errors: this.errors };
  }

  private parseOr(depth: number): FilterExpr {
    const start = this.peek().offset;
    const first = this.parseAnd(depth);
    const operands = [first.expr];
    let firstAnd = first.firstAnd;
    let firstOr: Token | undefined;
    while (this.isOp(this.peek(), '-or')) {
      const op = this.next();
      firstOr ??= op;
      const operand = this.parseAnd(depth);
      operands.push(operand.expr);
      firstAnd ??= operand.firstAnd;
    }
    if (firstOr && firstAnd) {
      // Point at whichever operator introduced the mix.
      const [earlier, later] = firstAnd.offset < firstOr.offset ? [firstAnd, firstOr] : [firstOr, firstAnd];
      this.errors.push({
        message: `'${later.text}' after '${earlier.text}' at the same level: Latch requires parentheses when mixing -and and -or, `
          + 'e.g. (A -and B) -or C',
        offset: later.offset,
        length: later.length,
      });
    }
    return operands.length === 1 ? first.expr : { kind: 'or', operands, span: this.spanFrom(start) };
  }

  /** Also reports the level's first `-and`, for the mixing check in parseOr. */
  private parseAnd(depth: number): { expr: FilterExpr; firstAnd?: Token } {
    const start = this.peek().offset;
    const first = this.parseUnary(depth);
    const operands = [first];
    let firstAnd: Token | undefined;
    while (this.isOp(this.peek(), '-and')) {
      const op = this.next();
      firstAnd ??= op;
      operands.push(this.parseUnary(depth));
    }
    if (operands.length === 1) return { expr: first };
    return { expr: { kind: 'and', operands, span: this.spanFrom(start) }, firstAnd };
  }

  private parseUnary(depth: number): FilterExpr {
    const token = this.peek();
    if (depth > MAX_NESTING) this.fail(token, `Rule nests too deeply (more than ${MAX_NESTING} levels of -not or parentheses)`);
    if (!this.isOp(token, '-not')) return this.parsePrimary(depth);
    this.next();
    const operand = this.parseUnary(depth + 1);
    return { kind: 'not', operand, span: this.spanFrom(token.offset) };
  }

  private parsePrimary(depth: number): FilterExpr {
    const token = this.peek();
    if (token.kind === 'lparen') {
      this.next();
      const inner = this.parseOr(depth + 1);
      const close = this.peek();
      if (close.kind === 'eof') this.fail(token, `Missing ')' to close this '('`);
      if (close.kind !== 'rparen') this.fail(close, `Expected ')', -and or -or, found ${describe(close)}`);
      this.next();
      return inner;
    }
    if (token.kind === 'word') return this.parseComparison();
    if (token.kind === 'eof') {
      const previous = this.tokens[this.pos - 1];
      if (previous) this.fail(previous, `Missing comparison after '${previous.text}'`);
    }
    return this.fail(token, `Expected a comparison such as device.isCompliant -eq True, found ${describe(token)}`);
  }

  private parseComparison(): FilterComparison {
    const propertyToken = this.next();
    const property = this.resolveProperty(propertyToken);
    const opToken = this.peek();
    if (opToken.kind === 'eof') this.fail(propertyToken, `Missing operator after '${propertyToken.text}'`);
    if (opToken.kind !== 'op' || this.isOp(opToken, '-and') || this.isOp(opToken, '-or') || this.isOp(opToken, '-not')) {
      this.fail(opToken, `Expected an operator such as -eq after '${propertyToken.text}', found ${describe(opToken)}`);
    }
    this.next();
    const operator = this.resolveOperator(opToken);
    const valueStart = this.peek().offset;
    const { value, unquoted } = this.parseValue(opToken);
    const cmp: FilterComparison = {
      kind: 'cmp',
      property,
      operator,
      value,
      span: this.spanFrom(propertyToken.offset),
      propertySpan: { offset: propertyToken.offset, length: propertyToken.length },
      operatorSpan: { offset: opToken.offset, length: opToken.length },
      valueSpan: this.spanFrom(valueStart),
    };
    if (unquoted) cmp.unquoted = true;
    return cmp;
  }

  /** `device.<property>`, case-insensitively. Unknown names are reported and parsing goes on. */
  private resolveProperty(token: Token): string {
    const text = token.text;
    if (text.slice(0, DEVICE_PREFIX.length).toLowerCase() !== DEVICE_PREFIX) {
      const bare = devicePropertyInfo(text);
      if (bare) {
        this.error(token, `Missing 'device.' prefix: write device.${bare.name}`);
        return bare.name;
      }
      return this.fail(token, `Expected device.<property>, found ${describe(token)}`);
    }
    const name = text.slice(DEVICE_PREFIX.length);
    const nameSpan = { offset: token.offset + DEVICE_PREFIX.length, length: name.length };
    const info = devicePropertyInfo(name);
    if (info) return info.name;
    this.error(name ? nameSpan : token, name
      ? `Unknown device property '${name}' (expected one of ${DEVICE_PROPERTY_LIST})`
      : `Missing property name after 'device.' (expected one of ${DEVICE_PROPERTY_LIST})`);
    return name;
  }

  private resolveOperator(token: Token): FilterOperator {
    const operator = lookupOperator(token.text.slice(1));
    if (operator) return operator;
    this.error(token, `Unknown operator '${token.text}' (expected one of ${OPERATOR_LIST})`);
    return 'eq';
  }

  private parseValue(opToken: Token): { value: FilterValue; unquoted: boolean } {
    const token = this.peek();
    switch (token.kind) {
      case 'string':
        this.next();
        return { value: token.value, unquoted: false };
      case 'word': {
        this.next();
        const lower = token.text.toLowerCase();
        if (lower === 'true' || lower === 'false') return { value: lower === 'true', unquoted: false };
        return { value: token.text, unquoted: true };
      }
      case 'lbracket':
        return this.parseList();
      case 'eof':
      case 'op':
        return this.fail(opToken, `Missing value after '${opToken.text}'`);
      default:
        return this.fail(token, `Expected a value after '${opToken.text}' (a quoted string, True, False or a [list]), found ${describe(token)}`);
    }
  }

  private parseList(): { value: string[]; unquoted: boolean } {
    const open = this.next();
    const items: string[] = [];
    let unquoted = false;
    if (this.peek().kind === 'rbracket') {
      this.next();
      return { value: items, unquoted };
    }
    for (;;) {
      const item = this.peek();
      if (item.kind === 'string') {
        items.push(item.value);
      } else if (item.kind === 'word') {
        items.push(item.text);
        unquoted = true;
      } else if (item.kind === 'eof') {
        return this.fail(open, `Missing ']' to close this list`);
      } else if (item.kind === 'lbracket') {
        return this.fail(item, 'Lists cannot be nested');
      } else {
        return this.fail(item, `Expected a quoted string in the list, found ${describe(item)}`);
      }
      this.next();
      const separator = this.peek();
      if (separator.kind === 'rbracket') {
        this.next();
        return { value: items, unquoted };
      }
      if (separator.kind === 'eof') return this.fail(open, `Missing ']' to close this list`);
      if (separator.kind !== 'comma') return this.fail(separator, `Expected ',' or ']' in the list, found ${describe(separator)}`);
      this.next();
      if (this.peek().kind === 'rbracket') return this.fail(separator, `Trailing ',' in the list`);
    }
  }

  private peek(): Token {
    return this.tokens[this.pos]!;
  }

  private next(): Token {
    const token = this.tokens[this.pos]!;
    if (token.kind !== 'eof') this.pos++;
    this.end = token.offset + token.length;
    return token;
  }

  private isOp(token: Token, name: string): boolean {
    return token.kind === 'op' && token.text.toLowerCase() === name;
  }

  private spanFrom(offset: number): Span {
    return { offset, length: this.end - offset };
  }

  /** A recoverable error: parsing continues, but no tree is returned. */
  private error(at: Span, message: string): void {
    this.errors.push({ message, offset: at.offset, length: at.length });
    this.complete = false;
  }

  private fail(at: Span, message: string): never {
    this.error(at, message);
    throw new Bail();
  }
}

function describe(token: Token): string {
  if (token.kind === 'eof') return 'the end of the rule';
  const text = token.text.length > 40 ? `${token.text.slice(0, 40)}…` : token.text;
  return `'${text}'`;
}
