// The thin client keeps its own copy of the analysis' finding codes (it may not import engine code): it must not drift.
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
