// Policy statuses remembered by record key (pick-record.ts: the bytes of the values the mapping reads). A log repeats
// the same user, app, device, client and risk over and over; a record whose key was met before maps to the same
// sign-in, bar the values left out of the key, which the evaluation does not read (the record's id; its time without
// time conditions; its IP address without IP-range locations), so it has the same statuses and skips the mapping
// and the evaluation. Keys are hashed and compared byte for byte. The memo is bounded: when full it starts afresh, so
// memory stays flat in the log size.

const MAX_ENTRIES = 1 << 13;

interface Entry { key: Uint8Array; statuses: Uint8Array; next: Entry | undefined }

export class RecordMemo {
    private readonly table = new Map<number, Entry>();
    private size = 0;

    constructor(private readonly max = MAX_ENTRIES) {}

    /** The statuses remembered for key bytes [0, length), if any. */
    get(key: Uint8Array, length: number): Uint8Array | undefined {
        for (let e = this.table.get(hash(key, length)); e !== undefined; e = e.next) if (same(e.key, key, length)) return e.statuses;
        return undefined;
    }

    /** Remembers a copy of `statuses` for key bytes [0, length). */
    set(key: Uint8Array, length: number, statuses: Uint8Array): void {
        if (this.size >= this.max) { this.table.clear(); this.size = 0; }
        const h = hash(key, length);
        this.table.set(h, { key: key.slice(0, length), statuses: statuses.slice(), next: this.table.get(h) });
        this.size++;
    }
}

/** FNV-1a over the bytes. */
function hash(u: Uint8Array, length: number): number {
    let h = 0x811c9dc5;
    for (let k = 0; k < length; k++) h = Math.imul(h ^ u[k]!, 0x01000193);
    return h;
}

function same(a: Uint8Array, u: Uint8Array, length: number): boolean {
    if (a.length !== length) return false;
    for (let k = 0; k < length; k++) if (a[k] !== u[k]) return false;
    return true;
}
