// Reference oracle, frozen: mapSignInRecord as first written (reads by key, every string worked out afresh). The
// replay's mapping reads each value by name and keeps the answers of its string functions; replay-map-record.test.ts
// checks that it maps every record exactly as this does, errors and their paths included. Not to be changed with it.

import type { DeviceProperties, RiskLevel, SignIn, SignInDevice } from '../../src/model.js';
import { RISK_LEVELS } from '../../src/model.js';
import { clientOf, type EntraPolicyResult, type MapOptions, type MappedRecord, platformOf, RecordMappingError, type ReplayDirectory } from '../../src/replay/map-signin-record.js';

type Json = Record<string, unknown>;
const TRUST_TYPES = new Map<string, string>([
    ['azure ad joined', 'AzureAD'], ['microsoft entra joined', 'AzureAD'], ['azuread', 'AzureAD'],
    ['hybrid azure ad joined', 'ServerAD'], ['microsoft entra hybrid joined', 'ServerAD'], ['serverad', 'ServerAD'],
    ['azure ad registered', 'Workplace'], ['microsoft entra registered', 'Workplace'], ['workplace', 'Workplace'],
]);
const RISKS = new Map<string, RiskLevel>(RISK_LEVELS.map((r) => [r, r]));
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
export function referenceMap(value: unknown, directory: ReplayDirectory | undefined, options: MapOptions = {}): MappedRecord {
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
