import { existsSync, readdirSync, statSync } from 'node:fs';
import { extname, join, resolve } from 'node:path';
import type { LangiumDocument } from 'langium';
import { NodeFileSystem } from 'langium/node';
import { URI } from 'vscode-uri';
import { BUILTIN_LIBRARY_URI, builtinLibraryText } from '../builtins/builtin-library.js';
import { createLatchServices } from '../latch-module.js';

export class CliInputError extends Error {}

/** Files below the given paths with one of the extensions (folders recursively, sorted; hidden folders and node_modules skipped). */
export function collectFiles(paths: readonly string[], extensions: readonly string[]): string[] {
    const out: string[] = [];
    const walk = (p: string) => {
        const st = statSync(p);
        if (st.isDirectory()) {
            for (const name of readdirSync(p).sort()) {
                if (name.startsWith('.') || name === 'node_modules') continue;
                walk(join(p, name));
            }
        } else if (extensions.includes(extname(p).toLowerCase())) {
            out.push(resolve(p));
        }
    };
    for (const p of paths) {
        if (!existsSync(p)) throw new CliInputError(`${p}: no such file or folder`);
        const st = statSync(p);
        if (st.isFile() && !extensions.includes(extname(p).toLowerCase())) {
            throw new CliInputError(`${p}: expected ${extensions.join(' or ')} file`);
        }
        walk(p);
    }
    return [...new Set(out)];
}

export interface LoadedWorkspace {
    documents: LangiumDocument[];
    /** Workspace documents only (not the built-in library). */
    userDocuments: LangiumDocument[];
}

/** Parses, links and validates .latch files as one workspace, with the built-in library. */
export async function loadLatchWorkspace(files: readonly string[]): Promise<LoadedWorkspace> {
    const { shared } = createLatchServices(NodeFileSystem);
    const documents = shared.workspace.LangiumDocuments;
    const builtin = shared.workspace.LangiumDocumentFactory.fromString(builtinLibraryText(), URI.parse(BUILTIN_LIBRARY_URI));
    documents.addDocument(builtin);
    const userDocuments: LangiumDocument[] = [];
    for (const f of files) userDocuments.push(await documents.getOrCreateDocument(URI.file(f)));
    await shared.workspace.DocumentBuilder.build([builtin, ...userDocuments], { validation: true });
    return { documents: [builtin, ...userDocuments], userDocuments };
}
