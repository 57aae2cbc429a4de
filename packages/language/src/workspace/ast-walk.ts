// Tree walks without a stream object per node. Langium's AstUtils.streamAst / streamReferences allocate an iterator
// state, a keys array and result objects per node; the validator, the linker and the reference index each walk the
// whole tree on every keystroke, which on a 2,000-line file was a large share of a keystroke's garbage. These visit
// the same nodes and references in the same order (pre-order, own properties in key order, `$` properties skipped).

import { type AstNode, interruptAndCheck, isAstNode, isMultiReference, isReference, type ReferenceInfo } from 'langium';
import type { CancellationToken } from 'vscode-languageserver';

/** Nodes walked between two cancellation checks (Langium checks, and may yield, at every node). */
export const NODES_PER_CANCELLATION_CHECK = 256;

/** Whether to check for cancellation (and let the event loop in) before the i-th node of a walk. */
export function isCancellationPoint(i: number): boolean {
    return i % NODES_PER_CANCELLATION_CHECK === NODES_PER_CANCELLATION_CHECK - 1;
}

/** Every node of the tree in streamAst's order; `descend(node) === false` leaves out the node's descendants. */
export function astNodes(root: AstNode, descend?: (node: AstNode) => boolean): AstNode[] {
    const out: AstNode[] = [];
    const visit = (node: AstNode): void => {
        out.push(node);
        if (descend && !descend(node)) return;
        const props = node as unknown as Record<string, unknown>;
        for (const key in props) {
            if (key.charCodeAt(0) === 36 /* $ */ || !Object.hasOwn(props, key)) continue;
            const value = props[key];
            if (isAstNode(value)) visit(value);
            else if (Array.isArray(value)) for (const element of value) if (isAstNode(element)) visit(element);
        }
    };
    visit(root);
    return out;
}

/** The node's cross-references in streamReferences' order. */
export function forEachReference(node: AstNode, fn: (info: ReferenceInfo) => void): void {
    const props = node as unknown as Record<string, unknown>;
    for (const property in props) {
        if (property.charCodeAt(0) === 36 || !Object.hasOwn(props, property)) continue;
        const value = props[property];
        if (isReference(value) || isMultiReference(value)) fn({ reference: value, container: node, property });
        else if (Array.isArray(value)) {
            for (let index = 0; index < value.length; index++) {
                const element: unknown = value[index];
                if (isReference(element) || isMultiReference(element)) fn({ reference: element, container: node, property, index });
            }
        }
    }
}

/** Every cross-reference of the tree in Langium's order, with a cancellation check every few hundred nodes. */
export async function forEachReferenceIn(root: AstNode, token: CancellationToken, fn: (info: ReferenceInfo) => void): Promise<void> {
    const nodes = astNodes(root);
    for (let i = 0; i < nodes.length; i++) {
        if (isCancellationPoint(i)) await interruptAndCheck(token);
        forEachReference(nodes[i], fn);
    }
}
