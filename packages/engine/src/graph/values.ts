// Shared helpers for reading loosely typed Graph JSON: case-insensitive property and enum lookup, flags strings,
// annotation stripping and the `extra` builder that keeps what the model does not represent.

export type JsonRecord = Record<string, unknown>;

export function isRecord(v: unknown): v is JsonRecord {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

const READ_ONLY_KEYS = new Set(['createddatetime', 'modifieddatetime', 'deleteddatetime']);

/** OData annotations (`@odata.type`, `x@odata.type`), action blobs (`#microsoft.graph.restore`) and read-only stamps. */
export function isDroppedKey(key: string): boolean {
  return key.startsWith('@') || key.startsWith('#') || key.includes('@odata.') || READ_ONLY_KEYS.has(key.toLowerCase());
}

/** Property lookup, exact spelling first, then case-insensitive (hand-written configs drift in case). */
export function prop(obj: JsonRecord, name: string): unknown {
  if (Object.hasOwn(obj, name)) return obj[name];
  const lower = name.toLowerCase();
  for (const key of Object.keys(obj)) if (key.toLowerCase() === lower) return obj[key];
  return undefined;
}

/** The `@odata.type` without `#` and `microsoft.graph.`, lower-cased; undefined when absent. */
export function odataType(obj: JsonRecord): string | undefined {
  const t = obj['@odata.type'];
  return typeof t === 'string' ? t.replace(/^#/, '').replace(/^microsoft\.graph\./i, '').toLowerCase() : undefined;
}

/** Canonical spelling of an enum value, compared case-insensitively. */
export function canonical<T extends string>(value: string, allowed: readonly T[]): T | undefined {
  const lower = value.trim().toLowerCase();
  return allowed.find((a) => a.toLowerCase() === lower);
}

/**
 * A Graph list: an array of strings or a flags enum serialized as "a,b". null/absent = []. `ok` is false when the
 * value has another shape or holds non-strings (the caller keeps it in extra).
 */
export function stringList(v: unknown): { items: string[]; ok: boolean } {
  if (v === null || v === undefined) return { items: [], ok: true };
  if (typeof v === 'string') return { items: splitFlags(v), ok: true };
  if (!Array.isArray(v)) return { items: [], ok: false };
  const items: string[] = [];
  let ok = true;
  for (const x of v) {
    if (typeof x === 'string') {
      const s = x.trim();
      if (s) items.push(s);
    } else ok = false;
  }
  return { items, ok };
}

function splitFlags(s: string): string[] {
  return s.split(',').map((x) => x.trim()).filter((x) => x.length > 0);
}

/** Assignment that also works for a `__proto__` key (JSON.parse makes it an own property; `=` would not). */
function setOwn(obj: JsonRecord, key: string, value: unknown): void {
  Object.defineProperty(obj, key, { value, enumerable: true, writable: true, configurable: true });
}

export function pushUnique<T>(list: T[], value: T): void {
  if (!list.includes(value)) list.push(value);
}

/**
 * A value as it should be kept in `extra`: annotations and read-only stamps removed at every depth;
 * null, [] and {} mean "unset" in Graph, so they carry nothing and are dropped (undefined).
 */
export function cleanForExtra(v: unknown): unknown {
  if (v === null || v === undefined) return undefined;
  if (Array.isArray(v)) {
    if (v.length === 0) return undefined;
    return v.map((x) => (isRecord(x) ? (cleanForExtra(x) ?? {}) : x));
  }
  if (isRecord(v)) {
    const out: JsonRecord = {};
    for (const [k, x] of Object.entries(v)) {
      if (isDroppedKey(k)) continue;
      const c = cleanForExtra(x);
      if (c !== undefined) setOwn(out, k, c);
    }
    return Object.keys(out).length > 0 ? out : undefined;
  }
  return v;
}

/** Builds the partial Graph object of `extra`, with the same nesting as the source. */
export class ExtraBuilder {
  private readonly root: JsonRecord = {};

  set(path: readonly string[], value: unknown): void {
    const clean = cleanForExtra(value);
    if (clean === undefined || path.length === 0) return;
    let node = this.root;
    for (const seg of path.slice(0, -1)) {
      const next = Object.hasOwn(node, seg) ? node[seg] : undefined;
      if (isRecord(next)) node = next;
      else {
        const created: JsonRecord = {};
        setOwn(node, seg, created);
        node = created;
      }
    }
    setOwn(node, path[path.length - 1]!, clean);
  }

  /** Copies every property of `obj` not in `known` (and not dropped) to extra under `path`. */
  copyUnknown(obj: JsonRecord, known: readonly string[], path: readonly string[]): void {
    const knownLower = new Set(known.map((k) => k.toLowerCase()));
    for (const [key, value] of Object.entries(obj)) {
      if (!knownLower.has(key.toLowerCase()) && !isDroppedKey(key)) this.set([...path, key], value);
    }
  }

  result(): JsonRecord | undefined {
    return Object.keys(this.root).length > 0 ? this.root : undefined;
  }
}

/** Where warnings about one object go, and where its unmodelled properties are collected. */
export interface ReadContext {
  /** e.g. `file.json: policy "CA001"`. */
  label: string;
  warnings: string[];
  extra: ExtraBuilder;
}

export function warn(ctx: ReadContext, path: readonly string[], message: string): void {
  ctx.warnings.push(`${ctx.label}: ${path.join('.')}: ${message}`);
}

/** A property that should be an object but is not: warned about and kept verbatim. */
export function nonObject(ctx: ReadContext, path: readonly string[], value: unknown): void {
  warn(ctx, path, 'not an object; kept in extra');
  ctx.extra.set(path, value);
}

/**
 * Reads an enum list (array or flags string) into canonical values. Values in `ignore` (e.g. the flags `none`)
 * are skipped; unknown values keep the whole original property in extra, with a warning.
 */
export function readEnumList<T extends string>(
  ctx: ReadContext,
  obj: JsonRecord,
  key: string,
  path: readonly string[],
  allowed: readonly T[],
  ignore: readonly string[] = [],
): T[] {
  const raw = prop(obj, key);
  const { items, ok } = stringList(raw);
  const out: T[] = [];
  const unknown: string[] = [];
  for (const item of items) {
    const c = canonical(item, allowed);
    if (c) pushUnique(out, c);
    else if (!ignore.includes(item.toLowerCase())) unknown.push(item);
  }
  if (!ok || unknown.length > 0) {
    const what = ok ? `unknown value${unknown.length > 1 ? 's' : ''} ${unknown.map((u) => `'${u}'`).join(', ')}` : 'not a list of strings';
    warn(ctx, [...path, key], `${what}; kept in extra`);
    ctx.extra.set([...path, key], raw);
  }
  return out;
}

/** Reads a list of ids, with some special values given canonical spelling (e.g. 'All'). */
export function readIdList(
  ctx: ReadContext,
  obj: JsonRecord,
  key: string,
  path: readonly string[],
  specials: readonly string[] = [],
): string[] {
  const raw = prop(obj, key);
  const { items, ok } = stringList(raw);
  if (!ok) {
    warn(ctx, [...path, key], 'not a list of strings; kept in extra');
    ctx.extra.set([...path, key], raw);
  }
  const out: string[] = [];
  for (const item of items) pushUnique(out, canonical(item, specials) ?? item);
  return out;
}

/** A string property; null/absent/"" = undefined; another type is warned about and kept in extra. */
export function readString(ctx: ReadContext, obj: JsonRecord, key: string, path: readonly string[]): string | undefined {
  const raw = prop(obj, key);
  if (raw === null || raw === undefined || raw === '') return undefined;
  if (typeof raw === 'string') return raw;
  warn(ctx, [...path, key], 'not a string; kept in extra');
  ctx.extra.set([...path, key], raw);
  return undefined;
}
