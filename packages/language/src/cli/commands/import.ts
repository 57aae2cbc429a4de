import { statSync } from 'node:fs';
import type { Command } from 'commander';
import { JsonInputError, jsonPathError, readJsonFile } from '@latch/engine';
import { importGraph, writeImported } from '../../interop/import-graph.js';
import { guarded } from '../guarded.js';
import { CliInputError, collectFiles } from '../load-workspace.js';

export function registerImport(program: Command): void {
    program.command('import')
        .description('Graph JSON policies and named locations → formatted .latch files (directory, locations, policies)')
        .argument('<paths...>', 'Graph JSON files or folders (every *.json below)')
        .option('-o, --out <dir>', 'write directory.latch, locations.latch and policies.latch here (default: print to stdout)')
        .option('--directory <file>', 'display names for ids: a JSON map { "<id>": "<name>" } or Graph directory objects (file or folder)')
        .action((paths: string[], opts: { out?: string; directory?: string }) => guarded(async () => {
            const directoryNames = opts.directory !== undefined ? loadDirectoryNames(opts.directory) : undefined;
            const imported = importGraph(paths, directoryNames);
            for (const w of imported.warnings) process.stderr.write(`latch: warning: ${w}\n`);
            if (imported.policies === 0 && imported.namedLocations === 0) {
                throw new CliInputError(`${paths.join(', ')}: no conditional access policies or named locations found`);
            }
            if (opts.out === undefined) {
                process.stdout.write(imported.parts.map((p) => p.text).join('\n'));
            } else {
                writeImported(imported, opts.out);
                process.stderr.write(`latch: imported ${imported.policies} policies and ${imported.namedLocations} named locations into ${opts.out}\n`);
            }
            return 0;
        }));
}

/**
 * `--directory`: display names by id, from a JSON map `{ "<id>": "<name>" }` or from Graph directory objects
 * (users, groups, apps, … with `id` and `displayName`: one object, an array or a `{ "value": [...] }` page), in a
 * file or every *.json of a folder.
 */
export function loadDirectoryNames(path: string): Map<string, string> {
    let files: string[];
    try {
        files = statSync(path).isDirectory() ? collectFiles([path], ['.json']) : [path];
    } catch {
        throw new JsonInputError(path, 0, 0, 'cannot read the directory map (no such file or folder)');
    }
    const names = new Map<string, string>();
    for (const file of files) {
        const { value, text } = readJsonFile(file);
        collectNames(value, [], { file, text, names });
    }
    return names;
}

interface NameSink { file: string; text: string; names: Map<string, string> }

function collectNames(value: unknown, path: (string | number)[], sink: NameSink): void {
    if (Array.isArray(value)) {
        value.forEach((v, i) => collectNames(v, [...path, i], sink));
        return;
    }
    if (typeof value !== 'object' || value === null) {
        throw jsonPathError(sink.file, path, 'expected an object mapping ids to names, or directory objects with id and displayName', sink.text);
    }
    const obj = value as Record<string, unknown>;
    if (Array.isArray(obj.value)) return collectNames(obj.value, [...path, 'value'], sink);
    if (typeof obj.id === 'string') {
        if (typeof obj.displayName === 'string' && obj.displayName.trim() !== '') sink.names.set(obj.id.toLowerCase(), obj.displayName);
        return;
    }
    for (const [id, name] of Object.entries(obj)) {
        if (id.startsWith('@')) continue;
        if (typeof name !== 'string') throw jsonPathError(sink.file, [...path, id], 'a display name must be a string', sink.text);
        sink.names.set(id.toLowerCase(), name);
    }
}
