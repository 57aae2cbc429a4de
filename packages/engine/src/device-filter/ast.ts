// The device-filter rule AST (Entra's `devices.deviceFilter.rule`). Plain data: the language server maps spans to
// file positions, the engine evaluates it, analysis reads its constants.

/** A range of the rule text, in UTF-16 code units from the start of the rule. */
export interface Span {
  offset: number;
  length: number;
}

/** A problem in a rule; offsets index the rule string so callers can map them into the surrounding document. */
export interface FilterError extends Span {
  message: string;
}

/** Canonical operator names (the rule text spells them `-eq`, `-notStartsWith`, … in any case). */
export type FilterOperator =
  | 'eq' | 'ne'
  | 'startsWith' | 'notStartsWith'
  | 'endsWith' | 'notEndsWith'
  | 'contains' | 'notContains'
  | 'in' | 'notIn';

/** `True`/`False` written without quotes is a boolean; quoted text is a string; `[…]` is a list of strings. */
export type FilterValue = string | boolean | string[];

export interface FilterComparison {
  kind: 'cmp';
  /** Canonical lower-camel property name, e.g. `isCompliant`, `extensionAttribute3` (without `device.`). */
  property: string;
  operator: FilterOperator;
  value: FilterValue;
  span: Span;
  /** Where each part was written; absent on nodes built by code rather than parsed. */
  propertySpan?: Span;
  operatorSpan?: Span;
  valueSpan?: Span;
  /**
   * Set when the value (or a list element) was a bare word other than True/False, e.g. `-eq 5`. The parser keeps
   * it as a string so the checker can report it with the property's expected type.
   */
  unquoted?: boolean;
}

export interface FilterJunction {
  kind: 'and' | 'or';
  /** Two or more operands, in rule order. Parenthesised groups of the same kind stay nested as written. */
  operands: FilterExpr[];
  span: Span;
}

export interface FilterNot {
  kind: 'not';
  operand: FilterExpr;
  span: Span;
}

export type FilterExpr = FilterComparison | FilterJunction | FilterNot;

/** Structural equality ignoring spans (and how values were quoted): "the same rule". */
export function sameDeviceFilter(a: FilterExpr, b: FilterExpr): boolean {
  switch (a.kind) {
    case 'cmp':
      return b.kind === 'cmp' && a.property === b.property && a.operator === b.operator && sameValue(a.value, b.value);
    case 'not':
      return b.kind === 'not' && sameDeviceFilter(a.operand, b.operand);
    default:
      return b.kind === a.kind
        && a.operands.length === b.operands.length
        && a.operands.every((operand, i) => sameDeviceFilter(operand, b.operands[i]!));
  }
}

function sameValue(a: FilterValue, b: FilterValue): boolean {
  if (Array.isArray(a) || Array.isArray(b)) {
    return Array.isArray(a) && Array.isArray(b) && a.length === b.length && a.every((item, i) => item === b[i]);
  }
  return a === b;
}
