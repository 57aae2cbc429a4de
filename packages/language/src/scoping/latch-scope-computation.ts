import { DefaultScopeComputation, type LangiumDocument, type LocalSymbols, MultiMap, type AstNodeDescription, type AstNode } from 'langium';

/**
 * Latch names are global (see LatchScopeProvider, which reads the index only): the per-document table of local
 * symbols Langium builds by walking the whole AST on every keystroke would never be read, so none is built.
 */
export class LatchScopeComputation extends DefaultScopeComputation {
    override async collectLocalSymbols(_document: LangiumDocument): Promise<LocalSymbols> {
        return new MultiMap<AstNode, AstNodeDescription>();
    }
}
