import { DefaultScopeProvider, type ReferenceInfo, type Scope } from 'langium';

/**
 * Latch names are global across the workspace (LANGUAGE.md §2): every reference resolves in the global index,
 * which Langium caches per reference type as a map — no linear scan of local symbols per reference.
 */
export class LatchScopeProvider extends DefaultScopeProvider {
    override getScope(context: ReferenceInfo): Scope {
        return this.getGlobalScope(this.reflection.getReferenceType(context), context);
    }
}
