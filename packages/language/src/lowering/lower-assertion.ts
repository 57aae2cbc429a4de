import { type Assertion, type AssertionClaim, requirementToCnf } from '@latch/engine';
import type { LangiumDocument } from 'langium';
import * as ast from '../generated/ast.js';
import { lowerConditions } from './lower-conditions.js';
import { lowerRequirement } from './lower-scenario.js';

/** `assert "…" { scope…  always|never block|allow|requires R }` → the engine's assertion (scope as a policy shape). */
export function lowerAssertion(node: ast.Assertion): Assertion {
    const conditions = lowerConditions(node.scope ?? []);
    const c = node.claim;
    const quantifier = c?.quantifier === 'never' ? 'never' : 'always';
    const claim: AssertionClaim = c?.requirement
        ? { quantifier, kind: 'requires', requirement: requirementToCnf(lowerRequirement(c.requirement)) }
        : { quantifier, kind: c?.outcome === 'allow' ? 'allow' : 'block' };
    return { name: node.name, scope: { id: `assert:${node.name}`, name: node.name, state: 'enabled', ...conditions }, claim };
}

/** Every assertion of the documents, with its node. */
export function lowerAssertions(documents: readonly LangiumDocument[]): Array<{ assertion: Assertion; node: ast.Assertion }> {
    return documents.flatMap((d) => (ast.isDocument(d.parseResult.value) ? d.parseResult.value.elements : []))
        .filter(ast.isAssertion).map((node) => ({ assertion: lowerAssertion(node), node }));
}
