import type { Command } from 'commander';

/** `latch export` — registered by its owner issue; a no-op until then. */
export function registerExport(program: Command): void {
    void program;
}
