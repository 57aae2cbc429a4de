// A parsed Graph JSON document → policies and named locations. Accepts what exports look like in practice: one
// object, an array, a `{ "value": [...] }` page (also What If responses), nested in any combination.

import type { NamedLocation, Policy } from '../model.js';
import { readNamedLocation, type LocationKind } from './read-named-location.js';
import { readPolicy } from './read-policy.js';
import { ExtraBuilder, isRecord, odataType, prop, type JsonRecord, type ReadContext } from './values.js';

export interface GraphDocument {
  policies: Policy[];
  namedLocations: NamedLocation[];
  /** Group objects exported beside the policies (id and display name): they name the groups the policies use. */
  groups: { id: string; displayName: string }[];
  warnings: string[];
}

/** Objects whose id was derived (no Graph id), with their file: only these may be renamed to keep ids unique. */
const derivedIds = new WeakMap<Policy | NamedLocation, string>();

export function readGraphDocument(value: unknown, file: string): GraphDocument {
  const doc: GraphDocument = { policies: [], namedLocations: [], groups: [], warnings: [] };
  collect(value, '$', file, doc);
  ensureUniqueIds(doc.policies, doc.namedLocations, doc.warnings);
  return doc;
}

type Kind = 'policy' | LocationKind;

const TYPE_KINDS: Record<string, Kind> = {
  conditionalaccesspolicy: 'policy',
  whatifanalysisresult: 'policy',
  ipnamedlocation: 'ip',
  countrynamedlocation: 'country',
  compliantnetworknamedlocation: 'compliantNetwork',
};

/** By @odata.type when it names a known type, else by shape. */
function classify(obj: JsonRecord): Kind | undefined {
  const type = odataType(obj);
  if (type !== undefined && TYPE_KINDS[type]) return TYPE_KINDS[type];
  // Other typed objects (groups, users, …) are not ours, except the abstract namedLocation base type.
  if (type !== undefined && type !== 'namedlocation') return undefined;
  if (isRecord(prop(obj, 'conditions'))) return 'policy';
  if (prop(obj, 'ipRanges') !== undefined) return 'ip';
  if (prop(obj, 'countriesAndRegions') !== undefined) return 'country';
  if (prop(obj, 'compliantNetworkType') !== undefined) return 'compliantNetwork';
  return undefined;
}

function collect(value: unknown, where: string, file: string, doc: GraphDocument): void {
  if (Array.isArray(value)) {
    value.forEach((item, i) => collect(item, `${where}[${i}]`, file, doc));
    return;
  }
  if (!isRecord(value)) {
    doc.warnings.push(`${file}: ${where}: skipped ${value === null ? 'null' : typeof value}: not a policy or named location`);
    return;
  }
  const kind = classify(value);
  if (kind === undefined && isGroup(value) && typeof value.id === 'string' && typeof value.displayName === 'string') {
    doc.groups.push({ id: value.id, displayName: value.displayName });
    return;
  }
  if (kind === undefined) {
    const page = prop(value, 'value');
    if (Array.isArray(page)) {
      collect(page, `${where}.value`, file, doc);
      return;
    }
    doc.warnings.push(`${file}: ${where}: skipped: not a conditional access policy or named location`);
    return;
  }
  const name = typeof value.displayName === 'string' ? value.displayName : typeof value.id === 'string' ? value.id : where;
  const ctx: ReadContext = {
    label: `${file}: ${kind === 'policy' ? 'policy' : 'named location'} ${JSON.stringify(name)}`,
    warnings: doc.warnings,
    extra: new ExtraBuilder(),
  };
  let derived = false;
  const fallbackId = (displayName?: string): string => {
    derived = true;
    if (displayName !== undefined) return deriveId(displayName);
    ctx.warnings.push(`${ctx.label}: no id and no displayName; id derived from the file name`);
    return deriveId(`${baseName(file)}${where === '$' ? '' : where}`);
  };
  if (kind === 'policy') {
    const policy = readPolicy(value, ctx, fallbackId);
    if (derived) derivedIds.set(policy, file);
    doc.policies.push(policy);
  } else {
    const location = readNamedLocation(value, kind, ctx, fallbackId);
    if (derived) derivedIds.set(location, file);
    doc.namedLocations.push(location);
  }
}

/** A Graph group object, by type or (exports often drop annotations) by its group-only properties. */
function isGroup(obj: JsonRecord): boolean {
  return odataType(obj) === 'group' || (Array.isArray(prop(obj, 'groupTypes')) && typeof prop(obj, 'mailEnabled') === 'boolean');
}

/**
 * A stable, readable id for objects exported without one (templates, hand-written files): the display name with
 * runs of other characters than letters, digits, `_` and `.` turned into `-`,
 * e.g. "211 - <RING> - Base protection: MFA" → "211-RING-Base-protection-MFA".
 */
export function deriveId(displayName: string): string {
  const slug = displayName.replace(/[^\p{L}\p{N}_.]+/gu, '-').replace(/^-+|-+$/g, '');
  return slug || 'unnamed';
}

function baseName(file: string): string {
  const base = file.split(/[\\/]/).pop() ?? file;
  return base.replace(/\.json$/i, '');
}

/**
 * Ids compare case-insensitively. A derived id that collides (the same template in several policy sets) gets a
 * suffix `-2`, `-3`, …; a repeated Graph id is kept (renaming it would break export) and reported.
 */
export function ensureUniqueIds(policies: Policy[], namedLocations: NamedLocation[], warnings: string[]): void {
  for (const [list, what] of [[policies, 'policy'], [namedLocations, 'named location']] as const) {
    const seen = new Set<string>();
    for (const item of list as (Policy | NamedLocation)[]) {
      let key = item.id.toLowerCase();
      if (seen.has(key)) {
        const file = derivedIds.get(item);
        if (file !== undefined) {
          const base = item.id;
          let n = 2;
          while (seen.has(`${base}-${n}`.toLowerCase())) n++;
          item.id = `${base}-${n}`;
          if (item.name === base && item.displayName === undefined) item.name = item.id;
          key = item.id.toLowerCase();
          warnings.push(`${file}: ${what} ${JSON.stringify(item.displayName ?? base)}: derived id ${JSON.stringify(base)} is taken; using ${JSON.stringify(item.id)}`);
        } else {
          warnings.push(`${what} id ${JSON.stringify(item.id)} occurs more than once`);
        }
      }
      seen.add(key);
    }
  }
}
