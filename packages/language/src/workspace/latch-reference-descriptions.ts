import { AstUtils, DefaultReferenceDescriptionProvider, interruptAndCheck, type LangiumDocument, type ReferenceDescription } from 'langium';
import { CancellationToken } from 'vscode-languageserver';
import { NODES_PER_CANCELLATION_CHECK } from '../validation/latch-document-validator.js';

/** Langium's reference index entries for a document, walked without an `await` per node (see LatchDocumentValidator). */
export class LatchReferenceDescriptionProvider extends DefaultReferenceDescriptionProvider {
    override async createDescriptions(document: LangiumDocument, cancelToken: CancellationToken = CancellationToken.None): Promise<ReferenceDescription[]> {
        const out: ReferenceDescription[] = [];
        let walked = 0;
        for (const node of AstUtils.streamAst(document.parseResult.value)) {
            if (++walked % NODES_PER_CANCELLATION_CHECK === 0) await interruptAndCheck(cancelToken);
            AstUtils.streamReferences(node).forEach((ref) => {
                if (!ref.reference.error) out.push(...this.createInfoDescriptions(ref));
            });
        }
        return out;
    }
}
