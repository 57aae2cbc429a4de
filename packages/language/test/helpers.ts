// Shared test harness: one Latch services instance with the built-in library loaded, and helpers that build one or
// more in-memory documents as one workspace (names are global across files) and return their diagnostics.

import { EmptyFileSystem, URI, type AstNode, type LangiumDocument, type MultiReference, type Reference } from 'langium';
import type { Diagnostic } from 'vscode-languageserver-types';
import { BUILTIN_LIBRARY_URI, builtinLibraryText, isBuiltinUri } from '../src/builtins/builtin-library.js';
import { createLatchServices } from '../src/latch-module.js';
import { lowerWorkspace, type LoweredWorkspace } from '../src/lowering/lower-workspace.js';

export const { shared, Latch: services } = createLatchServices(EmptyFileSystem);

const documents = shared.workspace.LangiumDocuments;
const builder = shared.workspace.DocumentBuilder;
const factory = shared.workspace.LangiumDocumentFactory;

let builtin: LangiumDocument | undefined;

/** Loads (once) and builds the built-in library document `latch-builtin:///library.latch`. */
export async function ensureBuiltins(): Promise<LangiumDocument> {
    if (builtin && documents.hasDocument(builtin.uri)) return builtin;
    const doc = factory.fromString(builtinLibraryText(), URI.parse(BUILTIN_LIBRARY_URI));
    documents.addDocument(doc);
    await builder.build([doc], { validation: true });
    builtin = doc;
    return doc;
}

/** A diagnostic with its issue code (validator code, or Langium's `data.code` for lexing/parsing/linking errors). */
export interface Issue {
    code: string;
    severity: 'error' | 'warning' | 'info' | 'hint';
    message: string;
    /** 0-based LSP range. */
    range: Diagnostic['range'];
    /** The source text the range covers. */
    text: string;
    /** The document's file name (e.g. `a.latch`). */
    file: string;
}

const SEVERITY = ['error', 'error', 'warning', 'info', 'hint'] as const;

export function codeOf(d: Diagnostic): string {
    const data = d.data as { code?: unknown } | undefined;
    return String(d.code ?? data?.code ?? 'unknown');
}

function toIssue(doc: LangiumDocument, d: Diagnostic): Issue {
    const td = doc.textDocument;
    return {
        code: codeOf(d),
        severity: SEVERITY[d.severity ?? 1],
        message: typeof d.message === 'string' ? d.message : d.message.value,
        range: d.range,
        text: td.getText().slice(td.offsetAt(d.range.start), td.offsetAt(d.range.end)),
        file: doc.uri.path.split('/').pop() ?? '',
    };
}

export interface Workspace {
    /** The user documents, in the order given. */
    docs: LangiumDocument[];
    /** Every diagnostic of every user document. */
    issues: Issue[];
    /** Issues of one code. */
    ofCode(code: string): Issue[];
    /** Lowering of built-in library + user documents (what the CLI does). */
    lower(): LoweredWorkspace;
}

let counter = 0;

/**
 * Builds the given sources as one workspace (with the built-in library) and validates them.
 * `sources` maps file names to text; a plain string is one file `main.latch`.
 */
export async function buildWorkspace(sources: string | Record<string, string> | string[], options: { validation?: boolean } = {}): Promise<Workspace> {
    const lib = await ensureBuiltins();
    const entries: Array<[string, string]> = typeof sources === 'string' ? [['main.latch', sources]]
        : Array.isArray(sources) ? sources.map((s, i) => [`file${i}.latch`, s]) : Object.entries(sources);
    const run = ++counter;
    const docs = entries.map(([name, text]) => {
        const doc = factory.fromString(text, URI.parse(`file:///ws${run}/${name}`));
        documents.addDocument(doc);
        return doc;
    });
    await builder.build(docs, { validation: options.validation ?? true });
    const issues = docs.flatMap((doc) => (doc.diagnostics ?? []).map((d) => toIssue(doc, d)));
    return {
        docs,
        issues,
        ofCode: (code) => issues.filter((i) => i.code === code),
        lower: () => lowerWorkspace([lib, ...docs]),
    };
}

/** Validates one document on its own (plus the built-in library). */
export async function validate(text: string): Promise<Workspace> {
    return buildWorkspace({ 'main.latch': text });
}

/** Removes every document except the built-in library (call in afterEach). */
export async function clearWorkspace(): Promise<void> {
    const uris = documents.all.filter((d) => !isBuiltinUri(d.uri.toString())).map((d) => d.uri).toArray();
    if (uris.length > 0) await builder.update([], uris);
}

/** The target of a (single) reference; undefined when unresolved. */
export function targetOf(r: Reference | MultiReference): AstNode | undefined {
    return 'ref' in r ? r.ref : undefined;
}

/** Lexing, parsing and linking problems (Langium's own codes). */
export const SYNTAX_CODES = ['lexing-error', 'parsing-error', 'linking-error'] as const;

/** A compact rendering for failure messages. */
export function render(issues: readonly Issue[]): string {
    return issues.map((i) => `${i.file}:${i.range.start.line + 1}:${i.range.start.character + 1} ${i.severity} ${i.code} «${i.text}» ${i.message}`).join('\n');
}
