import type { PolicySet } from '@latch/engine';
import type { LangiumDocument } from 'langium';
import * as ast from '../generated/ast.js';
import { elementsOf, lowerPolicySet } from './policy-set-lowering.js';
import { type LoweredScenario, lowerScenario } from './lower-scenario.js';

export interface LoweredWorkspace {
    set: PolicySet;
    /** Policy AST nodes, parallel to `set.policies`. */
    policyNodes: ast.Policy[];
    scenarios: Array<LoweredScenario & { node: ast.Scenario }>;
}

/** The one place where Latch ASTs become the engine's model: text → AST → model flows one way from here. */
export function lowerWorkspace(documents: readonly LangiumDocument[]): LoweredWorkspace {
    const elements = elementsOf(documents);
    const scenarios = elements.filter(ast.isScenario).map((node) => ({ ...lowerScenario(node), node }));
    return { ...lowerPolicySet(elements), scenarios };
}
