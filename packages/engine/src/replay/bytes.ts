// Byte-buffer helpers for the log reader, with Node's native Buffer paths where present (the engine also runs without
// Node: the portable fallbacks give the same results, slower).

type NodeBuffer = { allocUnsafe(n: number): Uint8Array; from(s: string, enc: string): Uint8Array; prototype: { indexOf(this: Uint8Array, value: number, from: number): number } };
const NodeBuffer = (globalThis as { Buffer?: NodeBuffer }).Buffer;
const nativeIndexOf = NodeBuffer?.prototype.indexOf;
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
