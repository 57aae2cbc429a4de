import { Option, type Command } from 'commander';
import type { EvaluationMode } from '@latch/engine';
import { guarded, modeOption } from '../guarded.js';
import { replayCsv, replayJson, replayText } from '../replay/format-report.js';
import { runReplay } from '../replay/run-replay.js';
import { writeFilesAtomically } from '../atomic-write.js';

interface Opts {
    policies: string[];
    signins: string;
    directory?: string;
    mode?: EvaluationMode;
    format: 'text' | 'json' | 'csv';
    output?: string;
    progress?: boolean;
    target: 'resource' | 'client';
    maxDisagreements: string;
    workers?: string;
}

/** `latch replay`: Entra sign-in logs against policies, per-policy counts and agreement with Entra (docs/replay.md). */
export function registerReplay(program: Command): void {
    program.command('replay')
        .description('replay Entra sign-in logs (JSON array, Graph pages or JSON lines) against policies: per-policy counts and agreement with Entra')
        .requiredOption('--policies <paths...>', '.latch files/folders and Graph JSON files (policies and named locations)')
        .requiredOption('--signins <file>', 'sign-in log: signIn records as a JSON array, { "value": [...] } pages or JSON lines')
        .option('--directory <file>', 'JSON mapping user id → { groups: [ids], roles: [template ids], guestType }')
        .addOption(modeOption())
        .addOption(new Option('--format <format>', 'output format').choices(['text', 'json', 'csv']).default('text'))
        .option('-o, --output <file>', 'write the report to a file (atomically) instead of stdout')
        .option('--progress', 'progress on stderr (default: when stderr is a terminal)')
        .option('--no-progress', 'no progress on stderr')
        .addOption(new Option('--target <app>', 'the app the target-resources condition sees: the resource (resourceId) or the client (appId)').choices(['resource', 'client']).default('resource'))
        .option('--max-disagreements <n>', 'disagreements listed in JSON output (all are counted)', '1000')
        .option('--workers <n>', 'worker threads that replay stretches of the log besides the main thread; 0: none (default: one per core beyond the first, for UTF-8 logs of 8 MiB or more)')
        .action((opts: Opts) => guarded(async () => {
            const run = await runReplay({
                policies: opts.policies, signins: opts.signins, directory: opts.directory, mode: opts.mode, target: opts.target,
                progress: opts.progress, maxDisagreements: Math.max(0, Number(opts.maxDisagreements) || 0),
                workers: opts.workers === undefined ? undefined : Math.max(0, Math.floor(Number(opts.workers) || 0)),
            });
            const text = opts.format === 'json' ? replayJson(run) : opts.format === 'csv' ? replayCsv(run) : replayText(run);
            if (opts.output) writeFilesAtomically([{ path: opts.output, text }]);
            else process.stdout.write(text);
            if (opts.output && run.report.problems > 0) process.stderr.write(`latch replay: ${run.report.problems} problem(s) in ${opts.signins}; ${run.report.skipped} record(s) skipped (see the report)\n`);
            return 0;
        }));
}
