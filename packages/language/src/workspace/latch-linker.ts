import { AstUtils, DefaultLinker, interruptAndCheck, type LangiumDocument } from 'langium';
import { CancellationToken } from 'vscode-languageserver';
import { NODES_PER_CANCELLATION_CHECK } from '../validation/latch-document-validator.js';

/** Langium's linking walk with a cancellation check every few hundred nodes instead of an `await` per node. */
export class LatchLinker extends DefaultLinker {
    override async link(document: LangiumDocument, cancelToken: CancellationToken = CancellationToken.None): Promise<void> {
        let walked = 0;
        for (const node of AstUtils.streamAst(document.parseResult.value)) {
            if (++walked % NODES_PER_CANCELLATION_CHECK === 0) await interruptAndCheck(cancelToken);
            AstUtils.streamReferences(node).forEach((ref) => this.doLink(ref, document));
        }
    }
}
