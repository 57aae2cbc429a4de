// Graph policies and named locations (read into the model) → formatted .latch text: the directory objects they
// refer to, declared once; the named locations; one policy per Graph policy. The one printer `latch import` uses.

import { deriveId, type NamedLocation, type Policy } from '@latch/engine';
import { nameText, toIdentifier } from './latch-names.js';
import { NameTable } from './name-table.js';
import { printDeclaration, printDirectory, printLocation } from './print-declarations.js';
import { printPolicy } from './print-policy.js';
import { ReferenceNamer } from './reference-namer.js';

export interface ImportPrintOptions {
    /** Display names by id (case-insensitive), from `--directory`: readable names for GUIDs. */
    directoryNames?: ReadonlyMap<string, string>;
}

/** The three files of an import; a part is '' when it has nothing to declare. */
export interface PrintedImport {
    directory: string;
    locations: string;
    policies: string;
    warnings: string[];
}

export function printImport(input: { policies: readonly Policy[]; namedLocations: readonly NamedLocation[] }, options: ImportPrintOptions = {}): PrintedImport {
    const directoryNames = new Map([...(options.directoryNames ?? new Map<string, string>())].map(([k, v]) => [k.toLowerCase(), v]));
    const names = new NameTable();
    const refs = new ReferenceNamer(names, directoryNames, input.namedLocations);
    const warnings: string[] = [];

    const policies = input.policies.map((p) => {
        const name = names.allocate('policy', toIdentifier(p.displayName ?? p.id, 'CA'));
        return printPolicy(p, { name: nameText(name), writeId: !isDerivedId(p.id, p.displayName) }, refs);
    });

    const locationDecls = refs.declarations().filter((d) => d.kind === 'location');
    const locations = locationDecls.map((d) => {
        const l = input.namedLocations.find((x) => x.id === d.id);
        if (!l) return printDeclaration(d);
        return printLocation(l, d.name, !isDerivedId(l.id, l.displayName)).text;
    });

    const header = (what: string) => `// ${what}: imported from Graph JSON by \`latch import\`.\n\n`;
    const section = (what: string, body: string) => (body ? `${header(what)}${body}\n` : '');
    return {
        directory: section('Directory objects the policies refer to', printDirectory(refs.declarations())),
        locations: section('Named locations', locations.join('\n')),
        policies: section('Conditional Access policies', policies.join('\n\n')),
        warnings,
    };
}

/** Ids the reader derived from the display name (files without ids; `-2`, … for repeats) are not Graph ids. */
function isDerivedId(id: string, displayName: string | undefined): boolean {
    if (displayName === undefined) return false;
    const base = deriveId(displayName);
    return id === base || (id.startsWith(`${base}-`) && /^\d+$/.test(id.slice(base.length + 1)));
}
