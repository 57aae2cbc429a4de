// An in-process Latch language server and a JSON-RPC client over in-memory streams (STYLE §4.2): the real
// wiring of main.ts (`startLanguageServer` + the custom requests), capabilities, document sync and notifications,
// without an editor.

import { PassThrough } from 'node:stream';
import { pathToFileURL } from 'node:url';
import { EmptyFileSystem } from 'langium';
import { NodeFileSystem } from 'langium/node';
import { startLanguageServer } from 'langium/lsp';
import {
    createConnection, createProtocolConnection, type Diagnostic, type ProtocolConnection, StreamMessageReader, StreamMessageWriter,
} from 'vscode-languageserver/node';
import { createLatchServices } from '../../src/latch-module.js';
import { registerCustomRequests } from '../../src/lsp/custom-requests.js';

export interface TestClient {
    connection: ProtocolConnection;
    /** Resolves with the next publishDiagnostics for `uri` after this call. */
    nextDiagnostics(uri: string): Promise<Diagnostic[]>;
    /** How often the server asked the client to refresh code lenses. */
    codeLensRefreshes(): number;
    /** Workspace edits the server asked the client to apply. */
    appliedEdits: unknown[];
    open(uri: string, text: string): Promise<Diagnostic[]>;
    change(uri: string, version: number, text: string): Promise<Diagnostic[]>;
    /** Saves: resolves with the diagnostics the save publishes (they include the `slow` analysis). */
    save(uri: string): Promise<Diagnostic[]>;
    close(): Promise<void>;
}

/**
 * `settings`: the client's `latch` settings section, served over workspace/configuration (as VS Code does).
 * `folder`: a workspace folder on disk (the server then reads it with the Node file system).
 */
export async function startTestServer(settings?: Record<string, unknown>, folder?: string): Promise<TestClient> {
    const up = new PassThrough();
    const down = new PassThrough();
    const serverConnection = createConnection(new StreamMessageReader(up), new StreamMessageWriter(down));
    const { shared } = createLatchServices({ connection: serverConnection, ...(folder ? NodeFileSystem : EmptyFileSystem) });
    startLanguageServer(shared);
    registerCustomRequests(shared, serverConnection);

    const connection = createProtocolConnection(new StreamMessageReader(down), new StreamMessageWriter(up));
    const waiters = new Map<string, Array<(d: Diagnostic[]) => void>>();
    let refreshes = 0;
    const appliedEdits: unknown[] = [];
    connection.onNotification('textDocument/publishDiagnostics', (p: { uri: string; diagnostics: Diagnostic[] }) => {
        const list = waiters.get(p.uri) ?? [];
        waiters.delete(p.uri);
        for (const resolve of list) resolve(p.diagnostics);
    });
    connection.onRequest('workspace/codeLens/refresh', () => {
        refreshes++;
        return null;
    });
    connection.onRequest('workspace/applyEdit', (p: unknown) => {
        appliedEdits.push(p);
        return { applied: true };
    });
    connection.onRequest('client/registerCapability', () => null);
    connection.onRequest('workspace/configuration', (p: { items: Array<{ section?: string }> }) =>
        p.items.map((i) => (i.section === 'latch' ? settings ?? null : null)));
    connection.listen();

    await connection.sendRequest('initialize', {
        processId: null, rootUri: folder ? pathToFileURL(folder).href : null,
        workspaceFolders: folder ? [{ uri: pathToFileURL(folder).href, name: 'ws' }] : null,
        capabilities: {
            workspace: { codeLens: { refreshSupport: true }, applyEdit: true, configuration: settings !== undefined },
            textDocument: { synchronization: { didSave: true } },
        },
    });
    await connection.sendNotification('initialized', {});

    const nextDiagnostics = (uri: string) => new Promise<Diagnostic[]>((resolve) => {
        waiters.set(uri, [...(waiters.get(uri) ?? []), resolve]);
    });
    return {
        connection,
        nextDiagnostics,
        codeLensRefreshes: () => refreshes,
        appliedEdits,
        async open(uri, text) {
            const diagnostics = nextDiagnostics(uri);
            await connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'latch', version: 1, text } });
            return diagnostics;
        },
        async change(uri, version, text) {
            const diagnostics = nextDiagnostics(uri);
            await connection.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [{ text }] });
            return diagnostics;
        },
        async save(uri) {
            const diagnostics = nextDiagnostics(uri);
            await connection.sendNotification('textDocument/didSave', { textDocument: { uri } });
            return diagnostics;
        },
        async close() {
            // No `exit`: vscode-languageserver answers it with process.exit, which would end the test worker.
            await connection.sendRequest('shutdown');
            connection.dispose();
            serverConnection.dispose();
        },
    };
}
