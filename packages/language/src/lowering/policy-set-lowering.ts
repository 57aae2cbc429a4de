// The policy set of each workspace state for the editor's analysis, lowered again only where the text changed. A
// policy's model is a function of its own text and of the declarations its references resolve to (names are global;
// only scenarios reference policies). So while no document holding declarations changed, a policy whose text is the
// same lowers to the same model: that model — the same object — is handed back, with the same directory and named
// locations. Besides the lowering itself, this lets the engine key its memos by object identity (space.ts).

import type { Policy, PolicySet } from '@latch/engine';
import type { LangiumDocument } from 'langium';
import * as ast from '../generated/ast.js';
import { lowerDirectory } from './lower-directory.js';
import { lowerPolicy } from './lower-policy.js';

export interface LoweredPolicySet {
    set: PolicySet;
    /** Policy AST nodes of the current state, parallel to `set.policies`. */
    policyNodes: ast.Policy[];
}

/** The top-level elements of the documents, in order. */
export function elementsOf(documents: readonly LangiumDocument[]): ast.Element[] {
    return documents.flatMap((d) => (ast.isDocument(d.parseResult.value) ? d.parseResult.value.elements : []));
}

/** Lowers the policies, directory and named locations of the elements (no scenarios: the analysis reads none). */
export function lowerPolicySet(elements: readonly ast.Element[]): LoweredPolicySet {
    const policyNodes = elements.filter(ast.isPolicy);
    const { directory, namedLocations } = lowerDirectory(elements);
    return { set: { policies: policyNodes.map(lowerPolicy), namedLocations, directory }, policyNodes };
}

function isDeclaration(e: ast.Element): boolean {
    return !ast.isPolicy(e) && !ast.isScenario(e) && !ast.isAssertion(e);
}

/** lowerPolicySet, reusing the last state's models where nothing they depend on changed (see above). */
export class PolicySetLowering {
    /** URI and text of each document holding declarations, at the last lowering. */
    private declarations: string[] = [];
    private directory: Pick<PolicySet, 'directory' | 'namedLocations'> | undefined;
    /** Models of the last state's policies by their text. */
    private byText = new Map<string, Policy>();

    lower(documents: readonly LangiumDocument[]): LoweredPolicySet {
        const declarations: string[] = [];
        for (const d of documents) {
            const root = d.parseResult.value;
            if (ast.isDocument(root) && root.elements.some(isDeclaration)) declarations.push(d.uri.toString(), d.textDocument.getText());
        }
        const elements = elementsOf(documents);
        // Same strings for unchanged documents: comparing them is a pointer check.
        const same = this.directory !== undefined && declarations.length === this.declarations.length && declarations.every((x, i) => x === this.declarations[i]);
        if (!same) {
            this.declarations = declarations;
            this.directory = lowerDirectory(elements);
            this.byText.clear();
        }
        const byText = new Map<string, Policy>();
        const policyNodes = elements.filter(ast.isPolicy);
        const policies = policyNodes.map((node) => {
            const text = node.$cstNode?.text;
            if (text === undefined) return lowerPolicy(node);
            // (Two policies of the same text — a duplicate name — get a model each.)
            if (byText.has(text)) return lowerPolicy(node);
            const p = this.byText.get(text) ?? lowerPolicy(node);
            byText.set(text, p);
            return p;
        });
        this.byText = byText;
        const { directory, namedLocations } = this.directory!;
        return { set: { policies, namedLocations, directory }, policyNodes };
    }
}
