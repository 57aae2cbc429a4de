import { type Command, Option } from 'commander';
import type { EvaluationMode } from '@latch/engine';
import { guarded, modeOption } from '../guarded.js';
import { runWhatIf } from '../whatif-command.js';

export function registerWhatIf(program: Command): void {
    program.command('whatif')
        .description('evaluate one sign-in (Graph evaluate request body + Latch extensions, or a scenario) against policies; prints JSON')
        .requiredOption('--policies <files...>', '.latch files/folders and Graph JSON files (policies and named locations)')
        .option('--signin <file>', 'sign-in JSON file')
        .option('--scenario <name>', 'take the sign-in from this scenario of the .latch inputs (its initial sign-in)')
        .addOption(new Option('--format <format>', "output: Latch's JSON contract, or Graph's evaluate response (whatIfAnalysisResult collection)").choices(['json', 'graph']).default('json'))
        .option('--request-only', 'print the Graph evaluate request body for the sign-in instead of evaluating')
        .addOption(modeOption())
        .action((opts: { policies: string[]; signin?: string; scenario?: string; format: 'json' | 'graph'; requestOnly?: boolean; mode?: EvaluationMode }) => guarded(async () => {
            const out = await runWhatIf(opts.policies, opts.signin, opts.mode, { format: opts.format, requestOnly: opts.requestOnly, scenario: opts.scenario });
            process.stdout.write(out + '\n');
            return 0;
        }));
}
