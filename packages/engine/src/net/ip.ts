import ipaddr from 'ipaddr.js';

/** An address range as a closed interval over a 128-bit space (IPv4 mapped to ::ffff:0:0/96). */
export interface IpInterval { lo: bigint; hi: bigint }

export type CidrCheck = { ok: true; family: 'ipv4' | 'ipv6'; prefix: number } | { ok: false; message: string };

const V4_MAPPED_BASE = 0xffff00000000n;

function toBigInt(addr: ipaddr.IPv4 | ipaddr.IPv6): bigint {
    const bytes = addr.toByteArray();
    let v = 0n;
    for (const b of bytes) v = (v << 8n) | BigInt(b);
    return addr.kind() === 'ipv4' ? V4_MAPPED_BASE + v : v;
}

const DOTTED_QUAD = /^(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])\.(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])\.(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])\.(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])$/;

/** Parses an address (no prefix) to its 128-bit value; undefined if invalid. IPv4-mapped IPv6 equals IPv4. */
export function ipToBigInt(text: string): bigint | undefined {
    const q = DOTTED_QUAD.exec(text); // the common case, without ipaddr.js's general parser
    if (q) return V4_MAPPED_BASE + BigInt(((Number(q[1]) << 24) >>> 0) + (Number(q[2]) << 16) + (Number(q[3]) << 8) + Number(q[4]));
    if (!ipaddr.isValid(text)) return undefined;
    let addr = ipaddr.parse(text);
    if (addr.kind() === 'ipv6' && (addr as ipaddr.IPv6).isIPv4MappedAddress()) addr = (addr as ipaddr.IPv6).toIPv4Address();
    return toBigInt(addr);
}

/** Validates `a.b.c.d[/n]` or an IPv6 `x::y[/n]`; a bare address counts as a host range. */
export function checkIpRange(text: string): CidrCheck {
    const slash = text.indexOf('/');
    const addrText = slash < 0 ? text : text.slice(0, slash);
    if (!ipaddr.isValid(addrText)) return { ok: false, message: `'${addrText}' is not a valid IP address` };
    const addr = ipaddr.parse(addrText);
    const family = addr.kind();
    const max = family === 'ipv4' ? 32 : 128;
    if (slash < 0) return { ok: true, family, prefix: max };
    const prefixText = text.slice(slash + 1);
    if (!/^[0-9]{1,3}$/.test(prefixText) || Number(prefixText) > max) {
        return { ok: false, message: `'/${prefixText}' is not a valid prefix length for ${family === 'ipv4' ? 'IPv4' : 'IPv6'} (0–${max})` };
    }
    return { ok: true, family, prefix: Number(prefixText) };
}

const intervals = new Map<string, IpInterval | undefined>();

/**
 * The interval a CIDR (or bare address) covers; undefined if invalid. Host bits are ignored, as Entra does.
 * Memoized by text (shared, never mutated): every compile of a set converts its named locations.
 */
export function cidrToInterval(text: string): IpInterval | undefined {
    if (intervals.has(text)) return intervals.get(text);
    const out = parseInterval(text);
    if (intervals.size >= 16384) intervals.clear();
    intervals.set(text, out);
    return out;
}

function parseInterval(text: string): IpInterval | undefined {
    const check = checkIpRange(text);
    if (!check.ok) return undefined;
    const slash = text.indexOf('/');
    const base = ipaddr.parse(slash < 0 ? text : text.slice(0, slash));
    const bits = check.family === 'ipv4' ? 32 : 128;
    let raw = 0n;
    for (const b of base.toByteArray()) raw = (raw << 8n) | BigInt(b);
    const hostBits = BigInt(bits - check.prefix);
    const lo = (raw >> hostBits) << hostBits;
    const hi = lo + (1n << hostBits) - 1n;
    const offset = check.family === 'ipv4' ? V4_MAPPED_BASE : 0n;
    return { lo: lo + offset, hi: hi + offset };
}
