// `extra { … }`: JSON in Latch syntax, printed deterministically (keys sorted at every depth) so that import →
// export → import is textually stable whatever order Graph wrote the keys in.

const WIDTH = 100;

export function sortKeys(value: unknown): unknown {
    if (Array.isArray(value)) return value.map(sortKeys);
    if (typeof value === 'object' && value !== null) {
        const out: Record<string, unknown> = {};
        for (const key of Object.keys(value).sort()) {
            Object.defineProperty(out, key, { value: sortKeys((value as Record<string, unknown>)[key]), enumerable: true, writable: true, configurable: true });
        }
        return out;
    }
    return value;
}

/** The JSON text of `value` with keys sorted: one line when short, else two-space indentation from `indent`. */
export function printJson(value: unknown, indent: string): string {
    const sorted = sortKeys(value);
    const flat = oneLine(sorted);
    if (flat.length + indent.length <= WIDTH) return flat;
    return JSON.stringify(sorted, null, 2).replace(/\n/g, `\n${indent}`);
}

function oneLine(v: unknown): string {
    if (Array.isArray(v)) return `[${v.map(oneLine).join(', ')}]`;
    if (typeof v === 'object' && v !== null) {
        const members = Object.entries(v).map(([k, x]) => `${JSON.stringify(k)}: ${oneLine(x)}`);
        return members.length === 0 ? '{}' : `{ ${members.join(', ')} }`;
    }
    return JSON.stringify(v) ?? 'null';
}
