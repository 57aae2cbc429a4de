import { type DocumentBuilder, DocumentState, type LangiumDocuments, type WorkspaceLock } from 'langium';
import { DefaultDocumentUpdateHandler, type LangiumSharedServices } from 'langium/lsp';
import { CodeLensRefreshRequest, type Connection, type TextDocumentChangeEvent } from 'vscode-languageserver';
import type { TextDocument } from 'langium';
import { URI } from 'vscode-uri';
import * as ast from '../generated/ast.js';
import { isBuiltinUri } from '../builtins/builtin-library.js';
import type { LatchServices } from '../latch-module.js';
import { LatchDocumentBuilder } from '../workspace/latch-document-builder.js';

/** Idle time after the last keystroke's build before the `slow` validation category (workspace analysis) runs. */
export const SLOW_VALIDATION_DELAY_MS = 300;

/**
 * Keystrokes rebuild with Langium's `built-in` + `fast` checks only (its default), so typing never waits for
 * workspace analysis. Once the workspace has been idle for SLOW_VALIDATION_DELAY_MS, or at once on save, the
 * `slow` category runs under the workspace lock (the next keystroke cancels it) and diagnostics are re-published.
 * Saving also reveals the What If results of the saved document's scenarios; code lenses are refreshed.
 */
export class LatchDocumentUpdateHandler extends DefaultDocumentUpdateHandler {
    protected readonly shared: LangiumSharedServices;
    protected readonly builder: DocumentBuilder;
    protected readonly lock: WorkspaceLock;
    protected readonly langiumDocuments: LangiumDocuments;
    protected timer: ReturnType<typeof setTimeout> | undefined;
    protected slowRunning = false;
    protected codeLensRefresh = false;

    constructor(shared: LangiumSharedServices) {
        super(shared);
        this.shared = shared;
        this.builder = shared.workspace.DocumentBuilder;
        this.lock = shared.workspace.WorkspaceLock;
        this.langiumDocuments = shared.workspace.LangiumDocuments;
        shared.lsp.LanguageServer.onInitialize((params) => {
            this.codeLensRefresh = Boolean(params.capabilities.workspace?.codeLens?.refreshSupport);
        });
        this.builder.onBuildPhase(DocumentState.Validated, () => {
            if (!this.slowRunning && this.connection) this.scheduleSlowValidation(SLOW_VALIDATION_DELAY_MS);
        });
    }

    protected get connection(): Connection | undefined {
        return this.shared.lsp.Connection;
    }

    override didChangeContent(change: TextDocumentChangeEvent<TextDocument>): void {
        // A pending slow pass would only be cancelled by this keystroke's build: drop it now.
        this.cancelScheduled();
        super.didChangeContent(change);
    }

    didSaveDocument(event: TextDocumentChangeEvent<TextDocument>): void {
        const uri = URI.parse(event.document.uri);
        const doc = this.langiumDocuments.getDocument(uri);
        const root = doc?.parseResult.value;
        if (ast.isDocument(root)) {
            const names = root.elements.filter(ast.isScenario).map((s) => s.name).filter((n): n is string => n !== undefined);
            this.latchServices(uri)?.whatIf.ScenarioResults.reveal(uri.toString(), names);
        }
        this.scheduleSlowValidation(0);
        void this.refreshCodeLenses();
    }

    /** Asks the client to re-request code lenses (results changed or were revealed). */
    async refreshCodeLenses(): Promise<void> {
        if (this.codeLensRefresh && this.connection) {
            try {
                await this.connection.sendRequest(CodeLensRefreshRequest.type);
            } catch {
                // The client may be shutting down; lenses refresh on the next request anyway.
            }
        }
    }

    protected latchServices(uri: URI): LatchServices | undefined {
        try {
            return this.shared.ServiceRegistry.getServices(uri) as LatchServices;
        } catch {
            return undefined;
        }
    }

    protected cancelScheduled(): void {
        if (this.timer) clearTimeout(this.timer);
        this.timer = undefined;
    }

    protected scheduleSlowValidation(delay: number): void {
        this.cancelScheduled();
        this.timer = setTimeout(() => {
            this.timer = undefined;
            void this.runSlowValidation();
        }, delay);
    }

    /** Runs the `slow` category on every document (Langium keeps the markers of the others). */
    protected async runSlowValidation(): Promise<void> {
        await this.lock.write(async (token) => {
            const docs = this.langiumDocuments.all
                .filter((d) => d.state === DocumentState.Validated && !isBuiltinUri(d.uri.toString()))
                .toArray();
            if (docs.length === 0) return;
            // The analysis spans files: every document's findings are recomputed, not only the edited one's.
            if (this.builder instanceof LatchDocumentBuilder) for (const d of docs) this.builder.forgetValidationCategory(d, 'slow');
            this.slowRunning = true;
            try {
                await this.builder.build(docs, { validation: { categories: ['built-in', 'fast', 'slow'] } }, token);
            } finally {
                this.slowRunning = false;
            }
        }).catch(() => undefined);
        await this.refreshCodeLenses();
    }
}
