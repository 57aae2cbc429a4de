// Reads a stretch of a log file, bytes [from, to), into a LogReplay chunk by chunk, through two buffers used in
// turn (the splitter keeps a view of a chunk only until the next push, and memory the process has not touched yet is
// slow to fault in). The parallel replay's workers and its main thread both replay stretches this way.

import { readSync } from 'node:fs';
import type { LogReplay } from './replay-log.js';

const CHUNK = 1 << 20;

export class StretchReader {
    private readonly buffers = [new Uint8Array(CHUNK), new Uint8Array(CHUNK)];
    private turn = 0;

    /** Pushes bytes [from, to) of the open file `fd` into `replay`. */
    replay(fd: number, from: number, to: number, replay: LogReplay): void {
        for (let pos = from; pos < to;) {
            const bytes = this.read(fd, pos, Math.min(CHUNK, to - pos));
            if (bytes.length === 0) break; // the file shrank
            replay.push(bytes);
            pos += bytes.length;
        }
    }

    /** Up to `length` bytes at `pos` (a view of the next buffer, valid until the next read but one). */
    read(fd: number, pos: number, length: number): Uint8Array {
        const buffer = this.buffers[this.turn ^= 1]!;
        const n = readSync(fd, buffer, 0, Math.min(length, CHUNK), pos);
        return buffer.subarray(0, n);
    }
}
