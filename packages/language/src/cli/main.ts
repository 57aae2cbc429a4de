import { Command, Option } from 'commander';
import { JsonInputError, type EvaluationMode } from '@latch/engine';
import { collectDiagnostics, formatDiagnostic } from './diagnostics.js';
import { CliInputError, collectFiles, loadLatchWorkspace } from './load-workspace.js';
import { formatJson, formatJunit, formatText, runScenarios } from './test-command.js';
import { runWhatIf } from './whatif-command.js';
import { lowerWorkspace } from '../lowering/lower-workspace.js';

/** Exit codes: 0 ok, 1 findings/failures (errors, failing scenarios), 2 unusable input (bad JSON, missing files). */
async function guarded(action: () => Promise<number>): Promise<void> {
    try {
        process.exitCode = await action();
    } catch (e) {
        if (e instanceof JsonInputError || e instanceof CliInputError) {
            process.stderr.write(`latch: ${e instanceof JsonInputError ? e.toString() : e.message}\n`);
            process.exitCode = 2;
            return;
        }
        throw e;
    }
}

const modeOption = () => new Option('--mode <mode>', 'missing input: strict (like Graph evaluate) or lenient (like the legacy portal tool)').choices(['strict', 'lenient']);

export function buildProgram(): Command {
    const program = new Command('latch')
        .description('Latch: Conditional Access policies as code — validation, What If scenarios, Graph JSON interop')
        .version('0.1.0')
        .showHelpAfterError();

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

    program.command('test')
        .description('run every scenario of the workspace and report pass/fail')
        .argument('[paths...]', 'files or folders (default: .)')
        .addOption(new Option('--format <format>', 'output format').choices(['text', 'json', 'junit']).default('text'))
        .addOption(modeOption())
        .action((paths: string[], opts: { format: string; mode?: EvaluationMode }) => guarded(async () => {
            const ws = await loadLatchWorkspace(collectFiles(paths.length > 0 ? paths : ['.'], ['.latch']));
            const errors = collectDiagnostics(ws.userDocuments).filter((d) => d.severity === 'error');
            if (errors.length > 0) {
                for (const d of errors) process.stderr.write(formatDiagnostic(d) + '\n');
                process.stderr.write(`latch: ${errors.length} error(s); fix them before scenarios can run\n`);
                return 1;
            }
            const reports = runScenarios(lowerWorkspace(ws.documents), opts.mode);
            const out = opts.format === 'json' ? formatJson(reports) : opts.format === 'junit' ? formatJunit(reports)
                : formatText(reports, process.stdout.isTTY === true);
            process.stdout.write(out + '\n');
            return reports.every((r) => r.passed) ? 0 : 1;
        }));

    program.command('whatif')
        .description('evaluate one sign-in (Graph evaluate request body + Latch extensions) against policies; prints JSON')
        .requiredOption('--policies <files...>', '.latch files/folders and Graph JSON files (policies and named locations)')
        .requiredOption('--signin <file>', 'sign-in JSON file')
        .addOption(modeOption())
        .action((opts: { policies: string[]; signin: string; mode?: EvaluationMode }) => guarded(async () => {
            process.stdout.write(await runWhatIf(opts.policies, opts.signin, opts.mode) + '\n');
            return 0;
        }));

    return program;
}

export async function main(argv: string[]): Promise<void> {
    await buildProgram().parseAsync(argv);
}
