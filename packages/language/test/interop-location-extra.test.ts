// A named location's Graph properties that Latch does not model survive import → .latch → export.
import { namedLocationToGraph, readGraphDocument } from '@latch/engine';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { lowerWorkspace } from '../src/lowering/lower-workspace.js';
import { printImport } from '../src/printer/print-import.js';
import { buildWorkspace, clearWorkspace, ensureBuiltins } from './helpers.js';

beforeAll(ensureBuiltins);
afterEach(clearWorkspace);

describe('named location extra', () => {
    it('keeps an unmodelled property verbatim through import, .latch and export', async () => {
        const graph = {
            '@odata.type': '#microsoft.graph.countryNamedLocation', id: '3f1e2d4c-0000-4000-8000-000000000001',
            displayName: 'Allowed countries', countriesAndRegions: ['NL', 'BE'], includeUnknownCountriesAndRegions: false,
            countryLookupMethod: 'clientIpAddress', futureSetting: { mode: 'strict', levels: [1, 2] },
        };
        const read = readGraphDocument(graph, 'loc.json');
        expect(read.namedLocations[0].extra).toEqual({ futureSetting: { mode: 'strict', levels: [1, 2] } });
        const printed = printImport({ policies: [], namedLocations: read.namedLocations });
        expect(printed.warnings).toEqual([]);
        expect(printed.locations).toContain('extra');

        const ws = await buildWorkspace({ 'locations.latch': printed.locations });
        expect(ws.issues.filter((i) => i.severity === 'error')).toEqual([]);
        const lowered = lowerWorkspace(ws.docs);
        const location = lowered.set.namedLocations.find((l) => l.id === graph.id)!;
        expect(location.extra).toEqual({ futureSetting: { mode: 'strict', levels: [1, 2] } });
        expect(namedLocationToGraph(location)).toMatchObject({ futureSetting: { mode: 'strict', levels: [1, 2] }, countriesAndRegions: ['NL', 'BE'] });
    });
});
