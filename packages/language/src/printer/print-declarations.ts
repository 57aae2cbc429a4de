// Directory declarations and named locations → formatted .latch lines.

import type { NamedLocation } from '@latch/engine';
import { nameText, quote } from './latch-names.js';
import type { Declaration, DeclarationKind } from './reference-namer.js';
import { printExtra } from './policy-extra.js';

const ORDER: DeclarationKind[] = ['user', 'group', 'role', 'app', 'authContext', 'strength', 'terms'];

/** The declarations of one kind after another, each kind sorted by name. */
export function printDirectory(decls: readonly Declaration[]): string {
    const blocks: string[] = [];
    for (const kind of ORDER) {
        const of = decls.filter((d) => d.kind === kind).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
        if (of.length > 0) blocks.push(of.map(printDeclaration).join('\n'));
    }
    return blocks.join('\n\n');
}

export function printDeclaration(d: Declaration): string {
    const display = d.displayName !== undefined && d.displayName !== d.name ? ` ${quote(d.displayName)}` : '';
    return `${d.kind} ${nameText(d.name)}${display} { id ${quote(d.id)} }`;
}

/**
 * A named location. `writeId` is false for ids derived from the display name (files without ids). Graph properties
 * Latch does not model are kept in `extra { … }` (merged back on export).
 */
export function printLocation(l: NamedLocation, name: string, writeId: boolean): { text: string } {
    const parts: string[] = [];
    if (writeId) parts.push(`id ${quote(l.id)}`);
    if (l.kind === 'ip') {
        if (l.ipRanges && l.ipRanges.length > 0) parts.push(`ip ${l.ipRanges.join(', ')}`);
        if (l.trusted) parts.push('trusted');
    } else if (l.kind === 'country') {
        if (l.countries && l.countries.length > 0) parts.push(`countries ${l.countries.join(', ')}`);
        if (l.includeUnknownCountries) parts.push('includeUnknown');
        if (l.countryLookupMethod === 'authenticatorAppGps') parts.push('lookup gps');
    } else {
        parts.push('compliantNetwork all');
        if (l.trusted) parts.push('trusted');
    }
    const extra = Object.fromEntries(Object.entries(l.extra ?? {})
        // The only compliant-network type is implied by `compliantNetwork all`.
        .filter(([k, v]) => !(l.kind === 'compliantNetwork' && k === 'compliantNetworkType' && v === 'allTenantCompliantNetworks')));
    const extraText = printExtra(extra);
    if (extraText) parts.push(extraText);
    const display = l.displayName !== undefined && l.displayName !== name ? ` ${quote(l.displayName)}` : '';
    const body = parts.length > 0 ? ` { ${parts.join('  ')} }` : '';
    return { text: `location ${nameText(name)}${display}${body}` };
}
