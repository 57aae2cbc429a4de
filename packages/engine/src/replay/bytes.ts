// Byte-buffer helpers for the log reader, with Node's native Buffer paths where present (the engine also runs without
// Node: the portable fallbacks give the same results, slower).

type NodeBuffer = {
    from(s: string, enc: string): Uint8Array;
    prototype: { indexOf(this: Uint8Array, value: number, from: number): number; latin1Slice(this: Uint8Array, s: number, e: number): string };
};
const NodeBuffer = (globalThis as { Buffer?: NodeBuffer }).Buffer;
const nativeIndexOf = NodeBuffer?.prototype.indexOf;
const nativeLatin1 = NodeBuffer?.prototype.latin1Slice;
const decoder = new TextDecoder('utf-8', { ignoreBOM: true });
const encoder = new TextEncoder();

/** Offset of the first `byte` at or after `from`, or -1 (Node: memchr; ~10× Uint8Array.prototype.indexOf). */
export function indexOfByte(u: Uint8Array, byte: number, from: number): number {
    return nativeIndexOf ? nativeIndexOf.call(u, byte, from) : u.indexOf(byte, from);
}

/**
 * A buffer of `n` bytes for log bytes: a plain Uint8Array, like the readers' chunks. One kind of array keeps the byte
 * walk's code monomorphic (Node's Buffer, a subclass, has other maps: mixing them cost deoptimisations), and a
 * Uint8Array's subarray is cheaper than a Buffer's.
 */
export function allocBytes(n: number): Uint8Array {
    return new Uint8Array(n);
}

/** UTF-8 bytes of `text`, as a plain Uint8Array (see allocBytes; Node's encoder, viewed as one, when present). */
export function encodeUtf8(text: string): Uint8Array {
    if (!NodeBuffer) return encoder.encode(text);
    const b = NodeBuffer.from(text, 'utf8');
    return new Uint8Array(b.buffer, b.byteOffset, b.length);
}

/**
 * Bytes [s, e) as a string, UTF-8 decoded (invalid sequences → U+FFFD, as TextDecoder). ASCII, what a log's values
 * nearly always are, takes Node's latin1 slice: a third of TextDecoder's cost on short strings, and the same string.
 */
export function textOf(u: Uint8Array, s: number, e: number): string {
    if (nativeLatin1 !== undefined) {
        let k = s;
        while (k < e && u[k]! < 0x80) k++;
        if (k === e) return nativeLatin1.call(u, s, e);
    }
    return decoder.decode(u.subarray(s, e));
}
