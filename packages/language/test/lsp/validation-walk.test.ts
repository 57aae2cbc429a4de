// The validation walk without per-node awaits (LatchDocumentValidator, LatchValidationRegistry) must still report a
// failing check as Langium does, await asynchronous checks, keep document order, and stop when cancelled.

import { readdirSync, readFileSync } from 'node:fs';
import { AstUtils, Cancellation, EmptyFileSystem, isOperationCancelled, URI, type AstNode, type ValidationAcceptor } from 'langium';
import { astNodes, forEachReference } from '../../src/workspace/ast-walk.js';
import { describe, expect, it } from 'vitest';
import { createLatchServices } from '../../src/latch-module.js';

function fresh() {
    const { shared, Latch } = createLatchServices(EmptyFileSystem);
    return { shared, Latch };
}

const TEXT = Array.from({ length: 300 }, (_, i) => `group G${i} { id "g${i}" }`).join('\n');

async function build(shared: ReturnType<typeof fresh>['shared'], text = TEXT, token?: Cancellation.CancellationToken) {
    const doc = shared.workspace.LangiumDocumentFactory.fromString(text, URI.parse(`memory:///walk-${Math.random()}.latch`));
    shared.workspace.LangiumDocuments.addDocument(doc);
    await shared.workspace.DocumentBuilder.build([doc], { validation: true }, token);
    return doc;
}

describe('validation walk', () => {
    it('reports a throwing check as an error on the node, and the other checks still run', async () => {
        const { shared, Latch } = fresh();
        const seen: string[] = [];
        Latch.validation.ValidationRegistry.register({
            Group: [
                (node: AstNode & { name?: string }) => { if (node.name === 'G7') throw new Error('boom'); },
                (node: AstNode & { name?: string }, accept: ValidationAcceptor) => { seen.push(node.name!); if (node.name === 'G8') accept('warning', 'eight', { node }); },
            ],
        });
        const doc = await build(shared);
        const errors = (doc.diagnostics ?? []).filter((d) => d.message.includes('An error occurred during validation: boom'));
        expect(errors).toHaveLength(1);
        expect(errors[0].range.start.line).toBe(7);
        expect((doc.diagnostics ?? []).some((d) => d.message === 'eight' && d.range.start.line === 8)).toBe(true);
        expect(seen).toEqual(Array.from({ length: 300 }, (_, i) => `G${i}`));
    });

    it('awaits asynchronous checks (their diagnostics are in the result) and reports their rejections', async () => {
        const { shared, Latch } = fresh();
        Latch.validation.ValidationRegistry.register({
            Group: async (node: AstNode & { name?: string }, accept: ValidationAcceptor) => {
                await new Promise((r) => setTimeout(r, 0));
                if (node.name === 'G3') accept('info', 'late', { node });
                if (node.name === 'G4') throw new Error('late boom');
            },
        });
        const doc = await build(shared, TEXT.split('\n').slice(0, 6).join('\n'));
        expect((doc.diagnostics ?? []).some((d) => d.message === 'late' && d.range.start.line === 3)).toBe(true);
        expect((doc.diagnostics ?? []).some((d) => d.message.includes('late boom') && d.range.start.line === 4)).toBe(true);
    });

    it('stops a cancelled build (the next keystroke) instead of walking the whole file', async () => {
        const { shared, Latch } = fresh();
        const source = new Cancellation.CancellationTokenSource();
        let walked = 0;
        Latch.validation.ValidationRegistry.register({ Group: () => { if (++walked === 10) source.cancel(); } });
        const error = await build(shared, TEXT, source.token).then(() => undefined, (e: unknown) => e);
        expect(isOperationCancelled(error)).toBe(true);
        expect(walked).toBeGreaterThanOrEqual(10);
        expect(walked).toBeLessThan(300);
    });
});

describe('ast-walk', () => {
    it('visits the nodes and references of every example document as AstUtils.streamAst / streamReferences do', async () => {
        const { shared } = fresh();
        const root = new URL('../../../../examples/', import.meta.url);
        for (const dir of readdirSync(root)) {
            for (const file of readdirSync(new URL(`${dir}/`, root)).filter((f) => f.endsWith('.latch'))) {
                const doc = await build(shared, readFileSync(new URL(`${dir}/${file}`, root), 'utf8'));
                const tree = doc.parseResult.value;
                const streamed = AstUtils.streamAst(tree).toArray();
                expect(astNodes(tree)).toEqual(streamed);
                const refs = (node: AstNode) => { const out: unknown[] = []; forEachReference(node, (r) => out.push([r.reference, r.property, r.index])); return out; };
                for (const node of streamed) expect(refs(node)).toEqual(AstUtils.streamReferences(node).map((r) => [r.reference, r.property, r.index]).toArray());
                // A pruned subtree is left out, the pruned node itself kept.
                const policies = astNodes(tree, (n) => n.$type !== 'Policy');
                expect(policies.filter((n) => n.$container?.$type === 'Policy')).toEqual([]);
                expect(policies.filter((n) => n.$type === 'Policy').length).toBe(streamed.filter((n) => n.$type === 'Policy').length);
            }
        }
    });
});
