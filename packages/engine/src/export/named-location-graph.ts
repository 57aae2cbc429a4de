// Model NamedLocation → a Graph namedLocation write body (POST /identity/conditionalAccess/namedLocations).

import type { NamedLocation } from '../model.js';
import { ALL_TENANT_COMPLIANT_NETWORKS, NAMED_LOCATION_TYPES, ODATA } from './graph-vocabulary.js';
import { mergeExtra } from './merge-extra.js';

type Json = Record<string, unknown>;

export interface NamedLocationExportOptions {
  /** Also write the read-only `id` (see PolicyExportOptions.keepIds). */
  keepIds?: boolean;
  /** Whether `location.id` is a declared Graph id. Default: id ≠ name. */
  idDeclared?: boolean;
}

export function namedLocationToGraph(location: NamedLocation, options: NamedLocationExportOptions = {}): Json {
  // The derived type is abstract-typed in Graph: @odata.type is what tells the three kinds apart on create.
  const out: Json = { '@odata.type': NAMED_LOCATION_TYPES[location.kind] };
  const idDeclared = options.idDeclared ?? location.id !== location.name;
  if (options.keepIds && idDeclared) out.id = location.id;
  out.displayName = location.displayName ?? location.name;
  if (location.kind === 'ip') {
    out.ipRanges = (location.ipRanges ?? []).map(ipRange);
    out.isTrusted = location.trusted ?? false;
  } else if (location.kind === 'country') {
    out.countriesAndRegions = [...(location.countries ?? [])];
    out.includeUnknownCountriesAndRegions = location.includeUnknownCountries ?? false;
    out.countryLookupMethod = location.countryLookupMethod ?? 'clientIpAddress';
  } else {
    out.compliantNetworkType = ALL_TENANT_COMPLIANT_NETWORKS;
    out.isTrusted = location.trusted ?? false;
  }
  return mergeExtra(out, location.extra);
}

/** Graph wants CIDR: a bare address becomes a /32 or /128. */
function ipRange(text: string): Json {
  const [address = '', length] = text.split('/');
  const v6 = address.includes(':');
  return {
    '@odata.type': v6 ? ODATA.ipv6Range : ODATA.ipv4Range,
    cidrAddress: length === undefined ? `${address}/${v6 ? 128 : 32}` : text,
  };
}

/** A location with nothing to define it (only referenced by id in the imported policies) cannot be created. */
export function isDefinedLocation(location: NamedLocation): boolean {
  if (location.kind === 'ip') return (location.ipRanges?.length ?? 0) > 0;
  if (location.kind === 'country') return (location.countries?.length ?? 0) > 0 || location.includeUnknownCountries === true;
  return true;
}
