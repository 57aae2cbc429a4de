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
    private keyWords: Int32Array;
    /** The last key array looked up, as words (wordsOf). */
    private lastKey: Uint8Array | undefined;
    private lastWords: Int32Array | undefined;
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
        this.keyWords = new Int32Array(this.keys.buffer, 0, this.keys.length >> 2);
        this.statuses = new Uint8Array(0);
    }

    /** The entry remembered for key bytes [0, length), or -1. */
    find(key: Uint8Array, length: number): number {
        const words = this.wordsOf(key);
        const h = hash(key, words, length), slots = this.slots, mask = this.mask;
        for (let s = h & mask; ; s = (s + 1) & mask) {
            const e = slots[s]! - 1;
            if (e < 0) return -1;
            if (this.hashes[e] === h && this.keyLength[e] === length && same(this.keys, this.keyWords, this.keyStart[e]!, key, words, length)) return e;
        }
    }

    /** `key` as words (its byteOffset a multiple of 4; a view kept while the same key array comes back). */
    private wordsOf(key: Uint8Array): Int32Array | undefined {
        if (key === this.lastKey) return this.lastWords;
        this.lastKey = key;
        return (this.lastWords = key.byteOffset % 4 === 0 ? new Int32Array(key.buffer, key.byteOffset, key.length >> 2) : undefined);
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
        const room = (length + 3) & ~3; // keys start at multiples of 4: compared as words
        if (this.used + room > this.keys.length && this.keys.length < this.keyBytes) {
            const keys = new Uint8Array(Math.min(this.keyBytes, 2 * Math.max(this.keys.length, this.used + room)));
            keys.set(this.keys.subarray(0, this.used));
            this.keys = keys;
            this.keyWords = new Int32Array(keys.buffer, 0, keys.length >> 2);
        }
        if (this.size >= this.max || this.used + room > this.keys.length) this.clear();
        const words = this.wordsOf(key), e = this.size++, h = hash(key, words, length);
        this.hashes[e] = h;
        this.keyStart[e] = this.used;
        this.keyLength[e] = length;
        const keys = this.keys, at = this.used;
        let k = 0;
        if (words !== undefined) {
            const aw = this.keyWords, whole = length >> 2, w0 = at >> 2;
            for (; k < whole; k++) aw[w0 + k] = words[k]!;
            k = whole << 2;
        }
        for (; k < length; k++) keys[at + k] = key[k]!;
        this.used += room;
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

/**
 * FNV-1a over the bytes, four at a time where it can (`words`: the same bytes as words, if at hand; then byte by
 * byte), mixed so that the low bits (the table's) depend on every byte.
 */
function hash(u: Uint8Array, words: Int32Array | undefined, length: number): number {
    let h = 0x811c9dc5 | 0, k = 0;
    const whole = length >> 2;
    if (words !== undefined) for (; k < whole; k++) h = Math.imul(h ^ words[k]!, 0x01000193);
    else for (; k < whole; k++) h = Math.imul(h ^ (u[4 * k]! | (u[4 * k + 1]! << 8) | (u[4 * k + 2]! << 16) | (u[4 * k + 3]! << 24)), 0x01000193);
    for (k = whole << 2; k < length; k++) h = Math.imul(h ^ u[k]!, 0x01000193);
    h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
    h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
    return h ^ (h >>> 16);
}

/** Whether the arena's bytes from `at` (a multiple of 4; `aw`: the arena as words) are key bytes [0, length). */
function same(a: Uint8Array, aw: Int32Array, at: number, u: Uint8Array, words: Int32Array | undefined, length: number): boolean {
    let k = 0;
    if (words !== undefined) {
        const whole = length >> 2, w0 = at >> 2;
        for (; k < whole; k++) if (aw[w0 + k] !== words[k]) return false;
        k = whole << 2;
    }
    for (; k < length; k++) if (a[at + k] !== u[k]) return false;
    return true;
}
