// The thin client keeps copies of a few server constants (it may not import server or engine code): they must not drift.
import { readFileSync } from 'node:fs';
import { FINDING_CODES } from '@latch/engine';
import { describe, expect, it } from 'vitest';

describe('status bar finding codes', () => {
    it('equal the engine FINDING_CODES', () => {
        const source = readFileSync(new URL('../src/extension/status-bar.ts', import.meta.url), 'utf8');
        const block = /const FINDING_CODES = new Set\(\[([\s\S]*?)\]\);/.exec(source)?.[1] ?? '';
        const codes = [...block.matchAll(/'([^']+)'/g)].map((m) => m[1]);
        expect(codes.sort()).toEqual([...FINDING_CODES].sort());
    });
});

describe('client protocol', () => {
    it('names the same custom requests as the server', async () => {
        const client = await import('../src/extension/protocol.js');
        const server = await import('../../language/src/lsp/custom-requests.js');
        expect(client.LatchRequests).toEqual(server.LatchRequests);
    });
});
