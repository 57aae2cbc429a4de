// Finds where a parallel replay may start a stretch of the log: the first resume point (record-splitter.ts) at or
// after a file offset, by its bytes alone. JSON lines: any line start. An array whose records start their lines at
// column c: a line of c-1 spaces and `{` (tab-indented logs offer none and are replayed on one thread). Whether the
// splitter really stands at a resume point there is checked when the stretch before it is replayed.

import { readSync } from 'node:fs';
import { indexOfByte } from './bytes.js';
import { LBRACE, NL, SPACE } from './json-bytes.js';
import type { ResumePoint } from './record-splitter.js';

const WINDOW = 1 << 16;

/** The bytes a resume line starts with (its line end included). */
export function resumePattern(point: ResumePoint): Uint8Array {
    return point.layout === 'lines' ? Uint8Array.of(NL) : Uint8Array.from([NL, ...Array<number>(point.column - 1).fill(SPACE), LBRACE]);
}

/** Offset of the first resume line start at or after `from` in the open file `fd` of `size` bytes; `size` if none. */
export function nextResumeLine(fd: number, from: number, size: number, pattern: Uint8Array): number {
    const window = new Uint8Array(WINDOW + pattern.length);
    // The line end before the line start may be the byte before `from`.
    for (let pos = Math.max(0, from - 1); pos < size; pos += WINDOW) {
        const n = readSync(fd, window, 0, window.length, pos);
        const at = indexOfPattern(window.subarray(0, n), pattern);
        if (at >= 0) return Math.min(size, pos + at + 1);
    }
    return size;
}

/** Offset of the first `pattern` in `u`, or -1. */
export function indexOfPattern(u: Uint8Array, pattern: Uint8Array): number {
    const first = pattern[0]!;
    for (let i = indexOfByte(u, first, 0); i >= 0 && i + pattern.length <= u.length; i = indexOfByte(u, first, i + 1)) {
        let k = 1;
        while (k < pattern.length && u[i + k] === pattern[k]) k++;
        if (k === pattern.length) return i;
    }
    return -1;
}
