import { startLanguageServer } from 'langium/lsp';
import { NodeFileSystem } from 'langium/node';
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { createLatchServices } from '../latch-module.js';
import { registerCustomRequests } from './custom-requests.js';

/** Starts the Latch language server; the transport (--node-ipc, --stdio, --socket=) comes from argv. */
export function startServer(): void {
    const connection = createConnection(ProposedFeatures.all);
    const { shared } = createLatchServices({ connection, ...NodeFileSystem });
    startLanguageServer(shared);
    registerCustomRequests(shared, connection);
}
