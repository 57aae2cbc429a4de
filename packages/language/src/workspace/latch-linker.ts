import { DefaultLinker, interruptAndCheck, type LangiumDocument } from 'langium';
import { CancellationToken } from 'vscode-languageserver';
import { NODES_PER_CANCELLATION_CHECK } from '../validation/latch-document-validator.js';
import { astNodes, forEachReference } from './ast-walk.js';

/** Langium's linking walk (ast-walk.ts) with a cancellation check every few hundred nodes instead of an `await` per node. */
export class LatchLinker extends DefaultLinker {
    override async link(document: LangiumDocument, cancelToken: CancellationToken = CancellationToken.None): Promise<void> {
        const nodes = astNodes(document.parseResult.value);
        for (let i = 0; i < nodes.length; i++) {
            if (i % NODES_PER_CANCELLATION_CHECK === NODES_PER_CANCELLATION_CHECK - 1) await interruptAndCheck(cancelToken);
            forEachReference(nodes[i], (ref) => this.doLink(ref, document));
        }
    }
}
