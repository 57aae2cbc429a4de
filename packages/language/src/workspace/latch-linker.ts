import { DefaultLinker, type LangiumDocument } from 'langium';
import { CancellationToken } from 'vscode-languageserver';
import { forEachReferenceIn } from './ast-walk.js';

/** Langium's linking walk (ast-walk.ts) with a cancellation check every few hundred nodes instead of an `await` per node. */
export class LatchLinker extends DefaultLinker {
    override async link(document: LangiumDocument, cancelToken: CancellationToken = CancellationToken.None): Promise<void> {
        await forEachReferenceIn(document.parseResult.value, cancelToken, (ref) => this.doLink(ref, document));
    }
}
