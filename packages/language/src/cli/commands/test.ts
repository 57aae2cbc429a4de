import { type Command, Option } from 'commander';
import type { EvaluationMode } from '@latch/engine';
import { collectDiagnostics, formatDiagnostic } from '../diagnostics.js';
import { guarded, modeOption } from '../guarded.js';
import { collectFiles, loadLatchWorkspace } from '../load-workspace.js';
import { formatJson, formatJunit, formatText, runAssertions, runScenarios } from '../test-command.js';
import { lowerWorkspace } from '../../lowering/lower-workspace.js';

export function registerTest(program: Command): void {
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
            const assertions = runAssertions(ws.documents); // each assertion is one pass/fail entry
            const out = opts.format === 'json' ? formatJson(reports, assertions) : opts.format === 'junit' ? formatJunit(reports, assertions)
                : formatText(reports, process.stdout.isTTY === true, assertions);
            process.stdout.write(out + '\n');
            return reports.every((r) => r.passed) && assertions.every((a) => a.passed) ? 0 : 1;
        }));
}
