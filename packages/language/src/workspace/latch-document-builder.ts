import { DefaultDocumentBuilder, type LangiumDocument, type ValidationCategory } from 'langium';

/**
 * Langium runs a validation category once per document state. The workspace analysis (`slow` category) is not a
 * function of one document: an edit in one file changes the findings of policies in others, which Langium would
 * leave as they were. `forgetValidationCategory` marks the category as not run, so the next build runs it again.
 */
export class LatchDocumentBuilder extends DefaultDocumentBuilder {
    forgetValidationCategory(document: LangiumDocument, category: ValidationCategory): void {
        const state = this.buildState.get(document.uri.toString());
        if (!state) return; // never built with options: the next build runs every requested category anyway
        const ran = state.result?.validationChecks
            ?? (state.completed ? this.serviceRegistry.getServices(document.uri).validation.ValidationRegistry.getAllValidationCategories(document) : []);
        state.result = { ...state.result, validationChecks: [...ran].filter((c) => c !== category) };
    }
}
