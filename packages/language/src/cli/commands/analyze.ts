import { type Command, Option } from 'commander';
import { analyzeCoverage, type CoverageTable, loadGraphFiles, type PolicySet } from '@latch/engine';
import { collectDiagnostics, formatDiagnostic } from '../diagnostics.js';
import { guarded } from '../guarded.js';
import { CliInputError, collectFiles, loadLatchWorkspace } from '../load-workspace.js';
import { checkPaths, splitInputs } from './check.js';
import { lowerWorkspace } from '../../lowering/lower-workspace.js';

async function loadSet(paths: readonly string[]): Promise<PolicySet> {
    const { latchPaths, jsonFiles } = splitInputs(paths);
    if (jsonFiles.length > 0 && latchPaths.length === 0) return loadGraphFiles(jsonFiles).set;
    const ws = await loadLatchWorkspace(collectFiles(latchPaths, ['.latch']));
    const errors = collectDiagnostics(ws.userDocuments).filter((d) => d.severity === 'error');
    if (errors.length > 0) throw new CliInputError(`${errors.map(formatDiagnostic).join('\n')}\nfix the errors before analysing`);
    return lowerWorkspace(ws.documents).set;
}

function coverageText(t: CoverageTable): string {
    if (t.rows.length === 0) return 'Coverage: every sign-in of the scope is blocked or challenged (MFA / managed device).';
    const cols = ['#', ...t.columns, 'witness'];
    const rows = t.rows.map((r, i) => [String(i + 1), ...t.columns.map((c) => r.cells[c] ?? '*'), r.witness ? r.witness.outcome : '?']);
    const md = [`| ${cols.join(' | ')} |`, `|${cols.map(() => '---').join('|')}|`, ...rows.map((r) => `| ${r.join(' | ')} |`)];
    return [`Coverage gaps (sign-ins reaching neither a block nor MFA / a managed-device requirement; '*' = any):`, '', ...md,
        ...(t.omitted > 0 ? ['', `(${t.omitted} more row(s) not shown)`] : [])].join('\n');
}

export function registerAnalyze(program: Command): void {
    program.command('analyze')
        .description('exact conflict, coverage and assertion analysis with witness sign-ins (docs/analysis.md)')
        .argument('[paths...]', '.latch files/folders, or Graph JSON files/folders (default: .)')
        .option('--coverage', 'print the coverage partition table')
        .addOption(new Option('--format <format>', 'output format').choices(['text', 'json']).default('text'))
        .option('--break-glass <names...>', 'break-glass principals (names or ids) besides emergencyAccess groups')
        .action((paths: string[], opts: { coverage?: boolean; format: string; breakGlass?: string[] }) => guarded(async () => {
            const inputs = paths.length > 0 ? paths : ['.'];
            if (opts.coverage) {
                const table = analyzeCoverage(await loadSet(inputs), { breakGlass: opts.breakGlass });
                process.stdout.write((opts.format === 'json' ? JSON.stringify(table, null, 2) : coverageText(table)) + '\n');
                return 0;
            }
            const { diags } = await checkPaths(inputs, opts.breakGlass);
            const findings = diags.filter((d) => 'related' in d);
            if (opts.format === 'json') process.stdout.write(JSON.stringify(findings, null, 2) + '\n');
            else {
                for (const f of findings) {
                    process.stdout.write(`${formatDiagnostic(f)}\n`);
                    if (f.related.length > 0) process.stdout.write(`    with: ${f.related.join(', ')}\n`);
                    if (f.witnessText) process.stdout.write(`    witness: ${f.witnessText}\n`);
                }
                const counts = new Map<string, number>();
                for (const f of findings) counts.set(f.code, (counts.get(f.code) ?? 0) + 1);
                process.stderr.write(`${findings.length} finding(s)${counts.size ? `: ${[...counts].map(([k, v]) => `${k} ${v}`).join(', ')}` : ''}\n`);
            }
            return diags.some((d) => d.severity === 'error') ? 1 : 0;
        }));
}
