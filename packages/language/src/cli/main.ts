import { Command } from 'commander';
import { registerCheck } from './commands/check.js';
import { registerTest } from './commands/test.js';
import { registerWhatIf } from './commands/whatif.js';
import { registerAnalyze } from './commands/analyze.js';
import { registerImport } from './commands/import.js';
import { registerExport } from './commands/export.js';
import { registerReplay } from './commands/replay.js';

/** One module per command (src/cli/commands/); each registers itself here. */
export function buildProgram(): Command {
    const program = new Command('latch')
        .description('Latch: Conditional Access policies as code — validation, What If scenarios, Graph JSON interop')
        .version('0.1.0')
        .showHelpAfterError();
    registerCheck(program);
    registerTest(program);
    registerWhatIf(program);
    registerAnalyze(program);
    registerImport(program);
    registerExport(program);
    registerReplay(program);
    return program;
}

export async function main(argv: string[]): Promise<void> {
    await buildProgram().parseAsync(argv);
}
