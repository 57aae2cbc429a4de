// `extra` holds the Graph properties a model does not represent, with Graph's nesting. Export writes the model's own
// properties first and then lays extra over them, so a property that the reader kept verbatim (a disabled session
// control, an unusual operator, a beta field) wins over the default the exporter would have written.

type Json = Record<string, unknown>;

function isObject(v: unknown): v is Json {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** A deep copy of `base` with `extra` merged in: objects merge key by key, anything else in extra replaces. */
export function mergeExtra(base: Json, extra: Json | undefined): Json {
  if (!extra) return base;
  const out: Json = { ...base };
  for (const [key, value] of Object.entries(extra)) {
    const current = out[key];
    const merged = isObject(current) && isObject(value) ? mergeExtra(current, value) : structuredClone(value);
    Object.defineProperty(out, key, { value: merged, enumerable: true, writable: true, configurable: true });
  }
  return out;
}
