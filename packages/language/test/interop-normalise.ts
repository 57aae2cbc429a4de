// Round-trip comparison of Graph JSON (issue #5 part 3): what "semantically identical" means, spelled out.
// Graph treats these as the same policy, so they are normalised away before comparing:
//  - OData annotations (`@odata.*`, `x@odata.type`, `#microsoft.graph.*` action blobs) and read-only timestamps;
//  - null, [] and {} (= not configured) versus an absent property;
//  - key order, and the order of comma-separated flags strings;
//  - `clientAppTypes: ["all"]` (any case) versus absent: Graph requires the property on create, so export spells
//    out "all client types";
//  - `signInFrequency.frequencyInterval: "timeBased"` versus absent: the default when a value is given;
//  - a read-back `authenticationStrength` (the strength's whole definition) versus `{ id }`: the definition is a
//    separate, read-only object and a write names it by id;
//  - `grantControls` holding only an `operator` (no control to combine) versus absent.

const FLAGS_KEYS = new Set(['guestOrExternalUserTypes', 'transferMethods', 'insiderRiskLevels']);
const READ_ONLY = new Set(['createddatetime', 'modifieddatetime', 'deleteddatetime']);

export function normaliseGraph(value: unknown): unknown {
    return norm(value, '');
}

function norm(v: unknown, key: string): unknown {
    if (v === null || v === undefined) return undefined;
    if (typeof v === 'string' && FLAGS_KEYS.has(key)) {
        const parts = v.split(',').map((s) => s.trim()).filter((s) => s !== '' && s.toLowerCase() !== 'none').sort();
        return parts.length > 0 ? parts.join(',') : undefined;
    }
    if (Array.isArray(v)) {
        const items = v.map((x) => norm(x, '')).filter((x) => x !== undefined);
        if (key === 'clientAppTypes' && items.some((x) => typeof x === 'string' && x.toLowerCase() === 'all')) return undefined;
        return items.length > 0 ? items : undefined;
    }
    if (typeof v === 'object') {
        const out: Record<string, unknown> = {};
        for (const k of Object.keys(v).sort()) {
            if (k.startsWith('@') || k.startsWith('#') || k.includes('@odata.') || READ_ONLY.has(k.toLowerCase())) continue;
            let x = norm((v as Record<string, unknown>)[k], k);
            if (k === 'authenticationStrength' && typeof x === 'object' && x !== null) x = { id: (x as Record<string, unknown>).id };
            if (k === 'frequencyInterval' && x === 'timeBased') x = undefined;
            if (k === 'grantControls' && typeof x === 'object' && x !== null && Object.keys(x).every((g) => g === 'operator')) x = undefined;
            if (x !== undefined) out[k] = x;
        }
        return Object.keys(out).length > 0 ? out : undefined;
    }
    return v;
}
