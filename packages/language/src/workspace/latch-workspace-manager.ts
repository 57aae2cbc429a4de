import { DefaultWorkspaceManager, type LangiumDocument, type LangiumDocumentFactory } from 'langium';
import type { LangiumSharedServices } from 'langium/lsp';
import type { WorkspaceFolder } from 'vscode-languageserver';
import { URI } from 'vscode-uri';
import { BUILTIN_LIBRARY_URI, builtinLibraryText } from '../builtins/builtin-library.js';

/**
 * Loads the built-in library next to the workspace files, and validates the workspace when it opens (Langium's
 * default only links it): the Problems panel, the Test Explorer and the What If requests, which wait for validated
 * documents, then work before any file is opened. The `slow` analysis follows once the build is idle.
 */
export class LatchWorkspaceManager extends DefaultWorkspaceManager {
    private readonly documentFactory: LangiumDocumentFactory;

    constructor(services: LangiumSharedServices) {
        super(services);
        this.documentFactory = services.workspace.LangiumDocumentFactory;
        this.initialBuildOptions = { validation: { categories: ['built-in', 'fast'] } };
    }

    protected override async loadAdditionalDocuments(folders: WorkspaceFolder[], collector: (document: LangiumDocument) => void): Promise<void> {
        await super.loadAdditionalDocuments(folders, collector);
        collector(this.documentFactory.fromString(builtinLibraryText(), URI.parse(BUILTIN_LIBRARY_URI)));
    }
}
