import type { Control } from '../model.js';
import { minimalCnf } from '../evaluate/requirement.js';
import type { RequirementExpr } from './model.js';

/** CNF of a requirement expression: and = union of clauses, or = pairwise clause unions; minimal and sorted. */
export function requirementToCnf(expr: RequirementExpr): Control[][] {
    switch (expr.kind) {
        case 'control':
            return [[expr.control]];
        case 'and':
            return minimalCnf([...requirementToCnf(expr.left), ...requirementToCnf(expr.right)]);
        case 'or': {
            const left = requirementToCnf(expr.left);
            const right = requirementToCnf(expr.right);
            return minimalCnf(left.flatMap((a) => right.map((b) => [...a, ...b])));
        }
    }
}

/** How a control is shown to people; the engine's default is its Graph name. */
export type ControlLabel = (control: Control) => string;

/** `mfa and (compliantDevice or domainJoinedDevice)` — clauses joined by and, members by or. */
export function formatCnf(cnf: Control[][], label: ControlLabel = (c) => c): string {
    return cnf.map((c) => {
        const members = c.map(label).join(' or ');
        return c.length === 1 || cnf.length === 1 ? members : `(${members})`;
    }).join(' and ');
}

export function sameCnf(a: Control[][], b: Control[][]): boolean {
    return JSON.stringify(minimalCnf(a)) === JSON.stringify(minimalCnf(b));
}
