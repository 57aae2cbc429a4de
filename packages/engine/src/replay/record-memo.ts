// Policy statuses remembered by record key (pick-record.ts: the bytes of the values the mapping reads). A log repeats
// the same user, app, device, client and risk over and over; a record whose key was met before maps to the same
// sign-in, bar the values left out of the key, which the evaluation does not read (the record's id; its time without
// time conditions; its IP address without IP-range locations; device ids and names no device filter reads), so it
// has the same statuses and skips the mapping and the evaluation. Keys are hashed and compared byte for byte.
//
// Memory is bounded when the memo is made: keys and statuses are copied into two arenas (the keys' grows to its bound
// once) and the hash table is an Int32Array, so remembering allocates nothing. (Two fresh ArrayBuffers per new key,
// when most records are new, were most of the garbage a distinct-record log made, freed only by full GCs, and the
// process's peak RSS grew with the log.) When an arena or the table is full the memo starts afresh.

const MAX_ENTRIES = 1 << 13;
/** Key bytes the arena holds: 8192 keys of 512 bytes (a 9 KB record's key is ~300–500). */
const KEY_BYTES = 1 << 22;

export class RecordMemo {
    /** Open addressing, linear probing: entry index + 1, 0 = empty. Twice the entries: probes stay short. */
    private readonly slots: Int32Array;
    private readonly mask: number;
    private readonly hashes: Int32Array;
    private readonly keyStart: Int32Array;
    private readonly keyLength: Int32Array;
    private keys: Uint8Array;
    private statuses: Uint8Array;
    private width = -1;
    private size = 0;
    private used = 0;

    constructor(private readonly max = MAX_ENTRIES, private readonly keyBytes = KEY_BYTES) {
        let n = 2;
        while (n < 2 * max) n <<= 1;
        this.slots = new Int32Array(n);
        this.mask = n - 1;
        this.hashes = new Int32Array(max);
        this.keyStart = new Int32Array(max);
        this.keyLength = new Int32Array(max);
        this.keys = new Uint8Array(Math.min(keyBytes, 1 << 16)); // grows up to keyBytes
        this.statuses = new Uint8Array(0);
    }

    /** The entry remembered for key bytes [0, length), or -1. */
    find(key: Uint8Array, length: number): number {
        const h = hash(key, length), slots = this.slots, mask = this.mask;
        for (let s = h & mask; ; s = (s + 1) & mask) {
            const e = slots[s]! - 1;
            if (e < 0) return -1;
            if (this.hashes[e] === h && this.keyLength[e] === length && same(this.keys, this.keyStart[e]!, key, length)) return e;
        }
    }

    /** Copies entry `e`'s statuses into `out`. */
    statusesOf(e: number, out: Uint8Array): void {
        const st = this.statuses, w = out.length;
        for (let k = 0, p = e * w; k < w; k++) out[k] = st[p + k]!;
    }

    /** Remembers `statuses` for key bytes [0, length) (a key not remembered yet). */
    set(key: Uint8Array, length: number, statuses: Uint8Array): void {
        const w = statuses.length;
        if (w !== this.width) { this.width = w; this.statuses = new Uint8Array(this.max * w); this.clear(); }
        if (length > this.keyBytes) return;
        if (this.used + length > this.keys.length && this.keys.length < this.keyBytes) {
            const keys = new Uint8Array(Math.min(this.keyBytes, 2 * Math.max(this.keys.length, this.used + length)));
            keys.set(this.keys.subarray(0, this.used));
            this.keys = keys;
        }
        if (this.size >= this.max || this.used + length > this.keys.length) this.clear();
        const e = this.size++, h = hash(key, length);
        this.hashes[e] = h;
        this.keyStart[e] = this.used;
        this.keyLength[e] = length;
        this.keys.set(length === key.length ? key : key.subarray(0, length), this.used);
        this.used += length;
        this.statuses.set(statuses, e * w);
        const slots = this.slots, mask = this.mask;
        let s = h & mask;
        while (slots[s] !== 0) s = (s + 1) & mask;
        slots[s] = e + 1;
    }

    private clear(): void {
        this.slots.fill(0);
        this.size = 0;
        this.used = 0;
    }
}

/** FNV-1a over the bytes, four at a time where it can (then byte by byte), mixed so that the low bits (the table's) depend on every byte. */
function hash(u: Uint8Array, length: number): number {
    let h = 0x811c9dc5 | 0, k = 0;
    for (const whole = length & ~3; k < whole; k += 4) h = Math.imul(h ^ (u[k]! | (u[k + 1]! << 8) | (u[k + 2]! << 16) | (u[k + 3]! << 24)), 0x01000193);
    for (; k < length; k++) h = Math.imul(h ^ u[k]!, 0x01000193);
    h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
    h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
    return h ^ (h >>> 16);
}

function same(a: Uint8Array, at: number, u: Uint8Array, length: number): boolean {
    for (let k = 0; k < length; k++) if (a[at + k] !== u[k]) return false;
    return true;
}
