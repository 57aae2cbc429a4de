// LANGUAGE.md: "The code blocks of this document, taken together as one workspace, have no lexing, parsing or linking
// errors. They do produce some warnings … on purpose." This test holds the document to that promise.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isDocument } from '../src/generated/ast.js';
import { buildWorkspace, clearWorkspace, render, SYNTAX_CODES, targetOf, type Workspace } from './helpers.js';
import { extractLatchBlocks, languageMdPath, readLanguageMd } from './language-md.js';

describe('LANGUAGE.md code blocks as one workspace', () => {
    const blocks = extractLatchBlocks(readLanguageMd());
    let ws: Workspace;

    beforeAll(async () => {
        ws = await buildWorkspace(Object.fromEntries(blocks.map((b, i) => [`block${i + 1}-line${b.line}.latch`, b.text])));
    });

    afterAll(clearWorkspace);

    it('finds the latch blocks of §2, §3, §5 and §6', () => {
        expect(languageMdPath()).toMatch(/LANGUAGE\.md$/);
        expect(blocks).toHaveLength(4);
        expect(blocks[0].text).toContain('tenant "contoso.onmicrosoft.com"');
        expect(blocks[1].text).toContain('policy CA100');
        expect(blocks[2].text).toContain('scenario "Carol reads mail');
        expect(blocks[3].text).toContain('assert "Admins always need phishing-resistant MFA"');
    });

    it('parses every block into declarations', () => {
        for (const doc of ws.docs) {
            expect(doc.parseResult.lexerErrors, doc.uri.toString()).toEqual([]);
            expect(doc.parseResult.parserErrors, doc.uri.toString()).toEqual([]);
        }
        const elements = ws.docs.flatMap((d) => (isDocument(d.parseResult.value) ? d.parseResult.value.elements : []).map((e) => e.$type));
        expect(elements.filter((t) => t === 'Policy')).toHaveLength(6);
        expect(elements.filter((t) => t === 'Scenario')).toHaveLength(3);
        expect(elements.filter((t) => t === 'Assertion')).toHaveLength(3);
    });

    it.each(SYNTAX_CODES)('has no %s', (code) => {
        expect(render(ws.ofCode(code))).toBe('');
    });

    it('has no errors at all', () => {
        expect(render(ws.issues.filter((i) => i.severity === 'error'))).toBe('');
    });

    it('produces exactly the intended warnings (custom role, both risks, persistentBrowser scope) and nothing else', () => {
        const at = (fileIndex: number) => `block${fileIndex}-line${blocks[fileIndex - 1].line}.latch`;
        expect(ws.issues.map((i) => ({ file: i.file, severity: i.severity, code: i.code, text: i.text }))).toEqual([
            { file: at(2), severity: 'warning', code: 'custom-role', text: 'PayrollAuditor' },
            { file: at(2), severity: 'warning', code: 'both-risks', text: 'userRisk high' },
            { file: at(2), severity: 'warning', code: 'persistent-browser-scope', text: 'persistentBrowser never' },
        ]);
    });

    it('resolves every reference (including built-ins such as MicrosoftAdminPortals, PhishingResistantMfa, GlobalAdministrator)', () => {
        const refs = ws.docs.flatMap((d) => d.references);
        expect(refs.length).toBeGreaterThan(40);
        const unresolved = refs.filter((r) => targetOf(r) === undefined).map((r) => r.$refText);
        expect(unresolved).toEqual([]);
        const texts = new Set(refs.map((r) => r.$refText));
        for (const builtin of ['MicrosoftAdminPortals', 'AzurePortal', 'PhishingResistantMfa', 'GlobalAdministrator', 'ExchangeOnline', 'SharePointOnline']) {
            expect(texts).toContain(builtin);
        }
    });
});
