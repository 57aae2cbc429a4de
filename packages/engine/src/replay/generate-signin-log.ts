// Realistic synthetic Entra sign-in logs for tests and benchmarks, drawn (seeded, deterministic) from what a
// policy set references: its users, groups and roles (stated in a `--directory` file), apps, named locations
// (IPs inside and outside the ranges, listed, other and unplaceable countries), platforms, client apps, risks,
// device state and MFA. Each record comes with the SignIn it was written from, so tests can compute expectations
// with evaluate() without going through the log mapping under test. Entra's per-policy results are written from
// evaluate() (the full engine path, not the replay fast path), optionally with a share of them changed.

import type { ClientAppType, GuestType, Platform, PolicySet, RiskLevel, SignIn, TransferMethod } from '../model.js';
import { evaluate } from '../evaluate/evaluate.js';
import { cidrToInterval } from '../net/ip.js';
import { WELL_KNOWN_APPS } from '../well-known/apps.js';
import { deviceOperatingSystem } from './map-signin-record.js';

/** mulberry32: small, fast, deterministic. */
export function seededRandom(seed: number): () => number {
    let a = seed >>> 0;
    return () => {
        a = (a + 0x6d2b79f5) >>> 0;
        let t = a;
        t = Math.imul(t ^ (t >>> 15), t | 1);
        t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
        return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
}

class Draw {
    constructor(readonly next: () => number) {}
    int(n: number): number { return Math.floor(this.next() * n); }
    chance(p: number): boolean { return this.next() < p; }
    pick<T>(xs: readonly T[]): T { return xs[this.int(xs.length)]!; }
    weighted<T>(pairs: readonly [T, number][]): T {
        let x = this.next() * pairs.reduce((s, [, w]) => s + w, 0);
        for (const [v, w] of pairs) if ((x -= w) < 0) return v;
        return pairs[pairs.length - 1]![0];
    }
    guid(): string {
        const h = () => this.int(0x10000).toString(16).padStart(4, '0');
        return `${h()}${h()}-${h()}-4${h().slice(1)}-a${h().slice(1)}-${h()}${h()}${h()}`;
    }
}

export interface GeneratedUser { id: string; upn: string; groups: string[]; roles: string[]; guestType?: GuestType }

export interface GeneratedSignIn {
    /** The sign-in the record was written from (what the record should map back to). */
    signIn: SignIn;
    /** The Graph signIn record. */
    record: Record<string, unknown>;
    /** Entra results changed from evaluate()'s (policy id → written result). */
    changed: Record<string, string>;
}

export interface GenerateOptions {
    seed?: number;
    /** Share of Entra per-policy results changed to another value (disagreements for the comparison). */
    entraNoise?: number;
    /** Write appliedConditionalAccessPolicies (default true). */
    entraResults?: boolean;
    /** Synthetic users besides the ones the set names. */
    extraUsers?: number;
}

const V4_BASE = 0xffff00000000n;

function formatIp(v: bigint): string {
    if (v >= V4_BASE && v <= V4_BASE + 0xffffffffn) {
        const x = Number(v - V4_BASE);
        return [x >>> 24, (x >>> 16) & 255, (x >>> 8) & 255, x & 255].join('.');
    }
    const groups: string[] = [];
    for (let i = 7; i >= 0; i--) groups.push(Number((v >> BigInt(i * 16)) & 0xffffn).toString(16));
    return groups.join(':');
}

const OS: Record<Platform | 'unknown', string[]> = {
    windows: ['Windows 10', 'Windows10', 'Windows 11'], iOS: ['iOS 17.4', 'Ios', 'iPadOS 17'], android: ['Android 14', 'Android'],
    macOS: ['MacOs', 'macOS 14'], linux: ['Linux', 'Linux Ubuntu'], windowsPhone: ['Windows Phone 10'], unknown: ['', 'ChromeOS', 'PlayStation'],
};
const CLIENT_TEXT: Record<ClientAppType, string[]> = {
    browser: ['Browser'], mobileAppsAndDesktopClients: ['Mobile Apps and Desktop clients'], exchangeActiveSync: ['Exchange ActiveSync'],
    other: ['IMAP4', 'POP3', 'Authenticated SMTP', 'Other clients', 'MAPI Over HTTP', 'Exchange Web Services'], easSupported: ['Exchange ActiveSync'],
};
const TRUST_TEXT: Record<string, string> = { AzureAD: 'Azure AD joined', ServerAD: 'Hybrid Azure AD joined', Workplace: 'Azure AD registered' };
const COUNTRIES = ['US', 'DE', 'FR', 'GB', 'CN', 'RU', 'BR', 'IN', 'JP', 'NG', 'ES', 'IT', 'CA', 'AU', 'PL', 'SE'];

/** Users (with group/role memberships for `--directory`) and the draw of sign-ins for one policy set. */
export class SignInLogGenerator {
    readonly users: GeneratedUser[];
    private readonly d: Draw;
    private readonly apps: string[];
    private readonly ipPool: string[];
    private readonly countries: string[];
    private readonly options: GenerateOptions;

    constructor(private readonly set: PolicySet, options: GenerateOptions = {}) {
        this.options = options;
        this.d = new Draw(seededRandom(options.seed ?? 1));
        const d = this.d;
        const groups = new Set<string>();
        const roles = new Set<string>();
        const named = new Set<string>();
        const apps = new Set<string>();
        for (const p of set.policies) {
            if (p.users) {
                for (const side of [p.users.include, p.users.exclude]) {
                    side.groups.forEach((g) => groups.add(g));
                    side.roles.forEach((r) => roles.add(r));
                    side.users.forEach((u) => named.add(u));
                }
            }
            if (p.target?.kind === 'apps') for (const a of [...p.target.include, ...p.target.exclude]) if (!/^(all|none|office365|microsoftadminportals)$/i.test(a)) apps.add(a);
        }
        // Only open groups are stated memberships: closed ones come from the directory itself.
        const closed = new Set(set.directory.groups.filter((g) => g.members !== undefined).map((g) => g.id.toLowerCase()));
        const openGroups = [...groups].filter((g) => !closed.has(g.toLowerCase()));
        const roleList = [...roles];
        const users: GeneratedUser[] = set.directory.users.map((u) => ({ id: u.id, upn: u.upn ?? `${u.name}@contoso.com`, groups: [], roles: [], ...(u.guestType ? { guestType: u.guestType } : {}) }));
        const ids = new Set(users.map((u) => u.id.toLowerCase()));
        for (const u of named) if (!ids.has(u.toLowerCase()) && !closed.has(u.toLowerCase())) { users.push({ id: u, upn: `${u}@contoso.com`, groups: [], roles: [] }); ids.add(u.toLowerCase()); }
        for (let i = 0; i < (options.extraUsers ?? 60); i++) users.push({ id: d.guid(), upn: `user${i}@contoso.com`, groups: [], roles: [] });
        for (const u of users) {
            for (const g of openGroups) if (d.chance(0.15)) u.groups.push(g);
            for (const r of roleList) if (d.chance(0.04)) u.roles.push(r);
            if (!u.guestType && d.chance(0.08)) u.guestType = 'b2bCollaborationGuest';
        }
        this.users = users;
        this.apps = [...apps, ...WELL_KNOWN_APPS.filter((a) => !a.members).map((a) => a.id), d.guid(), d.guid()];
        this.ipPool = [];
        for (const l of set.namedLocations) {
            for (const r of l.ipRanges ?? []) {
                const iv = cidrToInterval(r);
                if (!iv) continue;
                const span = iv.hi - iv.lo;
                this.ipPool.push(formatIp(iv.lo + (span > 200n ? BigInt(d.int(200)) : 0n)));
            }
        }
        for (let i = 0; i < 12; i++) this.ipPool.push(`${20 + d.int(180)}.${d.int(256)}.${d.int(256)}.${1 + d.int(250)}`);
        this.countries = [...new Set([...set.namedLocations.flatMap((l) => l.countries ?? []), ...COUNTRIES])];
    }

    /** The `--directory` file for these users. */
    directoryJson(): Record<string, { groups: string[]; roles: string[]; guestType?: string }> {
        const out: Record<string, { groups: string[]; roles: string[]; guestType?: string }> = {};
        for (const u of this.users) out[u.id] = { groups: u.groups, roles: u.roles, ...(u.guestType ? { guestType: u.guestType } : {}) };
        return out;
    }

    /** The next sign-in and its log record. */
    next(): GeneratedSignIn {
        const d = this.d;
        const user = d.pick(this.users);
        const app = d.pick(this.apps);
        const platform = d.weighted<Platform | 'unknown'>([['windows', 45], ['iOS', 15], ['android', 12], ['macOS', 12], ['linux', 4], ['windowsPhone', 1], ['unknown', 5]]);
        const client = d.weighted<ClientAppType>([['browser', 50], ['mobileAppsAndDesktopClients', 40], ['exchangeActiveSync', 4], ['other', 6]]);
        const ip = d.pick(this.ipPool);
        const country = d.chance(0.04) ? 'unknown' : d.pick(this.countries);
        const trust = d.weighted<string | undefined>([[undefined, 35], ['AzureAD', 35], ['ServerAD', 15], ['Workplace', 15]]);
        const compliant = trust !== undefined && d.chance(0.7);
        const risk = (): RiskLevel => d.weighted<RiskLevel>([['none', 85], ['low', 7], ['medium', 4], ['high', 2], ['hidden', 2]]);
        const signInRisk = risk();
        const userRisk = risk();
        const flow = d.weighted<TransferMethod | 'none'>([['none', 95], ['deviceCodeFlow', 4], ['authenticationTransfer', 1]]);
        const mfa = d.chance(0.55);
        const os = d.pick(OS[platform]);
        const time = new Date(Date.UTC(2026, 10, 1) + d.int(30 * 24 * 3600) * 1000).toISOString().replace('.000Z', 'Z');
        const deviceId = trust ? d.guid() : '';
        const displayName = trust ? `PC-${d.int(10000)}` : '';

        const signIn: SignIn = {
            userId: user.id, memberOf: user.groups, roles: user.roles, target: { kind: 'application', appId: app },
            ipAddress: ip, country, devicePlatform: platform, clientAppType: client, signInRisk, userRisk, authenticationFlow: flow, time,
        };
        if (user.guestType) signIn.guestType = user.guestType;
        if (trust) signIn.device = { registered: true, properties: { isCompliant: compliant, deviceId, trustType: trust, displayName, ...(os ? { operatingSystem: deviceOperatingSystem(platform, os) } : {}) } };
        if (mfa) signIn.satisfied = ['mfa'];

        const record: Record<string, unknown> = {
            id: d.guid(),
            createdDateTime: time,
            userDisplayName: user.upn.split('@')[0],
            userPrincipalName: user.upn,
            userId: user.id,
            userType: user.guestType ? 'guest' : 'member',
            appId: client === 'browser' ? app : d.pick(['d3590ed6-52b3-4102-aeff-aad2292ab01c', app]),
            appDisplayName: 'App',
            resourceId: app,
            resourceDisplayName: 'Resource',
            ipAddress: ip,
            clientAppUsed: d.pick(CLIENT_TEXT[client]),
            userAgent: 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0 Safari/537.36',
            correlationId: d.guid(),
            conditionalAccessStatus: 'notApplied',
            isInteractive: true,
            authenticationRequirement: mfa ? 'multiFactorAuthentication' : 'singleFactorAuthentication',
            authenticationProtocol: flow === 'deviceCodeFlow' ? 'deviceCode' : 'oAuth2',
            ...(flow === 'authenticationTransfer' ? { originalTransferMethod: 'authenticationTransfer' } : {}),
            riskDetail: 'none',
            riskLevelAggregated: userRisk,
            riskLevelDuringSignIn: signInRisk,
            riskState: 'none',
            status: { errorCode: 0, failureReason: 'Other.', additionalDetails: null },
            deviceDetail: { deviceId, displayName, operatingSystem: os, browser: 'Chrome 126.0.0', isCompliant: compliant, isManaged: compliant, trustType: trust ? TRUST_TEXT[trust] : '' },
            location: { city: country === 'unknown' ? '' : 'City', state: '', countryOrRegion: country === 'unknown' ? '' : country, geoCoordinates: { altitude: null, latitude: 52.37, longitude: 4.89 } },
        };
        const changed: Record<string, string> = {};
        if (this.options.entraResults !== false) record.appliedConditionalAccessPolicies = this.entraResults(signIn, record, changed);
        return { signIn, record, changed };
    }

    private entraResults(signIn: SignIn, record: Record<string, unknown>, changed: Record<string, string>): unknown[] {
        const r = evaluate(this.set, signIn);
        record.conditionalAccessStatus = r.outcome === 'block' ? 'failure' : r.policies.some((p) => p.policyApplies && p.state === 'enabled') ? 'success' : 'notApplied';
        const noise = this.options.entraNoise ?? 0;
        return r.policies.map((p) => {
            let result: string = p.result === 'interrupted' ? 'failure' : p.result;
            if (noise > 0 && this.d.chance(noise)) {
                const others = (p.state === 'enabledForReportingButNotEnforced'
                    ? ['reportOnlySuccess', 'reportOnlyFailure', 'reportOnlyInterrupted', 'reportOnlyNotApplied']
                    : ['success', 'failure', 'notApplied']).filter((x) => x !== result);
                result = this.d.pick(others);
                changed[p.id] = result;
            }
            return {
                id: p.id, displayName: p.displayName ?? p.name,
                enforcedGrantControls: result === 'notApplied' || result === 'reportOnlyNotApplied' ? [] : grantText(this.set, p.id),
                enforcedSessionControls: [], result,
            };
        });
    }
}

function grantText(set: PolicySet, id: string): string[] {
    const g = set.policies.find((p) => p.id === id)?.grant;
    if (!g) return [];
    return g.kind === 'block' ? ['Block'] : g.controls.map((c) => (c === 'mfa' ? 'Mfa' : c));
}

export type LogLayout = 'array' | 'pages' | 'lines';

/**
 * Log text for records, chunk by chunk: a JSON array (pretty-printed like the portal's download), Graph pages of
 * `pageSize` (`{"@odata.context", "value": [...], "@odata.nextLink"}` one after another), or JSON lines.
 */
export function* logText(records: Iterable<Record<string, unknown>>, layout: LogLayout, pageSize = 1000): Generator<string> {
    if (layout === 'lines') {
        for (const r of records) yield JSON.stringify(r) + '\n';
        return;
    }
    if (layout === 'array') {
        let first = true;
        yield '[\n';
        for (const r of records) {
            yield (first ? '' : ',\n') + indent(JSON.stringify(r, null, 2), '  ');
            first = false;
        }
        yield '\n]\n';
        return;
    }
    let inPage = 0;
    let page = 0;
    for (const r of records) {
        if (inPage === 0) yield `{"@odata.context":"https://graph.microsoft.com/v1.0/$metadata#auditLogs/signIns","value":[`;
        yield (inPage > 0 ? ',' : '') + JSON.stringify(r);
        if (++inPage === pageSize) { yield `],"@odata.nextLink":"https://graph.microsoft.com/v1.0/auditLogs/signIns?$skiptoken=${++page}"}\n`; inPage = 0; }
    }
    if (inPage > 0) yield ']}\n';
}

function indent(text: string, by: string): string {
    return by + text.replace(/\n/g, '\n' + by);
}
