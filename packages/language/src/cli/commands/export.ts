import { join } from 'node:path';
import { type Command, Option } from 'commander';
import {
    type GraphFormat, type Policy, type NamedLocation, isDefinedLocation, namedLocationExportProblems, namedLocationToGraph,
    policyExportProblems, policyToGraph, removeBetaOnly,
} from '@latch/engine';
import * as ast from '../../generated/ast.js';
import { lowerWorkspace } from '../../lowering/lower-workspace.js';
import { writeFilesAtomically } from '../atomic-write.js';
import { collectDiagnostics, formatDiagnostic } from '../diagnostics.js';
import { guarded } from '../guarded.js';
import { collectFiles, loadLatchWorkspace } from '../load-workspace.js';

interface ExportOptions { out?: string; format: GraphFormat; skipUnsupported?: boolean; keepIds?: boolean; combined?: boolean }

export function registerExport(program: Command): void {
    program.command('export')
        .description('.latch → Graph JSON write bodies: one file per policy and per named location')
        .argument('[paths...]', '.latch files or folders (default: .)')
        .option('-o, --out <dir>', 'write policies/<name>.json and namedLocations/<name>.json here (default: print { "value": [...] })')
        .addOption(new Option('--format <format>', 'Graph API version: v1.0 (graph) or beta (graph-beta)').choices(['graph', 'graph-beta']).default('graph'))
        .option('--skip-unsupported', 'export anyway, leaving out what Entra cannot express (time windows, scenarios, assertions, beta-only properties for v1.0)')
        .option('--keep-ids', 'also write the read-only id and templateId (for PATCH, or a file that imports back with its ids)')
        .option('--combined', 'with -o, also write conditionalAccess.json: every object in one { "value": [...] }')
        .action((paths: string[], opts: ExportOptions) => guarded(async () => {
            const ws = await loadLatchWorkspace(collectFiles(paths.length > 0 ? paths : ['.'], ['.latch']));
            const errors = collectDiagnostics(ws.userDocuments).filter((d) => d.severity === 'error');
            if (errors.length > 0) {
                for (const d of errors) process.stderr.write(formatDiagnostic(d) + '\n');
                process.stderr.write(`latch: ${errors.length} error(s); nothing exported\n`);
                return 1;
            }
            const lowered = lowerWorkspace(ws.documents);
            const elements = ws.userDocuments.flatMap((d) => (ast.isDocument(d.parseResult.value) ? d.parseResult.value.elements : []));
            const declaredIds = new Set([
                ...lowered.policyNodes.filter((n) => n.clauses.some(ast.isIdClause)).map((n) => n.name),
                ...elements.filter(ast.isLocation).filter((l) => l.id !== undefined).map((l) => l.name),
            ]);

            const problems: string[] = [];
            const objects: Array<{ folder: string; name: string; body: Record<string, unknown> }> = [];
            const scenarios = elements.filter(ast.isScenario).length;
            const assertions = elements.filter(ast.isAssertion).length;
            if (scenarios > 0) problems.push(`${scenarios} scenario(s): What If tests have no Entra counterpart`);
            if (assertions > 0) problems.push(`${assertions} assertion(s): Entra has no assertions`);
            for (const l of lowered.set.namedLocations) {
                if (!isDefinedLocation(l)) {
                    problems.push(`location ${l.name}: no ranges or countries (declared only to be referenced by id); not exported`);
                    continue;
                }
                for (const p of namedLocationExportProblems(l, opts.format)) problems.push(`location ${l.name}: ${p}`);
                if (opts.format === 'graph' && l.kind === 'compliantNetwork') continue;
                objects.push({ folder: 'namedLocations', name: l.name, body: locationBody(l, opts, declaredIds) });
            }
            const noId = missingIds(elements);
            for (const p of lowered.set.policies) {
                let body = policyToGraph(p, { keepIds: opts.keepIds, idDeclared: declaredIds.has(p.name) });
                for (const reason of [...policyExportProblems(p, body, opts.format), ...noId(p)]) problems.push(`policy ${p.name}: ${reason}`);
                if (opts.format === 'graph') body = removeBetaOnly(body);
                objects.push({ folder: 'policies', name: p.name, body });
            }

            if (problems.length > 0) {
                const list = problems.map((p) => `  - ${p}`).join('\n');
                if (!opts.skipUnsupported) {
                    process.stderr.write(`latch: cannot export to Entra as is:\n${list}\nlatch: fix these or pass --skip-unsupported to leave them out\n`);
                    return 1;
                }
                process.stderr.write(`latch: warning: left out (--skip-unsupported):\n${list}\n`);
            }
            const combined = JSON.stringify({ value: objects.map((o) => o.body) }, null, 2) + '\n';
            if (opts.out === undefined) {
                process.stdout.write(combined);
                return 0;
            }
            const out = opts.out;
            const files = objects.map((o) => ({ path: join(out, o.folder, `${o.name}.json`), text: JSON.stringify(o.body, null, 2) + '\n' }));
            if (opts.combined) files.push({ path: join(out, 'conditionalAccess.json'), text: combined });
            writeFilesAtomically(files);
            process.stderr.write(`latch: exported ${objects.filter((o) => o.folder === 'policies').length} policies and ${objects.filter((o) => o.folder !== 'policies').length} named locations to ${out}\n`);
            return 0;
        }));
}

function locationBody(l: NamedLocation, opts: ExportOptions, declaredIds: ReadonlySet<string>): Record<string, unknown> {
    return namedLocationToGraph(l, { keepIds: opts.keepIds, idDeclared: declaredIds.has(l.name) });
}

// Graph refers to directory objects by object id; a .latch declaration without `id` stands for an object whose id
// is unknown, so a policy that refers to it cannot be created in Entra as is.
type Declared = ast.User | ast.Group | ast.Role | ast.App | ast.AuthContext | ast.Location | ast.Strength | ast.Terms;

function isDeclaration(el: ast.Element): el is Declared {
    return ast.isUser(el) || ast.isGroup(el) || ast.isRole(el) || ast.isApp(el) || ast.isAuthContext(el) || ast.isLocation(el)
        || ast.isStrength(el) || ast.isTerms(el);
}

/** A function listing, for a policy, the referenced declarations (of the given workspace elements) that have no id. */
export function missingIds(elements: readonly ast.Element[]): (p: Policy) => string[] {
    const withoutId = new Map<string, string>();
    for (const el of elements) {
        if (isDeclaration(el) && el.id === undefined && el.name !== undefined) withoutId.set(el.name, el.$type.toLowerCase());
    }
    return (p) => {
        const refs = new Set<string>();
        for (const side of [p.users?.include, p.users?.exclude]) {
            for (const id of [...(side?.users ?? []), ...(side?.groups ?? []), ...(side?.roles ?? [])]) refs.add(id);
        }
        if (p.target?.kind === 'apps') for (const id of [...p.target.include, ...p.target.exclude]) refs.add(id);
        if (p.target?.kind === 'authContext') for (const id of p.target.refs) refs.add(id);
        for (const id of [...(p.locations?.include ?? []), ...(p.locations?.exclude ?? [])]) refs.add(id);
        if (p.grant?.kind === 'controls') for (const c of p.grant.controls) refs.add(c.replace(/^(authenticationStrength|termsOfUse):/, ''));
        return [...refs].filter((r) => withoutId.has(r))
            .map((r) => `${withoutId.get(r)} ${r} has no id: Graph refers to objects by id (add \`id "…"\`)`);
    };
}
