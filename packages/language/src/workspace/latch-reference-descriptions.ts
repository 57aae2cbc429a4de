import { DefaultReferenceDescriptionProvider, type LangiumDocument, type ReferenceDescription } from 'langium';
import { CancellationToken } from 'vscode-languageserver';
import { forEachReferenceIn } from './ast-walk.js';

/** Langium's reference index entries for a document, walked without an `await` per node (ast-walk.ts). */
export class LatchReferenceDescriptionProvider extends DefaultReferenceDescriptionProvider {
    override async createDescriptions(document: LangiumDocument, cancelToken: CancellationToken = CancellationToken.None): Promise<ReferenceDescription[]> {
        const out: ReferenceDescription[] = [];
        await forEachReferenceIn(document.parseResult.value, cancelToken, (ref) => {
            if (!ref.reference.error) out.push(...this.createInfoDescriptions(ref));
        });
        return out;
    }
}
