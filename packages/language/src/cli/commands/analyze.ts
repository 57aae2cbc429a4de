import { type Command, Option } from 'commander';
import { analyzeCoverage, type CoverageTable, findAppByDisplayName, findAppById, findAppByName, findRoleByDisplayName, findRoleById, findRoleByName,
    GRAPH_SPECIAL_APP_VALUES, loadGraphFiles, type Policy, type PolicySet } from '@latch/engine';
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

/** Rows the text table prints (the JSON keeps every row). */
const MAX_ROWS = 12;

function coverageText(t: CoverageTable, scoped: boolean): string {
    const scope = scoped ? 'the coverage scope' : 'all users (break-glass aside) × all apps';
    if (t.rows.length === 0) return `Coverage: every sign-in of ${scope} is blocked or challenged (MFA / managed device).`;
    const cols = ['#', ...t.columns, 'witness'];
    const shown = t.rows.slice(0, MAX_ROWS);
    const rows = shown.map((r, i) => [String(i + 1), ...t.columns.map((c) => r.cells[c] ?? 'any'), r.witness ? r.witness.outcome : '?']);
    const md = [`| ${cols.join(' | ')} |`, `|${cols.map(() => '---').join('|')}|`, ...rows.map((r) => `| ${r.join(' | ')} |`)];
    const more = t.rows.length - shown.length + t.omitted;
    return [`Coverage gaps: sign-ins of ${scope} that reach neither a block nor MFA / a managed-device requirement.`,
        t.exact ? `${t.rows.length} region(s), largest first; together they are exactly the gap (rows may overlap); columns not shown: any value.`
            : `${t.rows.length} region(s) found before the row limit, largest first; the gap is larger (rows may overlap); columns not shown: any value.`, '', ...md,
        ...(more > 0 ? ['', `… ${more} more region(s) (--format json lists every region)`] : [])].join('\n');
}

const lower = (s: string) => s.toLowerCase();

/** The coverage scope as a conditions-only policy: the named users / groups / roles × the named apps (default: all). */
export function coverageScopePolicy(set: PolicySet, users: readonly string[] | undefined, apps: readonly string[] | undefined): Policy | undefined {
    if (!users?.length && !apps?.length) return undefined;
    const dir = set.directory;
    const named = (o: { id: string; name: string; displayName?: string; upn?: string }, k: string) =>
        [o.id, o.name, o.displayName, o.upn].some((x) => x !== undefined && lower(x) === k);
    const include = { users: [] as string[], groups: [] as string[], roles: [] as string[] };
    let all = !users?.length;
    for (const n of users ?? []) {
        const k = lower(n);
        if (k === 'all') { all = true; continue; }
        const u = dir.users.find((x) => named(x, k));
        const g = dir.groups.find((x) => named(x, k));
        const r = dir.roles.find((x) => named(x, k)) ?? findRoleByName(n) ?? findRoleByDisplayName(n) ?? findRoleById(n);
        if (u) include.users.push(u.id);
        else if (g) include.groups.push(g.id);
        else if (r) include.roles.push(r.id);
        else throw new CliInputError(`--scope-users: no user, group or role named '${n}'`);
    }
    const appIds: string[] = [];
    for (const n of apps ?? []) {
        const k = lower(n);
        const special = (GRAPH_SPECIAL_APP_VALUES as readonly string[]).find((x) => lower(x) === k);
        const a = dir.apps.find((x) => named(x, k));
        const w = findAppByName(n) ?? findAppByDisplayName(n) ?? findAppById(n);
        if (special) appIds.push(special);
        else if (a) appIds.push(a.id);
        else if (w) appIds.push(w.id);
        else throw new CliInputError(`--scope-apps: no app named '${n}'`);
    }
    return {
        id: 'latch:coverage-scope', name: 'latch:coverage-scope', state: 'disabled',
        users: { include: { all: all || undefined, ...include }, exclude: { users: [], groups: [], roles: [] } },
        target: { kind: 'apps', include: appIds.length > 0 ? appIds : ['All'], exclude: [] },
    };
}

export function registerAnalyze(program: Command): void {
    program.command('analyze')
        .description('exact conflict, coverage and assertion analysis with witness sign-ins (docs/analysis.md)')
        .argument('[paths...]', '.latch files/folders, or Graph JSON files/folders (default: .)')
        .option('--coverage', 'print the coverage partition table')
        .addOption(new Option('--format <format>', 'output format').choices(['text', 'json']).default('text'))
        .option('--break-glass <names...>', 'break-glass principals (names or ids) besides emergencyAccess groups')
        .option('--scope-users <names...>', 'coverage scope: users, groups or roles (workspace names or ids; default: all users)')
        .option('--scope-apps <names...>', 'coverage scope: apps (workspace names, well-known names or ids; default: all apps)')
        .action((paths: string[], opts: { coverage?: boolean; format: string; breakGlass?: string[]; scopeUsers?: string[]; scopeApps?: string[] }) => guarded(async () => {
            const inputs = paths.length > 0 ? paths : ['.'];
            if (opts.coverage) {
                const set = await loadSet(inputs);
                const coverageScope = coverageScopePolicy(set, opts.scopeUsers, opts.scopeApps);
                const table = analyzeCoverage(set, { breakGlass: opts.breakGlass, coverageScope });
                process.stdout.write((opts.format === 'json' ? JSON.stringify(table, null, 2) : coverageText(table, coverageScope !== undefined)) + '\n');
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
