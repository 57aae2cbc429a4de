// Byte-buffer helpers for the log reader, with Node's native Buffer paths where present (the engine also runs without
// Node: the portable fallbacks give the same results, slower).

type NodeBuffer = {
    allocUnsafe(n: number): Uint8Array; from(s: string, enc: string): Uint8Array;
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

/** A buffer of `n` bytes, not zero-filled first. */
export function allocBytes(n: number): Uint8Array {
    return NodeBuffer ? NodeBuffer.allocUnsafe(n) : new Uint8Array(n);
}

export function encodeUtf8(text: string): Uint8Array {
    return NodeBuffer ? NodeBuffer.from(text, 'utf8') : encoder.encode(text);
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
