// Fixed-width bitsets over interned atoms (principals, apps, locations): one AND per word on the hot path.
export type Bits = Uint32Array;

export function makeBits(size: number): Bits {
    return new Uint32Array(Math.max(1, (size + 31) >>> 5));
}

export function setBit(bits: Bits, index: number): void {
    bits[index >>> 5] |= 1 << (index & 31);
}

export function hasBit(bits: Bits, index: number): boolean {
    return (bits[index >>> 5] & (1 << (index & 31))) !== 0;
}

export function intersects(a: Bits, b: Bits): boolean {
    for (let i = 0; i < a.length; i++) if ((a[i] & b[i]) !== 0) return true;
    return false;
}

/** Interns string keys (lower-cased: Entra ids compare case-insensitively) to dense indices. */
export class Interner {
    private readonly map = new Map<string, number>();
    get size(): number { return this.map.size; }
    intern(key: string): number {
        const k = key.toLowerCase();
        let i = this.map.get(k);
        if (i === undefined) {
            i = this.map.size;
            this.map.set(k, i);
        }
        return i;
    }
    lookup(key: string): number | undefined {
        return this.map.get(key.toLowerCase());
    }
}
