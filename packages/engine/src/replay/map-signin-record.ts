// One Entra sign-in log record (Graph `signIn`, v1.0 or beta, as the portal's JSON download and
// `GET /auditLogs/signIns` write it) → an engine SignIn, plus Entra's own per-policy results. Every mapping choice
// is documented in docs/replay.md. Absent/null values are missing input unless stated otherwise; a value of the
// wrong JSON type makes the record bad (reported with its path, skipped).

import type { ClientAppType, DeviceProperties, GuestType, Platform, RiskLevel, SignIn, SignInDevice, TransferMethod } from '../model.js';
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
    id: true, userId: true, servicePrincipalId: true, userType: true, homeTenantId: true, resourceTenantId: true, crossTenantAccessType: true,
    appId: true, resourceId: true, ipAddress: true,
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

/** The legacy-authentication clients Entra's sign-in log documents for clientAppUsed (all Conditional Access's `other`). */
const LEGACY_CLIENTS = [
    'Authenticated SMTP', 'SMTP', 'Autodiscover', 'Exchange Online PowerShell', 'Exchange Web Services', 'IMAP4', 'IMAP', 'MAPI over HTTP', 'MAPI',
    'Offline Address Book', 'Outlook Anywhere (RPC over HTTP)', 'Outlook Service', 'POP3', 'POP', 'Reporting Web Services', 'Universal Outlook',
    'Other clients',
];

const CLIENTS = new Map<string, ClientAppType>([
    ['browser', 'browser'],
    ['mobile apps and desktop clients', 'mobileAppsAndDesktopClients'],
    ['exchange activesync', 'exchangeActiveSync'],
    ...LEGACY_CLIENTS.map((c): [string, ClientAppType] => [c.toLowerCase(), 'other']),
]);

/**
 * clientAppUsed → client app type. Only the documented names: any other value ("Unknown", "Modern clients", …)
 * is undefined (missing), since calling it legacy would let every legacy-client policy block it.
 */
export function clientOf(value: string): ClientAppType | undefined {
    return CLIENTS.get(value.trim().toLowerCase());
}

/** What device objects (and so device filters) call each platform's operating system; the log writes "Windows10", "Ios 18.2", "MacOs". */
const DEVICE_OS: Record<Platform, string> = {
    windows: 'Windows', windowsPhone: 'WindowsPhone', iOS: 'iOS', android: 'Android', macOS: 'MacMDM', linux: 'Linux',
};

/** The device filter's operatingSystem of a sign-in whose log says `logged`, on `platform`. */
export function deviceOperatingSystem(platform: Platform | 'unknown', logged: string): string {
    return platform === 'unknown' ? logged : DEVICE_OS[platform];
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
/** A step Entra skipped ("MFA requirement skipped due to IP address") performed nothing. */
const SKIPPED = /skipped/i;

/** originalTransferMethod → flow; null: `unknownFutureValue` (missing, the protocol is not asked); absent: a value Graph does not define. */
const TRANSFERS = new Map<string, TransferMethod | 'none' | null>([
    ['devicecodeflow', 'deviceCodeFlow'], ['authenticationtransfer', 'authenticationTransfer'], ['none', 'none'], ['unknownfuturevalue', null],
]);
/** authenticationProtocol → flow (any other protocol: none); null: `unknownFutureValue` (missing). */
const PROTOCOL_FLOWS = new Map<string, TransferMethod | null>([
    ['devicecode', 'deviceCodeFlow'], ['authenticationtransfer', 'authenticationTransfer'], ['unknownfuturevalue', null],
]);

/** Paths of the values read (for errors only; shared, never changed). */
type Path = readonly (string | number)[];
const ROOT: Path = [], LOCATION: Path = ['location'], DEVICE: Path = ['deviceDetail'];

// Each value is read by name where it is used (`root.userId`, not `root[key]`): records of one log share a shape,
// so the reads stay fast.

/** `v`, the value at `path`.`key`, as a string: absent, null and "" are undefined; another type is an error. */
function str(v: unknown, path: Path, key: string): string | undefined {
    if (v === undefined || v === null || v === '') return undefined;
    if (typeof v !== 'string') throw new RecordMappingError([...path, key], 'expected a string');
    return v;
}

function obj(v: unknown, path: Path, key: string): Json | undefined {
    if (v === undefined || v === null) return undefined;
    if (typeof v !== 'object' || Array.isArray(v)) throw new RecordMappingError([...path, key], 'expected an object');
    return v as Json;
}

function arr(v: unknown, path: Path, key: string): unknown[] | undefined {
    if (v === undefined || v === null) return undefined;
    if (!Array.isArray(v)) throw new RecordMappingError([...path, key], 'expected an array');
    return v;
}

/**
 * A pure function of a string, its answers kept (a log repeats the same few operating systems, clients, trust types,
 * risk levels and countries; the replay hands the same strings back). Bounded: full, it starts afresh.
 */
function keptAnswers<T>(f: (s: string) => T): (s: string) => T {
    const kept = new Map<string, T>();
    return (s) => {
        let v = kept.get(s);
        if (v === undefined && !kept.has(s)) {
            if (kept.size >= 1024) kept.clear();
            kept.set(s, v = f(s));
        }
        return v as T;
    };
}

const platformOfKept = keptAnswers(platformOf);
const clientOfKept = keptAnswers(clientOf);
const trustTypeOf = keptAnswers((trust) => TRUST_TYPES.get(trust.trim().toLowerCase()));
const riskOf = keptAnswers((v): RiskLevel | undefined => RISKS.get(v.toLowerCase())); // unknownFutureValue: missing
const countryOf = keptAnswers((c) => /^[A-Za-z]{2}$/.test(c) ? c.toUpperCase() : 'unknown');
const isGuest = keptAnswers((t) => t.toLowerCase() === 'guest');
const isMember = keptAnswers((t) => t.toLowerCase() === 'member');
const accessOf = keptAnswers((a) => a.toLowerCase()); // crossTenantAccessType, compared in lower case
const flowOf = keptAnswers((transfer) => TRANSFERS.get(transfer.toLowerCase()));
const protocolFlowOf = keptAnswers((protocol) => { const f = PROTOCOL_FLOWS.get(protocol.toLowerCase()); return f === undefined ? 'none' as const : f; });
const requiresMfa = keptAnswers((r) => r.toLowerCase() === 'multifactorauthentication');
const isMfaStep = keptAnswers((step) => MFA_DETAIL.test(step) && !SKIPPED.test(step));

/** Maps one parsed record; throws RecordMappingError on a value of the wrong type. */
export function mapSignInRecord(value: unknown, directory: ReplayDirectory | undefined, options: MapOptions = {}): MappedRecord {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new RecordMappingError([], 'expected a sign-in object');
    const root = value as Json;
    const signIn: SignIn = {};

    const userId = str(root.userId, ROOT, 'userId');
    if (userId !== undefined) signIn.userId = userId;
    else if (str(root.servicePrincipalId, ROOT, 'servicePrincipalId') !== undefined) {
        // Conditional Access for workload identities has other conditions and controls than the user policies Latch evaluates.
        throw new RecordMappingError(['servicePrincipalId'], 'a service principal or managed identity sign-in: Conditional Access for workload identities is not replayed');
    }
    const known = userId !== undefined ? directory?.get(userId.toLowerCase()) : undefined;
    signIn.memberOf = known ? known.groups : [];
    signIn.roles = known ? known.roles : [];
    const userType = str(root.userType, ROOT, 'userType');
    const home = str(root.homeTenantId, ROOT, 'homeTenantId');
    const resourceTenant = str(root.resourceTenantId, ROOT, 'resourceTenantId');
    const access = str(root.crossTenantAccessType, ROOT, 'crossTenantAccessType');
    const guestType = known?.guestType ?? guestTypeOf(userType, access, home, resourceTenant);
    if (guestType) signIn.guestType = guestType;
    if (home !== undefined && guestType && !(resourceTenant !== undefined && sameTenant(home, resourceTenant))) signIn.homeTenantId = home;

    const appId = options.target === 'client' ? str(root.appId, ROOT, 'appId') : str(root.resourceId, ROOT, 'resourceId') ?? str(root.appId, ROOT, 'appId');
    if (appId !== undefined) signIn.target = { kind: 'application', appId };

    const ip = str(root.ipAddress, ROOT, 'ipAddress');
    if (ip !== undefined) signIn.ipAddress = ip;
    const location = obj(root.location, ROOT, 'location');
    if (location) {
        // A location Entra could not place in a country is the "unknown countries/regions" of country locations.
        const country = str(location.countryOrRegion, LOCATION, 'countryOrRegion');
        signIn.country = country !== undefined ? countryOf(country) : 'unknown';
    }

    const detail = obj(root.deviceDetail, ROOT, 'deviceDetail');
    const os = detail ? str(detail.operatingSystem, DEVICE, 'operatingSystem') : undefined;
    const platform = platformOfKept(os ?? '');
    signIn.devicePlatform = platform;
    if (detail) {
        const device = deviceOf(detail, os, platform);
        if (device) signIn.device = device;
    }

    const client = str(root.clientAppUsed, ROOT, 'clientAppUsed');
    const clientType = client !== undefined ? clientOfKept(client) : undefined;
    if (clientType !== undefined) signIn.clientAppType = clientType;

    const signInRisk = str(root.riskLevelDuringSignIn, ROOT, 'riskLevelDuringSignIn');
    const signInLevel = signInRisk === undefined ? undefined : riskOf(signInRisk);
    if (signInLevel) signIn.signInRisk = signInLevel;
    const userRisk = str(root.riskLevelAggregated, ROOT, 'riskLevelAggregated');
    const userLevel = userRisk === undefined ? undefined : riskOf(userRisk);
    if (userLevel) signIn.userRisk = userLevel;

    const transfer = str(root.originalTransferMethod, ROOT, 'originalTransferMethod');
    const protocol = str(root.authenticationProtocol, ROOT, 'authenticationProtocol');
    const flow = transfer !== undefined ? flowOf(transfer) : undefined;
    const chosen = flow !== undefined ? flow : protocol !== undefined ? protocolFlowOf(protocol) : null;
    if (chosen !== null) signIn.authenticationFlow = chosen;

    const time = str(root.createdDateTime, ROOT, 'createdDateTime');
    if (time !== undefined) signIn.time = time;

    if (mfaDone(root)) signIn.satisfied = ['mfa'];

    const mapped: MappedRecord = { signIn };
    const id = str(root.id, ROOT, 'id');
    if (id !== undefined) mapped.id = id;
    const applied = arr(root.appliedConditionalAccessPolicies, ROOT, 'appliedConditionalAccessPolicies');
    if (applied) mapped.entra = entraResults(applied);
    return mapped;
}

/**
 * The guest type the log tells (`--directory` says nothing of the user): B2B direct connect and service provider
 * (GDAP) access by crossTenantAccessType; a guest of this very tenant is a local (internal) guest, other guests B2B
 * collaboration guests; a member from another tenant a B2B collaboration member.
 */
function guestTypeOf(userType: string | undefined, access: string | undefined, home: string | undefined, resourceTenant: string | undefined): GuestType | undefined {
    const kind = access !== undefined ? accessOf(access) : undefined;
    if (kind === 'b2bdirectconnect') return 'b2bDirectConnectUser';
    if (kind === 'serviceprovider') return 'serviceProvider';
    if (userType === undefined) return undefined;
    const local = home !== undefined && resourceTenant !== undefined && sameTenant(home, resourceTenant);
    if (isGuest(userType)) return local ? 'internalGuest' : 'b2bCollaborationGuest';
    if (isMember(userType) && home !== undefined && resourceTenant !== undefined && !local) return 'b2bCollaborationMember';
    return undefined;
}

/** Tenant ids are GUIDs, whatever their case. */
function sameTenant(a: string, b: string): boolean {
    return a === b || a.toLowerCase() === b.toLowerCase();
}

/**
 * Registered = a deviceId or a known trust type; compliance only counts for a registered device. The operating
 * system is the device object's name for the platform (what a device filter tests), the log's text when unrecognised.
 */
function deviceOf(detail: Json, os: string | undefined, platform: Platform | 'unknown'): SignInDevice | undefined {
    const deviceId = str(detail.deviceId, DEVICE, 'deviceId');
    const trust = str(detail.trustType, DEVICE, 'trustType');
    const trustType = trust !== undefined ? trustTypeOf(trust) : undefined;
    if (deviceId === undefined && trustType === undefined) return undefined;
    const compliant = detail.isCompliant;
    if (compliant !== undefined && compliant !== null && typeof compliant !== 'boolean') throw new RecordMappingError(['deviceDetail', 'isCompliant'], 'expected true or false');
    const properties: DeviceProperties = { isCompliant: compliant === true };
    if (deviceId !== undefined) properties.deviceId = deviceId;
    if (trustType !== undefined) properties.trustType = trustType;
    const name = str(detail.displayName, DEVICE, 'displayName');
    if (name !== undefined) properties.displayName = name;
    if (os !== undefined) properties.operatingSystem = deviceOperatingSystem(platform, os);
    return { registered: true, properties };
}

/**
 * MFA performed in this sign-in. Steps logged in authenticationDetails alone decide (a successful MFA step, not a
 * skipped one): authenticationRequirement is only the highest level needed, and is logged as multiFactorAuthentication
 * with errorCode 0 when the MFA step was skipped (e.g. "MFA requirement skipped due to IP address"). Without steps:
 * required and the sign-in succeeded.
 */
function mfaDone(root: Json): boolean {
    const status = obj(root.status, ROOT, 'status');
    const errorCode = status?.errorCode;
    const requirement = str(root.authenticationRequirement, ROOT, 'authenticationRequirement');
    const details = arr(root.authenticationDetails, ROOT, 'authenticationDetails');
    if (details && details.length > 0) {
        for (const d of details) {
            if (typeof d !== 'object' || d === null) continue;
            const step = (d as Json).authenticationStepResultDetail;
            if ((d as Json).succeeded === true && typeof step === 'string' && isMfaStep(step)) return true;
        }
        return false;
    }
    return requirement !== undefined && requiresMfa(requirement) && (errorCode === 0 || errorCode === '0');
}

function entraResults(applied: unknown[]): EntraPolicyResult[] {
    const out: EntraPolicyResult[] = [];
    for (let i = 0; i < applied.length; i++) {
        const a = applied[i];
        const path = ['appliedConditionalAccessPolicies', i];
        if (typeof a !== 'object' || a === null || Array.isArray(a)) throw new RecordMappingError(path, 'expected an object');
        const id = str((a as Json).id, path, 'id');
        const result = str((a as Json).result, path, 'result');
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
