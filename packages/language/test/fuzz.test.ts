// Robustness: random and mutated documents go through parse + link + validate + lowerWorkspace without an exception
// escaping (or being swallowed into an "An error occurred …" diagnostic) and each within 1 s.
//
// Reproduce a failure: the report prints the seed and the document index; run with LATCH_FUZZ_SEED=<seed>
// (and optionally LATCH_FUZZ_COUNT=<n>). Every document i is generated from its own PRNG seeded with seed + i.

import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';
import { afterAll, beforeAll, describe, expect, it, vi, type MockInstance } from 'vitest';
import { buildWorkspace, clearWorkspace, ensureBuiltins } from './helpers.js';
import { extractLatchBlocks, readLanguageMd } from './language-md.js';
import { seededRandom } from '@latch/engine';

const SEED = Number(process.env.LATCH_FUZZ_SEED ?? 0x1a7c4);
const COUNT = Number(process.env.LATCH_FUZZ_COUNT ?? 5200);
const LIMIT_MS = 1000;

/** mulberry32, the engine's seeded PRNG (also used by the sign-in log generator). */
const prng = seededRandom;

const here = fileURLToPath(new URL('.', import.meta.url));
const repoRoot = join(here, '../../..');

function corpus(): Array<{ name: string; text: string }> {
    const out = extractLatchBlocks(readLanguageMd()).map((b, i) => ({ name: `LANGUAGE.md block ${i + 1}`, text: b.text }));
    const contoso = join(repoRoot, 'examples/contoso');
    if (existsSync(contoso)) {
        for (const f of readdirSync(contoso).filter((n) => n.endsWith('.latch')).sort()) {
            out.push({ name: `examples/contoso/${f}`, text: readFileSync(join(contoso, f), 'utf8') });
        }
    }
    return out;
}

/** Every keyword of the grammar, read from the grammar itself. */
function grammarKeywords(): string[] {
    const grammar = readFileSync(join(here, '../src/latch.langium'), 'utf8');
    return [...new Set([...grammar.matchAll(/'([^'\s]+)'/g)].map((m) => m[1]))];
}

/** Literals that stress the lexer and the literal checks. */
const TRICKY = [
    '0.0.0.0/0', '255.255.255.255/32', '10.0.0.0/8', '999.1.1.1', '1.2.3', '::', '::/0', 'fe80::/10', '2001:db8::/129',
    '1:2:3:4:5:6:7:8', '2026-02-29T25:61', '2026-11-24T21:30:59', '24:00-00:00', '08:00-08:00', '99:99-00:00',
    '0m', '99999999999999999999d', '7d', '-1', '1e309', '-not', '-and', '-or', '-eq', '-in', '-notIn', '-bogus',
    'device.isCompliant', 'device.', '.x', "'single'", "'", '"', '"unterminated', '"\\u00"', '"Europe/Amsterdam"',
    '"Mars/Olympus"', '^all', '^', 'mon-fri', 'fri-mon', 'sun', 'NL', 'XX', 'unknown', '[', ']', '(', ')', '{', '}',
    ',', '+', ':', '/*', '*/', '//', '\n', '\t', '\u00e9', '\u{1F600}', '\r\n', 'true', 'True', 'null', '""',
];

const ALPHABET = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 \n\t{}()[],.:+-/"\'^_*=#@!$%&;<>?\\|~`';

/** Tokens with their trailing whitespace kept separately, so spans can be cut and pasted. */
function tokenize(text: string): string[] {
    return text.match(/\s+|"(?:\\.|[^"\\\n])*"?|[A-Za-z0-9_.^:/-]+|[\s\S]/g) ?? [];
}

class Generator {
    constructor(private readonly rnd: () => number, private readonly sources: string[], private readonly keywords: string[]) {}

    int(n: number): number {
        return Math.floor(this.rnd() * n);
    }

    pick<T>(xs: readonly T[]): T {
        return xs[this.int(xs.length)];
    }

    randomString(maxLen: number): string {
        const len = this.int(maxLen);
        let s = '';
        while (s.length < len) {
            const r = this.rnd();
            if (r < 0.55) s += ALPHABET[this.int(ALPHABET.length)];
            else if (r < 0.85) s += ` ${this.pick(this.keywords)} `;
            else s += ` ${this.pick(TRICKY)} `;
        }
        return s;
    }

    insertion(): string {
        const r = this.rnd();
        if (r < 0.4) return ` ${this.pick(this.keywords)} `;
        if (r < 0.7) return ` ${this.pick(TRICKY)} `;
        return this.randomString(12);
    }

    mutate(text: string): string {
        let tokens = tokenize(text);
        const rounds = 1 + this.int(4);
        for (let k = 0; k < rounds && tokens.length > 0; k++) {
            const i = this.int(tokens.length);
            const len = 1 + this.int(Math.min(12, tokens.length - i));
            switch (this.int(7)) {
                case 0: // delete a span
                    tokens.splice(i, len);
                    break;
                case 1: // duplicate a span
                    tokens.splice(i, 0, ...tokens.slice(i, i + len));
                    break;
                case 2: { // swap two spans
                    const j = this.int(tokens.length);
                    const len2 = 1 + this.int(Math.min(12, tokens.length - j));
                    if (j >= i + len || j + len2 <= i) {
                        const a = tokens.slice(i, i + len);
                        const b = tokens.slice(j, j + len2);
                        if (i < j) tokens = [...tokens.slice(0, i), ...b, ...tokens.slice(i + len, j), ...a, ...tokens.slice(j + len2)];
                        else tokens = [...tokens.slice(0, j), ...a, ...tokens.slice(j + len2, i), ...b, ...tokens.slice(i + len)];
                    }
                    break;
                }
                case 3: // insert keywords, tricky literals or random characters
                    tokens.splice(i, 0, this.insertion());
                    break;
                case 4: // replace a token
                    tokens[i] = this.insertion().trim() || ' ';
                    break;
                case 5: { // insert a single random character inside a token
                    const t = tokens[i];
                    const at = this.int(t.length + 1);
                    tokens[i] = t.slice(0, at) + ALPHABET[this.int(ALPHABET.length)] + t.slice(at);
                    break;
                }
                default: // truncate
                    tokens = tokens.slice(0, i);
            }
        }
        return tokens.join('');
    }

    /** A workspace: one mutated corpus file (sometimes next to an intact one), or a purely random string. */
    workspace(): Record<string, string> {
        const r = this.rnd();
        if (r < 0.15) return { 'random.latch': this.randomString(400) };
        const doc = { 'mutated.latch': this.mutate(this.pick(this.sources)) };
        return r < 0.3 ? { ...doc, 'intact.latch': this.pick(this.sources) } : doc;
    }
}

describe('fuzz: parse + validate + lower never throws and stays fast', () => {
    // Langium logs (and swallows) exceptions of checks; the spy both silences and records them.
    let errorSpy: MockInstance<typeof console.error>;

    beforeAll(async () => {
        errorSpy = vi.spyOn(console, 'error').mockImplementation(() => undefined);
        await ensureBuiltins();
    });

    afterAll(() => {
        errorSpy.mockRestore();
    });

    it(`survives ${COUNT} random and mutated documents (seed ${SEED})`, async () => {
        const sources = corpus().map((c) => c.text);
        expect(sources.length).toBeGreaterThanOrEqual(4);
        const keywords = grammarKeywords();
        expect(keywords).toContain('policy');
        let slowest = { ms: 0, index: -1 };
        let documents = 0;
        /** Distinct failures (by message and first source frame), each with its first reproducer. */
        const failures = new Map<string, string>();
        for (let i = 0; i < COUNT; i++) {
            // let the event loop breathe: building may only ever yield to microtasks, starving vitest's worker RPC
            if (i % 200 === 0) await new Promise((r) => setImmediate(r));
            const gen = new Generator(prng(SEED + i), sources, keywords);
            const ws = gen.workspace();
            const report = (what: string) =>
                `fuzz failure: ${what}\n  reproduce: LATCH_FUZZ_SEED=${SEED} (document index ${i}, per-document seed ${SEED + i})\n`
                + Object.entries(ws).map(([name, text]) => `----- ${name} -----\n${text}`).join('\n');
            const fail = (what: string, signature: string) => {
                if (!failures.has(signature)) failures.set(signature, report(what));
            };
            const failError = (stage: string, e: unknown) => {
                const err = e instanceof Error ? e : new Error(String(e));
                const frame = (err.stack ?? '').split('\n').find((l) => l.includes('/src/'))?.trim() ?? '';
                fail(`${stage}: ${err.stack ?? err.message}`, `${stage}: ${err.message} @ ${frame}`);
            };
            errorSpy.mockClear();
            const start = performance.now();
            try {
                const built = await buildWorkspace(ws);
                // Langium catches exceptions of checks and of scoping, logs them and turns them into diagnostics.
                const logged = errorSpy.mock.calls.flatMap((args) => args.filter((a): a is Error => a instanceof Error));
                for (const e of logged) failError('exception caught by Langium', e);
                if (logged.length === 0) {
                    for (const d of built.issues.filter((x) => /An error occurred/.test(x.message))) fail(`swallowed exception: ${d.message}`, d.message);
                }
                try {
                    built.lower();
                } catch (e) {
                    failError('exception in lowerWorkspace', e);
                }
            } catch (e) {
                failError('exception in parse/link/validate', e);
            } finally {
                await clearWorkspace();
            }
            const ms = performance.now() - start;
            if (ms > slowest.ms) slowest = { ms, index: i };
            if (ms > LIMIT_MS) fail(`took ${ms.toFixed(0)} ms (limit ${LIMIT_MS} ms)`, `slow #${i}`);
            documents += Object.keys(ws).length;
        }
        console.log(`fuzz: ${COUNT} workspaces (${documents} documents), seed ${SEED}, slowest ${slowest.ms.toFixed(1)} ms (#${slowest.index}), ${failures.size} distinct failure(s)`);
        for (const r of failures.values()) console.log(r);
        expect(documents).toBeGreaterThanOrEqual(COUNT);
        expect([...failures.keys()], 'distinct failures (reproducers printed above)').toEqual([]);
    }, 300_000);
});
