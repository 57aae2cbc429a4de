import { existsSync, statSync } from 'node:fs';
import { type Command, Option } from 'commander';
import { analyzePolicySet, loadGraphFiles } from '@latch/engine';
import { type CliDiagnostic, collectDiagnostics, formatDiagnostic } from '../diagnostics.js';
import { guarded } from '../guarded.js';
import { collectFiles, loadLatchWorkspace } from '../load-workspace.js';
import { toSarif } from '../sarif.js';
import { type CliFinding, graphFindings, latchFindings } from '../../analysis/cli-findings.js';
import { analyzeDocuments } from '../../analysis/workspace-analysis.js';

/** .json files, and folders holding no .latch file, are Graph JSON inputs; everything else is a .latch workspace. */
export function splitInputs(paths: readonly string[]): { latchPaths: string[]; jsonFiles: string[] } {
    const latchPaths: string[] = [];
    const jsonFiles: string[] = [];
    for (const p of paths) {
        if (p.toLowerCase().endsWith('.json')) jsonFiles.push(...collectFiles([p], ['.json']));
        else if (existsSync(p) && statSync(p).isDirectory() && collectFiles([p], ['.latch']).length === 0) jsonFiles.push(...collectFiles([p], ['.json']));
        else latchPaths.push(p);
    }
    return { latchPaths, jsonFiles };
}

/** Validation diagnostics, then (for a workspace without errors) the analysis findings; Graph JSON files are analysed too. */
export async function checkPaths(paths: readonly string[], breakGlass: string[] = []): Promise<{ diags: Array<CliDiagnostic | CliFinding>; files: number }> {
    const { latchPaths, jsonFiles } = splitInputs(paths);
    const diags: Array<CliDiagnostic | CliFinding> = [];
    let files = 0;
    if (latchPaths.length > 0 || jsonFiles.length === 0) {
        const ws = await loadLatchWorkspace(collectFiles(latchPaths.length > 0 ? latchPaths : ['.'], ['.latch']));
        files += ws.userDocuments.length;
        const validation = collectDiagnostics(ws.userDocuments);
        diags.push(...validation);
        // Analysis needs a workspace that lowers faithfully: only without errors.
        if (!validation.some((d) => d.severity === 'error') && ws.userDocuments.length > 0) {
            diags.push(...latchFindings(analyzeDocuments(ws.documents, { breakGlass }), validation[0]?.file ?? '.'));
        }
    }
    if (jsonFiles.length > 0) {
        const { set, origins } = loadGraphFiles(jsonFiles);
        files += jsonFiles.length;
        diags.push(...graphFindings(analyzePolicySet(set, { breakGlass }), jsonFiles, origins));
    }
    return { diags: diags.sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line || a.column - b.column), files };
}

export function registerCheck(program: Command): void {
    program.command('check')
        .description('parse and validate .latch files, then analyse them (conflicts, coverage, assertions); Graph JSON files are analysed too; prints file:line:col severity code message')
        .argument('[paths...]', 'files or folders (default: .); .json files are read as Graph JSON policies and named locations')
        .addOption(new Option('--format <format>', 'output format').choices(['text', 'json', 'sarif']).default('text'))
        .option('--break-glass <names...>', 'break-glass principals (names or ids) besides emergencyAccess groups')
        .action((paths: string[], opts: { format: string; breakGlass?: string[] }) => guarded(async () => {
            const { diags, files } = await checkPaths(paths.length > 0 ? paths : ['.'], opts.breakGlass);
            if (opts.format === 'json') process.stdout.write(JSON.stringify(diags, null, 2) + '\n');
            else if (opts.format === 'sarif') process.stdout.write(toSarif(diags, '0.1.0') + '\n');
            else {
                for (const d of diags) {
                    process.stdout.write(formatDiagnostic(d) + '\n');
                    if ('witnessText' in d && d.witnessText) process.stdout.write(`    witness: ${d.witnessText}\n`);
                }
                const errors = diags.filter((d) => d.severity === 'error').length;
                process.stderr.write(`${files} file(s), ${errors} error(s), ${diags.length - errors} other diagnostic(s)\n`);
            }
            return diags.some((d) => d.severity === 'error') ? 1 : 0;
        }));
}
