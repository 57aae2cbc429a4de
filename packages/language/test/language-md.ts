// Reads ../shared/LANGUAGE.md (beside the repository root) and extracts its ```latch code blocks.

import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Candidate locations: beside the repository root (relative to this file), then relative to the working directory. */
export function languageMdPath(): string {
    const candidates = [
        process.env.LATCH_LANGUAGE_MD,
        fileURLToPath(new URL('../../../../shared/LANGUAGE.md', import.meta.url)),
        resolve(process.cwd(), '../shared/LANGUAGE.md'),
    ].filter((p): p is string => !!p);
    const found = candidates.find((p) => existsSync(p));
    if (!found) throw new Error(`LANGUAGE.md not found; looked at ${candidates.join(', ')}`);
    return found;
}

export function readLanguageMd(): string {
    return readFileSync(languageMdPath(), 'utf8');
}

export interface LatchBlock {
    text: string;
    /** 1-based line in LANGUAGE.md of the block's first code line. */
    line: number;
}

/** The ```latch fenced blocks, in document order. */
export function extractLatchBlocks(markdown: string): LatchBlock[] {
    const blocks: LatchBlock[] = [];
    const lines = markdown.split(/\r?\n/);
    let current: { start: number; body: string[] } | undefined;
    lines.forEach((line, i) => {
        if (!current && /^```latch\s*$/.test(line)) current = { start: i + 2, body: [] };
        else if (current && /^```\s*$/.test(line)) {
            blocks.push({ text: current.body.join('\n') + '\n', line: current.start });
            current = undefined;
        } else if (current) current.body.push(line);
    });
    return blocks;
}
