// The ten comparison operators and their positive/negative pairing. Negative operators are exactly the negation of
// their positive partner, null values included (positive ⇒ false, negative ⇒ true), which evaluation relies on.

import type { FilterOperator } from './ast.js';

export const FILTER_OPERATORS: readonly FilterOperator[] = [
  'eq', 'ne', 'startsWith', 'notStartsWith', 'endsWith', 'notEndsWith', 'contains', 'notContains', 'in', 'notIn',
];

export type PositiveOperator = 'eq' | 'startsWith' | 'endsWith' | 'contains' | 'in';

const NEGATION: Record<FilterOperator, FilterOperator> = {
  eq: 'ne', ne: 'eq',
  startsWith: 'notStartsWith', notStartsWith: 'startsWith',
  endsWith: 'notEndsWith', notEndsWith: 'endsWith',
  contains: 'notContains', notContains: 'contains',
  in: 'notIn', notIn: 'in',
};

const BY_LOWER_NAME: ReadonlyMap<string, FilterOperator> = new Map(FILTER_OPERATORS.map(op => [op.toLowerCase(), op]));

/** `ne`, `notStartsWith`, `notEndsWith`, `notContains`, `notIn`. */
export function isNegativeOperator(op: FilterOperator): boolean {
  return op === 'ne' || op.startsWith('not');
}

/** The operator with the opposite result on every device: `eq` ↔ `ne`, `in` ↔ `notIn`, … */
export function negateOperator(op: FilterOperator): FilterOperator {
  return NEGATION[op];
}

/** The positive member of the operator's pair (`notIn` → `in`; `eq` → `eq`). */
export function positiveOperator(op: FilterOperator): PositiveOperator {
  return (isNegativeOperator(op) ? NEGATION[op] : op) as PositiveOperator;
}

/** Resolves an operator name written without its dash, case-insensitively (`EQ`, `notstartswith`). */
export function lookupOperator(name: string): FilterOperator | undefined {
  return BY_LOWER_NAME.get(name.toLowerCase());
}
