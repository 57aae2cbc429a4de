// The signIn → SignIn mapping where a review against Microsoft's documentation corrected it, one rule per describe,
// on hand-written records: MFA from authenticationDetails, guest types from crossTenantAccessType and tenant ids,
// the device filter's operatingSystem, unknownFutureValue flows, the documented clientAppUsed names, and service
// principal / managed identity sign-ins refused.
import { describe, expect, it } from 'vitest';
import { rulePredicate } from '../src/device-filter/rule-predicate.js';
import { emptyDirectory, type PolicySet, type SignIn } from '../src/model.js';
import { clientOf, mapSignInRecord, RECORD_READS, RecordMappingError, readReplayDirectory, type ReplayDirectory } from '../src/replay/map-signin-record.js';
import { replayLog } from '../src/replay/replay-log.js';

const map = (record: Record<string, unknown>, directory?: ReplayDirectory): SignIn => mapSignInRecord({ userId: 'u1', ...record }, directory).signIn;

describe('MFA performed: authenticationDetails, when it lists steps, alone decides', () => {
    const required = { authenticationRequirement: 'multiFactorAuthentication', status: { errorCode: 0 } };

    it('multiFactorAuthentication with errorCode 0 but the MFA step skipped due to IP address: not performed', () => {
        const s = map({ ...required, authenticationDetails: [
            { succeeded: true, authenticationStepResultDetail: 'First factor requirement satisfied by claim in the token' },
            { succeeded: true, authenticationStepResultDetail: 'MFA requirement skipped due to IP address' },
        ] });
        expect(s.satisfied).toBeUndefined();
    });

    it('a step matching the MFA pattern but saying "skipped" never counts', () => {
        expect(map({ authenticationDetails: [{ succeeded: true, authenticationStepResultDetail: 'MFA completed in Azure AD (skipped)' }] }).satisfied).toBeUndefined();
        expect(map({ authenticationDetails: [{ succeeded: true, authenticationStepResultDetail: 'MFA completed in Azure AD' }] }).satisfied).toEqual(['mfa']);
    });

    it('a successful MFA step counts, whatever the requirement; a failed one does not', () => {
        const ok = [{ succeeded: true, authenticationStepResultDetail: 'Correct password' }, { succeeded: true, authenticationStepResultDetail: 'MFA successfully completed' }];
        expect(map({ authenticationRequirement: 'singleFactorAuthentication', status: { errorCode: 0 }, authenticationDetails: ok }).satisfied).toEqual(['mfa']);
        expect(map({ ...required, authenticationDetails: [{ succeeded: false, authenticationStepResultDetail: 'MFA successfully completed' }] }).satisfied).toBeUndefined();
        expect(map({ ...required, authenticationDetails: [{ succeeded: 'true', authenticationStepResultDetail: 'MFA successfully completed' }] }).satisfied).toBeUndefined();
    });

    it('absent, null or empty authenticationDetails: required and succeeded (errorCode 0) is performed', () => {
        for (const details of [undefined, null, []]) {
            expect(map({ ...required, authenticationDetails: details }).satisfied).toEqual(['mfa']);
            expect(map({ ...required, status: { errorCode: 50074 }, authenticationDetails: details }).satisfied).toBeUndefined();
            expect(map({ authenticationRequirement: 'singleFactorAuthentication', status: { errorCode: 0 }, authenticationDetails: details }).satisfied).toBeUndefined();
        }
    });
});

describe('guest type from the log when --directory gives none', () => {
    const tenants = (home: string | undefined, resource: string | undefined) => ({ homeTenantId: home, resourceTenantId: resource });

    it('crossTenantAccessType b2bDirectConnect → b2bDirectConnectUser, serviceProvider → serviceProvider (any case), before userType', () => {
        const direct = map({ userType: 'member', crossTenantAccessType: 'b2bDirectConnect', ...tenants('home', 'res') });
        expect([direct.guestType, direct.homeTenantId]).toEqual(['b2bDirectConnectUser', 'home']);
        expect(map({ userType: 'guest', crossTenantAccessType: 'SERVICEPROVIDER', ...tenants('home', 'res') }).guestType).toBe('serviceProvider');
        expect(map({ crossTenantAccessType: 'b2bDirectConnect' }).guestType).toBe('b2bDirectConnectUser');
    });

    it('a guest whose home tenant is the resource tenant (compared case-insensitively) is a local guest: internalGuest, no home tenant', () => {
        const s = map({ userType: 'Guest', ...tenants('AAAA-1111', 'aaaa-1111') });
        expect(s.guestType).toBe('internalGuest');
        expect(s.homeTenantId).toBeUndefined();
    });

    it('other guests are b2bCollaborationGuest: another home tenant, or a tenant id missing', () => {
        const other = map({ userType: 'guest', crossTenantAccessType: 'b2bCollaboration', ...tenants('home', 'res') });
        expect([other.guestType, other.homeTenantId]).toEqual(['b2bCollaborationGuest', 'home']);
        expect(map({ userType: 'guest', ...tenants(undefined, 'res') }).guestType).toBe('b2bCollaborationGuest');
        const noResource = map({ userType: 'guest', ...tenants('home', undefined) });
        expect([noResource.guestType, noResource.homeTenantId]).toEqual(['b2bCollaborationGuest', 'home']);
    });

    it('a member from another tenant is b2bCollaborationMember; a member of this tenant, or with a tenant id missing, is no guest', () => {
        const s = map({ userType: 'Member', ...tenants('home', 'res') });
        expect([s.guestType, s.homeTenantId]).toEqual(['b2bCollaborationMember', 'home']);
        expect(map({ userType: 'member', ...tenants('T1', 't1') }).guestType).toBeUndefined();
        expect(map({ userType: 'member', ...tenants('home', undefined) }).guestType).toBeUndefined();
        expect(map({ userType: 'member', ...tenants(undefined, 'res') }).guestType).toBeUndefined();
        expect(map({ userType: 'member', ...tenants('home', 'res') }).homeTenantId).toBe('home');
        expect(map({ userType: 'member', crossTenantAccessType: 'none' }).homeTenantId).toBeUndefined();
    });

    it('the directory guest type still wins; crossTenantAccessType is a read value', () => {
        const directory = readReplayDirectory({ u1: { groups: [], roles: [], guestType: 'otherExternalUser' } });
        const s = map({ userType: 'guest', crossTenantAccessType: 'b2bDirectConnect', ...tenants('home', 'res') }, directory);
        expect([s.guestType, s.homeTenantId]).toEqual(['otherExternalUser', 'home']);
        expect(RECORD_READS.crossTenantAccessType).toBe(true);
    });
});

describe('device filter operatingSystem: the device object\'s name for the platform', () => {
    const device = (operatingSystem: string) => map({ deviceDetail: { deviceId: 'd1', operatingSystem } }).device;

    it('the log\'s spellings → Windows, WindowsPhone, iOS, Android, MacMDM, Linux', () => {
        const logged = ['Windows10', 'Windows 11', 'Windows Phone 8.1', 'Ios 18.2', 'iPadOS 17', 'Android 14', 'MacOs', 'Linux Ubuntu'];
        expect(logged.map((os) => device(os)?.properties.operatingSystem)).toEqual(['Windows', 'Windows', 'WindowsPhone', 'iOS', 'iOS', 'Android', 'MacMDM', 'Linux']);
        expect(map({ deviceDetail: { deviceId: 'd1', operatingSystem: 'Ios 18.2' } }).devicePlatform).toBe('iOS');
    });

    it('an unrecognised platform keeps the log\'s text', () => {
        expect(device('ChromeOS 120')?.properties.operatingSystem).toBe('ChromeOS 120');
    });

    it('a filter written against device objects matches the logged sign-in', () => {
        expect(rulePredicate('device.operatingSystem -eq "Windows"')(device('Windows10'))).toBe(true);
        expect(rulePredicate('device.operatingSystem -eq "MacMDM"')(device('MacOs'))).toBe(true);
        expect(rulePredicate('device.operatingSystem -eq "iOS"')(device('Ios 18.2'))).toBe(true);
    });
});

describe('authentication flow: unknownFutureValue is missing', () => {
    const flow = (record: Record<string, unknown>) => map(record).authenticationFlow;

    it('originalTransferMethod unknownFutureValue → missing, without falling back to the protocol', () => {
        expect(flow({ originalTransferMethod: 'unknownFutureValue', authenticationProtocol: 'deviceCode' })).toBeUndefined();
        expect(flow({ originalTransferMethod: 'unknownFutureValue', authenticationProtocol: 'oAuth2' })).toBeUndefined();
        expect(flow({ originalTransferMethod: 'deviceCodeFlow', authenticationProtocol: 'oAuth2' })).toBe('deviceCodeFlow');
    });

    it('authenticationProtocol: authenticationTransfer → authenticationTransfer, deviceCode → deviceCodeFlow, unknownFutureValue → missing, others → none', () => {
        expect(flow({ authenticationProtocol: 'authenticationTransfer' })).toBe('authenticationTransfer');
        expect(flow({ authenticationProtocol: 'deviceCode' })).toBe('deviceCodeFlow');
        expect(flow({ authenticationProtocol: 'unknownFutureValue' })).toBeUndefined();
        expect(flow({ authenticationProtocol: 'oAuth2' })).toBe('none');
        expect(flow({ authenticationProtocol: 'saml20' })).toBe('none');
        expect(flow({})).toBeUndefined();
    });
});

describe('clientAppUsed: the documented names only', () => {
    const LEGACY = ['Authenticated SMTP', 'SMTP', 'Autodiscover', 'Exchange Online PowerShell', 'Exchange Web Services', 'IMAP4', 'IMAP', 'MAPI over HTTP',
        'MAPI', 'Offline Address Book', 'Outlook Anywhere (RPC over HTTP)', 'Outlook Service', 'POP3', 'POP', 'Reporting Web Services', 'Universal Outlook',
        'Other clients'];

    it('Browser, Mobile Apps and Desktop clients, Exchange ActiveSync, case-insensitive and trimmed', () => {
        expect([' browser', 'MOBILE APPS AND DESKTOP CLIENTS', 'Exchange ActiveSync '].map((c) => map({ clientAppUsed: c }).clientAppType))
            .toEqual(['browser', 'mobileAppsAndDesktopClients', 'exchangeActiveSync']);
    });

    it('every documented legacy-authentication name → other', () => {
        expect(LEGACY.map((c) => map({ clientAppUsed: c }).clientAppType)).toEqual(LEGACY.map(() => 'other'));
        expect(map({ clientAppUsed: ' mapi OVER http ' }).clientAppType).toBe('other');
    });

    it('anything else ("Unknown", "Modern clients") → client app type missing, not legacy', () => {
        for (const c of ['Unknown', 'Modern clients', 'Exchange', 'Browser2']) {
            const s = map({ clientAppUsed: c });
            expect(s.clientAppType).toBeUndefined();
            expect('clientAppType' in s).toBe(false);
            expect(clientOf(c)).toBeUndefined();
        }
    });
});

describe('service principal and managed identity sign-ins are not replayed', () => {
    const message = 'a service principal or managed identity sign-in: Conditional Access for workload identities is not replayed';

    function error(record: Record<string, unknown>): RecordMappingError | undefined {
        try {
            mapSignInRecord(record, undefined);
            return undefined;
        } catch (e) {
            if (e instanceof RecordMappingError) return e;
            throw e;
        }
    }

    it('no userId (absent, null or "") and a servicePrincipalId → RecordMappingError at servicePrincipalId', () => {
        for (const userId of [undefined, null, '']) {
            const e = error({ userId, servicePrincipalId: 'sp-1', appId: 'a' });
            expect(e?.path).toEqual(['servicePrincipalId']);
            expect(e?.message).toBe(message);
        }
        expect(RECORD_READS.servicePrincipalId).toBe(true);
    });

    it('a user sign-in, or no servicePrincipalId ("" or null), maps as before', () => {
        expect(mapSignInRecord({ userId: 'u1', servicePrincipalId: 'sp-1' }, undefined).signIn.userId).toBe('u1');
        expect(error({ userId: '', servicePrincipalId: '' })).toBeUndefined();
        expect(error({ servicePrincipalId: null })).toBeUndefined();
        expect(error({ servicePrincipalId: 7 })?.message).toBe('expected a string');
    });

    it('the replay reports it at file:line:col and counts it skipped', () => {
        const set: PolicySet = { policies: [], namedLocations: [], directory: emptyDirectory() };
        const lines = [
            JSON.stringify({ id: 'a', userId: 'u1', appId: 'app' }),
            JSON.stringify({ id: 'b', userId: '', servicePrincipalId: 'sp-1', appId: 'app' }),
            JSON.stringify({ id: 'c', userId: 'u2', appId: 'app' }),
        ];
        const r = replayLog(set, lines.join('\n') + '\n');
        expect([r.records, r.evaluated, r.skipped]).toEqual([3, 2, 1]);
        expect(r.errors).toEqual([{ index: 1, line: 2, column: lines[1]!.indexOf('"sp-1"') + 1, message: `record 1: servicePrincipalId: ${message}` }]);
    });
});
