import type { LangiumSharedServices } from 'langium/lsp';
import type { Connection } from 'vscode-languageserver';

/** Latch's own LSP requests (What If panel, Test Explorer, …), served by the engine inside the server. */
export function registerCustomRequests(shared: LangiumSharedServices, connection: Connection): void {
    void shared;
    void connection;
}
