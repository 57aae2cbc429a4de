// Streams a sign-in log file into a LogReplay chunk by chunk (memory stays flat in the log size). The encoding is
// taken from a byte-order mark: UTF-8 (default) or UTF-16 LE (PowerShell's `Out-File`); stream decoding keeps
// characters split across chunks whole.

import { closeSync, createReadStream, openSync, readSync } from 'node:fs';
import { CliInputError } from '../load-workspace.js';

export interface LogEncoding { encoding: BufferEncoding; start: number }

export function sniffEncoding(file: string): LogEncoding {
    let fd: number;
    try {
        fd = openSync(file, 'r');
    } catch (e) {
        throw new CliInputError(`${file}: cannot read the sign-in log (${(e as NodeJS.ErrnoException).code ?? String(e)})`);
    }
    try {
        const head = Buffer.alloc(4);
        const n = readSync(fd, head, 0, 4, 0);
        if (n >= 2 && head[0] === 0xff && head[1] === 0xfe) return { encoding: 'utf16le', start: 2 };
        if (n >= 2 && head[0] === 0xfe && head[1] === 0xff) throw new CliInputError(`${file}: UTF-16 BE logs are not supported; convert to UTF-8`);
        if (n >= 2 && head[0] !== 0 && head[1] === 0) return { encoding: 'utf16le', start: 0 };
        return { encoding: 'utf8', start: n >= 3 && head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf ? 3 : 0 };
    } finally {
        closeSync(fd);
    }
}

/** Calls `push` with each decoded chunk of the file, in order; returns the characters read. */
export async function streamLog(file: string, push: (chunk: string) => void | Promise<void>): Promise<number> {
    const { encoding, start } = sniffEncoding(file);
    let chars = 0;
    const stream = createReadStream(file, { encoding, start, highWaterMark: 1 << 20 });
    for await (const chunk of stream) {
        chars += (chunk as string).length;
        await push(chunk as string);
    }
    return chars;
}
