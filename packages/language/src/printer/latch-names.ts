// Latch identifiers (LANGUAGE.md §1): which strings can be written as names, how to turn a display name into one,
// and how a name is written where the grammar would read it as a keyword (`^name`).

import { AstUtils, GrammarAST } from 'langium';
import { LatchGrammar } from '../generated/grammar.js';

const IDENTIFIER = /^[A-Za-z_]([A-Za-z0-9_.-]*[A-Za-z0-9_])?$/;

/** Special values that can never be declared names (the `^` escape is not used for them: they get a suffix). */
export const RESERVED_NAMES: ReadonlySet<string> = new Set(['all', 'none', 'guests', 'trusted', 'role', 'include', 'exclude']);

let keywords: ReadonlySet<string> | undefined;

/** Every keyword of the grammar, read from the generated grammar so the set never drifts from it. */
export function latchKeywords(): ReadonlySet<string> {
    keywords ??= new Set(AstUtils.streamAllContents(LatchGrammar()).filter(GrammarAST.isKeyword).map((k) => k.value)
        .filter((v) => /^[A-Za-z]/.test(v)).toArray());
    return keywords;
}

export function isIdentifier(text: string): boolean {
    return IDENTIFIER.test(text) && !RESERVED_NAMES.has(text);
}

/** A name as written in source: keywords escaped with `^`. */
export function nameText(name: string): string {
    return latchKeywords().has(name) ? `^${name}` : name;
}

/**
 * A readable identifier for a display name: accents dropped, runs of other characters turned into `-`, and a
 * `prefix` when the result would not start with a letter (e.g. "211 - <RING> - MFA" → "CA211-RING-MFA").
 */
export function toIdentifier(text: string, prefix: string): string {
    let s = text.normalize('NFKD').replace(/[\u0300-\u036f]/g, '');
    s = s.replace(/[^A-Za-z0-9_.]+/g, '-').replace(/\.{2,}/g, '.').replace(/^[-.]+|[-.]+$/g, '');
    if (s === '') return prefix;
    if (!/^[A-Za-z_]/.test(s)) s = `${prefix}${s}`;
    return RESERVED_NAMES.has(s) ? `${s}_` : s;
}

/** A Latch string literal (JSON escapes, which the grammar's STRING accepts). */
export function quote(text: string): string {
    return JSON.stringify(text);
}
