// Findings as CLI diagnostics (file:line:col), for .latch workspaces (at the policy's or assertion's name) and for
// Graph JSON files (at the line where the policy's id or display name appears).

import { readFileSync } from 'node:fs';
import { relative } from 'node:path';
import { type AnalysisResult, decodeJsonBytes, describeSignIn, type Finding, type Policy } from '@latch/engine';
import { AstUtils, GrammarUtils, type LangiumDocument } from 'langium';
import type { CliDiagnostic } from '../cli/diagnostics.js';
import { findingData, findingNode } from './finding-diagnostics.js';
import type { WorkspaceAnalysis } from './workspace-analysis.js';

export interface CliFinding extends CliDiagnostic {
    related: string[];
    witnessText?: string;
    scenarioText?: string;
}

const rel = (f: string) => relative(process.cwd(), f) || f;

function witnessText(r: AnalysisResult, f: Finding): string | undefined {
    const w = f.witnesses[0];
    return w ? `${describeSignIn(r.context.set, w.signIn)} → ${w.outcome}` : undefined;
}

export function latchFindings(a: WorkspaceAnalysis, fallbackFile: string): CliFinding[] {
    const names = new Map(a.result.context.set.policies.map((p) => [p.id, p.name]));
    return a.result.findings.map((f) => {
        const node = findingNode(a, f);
        const cst = node?.$cstNode ? GrammarUtils.findNodeForProperty(node.$cstNode, 'name') ?? node.$cstNode : undefined;
        const doc: LangiumDocument | undefined = node ? AstUtils.getDocument(node) : undefined;
        const range = cst?.range;
        const data = findingData(a, f);
        return {
            file: doc ? rel(doc.uri.fsPath) : fallbackFile,
            line: (range?.start.line ?? 0) + 1, column: (range?.start.character ?? 0) + 1,
            endLine: (range?.end.line ?? 0) + 1, endColumn: (range?.end.character ?? 0) + 1,
            severity: f.severity, code: f.code, message: f.message,
            related: f.related.map((id) => names.get(id) ?? id), witnessText: data.witnessText, scenarioText: data.scenarioText,
        };
    });
}

/**
 * Findings of Graph JSON inputs, located in the file that holds the policy (`origins`, from loadGraphFiles; decoded
 * like the reader: UTF-16 and BOMs included), at the first line naming its id or display name; other files (a
 * migration table listing ids) only when that finds nothing.
 */
export function graphFindings(r: AnalysisResult, files: readonly string[], origins: ReadonlyMap<Policy, string>): CliFinding[] {
    const texts = files.map((f) => ({ file: f, lines: decodeJsonBytes(readFileSync(f)).split(/\r?\n/) }));
    const names = new Map(r.context.set.policies.map((p) => [p.id, p.displayName ?? p.name]));
    const holderOf = new Map(r.context.set.policies.map((p) => [p.id, origins.get(p)]));
    const locate = (f: Finding): { file: string; line: number } => {
        const needles = [f.policy, f.policy !== undefined ? names.get(f.policy) : undefined].filter((x): x is string => !!x);
        const holder = f.policy !== undefined ? holderOf.get(f.policy) : undefined;
        for (const t of [...texts.filter((x) => x.file === holder), ...texts]) {
            const i = t.lines.findIndex((l) => needles.some((n) => l.includes(n)));
            if (i >= 0) return { file: t.file, line: i + 1 };
        }
        return { file: holder ?? files[0] ?? '.', line: 1 };
    };
    return r.findings.map((f) => {
        const at = locate(f);
        return {
            file: rel(at.file), line: at.line, column: 1, endLine: at.line, endColumn: 1, severity: f.severity, code: f.code,
            message: f.message, related: f.related.map((id) => names.get(id) ?? id), witnessText: witnessText(r, f),
        };
    });
}
