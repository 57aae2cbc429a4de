import { join } from 'node:path';
import { loadGraphFiles } from '@latch/engine';
import { writeFilesAtomically } from '../cli/atomic-write.js';
import { printImport } from '../printer/print-import.js';

export interface ImportedFiles {
    /** directory.latch, locations.latch, policies.latch (empty parts left out). */
    parts: Array<{ file: string; text: string }>;
    policies: number;
    namedLocations: number;
    warnings: string[];
}

/** Graph JSON files or folders → the .latch parts of `latch import` (shared by the CLI and the editor's command). */
export function importGraph(paths: string[], directoryNames?: ReadonlyMap<string, string>): ImportedFiles {
    const { set, warnings } = loadGraphFiles(paths);
    // Group objects exported beside the policies name their groups too (a --directory map wins).
    const names = new Map(set.directory.groups.map((g) => [g.id.toLowerCase(), g.displayName ?? g.name]));
    for (const [id, name] of directoryNames ?? []) names.set(id, name);
    const printed = printImport(set, { directoryNames: names });
    const parts = [
        { file: 'directory.latch', text: printed.directory },
        { file: 'locations.latch', text: printed.locations },
        { file: 'policies.latch', text: printed.policies },
    ].filter((p) => p.text !== '');
    return { parts, policies: set.policies.length, namedLocations: set.namedLocations.length, warnings: [...warnings, ...printed.warnings] };
}

/** Writes the parts into a folder, all or nothing (temp files, then renames). */
export function writeImported(imported: ImportedFiles, outDir: string): string[] {
    const files = imported.parts.map((p) => ({ path: join(outDir, p.file), text: p.text }));
    writeFilesAtomically(files);
    return files.map((f) => f.path);
}
