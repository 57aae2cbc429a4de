import { type Command, Option } from 'commander';
import { collectDiagnostics, formatDiagnostic } from '../diagnostics.js';
import { guarded } from '../guarded.js';
import { collectFiles, loadLatchWorkspace } from '../load-workspace.js';

export function registerCheck(program: Command): void {
    program.command('check')
        .description('parse and validate .latch files; prints file:line:col severity code message')
        .argument('[paths...]', 'files or folders (default: .)')
        .addOption(new Option('--format <format>', 'output format').choices(['text', 'json']).default('text'))
        .action((paths: string[], opts: { format: string }) => guarded(async () => {
            const ws = await loadLatchWorkspace(collectFiles(paths.length > 0 ? paths : ['.'], ['.latch']));
            const diags = collectDiagnostics(ws.userDocuments);
            if (opts.format === 'json') process.stdout.write(JSON.stringify(diags, null, 2) + '\n');
            else {
                for (const d of diags) process.stdout.write(formatDiagnostic(d) + '\n');
                const errors = diags.filter((d) => d.severity === 'error').length;
                process.stderr.write(`${ws.userDocuments.length} file(s), ${errors} error(s), ${diags.length - errors} other diagnostic(s)\n`);
            }
            return diags.some((d) => d.severity === 'error') ? 1 : 0;
        }));
}
