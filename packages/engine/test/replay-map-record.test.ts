// mapSignInRecord reads each value by name and keeps the answers of its string functions (platform, client, trust
// type, risk, country, flow): it must map every record exactly as the mapping written plainly did (reads by key,
// every string worked out afresh), errors and their paths included. That mapping is kept frozen as the reference
// (reference/map-signin-record-v1.ts), and both map random records: values of every type at every name read, the
// spellings the mapping recognises in any case and with spaces, directory users and guests, the same strings again
// and again; authenticationDetails with successful, failed and skipped MFA steps, cross-tenant access types with equal
// and different tenant ids, every documented client name and others, transfer methods and protocols including
// unknownFutureValue, service principal ids with and without a user.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type MapOptions, type MappedRecord, mapSignInRecord, RecordMappingError, readReplayDirectory } from '../src/replay/map-signin-record.js';
import { referenceMap } from './reference/map-signin-record-v1.js';

// ---- Random records.

const word = fc.constantFrom('Windows 10', ' windows 11 ', 'iOS 17.2', 'IPADOS', 'MacOs', 'mac os x', 'Android', 'Linux', 'ChromeOS', 'WindowsPhone',
    'Browser', 'browser ', 'Mobile Apps and Desktop clients', 'Exchange ActiveSync', 'IMAP4', 'Azure AD joined', 'Hybrid Azure AD joined',
    'microsoft entra registered', 'Workplace', 'none', 'LOW', 'medium', 'high', 'hidden', 'unknownFutureValue', 'guest', 'Guest', 'member',
    'deviceCodeFlow', 'DEVICECODEFLOW', 'authenticationTransfer', 'None', 'other', 'deviceCode', 'oAuth2', 'multiFactorAuthentication',
    'singleFactorAuthentication', 'MFA completed in Azure AD', 'MFA requirement satisfied by claim in the token', 'NL', 'nl', 'N1', 'NLD', '',
    'u1', 'U1', 'u2', 't1', 't2', '2026-11-24T17:28:13Z', '10.0.0.1',
    'Windows10', 'Ios 18.2', 'Android 14', 'Windows Phone 8.1', 'PlayStation', 'Member', 'MEMBER', 'T1',
    'b2bDirectConnect', 'B2BDIRECTCONNECT', 'serviceProvider', 'b2bCollaboration', 'microsoftSupport', 'passthrough',
    'Authenticated SMTP', ' pop3 ', 'MAPI Over HTTP', 'Outlook Anywhere (RPC over HTTP)', 'Exchange Web Services', 'Other clients', 'IMAP',
    'Unknown', 'Modern clients', 'deviceCode', 'AUTHENTICATIONTRANSFER', 'saml20', 'sp1',
    'MFA successfully completed', 'MFA requirement skipped due to IP address', 'MFA completed in Azure AD; skipped', 'Correct password');
const odd = fc.oneof(fc.constant(null), fc.boolean(), fc.integer({ min: -1, max: 1 }), fc.constant('0'), fc.constant([]), fc.constant({}), fc.constant([{ id: 'p', result: 'success' }]));
const val = fc.oneof({ weight: 6, arbitrary: word }, { weight: 1, arbitrary: odd });
const maybe = <T>(a: fc.Arbitrary<T>) => fc.option(a, { nil: undefined, freq: 4 });
// Values that decide more often than `word` draws them: users (and none), tenants, MFA requirements, error codes and steps.
const userId = fc.oneof(fc.constantFrom('u1', 'U2', 'u3', '', null), val);
const tenant = fc.oneof(fc.constantFrom('t1', 'T1', 't2'), val);
const requirement = fc.oneof(fc.constantFrom('multiFactorAuthentication', 'singleFactorAuthentication'), val);
const errorCode = fc.oneof(fc.constantFrom(0, '0', 50074), val);
const step = fc.record({
    succeeded: maybe(fc.oneof({ weight: 3, arbitrary: fc.boolean() }, { weight: 1, arbitrary: val })),
    authenticationStepResultDetail: maybe(fc.oneof({ weight: 3, arbitrary: fc.constantFrom('MFA successfully completed', 'MFA completed in Azure AD',
        'MFA requirement satisfied by claim in the token', 'MFA requirement skipped due to IP address', 'MFA completed in Azure AD; skipped',
        'Correct password', 'First factor requirement satisfied by claim in the token') }, { weight: 1, arbitrary: val })),
});
const record = fc.record({
    id: maybe(val), userId: maybe(userId), servicePrincipalId: maybe(val), userType: maybe(val), homeTenantId: maybe(tenant), resourceTenantId: maybe(tenant),
    crossTenantAccessType: maybe(val), appId: maybe(val), resourceId: maybe(val),
    ipAddress: maybe(val), clientAppUsed: maybe(val), riskLevelDuringSignIn: maybe(val), riskLevelAggregated: maybe(val), originalTransferMethod: maybe(val),
    authenticationProtocol: maybe(val), createdDateTime: maybe(val), authenticationRequirement: maybe(requirement),
    location: maybe(fc.oneof({ weight: 4, arbitrary: fc.record({ countryOrRegion: maybe(val) }) }, odd)),
    deviceDetail: maybe(fc.oneof({ weight: 4, arbitrary: fc.record({ operatingSystem: maybe(val), deviceId: maybe(val), trustType: maybe(val), isCompliant: maybe(val), displayName: maybe(val) }) }, odd)),
    status: maybe(fc.oneof({ weight: 4, arbitrary: fc.record({ errorCode: maybe(errorCode) }) }, odd)),
    authenticationDetails: maybe(fc.oneof({ weight: 4, arbitrary: fc.array(fc.oneof({ weight: 4, arbitrary: step }, { weight: 1, arbitrary: odd }), { maxLength: 3 }) }, odd)),
    appliedConditionalAccessPolicies: maybe(fc.oneof({ weight: 4, arbitrary: fc.array(fc.oneof(fc.record({ id: maybe(val), result: maybe(val) }), odd), { maxLength: 3 }) }, odd)),
}, { requiredKeys: [] });

function outcome(f: () => MappedRecord): unknown {
    try {
        return f();
    } catch (e) {
        if (e instanceof RecordMappingError) return { error: e.path, message: e.message };
        throw e;
    }
}

describe('mapSignInRecord = the mapping as first written', () => {
    const directory = readReplayDirectory({ u1: { groups: ['g1'], roles: [], guestType: 'internalGuest' }, U2: { groups: [], roles: ['r1'] } });
    it('random records, both targets, with and without a directory', () => {
        fc.assert(fc.property(fc.array(record, { minLength: 1, maxLength: 8 }), fc.constantFrom(undefined, 'resource', 'client') as fc.Arbitrary<MapOptions['target']>, fc.boolean(),
            (records, target, withDirectory) => {
                const dir = withDirectory ? directory : undefined;
                for (const r of records) expect(outcome(() => mapSignInRecord(r, dir, { target }))).toEqual(outcome(() => referenceMap(r, dir, { target })));
            }), { numRuns: 3000 });
    });
});
