// Canonical rule text: `device.<canonical name> -<canonical operator> <value>`, booleans as True/False, every
// nested -and/-or group and every -not operand in parentheses, so the output never mixes -and and -or at one level
// and parses back to the same tree.

import type { FilterExpr, FilterValue } from './ast.js';

export function printDeviceFilter(expr: FilterExpr): string {
  switch (expr.kind) {
    case 'cmp':
      return `device.${expr.property} -${expr.operator} ${printValue(expr.value)}`;
    case 'not':
      return `-not (${printDeviceFilter(expr.operand)})`;
    default:
      return expr.operands
        .map(operand => operand.kind === 'and' || operand.kind === 'or' ? `(${printDeviceFilter(operand)})` : printDeviceFilter(operand))
        .join(` -${expr.kind} `);
  }
}

function printValue(value: FilterValue): string {
  if (typeof value === 'boolean') return value ? 'True' : 'False';
  if (Array.isArray(value)) return `[${value.map(quoteString).join(', ')}]`;
  return quoteString(value);
}

/**
 * Double quotes when nothing needs escaping (the common case, and what Entra's portal writes); otherwise single
 * quotes with '' doubling, the one escape that can express any text (a backtick escape cannot end a value in `).
 */
export function quoteString(value: string): string {
  if (!value.includes('"') && !value.includes('`')) return `"${value}"`;
  return `'${value.replaceAll("'", "''")}'`;
}
