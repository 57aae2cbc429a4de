// Public API of the device-filter rule language (Entra's `deviceFilter.rule`).

export type {
  FilterComparison, FilterError, FilterExpr, FilterJunction, FilterNot, FilterOperator, FilterValue, Span,
} from './ast.js';
export { sameDeviceFilter } from './ast.js';
export { FILTER_OPERATORS, isNegativeOperator, lookupOperator, negateOperator, positiveOperator } from './operators.js';
export type { PositiveOperator } from './operators.js';
export { lexDeviceFilter } from './lexer.js';
export type { Token, TokenKind } from './lexer.js';
export { MAX_RULE_LENGTH, parseDeviceFilter } from './parser.js';
export type { ParseResult } from './parser.js';
export { DEVICE_PROPERTIES, checkDeviceFilter, devicePropertyInfo } from './properties.js';
export type { DevicePropertyInfo, DevicePropertyType } from './properties.js';
export { compileDeviceFilter, evaluateDeviceFilter } from './evaluate.js';
export type { DevicePredicate } from './evaluate.js';
export { rulePredicate } from './rule-predicate.js';
export { printDeviceFilter, quoteString } from './print.js';
export { deviceFilterAtoms } from './atoms.js';
export type { DeviceFilterAtom } from './atoms.js';
