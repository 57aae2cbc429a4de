import { type AstNode, DefaultDocumentValidator, interruptAndCheck, type ValidationAcceptor, type ValidationCheck, type ValidationOptions } from 'langium';
import { CancellationToken } from 'vscode-languageserver';
import { astNodes, isCancellationPoint } from '../workspace/ast-walk.js';

/**
 * The same walk as Langium's (every node in document order, each node's checks of the requested categories), but
 * without a stream per node (ast-walk.ts) and with synchronous checks run without an `await` per node: a keystroke on
 * a large file walks tens of thousands of nodes. Cancellation (the next keystroke) is still honoured every
 * NODES_PER_CANCELLATION_CHECK nodes (ast-walk.ts).
 */
export class LatchDocumentValidator extends DefaultDocumentValidator {
    protected override async validateAstNodes(rootNode: AstNode, options: ValidationOptions, acceptor: ValidationAcceptor,
        cancelToken: CancellationToken = CancellationToken.None): Promise<void> {
        const nodes = astNodes(rootNode, (node) => this.validateSingleNodeOptions(node, options).validateChildren);
        // The checks of a node type for these categories (the registry builds a stream per question).
        const byType = new Map<string, ValidationCheck[]>();
        for (let i = 0; i < nodes.length; i++) {
            if (isCancellationPoint(i)) await interruptAndCheck(cancelToken);
            const node = nodes[i];
            if (!this.validateSingleNodeOptions(node, options).validateNode) continue;
            let checks = byType.get(node.$type);
            if (!checks) {
                checks = this.validationRegistry.getChecks(node.$type, options.categories).toArray();
                byType.set(node.$type, checks);
            }
            for (const check of checks) {
                const r = check(node, acceptor, cancelToken);
                if (r instanceof Promise) await r;
            }
        }
    }
}
