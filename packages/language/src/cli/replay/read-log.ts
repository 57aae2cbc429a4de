// Streams a sign-in log file into a LogReplay chunk by chunk (memory stays flat in the log size). The encoding is
// taken from a byte-order mark: UTF-8 (default) or UTF-16 LE (PowerShell's `Out-File`). UTF-8 goes on as bytes (the
// replay decodes only what JSON.parse reads); UTF-16 is decoded here, stream decoding keeping split characters whole.
//
// The file is read by the engine's StretchReader, as the parallel replay reads its stretches: two buffers in turn,
// not a fresh buffer per chunk (memory the process has not touched yet is slow to fault in, on this VM ~0.4 GB/s,
// slower than the replay reads a log; the splitter holds on to a chunk only until the next one is pushed), plain
// Uint8Arrays as everywhere on the replay's byte path.

import { closeSync, openSync, readSync } from 'node:fs';
import { StretchReader } from '@latch/engine';
import { StringDecoder } from 'node:string_decoder';
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

const CHUNK = 1 << 20;

/**
 * Calls `push` with each chunk of the file, in order: bytes (UTF-8) or text (UTF-16). Returns the bytes read. Reads
 * are synchronous (from the page cache they cost less than an async round trip); `push` may yield.
 */
export async function streamLog(file: string, push: (chunk: Uint8Array | string) => void | Promise<void>): Promise<number> {
    const { encoding, start } = sniffEncoding(file);
    const decoder = encoding === 'utf8' ? undefined : new StringDecoder(encoding);
    const reader = new StretchReader();
    const fd = openSync(file, 'r');
    let position = start;
    try {
        for (;;) {
            const bytes = reader.read(fd, position, CHUNK);
            if (bytes.length === 0) break;
            position += bytes.length;
            await push(decoder ? decoder.write(bytes) : bytes);
        }
        const rest = decoder?.end();
        if (rest) await push(rest);
    } finally {
        closeSync(fd);
    }
    return position - start;
}
