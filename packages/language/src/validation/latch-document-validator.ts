import { AstUtils, type AstNode, DefaultDocumentValidator, interruptAndCheck, type ValidationAcceptor, type ValidationOptions } from 'langium';
import { CancellationToken } from 'vscode-languageserver';

/** Nodes walked between two cancellation checks (Langium checks, and may yield, at every node). */
export const NODES_PER_CANCELLATION_CHECK = 256;

/**
 * The same walk as Langium's (every node in document order, each node's checks of the requested categories), but
 * synchronous checks run without an `await` per node: a keystroke on a large file walks tens of thousands of
 * nodes. Cancellation (the next keystroke) is still honoured every NODES_PER_CANCELLATION_CHECK nodes.
 */
export class LatchDocumentValidator extends DefaultDocumentValidator {
    protected override async validateAstNodes(rootNode: AstNode, options: ValidationOptions, acceptor: ValidationAcceptor,
        cancelToken: CancellationToken = CancellationToken.None): Promise<void> {
        let walked = 0;
        const nodes = AstUtils.streamAst(rootNode).iterator();
        for (const node of nodes) {
            if (++walked % NODES_PER_CANCELLATION_CHECK === 0) await interruptAndCheck(cancelToken);
            const { validateNode, validateChildren } = this.validateSingleNodeOptions(node, options);
            if (validateNode) {
                for (const check of this.validationRegistry.getChecks(node.$type, options.categories)) {
                    const r = check(node, acceptor, cancelToken);
                    if (r instanceof Promise) await r;
                }
            }
            if (!validateChildren) nodes.prune();
        }
    }
}
