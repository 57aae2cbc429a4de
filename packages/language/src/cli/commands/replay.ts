import type { Command } from 'commander';

/** `latch replay` — registered by its owner issue; a no-op until then. */
export function registerReplay(program: Command): void {
    void program;
}
