import type { Command } from 'commander';

/** `latch import` — registered by its owner issue; a no-op until then. */
export function registerImport(program: Command): void {
    void program;
}
