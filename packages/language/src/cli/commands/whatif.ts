import type { Command } from 'commander';
import type { EvaluationMode } from '@latch/engine';
import { guarded, modeOption } from '../guarded.js';
import { runWhatIf } from '../whatif-command.js';

export function registerWhatIf(program: Command): void {
    program.command('whatif')
        .description('evaluate one sign-in (Graph evaluate request body + Latch extensions) against policies; prints JSON')
        .requiredOption('--policies <files...>', '.latch files/folders and Graph JSON files (policies and named locations)')
        .requiredOption('--signin <file>', 'sign-in JSON file')
        .addOption(modeOption())
        .action((opts: { policies: string[]; signin: string; mode?: EvaluationMode }) => guarded(async () => {
            process.stdout.write(await runWhatIf(opts.policies, opts.signin, opts.mode) + '\n');
            return 0;
        }));
}
