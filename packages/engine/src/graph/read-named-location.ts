// One Graph named location (ipNamedLocation, countryNamedLocation, compliantNetworkNamedLocation) → model.

import type { NamedLocation } from '../model.js';
import { canonical, isRecord, prop, readIdList, readString, warn, type JsonRecord, type ReadContext } from './values.js';

export type LocationKind = NamedLocation['kind'];

const LOOKUP_METHODS = ['clientIpAddress', 'authenticatorAppGps'] as const;

export function readNamedLocation(
  raw: JsonRecord,
  kind: LocationKind,
  ctx: ReadContext,
  fallbackId: (displayName?: string) => string,
): NamedLocation {
  const displayName = readString(ctx, raw, 'displayName', []);
  const id = readString(ctx, raw, 'id', []) ?? fallbackId(displayName);
  const location: NamedLocation = { id, name: displayName ?? id, kind };
  if (displayName !== undefined) location.displayName = displayName;
  const known = ['id', 'displayName'];

  if (kind === 'ip') {
    known.push('ipRanges', 'isTrusted');
    location.ipRanges = readRanges(ctx, prop(raw, 'ipRanges'));
    readTrusted(ctx, raw, location);
  } else if (kind === 'country') {
    known.push('countriesAndRegions', 'includeUnknownCountriesAndRegions', 'countryLookupMethod');
    // Codes are ISO alpha-2, upper case in Latch; Graph compares them case-insensitively.
    location.countries = readIdList(ctx, raw, 'countriesAndRegions', []).map((c) => c.toUpperCase());
    const unknown = prop(raw, 'includeUnknownCountriesAndRegions');
    if (typeof unknown === 'boolean') location.includeUnknownCountries = unknown;
    else if (unknown !== null && unknown !== undefined) {
      warn(ctx, ['includeUnknownCountriesAndRegions'], 'not a boolean; kept in extra');
      ctx.extra.set(['includeUnknownCountriesAndRegions'], unknown);
    }
    const method = prop(raw, 'countryLookupMethod');
    const m = typeof method === 'string' ? canonical(method, LOOKUP_METHODS) : undefined;
    if (m) location.countryLookupMethod = m;
    else if (method !== null && method !== undefined) {
      warn(ctx, ['countryLookupMethod'], `unknown value ${JSON.stringify(method)}; kept in extra`);
      ctx.extra.set(['countryLookupMethod'], method);
    }
  } else {
    // compliantNetworkType (only "allTenantCompliantNetworks" exists) is not modelled: it stays in extra.
    known.push('isTrusted');
    readTrusted(ctx, raw, location);
  }

  ctx.extra.copyUnknown(raw, known, []);
  const extra = ctx.extra.result();
  if (extra) location.extra = extra;
  return location;
}

function readTrusted(ctx: ReadContext, raw: JsonRecord, location: NamedLocation): void {
  const trusted = prop(raw, 'isTrusted');
  if (typeof trusted === 'boolean') location.trusted = trusted;
  else if (trusted !== null && trusted !== undefined) {
    warn(ctx, ['isTrusted'], 'not a boolean; kept in extra');
    ctx.extra.set(['isTrusted'], trusted);
  }
}

/** `ipRanges[].cidrAddress` (the iPv4CidrRange / iPv6CidrRange @odata.type is implied by the address). */
function readRanges(ctx: ReadContext, ranges: unknown): string[] {
  if (ranges === null || ranges === undefined) return [];
  const out: string[] = [];
  let bad = !Array.isArray(ranges);
  if (Array.isArray(ranges)) {
    for (const r of ranges) {
      const cidr = isRecord(r) ? prop(r, 'cidrAddress') : r;
      if (typeof cidr === 'string' && cidr.trim() !== '') out.push(cidr.trim());
      else bad = true;
    }
  }
  if (bad) {
    warn(ctx, ['ipRanges'], 'entries without a cidrAddress string; the original list is kept in extra');
    ctx.extra.set(['ipRanges'], ranges);
  }
  return out;
}
