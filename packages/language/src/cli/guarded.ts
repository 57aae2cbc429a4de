import { Option } from 'commander';
import { JsonInputError } from '@latch/engine';
import { CliInputError } from './load-workspace.js';

/** Exit codes: 0 ok, 1 findings/failures (errors, failing scenarios), 2 unusable input (bad JSON, missing files). */
export async function guarded(action: () => Promise<number>): Promise<void> {
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

export const modeOption = () => new Option('--mode <mode>', 'missing input: strict (like Graph evaluate) or lenient (like the legacy portal tool)').choices(['strict', 'lenient']);
