// Reference oracle, frozen: mapSignInRecord as first written (reads by key, every string worked out afresh). The
// replay's mapping reads each value by name and keeps the answers of its string functions; replay-map-record.test.ts
// checks that it maps every record exactly as this does, errors and their paths included. Not to be changed with it
// for speed; changed only when the mapping's meaning changes (revised once, after the review against Microsoft's
// documentation: MFA from authenticationDetails, guest types from crossTenantAccessType and tenant ids, device
// operating systems as device objects name them, unknownFutureValue flows, documented client names only, service
// principal sign-ins refused).

import type { ClientAppType, DeviceProperties, GuestType, Platform, RiskLevel, SignIn, SignInDevice } from '../../src/model.js';
import { RISK_LEVELS } from '../../src/model.js';
import { type EntraPolicyResult, type MapOptions, type MappedRecord, platformOf, RecordMappingError, type ReplayDirectory } from '../../src/replay/map-signin-record.js';

type Json = Record<string, unknown>;
const TRUST_TYPES = new Map<string, string>([
    ['azure ad joined', 'AzureAD'], ['microsoft entra joined', 'AzureAD'], ['azuread', 'AzureAD'],
    ['hybrid azure ad joined', 'ServerAD'], ['microsoft entra hybrid joined', 'ServerAD'], ['serverad', 'ServerAD'],
    ['azure ad registered', 'Workplace'], ['microsoft entra registered', 'Workplace'], ['workplace', 'Workplace'],
]);
const RISKS = new Map<string, RiskLevel>(RISK_LEVELS.map((r) => [r, r]));
const MFA_DETAIL = /mfa (successfully )?completed|mfa requirement satisfied|mfa completed in (azure ad|microsoft entra)/i;
const LEGACY_CLIENTS = [
    'authenticated smtp', 'smtp', 'autodiscover', 'exchange online powershell', 'exchange web services', 'imap4', 'imap', 'mapi over http', 'mapi',
    'offline address book', 'outlook anywhere (rpc over http)', 'outlook service', 'pop3', 'pop', 'reporting web services', 'universal outlook',
    'other clients',
];
const DEVICE_OS: Record<Platform, string> = {
    windows: 'Windows', windowsPhone: 'WindowsPhone', iOS: 'iOS', android: 'Android', macOS: 'MacMDM', linux: 'Linux',
};

function clientOf(value: string): ClientAppType | undefined {
    const v = value.trim().toLowerCase();
    if (v === 'browser') return 'browser';
    if (v === 'mobile apps and desktop clients') return 'mobileAppsAndDesktopClients';
    if (v === 'exchange activesync') return 'exchangeActiveSync';
    if (LEGACY_CLIENTS.includes(v)) return 'other';
    return undefined;
}

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
export function referenceMap(value: unknown, directory: ReplayDirectory | undefined, options: MapOptions = {}): MappedRecord {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new RecordMappingError([], 'expected a sign-in object');
    const root = value as Json;
    const r = new Reader(root);
    const signIn: SignIn = {};

    const userId = r.string(root, 'userId', []);
    if (userId !== undefined) signIn.userId = userId;
    if (userId === undefined && r.string(root, 'servicePrincipalId', []) !== undefined) {
        throw new RecordMappingError(['servicePrincipalId'], 'a service principal or managed identity sign-in: Conditional Access for workload identities is not replayed');
    }
    const known = userId !== undefined ? directory?.get(userId.toLowerCase()) : undefined;
    signIn.memberOf = known ? known.groups : [];
    signIn.roles = known ? known.roles : [];
    const userType = r.string(root, 'userType', [])?.toLowerCase();
    const home = r.string(root, 'homeTenantId', []);
    const resourceTenant = r.string(root, 'resourceTenantId', []);
    const access = r.string(root, 'crossTenantAccessType', [])?.toLowerCase();
    const bothTenants = home !== undefined && resourceTenant !== undefined;
    const sameTenant = bothTenants && home.toLowerCase() === resourceTenant.toLowerCase();
    let logged: GuestType | undefined;
    if (access === 'b2bdirectconnect') logged = 'b2bDirectConnectUser';
    else if (access === 'serviceprovider') logged = 'serviceProvider';
    else if (userType === 'guest') logged = sameTenant ? 'internalGuest' : 'b2bCollaborationGuest';
    else if (userType === 'member' && bothTenants && !sameTenant) logged = 'b2bCollaborationMember';
    const guestType = known?.guestType ?? logged;
    if (guestType) signIn.guestType = guestType;
    if (home !== undefined && guestType && !sameTenant) signIn.homeTenantId = home;

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
    const clientType = client !== undefined ? clientOf(client) : undefined;
    if (clientType !== undefined) signIn.clientAppType = clientType;

    const signInRisk = r.risk('riskLevelDuringSignIn');
    if (signInRisk) signIn.signInRisk = signInRisk;
    const userRisk = r.risk('riskLevelAggregated');
    if (userRisk) signIn.userRisk = userRisk;

    const transfer = r.string(root, 'originalTransferMethod', []);
    const protocol = r.string(root, 'authenticationProtocol', []);
    if (transfer !== undefined && /^(deviceCodeFlow|authenticationTransfer|none)$/i.test(transfer)) {
        signIn.authenticationFlow = transfer.toLowerCase() === 'devicecodeflow' ? 'deviceCodeFlow'
            : transfer.toLowerCase() === 'authenticationtransfer' ? 'authenticationTransfer' : 'none';
    } else if (transfer?.toLowerCase() === 'unknownfuturevalue') {
        // missing: the protocol is not asked
    } else if (protocol !== undefined) {
        const p = protocol.toLowerCase();
        if (p === 'devicecode') signIn.authenticationFlow = 'deviceCodeFlow';
        else if (p === 'authenticationtransfer') signIn.authenticationFlow = 'authenticationTransfer';
        else if (p !== 'unknownfuturevalue') signIn.authenticationFlow = 'none';
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
    if (os !== undefined) {
        const platform = platformOf(os);
        properties.operatingSystem = platform === 'unknown' ? os : DEVICE_OS[platform];
    }
    return { registered: true, properties };
}

/** MFA performed in this sign-in: a successful, not skipped, MFA step in authenticationDetails; without steps, required and the sign-in succeeded. */
function mfaDone(r: Reader, root: Json): boolean {
    const status = r.object(root, 'status', []);
    const errorCode = status?.errorCode;
    const requirement = r.string(root, 'authenticationRequirement', []);
    const details = r.array(root, 'authenticationDetails', []);
    if (details !== undefined && details.length > 0) {
        return details.some((d) => typeof d === 'object' && d !== null && (d as Json).succeeded === true
            && typeof (d as Json).authenticationStepResultDetail === 'string'
            && MFA_DETAIL.test((d as Json).authenticationStepResultDetail as string)
            && !((d as Json).authenticationStepResultDetail as string).toLowerCase().includes('skipped'));
    }
    return requirement?.toLowerCase() === 'multifactorauthentication' && (errorCode === 0 || errorCode === '0');
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
