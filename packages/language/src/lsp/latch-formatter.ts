import type { AstNode, CstNode, LangiumDocument } from 'langium';
import { AbstractFormatter, Formatting } from 'langium/lsp';
import type { FormattingOptions, Range, TextEdit } from 'vscode-languageserver';
import { TextDocument } from 'langium';
import * as ast from '../generated/ast.js';

/** LANGUAGE.md's layout: two spaces per level, whatever the client's editor settings say. */
const LATCH_OPTIONS: FormattingOptions = { tabSize: 2, insertSpaces: true };

/**
 * Formatter: top-level elements start at column 0; a policy has one clause per line, indented; other blocks
 * (scenarios, `after`, `session`, `device`, declarations, assertions) keep the author's grouping — `ip … country NL`
 * on one line stays so, and a block opened inline stays inline — and re-indent only what already starts a line. Spacing inside a line is left alone
 * (aligned columns survive), comments are kept, and `extra { JSON }` is untouched. Idempotent by construction:
 * every rule depends only on which tokens start a line, which formatting never changes.
 */
export class LatchFormatter extends AbstractFormatter {
    protected override doDocumentFormat(document: LangiumDocument, _options: FormattingOptions, range?: Range): TextEdit[] {
        const edits = super.doDocumentFormat(document, LATCH_OPTIONS, range);
        if (range) return edits;
        // Langium places a comment line at the indentation it tracks, which is not the block's: realign comment
        // lines with the code line they precede, and answer with one edit covering the changed lines.
        const before = document.textDocument.getText();
        const after = alignCommentLines(TextDocument.applyEdits(document.textDocument, edits));
        return lineDiff(before, after);
    }

    protected format(node: AstNode): void {
        if (ast.isDocument(node)) {
            this.getNodeFormatter(node).nodes(...node.elements).prepend(Formatting.noIndent());
        } else if (ast.isPolicy(node)) {
            const f = this.getNodeFormatter(node);
            const open = f.keyword('{');
            open.prepend(Formatting.oneSpace());
            f.nodes(...node.clauses).prepend(Formatting.indent({ allowMore: true }));
            f.keyword('}').prepend(Formatting.newLine({ allowMore: true }));
        } else if (ast.isScenario(node) || ast.isAfterStep(node) || ast.isSessionClause(node) || ast.isDeviceInput(node) || ast.isAssertion(node)
            || ast.isUserInput(node) || isDeclaration(node)) {
            this.keepGrouping(node);
        }
    }

    /**
     * Between the braces of a block written as a block (content starting on the line after `{`): a child that starts
     * a line is indented one level; `}` on its own line is aligned with the block.
     */
    protected keepGrouping(node: AstNode): void {
        const children = ownTokens(node.$cstNode);
        const open = children.findIndex((c) => c.text === '{' && c.grammarSource?.$type === 'Keyword');
        const close = children.length - 1;
        if (open < 0 || children[close]?.text !== '}') return;
        // A block that starts inline (`{ upn "…"` with continuation lines aligned by hand) stays as written.
        if (open + 1 < close && children[open + 1].range.start.line === children[open].range.end.line) return;
        const f = this.getNodeFormatter(node);
        for (let i = open + 1; i <= close; i++) {
            const child = children[i];
            if (child.range.start.line === children[i - 1].range.end.line) continue;
            f.cst([child]).prepend(i === close ? Formatting.newLine({ allowMore: true }) : Formatting.indent({ allowMore: true }));
        }
    }
}

/** The node's direct children, past the wrapper nodes unassigned rule calls (`Element: … | Scenario`) create. */
function ownTokens(cst: CstNode | undefined): CstNode[] {
    let current = cst;
    while (current && isComposite(current)) {
        const visible = current.content.filter((c) => !c.hidden);
        if (visible.length === 1 && isComposite(visible[0]) && visible[0].offset === current.offset && visible[0].length === current.length) {
            current = visible[0];
        } else {
            return visible;
        }
    }
    return [];
}

function isComposite(cst: CstNode): cst is CstNode & { content: readonly CstNode[] } {
    return Array.isArray((cst as { content?: unknown }).content);
}

/** A line holding only a comment takes the indentation of the next code line (`}` lines: one level deeper). */
export function alignCommentLines(text: string): string {
    const lines = text.split('\n');
    let next: string | undefined;
    for (let i = lines.length - 1; i >= 0; i--) {
        const trimmed = lines[i].trimStart();
        if (trimmed.startsWith('//') || trimmed.startsWith('/*')) {
            if (next !== undefined) lines[i] = next + trimmed;
        } else if (trimmed.trim().length > 0) {
            const indent = lines[i].slice(0, lines[i].length - trimmed.length);
            next = trimmed.startsWith('}') ? indent + '  ' : indent;
        }
    }
    return lines.join('\n');
}

/** One edit replacing the changed lines (none when equal). */
function lineDiff(before: string, after: string): TextEdit[] {
    if (before === after) return [];
    const a = before.split('\n');
    const b = after.split('\n');
    let start = 0;
    while (start < a.length && start < b.length && a[start] === b[start]) start++;
    let endA = a.length - 1;
    let endB = b.length - 1;
    while (endA >= start && endB >= start && a[endA] === b[endB]) {
        endA--;
        endB--;
    }
    const endLine = endA + 1;
    const range = endLine < a.length
        ? { start: { line: start, character: 0 }, end: { line: endLine, character: 0 } }
        : { start: { line: start, character: 0 }, end: { line: a.length - 1, character: a[a.length - 1].length } };
    const replaced = b.slice(start, endB + 1).join('\n');
    return [{ range, newText: endLine < a.length ? (replaced.length > 0 || endB >= start ? replaced + '\n' : '') : replaced }];
}

function isDeclaration(node: AstNode): boolean {
    return ast.isUser(node) || ast.isGroup(node) || ast.isRole(node) || ast.isApp(node) || ast.isAuthContext(node) || ast.isLocation(node)
        || ast.isStrength(node) || ast.isTerms(node) || ast.isTenant(node);
}
