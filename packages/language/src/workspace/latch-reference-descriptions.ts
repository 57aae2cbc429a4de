import { DefaultReferenceDescriptionProvider, interruptAndCheck, type LangiumDocument, type ReferenceDescription } from 'langium';
import { CancellationToken } from 'vscode-languageserver';
import { NODES_PER_CANCELLATION_CHECK } from '../validation/latch-document-validator.js';
import { astNodes, forEachReference } from './ast-walk.js';

/** Langium's reference index entries for a document, walked without an `await` per node (see LatchDocumentValidator). */
export class LatchReferenceDescriptionProvider extends DefaultReferenceDescriptionProvider {
    override async createDescriptions(document: LangiumDocument, cancelToken: CancellationToken = CancellationToken.None): Promise<ReferenceDescription[]> {
        const out: ReferenceDescription[] = [];
        const nodes = astNodes(document.parseResult.value);
        for (let i = 0; i < nodes.length; i++) {
            if (i % NODES_PER_CANCELLATION_CHECK === NODES_PER_CANCELLATION_CHECK - 1) await interruptAndCheck(cancelToken);
            forEachReference(nodes[i], (ref) => {
                if (!ref.reference.error) out.push(...this.createInfoDescriptions(ref));
            });
        }
        return out;
    }
}
