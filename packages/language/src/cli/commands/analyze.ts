import type { Command } from 'commander';

/** `latch analyze` — registered by its owner issue; a no-op until then. */
export function registerAnalyze(program: Command): void {
    void program;
}
