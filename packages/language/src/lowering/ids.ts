import type { AstNode, Reference } from 'langium';

/** The engine id of a declaration: its declared `id`, or its name where none is declared (LANGUAGE.md §8). */
export function idOf(node: { id?: string; name: string }): string {
    return node.id ?? node.name;
}

/** Id of a reference's target; the reference text when it does not resolve (validation reports it). */
export function refId<T extends AstNode & { id?: string; name: string }>(ref: Reference<T> | undefined): string {
    // After a syntax error the parser may leave a reference out entirely.
    const target = ref?.ref;
    return target ? idOf(target) : ref?.$refText ?? '';
}
