// One Entra sign-in log record (Graph `signIn`, v1.0 or beta, as the portal's JSON download and
// `GET /auditLogs/signIns` write it) → an engine SignIn, plus Entra's own per-policy results. Every mapping choice
// is documented in docs/replay.md. Absent/null values are missing input unless stated otherwise; a value of the
// wrong JSON type makes the record bad (reported with its path, skipped).

import type { ClientAppType, DeviceProperties, GuestType, Platform, RiskLevel, SignIn, SignInDevice } from '../model.js';
import { GUEST_TYPES, RISK_LEVELS } from '../model.js';

/** `--directory`: what the log does not say about a user (group ids, role template ids, guest type). */
export interface ReplayDirectoryEntry { groups: string[]; roles: string[]; guestType?: GuestType }
export type ReplayDirectory = Map<string, ReplayDirectoryEntry>;

/** Entra's per-policy result as logged (appliedConditionalAccessPolicies[]). */
export interface EntraPolicyResult { id: string; result: string }

export interface MappedRecord {
    signIn: SignIn;
    /** The record's `id` (the sign-in's id in Entra), when present. */
    id?: string;
    /** undefined when the record has no appliedConditionalAccessPolicies. */
    entra?: EntraPolicyResult[];
}

export interface MapOptions {
    /** Which app the policies' target-resources condition sees: the resource (default) or the client app. */
    target?: 'resource' | 'client';
}

/** A record Latch cannot use; `path` locates the offending value inside the record. */
export class RecordMappingError extends Error {
    constructor(readonly path: (string | number)[], message: string) {
        super(message);
    }
}

type Json = Record<string, unknown>;

/** Values of a record that the mapping reads: a value whole (`true`), or only these keys of an object (or, `[keys]`, of each object in an array). */
export interface RecordReads { readonly [key: string]: true | RecordReads | readonly [RecordReads] }

/**
 * Every value mapSignInRecord reads. The replay's byte reader (pick-record.ts) builds records holding only these, so
 * a new read here must be listed here too (a test checks mapSignInRecord reads nothing else).
 */
export const RECORD_READS: RecordReads = {
    id: true, userId: true, userType: true, homeTenantId: true, resourceTenantId: true, appId: true, resourceId: true, ipAddress: true,
    location: { countryOrRegion: true },
    deviceDetail: { operatingSystem: true, deviceId: true, trustType: true, isCompliant: true, displayName: true },
    clientAppUsed: true, riskLevelDuringSignIn: true, riskLevelAggregated: true, originalTransferMethod: true, authenticationProtocol: true,
    createdDateTime: true, authenticationRequirement: true, status: { errorCode: true },
    authenticationDetails: [{ succeeded: true, authenticationStepResultDetail: true }],
    appliedConditionalAccessPolicies: true,
};

const PLATFORM_PREFIXES: [string, Platform][] = [
    ['windows phone', 'windowsPhone'], ['windowsphone', 'windowsPhone'], ['windows', 'windows'], ['ios', 'iOS'],
    ['ipados', 'iOS'], ['android', 'android'], ['macos', 'macOS'], ['mac os', 'macOS'], ['osx', 'macOS'], ['linux', 'linux'],
];

/** deviceDetail.operatingSystem (e.g. "Windows10", "Windows 11", "iOS 17.2", "MacOs", "Android") → platform. */
export function platformOf(os: string): Platform | 'unknown' {
    const s = os.trim().toLowerCase();
    for (const [prefix, p] of PLATFORM_PREFIXES) if (s.startsWith(prefix)) return p;
    return 'unknown';
}

const CLIENTS = new Map<string, ClientAppType>([
    ['browser', 'browser'],
    ['mobile apps and desktop clients', 'mobileAppsAndDesktopClients'],
    ['exchange activesync', 'exchangeActiveSync'],
]);

/** clientAppUsed → client app type: every other value Entra logs is a legacy protocol ("IMAP4", "SMTP", "Other clients", …). */
export function clientOf(value: string): ClientAppType {
    return CLIENTS.get(value.trim().toLowerCase()) ?? 'other';
}

const TRUST_TYPES = new Map<string, string>([
    ['azure ad joined', 'AzureAD'], ['microsoft entra joined', 'AzureAD'], ['azuread', 'AzureAD'],
    ['hybrid azure ad joined', 'ServerAD'], ['microsoft entra hybrid joined', 'ServerAD'], ['serverad', 'ServerAD'],
    ['azure ad registered', 'Workplace'], ['microsoft entra registered', 'Workplace'], ['workplace', 'Workplace'],
]);

const RISKS = new Map<string, RiskLevel>(RISK_LEVELS.map((r) => [r, r]));
const GUESTS = new Map<string, GuestType>(GUEST_TYPES.map((g) => [g.toLowerCase(), g]));

/** A successful MFA step as authenticationDetails records it. */
const MFA_DETAIL = /mfa (successfully )?completed|mfa requirement satisfied|mfa completed in (azure ad|microsoft entra)/i;

class Reader {
    constructor(private readonly root: Json) {}

    string(obj: Json, key: string, path: (string | number)[]): string | undefined {
        const v = obj[key];
        if (v === undefined || v === null || v === '') return undefined;
        if (typeof v !== 'string') throw new RecordMappingError([...path, key], 'expected a string');
        return v;
    }

    object(obj: Json, key: string, path: (string | number)[]): Json | undefined {
        const v = obj[key];
        if (v === undefined || v === null) return undefined;
        if (typeof v !== 'object' || Array.isArray(v)) throw new RecordMappingError([...path, key], 'expected an object');
        return v as Json;
    }

    array(obj: Json, key: string, path: (string | number)[]): unknown[] | undefined {
        const v = obj[key];
        if (v === undefined || v === null) return undefined;
        if (!Array.isArray(v)) throw new RecordMappingError([...path, key], 'expected an array');
        return v;
    }

    risk(key: string): RiskLevel | undefined {
        const v = this.string(this.root, key, []);
        return v === undefined ? undefined : RISKS.get(v.toLowerCase()); // unknownFutureValue: missing
    }
}

/** Maps one parsed record; throws RecordMappingError on a value of the wrong type. */
export function mapSignInRecord(value: unknown, directory: ReplayDirectory | undefined, options: MapOptions = {}): MappedRecord {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new RecordMappingError([], 'expected a sign-in object');
    const root = value as Json;
    const r = new Reader(root);
    const signIn: SignIn = {};

    const userId = r.string(root, 'userId', []);
    if (userId !== undefined) signIn.userId = userId;
    const known = userId !== undefined ? directory?.get(userId.toLowerCase()) : undefined;
    signIn.memberOf = known ? known.groups : [];
    signIn.roles = known ? known.roles : [];
    const userType = r.string(root, 'userType', []);
    const guestType = known?.guestType ?? (userType?.toLowerCase() === 'guest' ? 'b2bCollaborationGuest' : undefined);
    if (guestType) signIn.guestType = guestType;
    const home = r.string(root, 'homeTenantId', []);
    const resourceTenant = r.string(root, 'resourceTenantId', []);
    if (home !== undefined && guestType && home !== resourceTenant) signIn.homeTenantId = home;

    const appId = options.target === 'client' ? r.string(root, 'appId', []) : r.string(root, 'resourceId', []) ?? r.string(root, 'appId', []);
    if (appId !== undefined) signIn.target = { kind: 'application', appId };

    const ip = r.string(root, 'ipAddress', []);
    if (ip !== undefined) signIn.ipAddress = ip;
    const location = r.object(root, 'location', []);
    if (location) {
        // A location Entra could not place in a country is the "unknown countries/regions" of country locations.
        const country = r.string(location, 'countryOrRegion', ['location']);
        signIn.country = country !== undefined && /^[A-Za-z]{2}$/.test(country) ? country.toUpperCase() : 'unknown';
    }

    const detail = r.object(root, 'deviceDetail', []);
    signIn.devicePlatform = platformOf(detail ? r.string(detail, 'operatingSystem', ['deviceDetail']) ?? '' : '');
    if (detail) {
        const device = deviceOf(r, detail);
        if (device) signIn.device = device;
    }

    const client = r.string(root, 'clientAppUsed', []);
    if (client !== undefined) signIn.clientAppType = clientOf(client);

    const signInRisk = r.risk('riskLevelDuringSignIn');
    if (signInRisk) signIn.signInRisk = signInRisk;
    const userRisk = r.risk('riskLevelAggregated');
    if (userRisk) signIn.userRisk = userRisk;

    const transfer = r.string(root, 'originalTransferMethod', []);
    const protocol = r.string(root, 'authenticationProtocol', []);
    if (transfer !== undefined && /^(deviceCodeFlow|authenticationTransfer|none)$/i.test(transfer)) {
        signIn.authenticationFlow = transfer.toLowerCase() === 'devicecodeflow' ? 'deviceCodeFlow'
            : transfer.toLowerCase() === 'authenticationtransfer' ? 'authenticationTransfer' : 'none';
    } else if (protocol !== undefined) {
        signIn.authenticationFlow = protocol.toLowerCase() === 'devicecode' ? 'deviceCodeFlow' : 'none';
    }

    const time = r.string(root, 'createdDateTime', []);
    if (time !== undefined) signIn.time = time;

    if (mfaDone(r, root)) signIn.satisfied = ['mfa'];

    const mapped: MappedRecord = { signIn };
    const id = r.string(root, 'id', []);
    if (id !== undefined) mapped.id = id;
    const applied = r.array(root, 'appliedConditionalAccessPolicies', []);
    if (applied) mapped.entra = entraResults(r, applied);
    return mapped;
}

/** Registered = a deviceId or a known trust type; compliance only counts for a registered device. */
function deviceOf(r: Reader, detail: Json): SignInDevice | undefined {
    const path = ['deviceDetail'];
    const deviceId = r.string(detail, 'deviceId', path);
    const trust = r.string(detail, 'trustType', path);
    const trustType = trust !== undefined ? TRUST_TYPES.get(trust.trim().toLowerCase()) : undefined;
    if (deviceId === undefined && trustType === undefined) return undefined;
    const compliant = detail.isCompliant;
    if (compliant !== undefined && compliant !== null && typeof compliant !== 'boolean') throw new RecordMappingError(['deviceDetail', 'isCompliant'], 'expected true or false');
    const properties: DeviceProperties = { isCompliant: compliant === true };
    if (deviceId !== undefined) properties.deviceId = deviceId;
    if (trustType !== undefined) properties.trustType = trustType;
    const name = r.string(detail, 'displayName', path);
    if (name !== undefined) properties.displayName = name;
    const os = r.string(detail, 'operatingSystem', path);
    if (os !== undefined) properties.operatingSystem = os;
    return { registered: true, properties };
}

/** MFA performed in this sign-in: required and the sign-in succeeded, or a successful MFA step in authenticationDetails. */
function mfaDone(r: Reader, root: Json): boolean {
    const status = r.object(root, 'status', []);
    const errorCode = status?.errorCode;
    if (r.string(root, 'authenticationRequirement', [])?.toLowerCase() === 'multifactorauthentication' && (errorCode === 0 || errorCode === '0')) return true;
    const details = r.array(root, 'authenticationDetails', []);
    if (details) {
        for (const d of details) {
            if (typeof d !== 'object' || d === null) continue;
            const step = (d as Json).authenticationStepResultDetail;
            if ((d as Json).succeeded === true && typeof step === 'string' && MFA_DETAIL.test(step)) return true;
        }
    }
    return false;
}

function entraResults(r: Reader, applied: unknown[]): EntraPolicyResult[] {
    const out: EntraPolicyResult[] = [];
    for (let i = 0; i < applied.length; i++) {
        const a = applied[i];
        const path = ['appliedConditionalAccessPolicies', i];
        if (typeof a !== 'object' || a === null || Array.isArray(a)) throw new RecordMappingError(path, 'expected an object');
        const id = r.string(a as Json, 'id', path);
        const result = r.string(a as Json, 'result', path);
        if (id !== undefined && result !== undefined) out.push({ id, result });
    }
    return out;
}

/** Parses a `--directory` file's value: `{ "<user id>": { "groups": [...], "roles": [...], "guestType": "…" } }`. */
export function readReplayDirectory(value: unknown): ReplayDirectory {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new RecordMappingError([], 'expected an object mapping user ids to { groups, roles, guestType }');
    const out: ReplayDirectory = new Map();
    for (const [user, entry] of Object.entries(value as Json)) {
        if (typeof entry !== 'object' || entry === null || Array.isArray(entry)) throw new RecordMappingError([user], 'expected an object { groups, roles, guestType }');
        const e = entry as Json;
        const list = (key: string): string[] => {
            const v = e[key];
            if (v === undefined || v === null) return [];
            if (!Array.isArray(v) || v.some((x) => typeof x !== 'string')) throw new RecordMappingError([user, key], 'expected an array of strings');
            return v as string[];
        };
        const item: ReplayDirectoryEntry = { groups: list('groups'), roles: list('roles') };
        const g = e.guestType;
        if (g !== undefined && g !== null && g !== 'none') {
            const guest = typeof g === 'string' ? GUESTS.get(g.toLowerCase()) : undefined;
            if (!guest) throw new RecordMappingError([user, 'guestType'], `expected one of none, ${GUEST_TYPES.join(', ')}`);
            item.guestType = guest;
        }
        out.set(user.toLowerCase(), item);
    }
    return out;
}
