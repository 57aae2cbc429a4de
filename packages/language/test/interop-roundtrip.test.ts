// Issue #5 part 3 over the whole shared corpus (both repositories): Graph → Latch → Graph is semantically identical,
// the imported .latch has no errors, and Latch → Graph → Latch is textually stable.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
    decodeJsonBytes, namedLocationToGraph, parseJsonWithPositions, policyToGraph, readGraphDocument,
    type NamedLocation, type Policy,
} from '@latch/engine';
import * as ast from '../src/generated/ast.js';
import { printImport, type PrintedImport } from '../src/printer/print-import.js';
import { buildWorkspace, clearWorkspace, render, type Workspace } from './helpers.js';
import { normaliseGraph } from './interop-normalise.js';

const CORPUS = '/work/shared/corpus';

function walk(dir: string): string[] {
    return readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))
        .flatMap((e) => (e.isDirectory() ? walk(join(dir, e.name)) : e.name.toLowerCase().endsWith('.json') ? [join(dir, e.name)] : []));
}

interface Entry { file: string; raw: unknown; model: Policy | NamedLocation }

const entries: Entry[] = [];
for (const file of walk(CORPUS)) {
    const raw = parseJsonWithPositions(decodeJsonBytes(readFileSync(file)), file);
    const doc = readGraphDocument(raw, file);
    for (const model of [...doc.namedLocations, ...doc.policies]) entries.push({ file: relative(CORPUS, file), raw, model });
}
const policies = entries.filter((e) => 'state' in e.model).map((e) => e.model as Policy);
const locations = entries.filter((e) => !('state' in e.model)).map((e) => e.model as NamedLocation);

/** Graph of the lowered workspace, with ids where the .latch declares them (what `latch export --keep-ids` writes). */
function exportAll(ws: Workspace): { policies: Record<string, unknown>[]; locations: Record<string, unknown>[] } {
    const lowered = ws.lower();
    const locationNodes = ws.docs.flatMap((d) => (d.parseResult.value as ast.Document).elements.filter(ast.isLocation));
    return {
        policies: lowered.set.policies.map((p, i) => policyToGraph(p, { keepIds: true, idDeclared: lowered.policyNodes[i]!.clauses.some(ast.isIdClause) })),
        locations: lowered.set.namedLocations.map((l) => namedLocationToGraph(l, { keepIds: true, idDeclared: locationNodes.find((n) => n.name === l.name)?.id !== undefined })),
    };
}

function asSources(p: PrintedImport): Record<string, string> {
    return { 'directory.latch': p.directory, 'locations.latch': p.locations, 'policies.latch': p.policies };
}

describe('corpus round trip', () => {
    let printed: PrintedImport;
    let ws: Workspace;
    let exported: ReturnType<typeof exportAll>;

    beforeAll(async () => {
        printed = printImport({ policies, namedLocations: locations });
        ws = await buildWorkspace(asSources(printed));
        exported = exportAll(ws);
    });
    afterAll(clearWorkspace);

    it('covers both corpora', () => {
        expect(policies.length).toBe(250);
        expect(locations.length).toBe(3);
        expect(new Set(entries.map((e) => e.file.split('/')[0]))).toEqual(new Set(['AlexFilipin-ConditionalAccess', 'j0eyv-ConditionalAccessBaseline']));
    });

    it('imports to .latch with no errors', () => {
        expect(render(ws.issues.filter((i) => i.severity === 'error'))).toBe('');
        expect(printed.warnings).toEqual([]);
    });

    it('lowers to the same number of objects, in input order', () => {
        expect(exported.policies.length).toBe(policies.length);
        expect(exported.locations.length).toBe(locations.length);
        expect(exported.policies.map((p) => p.displayName)).toEqual(policies.map((p) => p.displayName));
    });

    it.each(entries.map((e, i) => [e.file, i]))('Graph → Latch → Graph is identical: %s', (_file, i) => {
        const entry = entries[i as number]!;
        const isPolicy = 'state' in entry.model;
        const index = (isPolicy ? policies : locations).indexOf(entry.model as never);
        const back = isPolicy ? exported.policies[index] : exported.locations[index];
        expect(normaliseGraph(back)).toEqual(normaliseGraph(entry.raw));
    });

    it('Latch → Graph → Latch is textually stable', () => {
        const reread = readGraphDocument([...exported.locations, ...exported.policies], 'exported.json');
        // The corpus repeats templates across policy sets: the same derived ids get the same suffixes again.
        expect(reread.warnings.filter((w) => !/derived id .* is taken/.test(w))).toEqual([]);
        const again = printImport({ policies: reread.policies, namedLocations: reread.namedLocations });
        expect(again.directory).toBe(printed.directory);
        expect(again.locations).toBe(printed.locations);
        expect(again.policies).toBe(printed.policies);
    });
});
