// The comparisons of a rule as plain triples, in rule order: analysis builds its device equivalence classes from
// the constants that rules actually compare against.

import type { FilterExpr, FilterOperator, FilterValue } from './ast.js';

export interface DeviceFilterAtom {
  property: string;
  operator: FilterOperator;
  value: FilterValue;
}

/** Every comparison, duplicates included; `-not` and the junctions are looked through. */
export function deviceFilterAtoms(expr: FilterExpr): DeviceFilterAtom[] {
  const atoms: DeviceFilterAtom[] = [];
  const visit = (e: FilterExpr): void => {
    if (e.kind === 'cmp') atoms.push({ property: e.property, operator: e.operator, value: e.value });
    else if (e.kind === 'not') visit(e.operand);
    else e.operands.forEach(visit);
  };
  visit(expr);
  return atoms;
}
