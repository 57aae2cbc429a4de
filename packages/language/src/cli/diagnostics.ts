import { relative } from 'node:path';
import type { LangiumDocument } from 'langium';
import type { Diagnostic } from 'vscode-languageserver-types';

export interface CliDiagnostic {
    file: string;
    line: number;
    column: number;
    endLine: number;
    endColumn: number;
    severity: 'error' | 'warning' | 'info' | 'hint';
    code: string;
    message: string;
}

const SEVERITY = ['error', 'error', 'warning', 'info', 'hint'] as const;

function codeOf(d: Diagnostic): string {
    const data = d.data as { code?: string } | undefined;
    return String(d.code ?? data?.code ?? 'unknown');
}

/** Diagnostics of documents, 1-based, sorted by file and position. */
export function collectDiagnostics(documents: readonly LangiumDocument[]): CliDiagnostic[] {
    const out: CliDiagnostic[] = [];
    for (const doc of documents) {
        const file = relative(process.cwd(), doc.uri.fsPath) || doc.uri.fsPath;
        for (const d of doc.diagnostics ?? []) {
            out.push({
                file, line: d.range.start.line + 1, column: d.range.start.character + 1,
                endLine: d.range.end.line + 1, endColumn: d.range.end.character + 1,
                severity: SEVERITY[d.severity ?? 1], code: codeOf(d), message: typeof d.message === 'string' ? d.message : d.message.value,
            });
        }
    }
    return out.sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line || a.column - b.column);
}

export function formatDiagnostic(d: CliDiagnostic): string {
    return `${d.file}:${d.line}:${d.column} ${d.severity} ${d.code} ${d.message}`;
}
