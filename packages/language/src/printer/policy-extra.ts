// The `extra` block of a printed policy: Graph properties in Graph's nesting, merged and printed as sorted JSON.

import { printJson } from './print-json.js';

type Json = Record<string, unknown>;

const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Deep-merges `add` into `target` in place (objects key by key; anything else replaces). */
export function mergeInto(target: Json, add: Json): void {
    for (const [k, v] of Object.entries(add)) {
        const cur = target[k];
        if (isObject(cur) && isObject(v)) mergeInto(cur, v);
        else target[k] = v;
    }
}

/** `extra { … }`, or undefined when there is nothing to keep. */
export function printExtra(extra: Json): string | undefined {
    if (Object.keys(extra).length === 0) return undefined;
    return `extra ${printJson(extra, '  ')}`;
}
