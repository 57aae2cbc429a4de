import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { JsonInputError, loadSignInFile, readSignInRequest } from '../src/graph/index.js';

type Json = Record<string, unknown>;

const USER = { '@odata.type': '#microsoft.graph.userSignIn', userId: 'u1' };

function read(body: Json) {
  return readSignInRequest(body, 'signin.json');
}

function conditions(c: Json) {
  return read({ signInIdentity: USER, signInConditions: c }).signIn;
}

function errorOf(body: unknown, text?: string): JsonInputError {
  try {
    readSignInRequest(body, 'signin.json', text);
  } catch (e) {
    expect(e).toBeInstanceOf(JsonInputError);
    return e as JsonInputError;
  }
  throw new Error('expected a JsonInputError');
}

describe('a complete evaluate request', () => {
  it('reads identity, context, conditions and the Latch extensions', () => {
    const result = read({
      signInIdentity: { ...USER, memberOf: ['g1'], roles: ['62e90394-69f5-4237-9190-012177145e10'], guestOrExternalUserType: 'b2bCollaborationGuest' },
      signInContext: { '@odata.type': '#microsoft.graph.applicationContext', includeApplications: ['00000002-0000-0ff1-ce00-000000000000'] },
      signInConditions: {
        devicePlatform: 'windows', clientAppType: 'browser', signInRiskLevel: 'low', userRiskLevel: 'none', insiderRiskLevel: 'minor',
        country: 'NL', ipAddress: '198.51.100.7', authenticationFlow: { transferMethod: 'deviceCodeFlow' },
        deviceInfo: { deviceId: 'd1', trustType: 'AzureAD', isCompliant: true, ownership: 'Company', extensionAttribute3: 'x', physicalIds: ['[ZDID]:1'], systemLabels: [] },
      },
      appliedPoliciesOnly: true,
      satisfiedControls: ['MFA', 'authenticationStrength:00000000-0000-0000-0000-000000000002'],
      mode: 'lenient',
      time: '2026-11-24T20:30:00Z',
    });
    expect(result).toEqual({
      signIn: {
        userId: 'u1', memberOf: ['g1'], roles: ['62e90394-69f5-4237-9190-012177145e10'], guestType: 'b2bCollaborationGuest',
        target: { kind: 'application', appId: '00000002-0000-0ff1-ce00-000000000000' },
        devicePlatform: 'windows', clientAppType: 'browser', signInRisk: 'low', userRisk: 'none', insiderRisk: 'minor',
        country: 'NL', ipAddress: '198.51.100.7', authenticationFlow: 'deviceCodeFlow',
        device: {
          registered: true,
          properties: { deviceId: 'd1', trustType: 'AzureAD', isCompliant: true, deviceOwnership: 'Company', extensionAttribute3: 'x', physicalIds: ['[ZDID]:1'], systemLabels: [] },
        },
        satisfied: ['mfa', 'authenticationStrength:00000000-0000-0000-0000-000000000002'],
        time: '2026-11-24T20:30:00Z',
      },
      mode: 'lenient',
      appliedPoliciesOnly: true,
      warnings: [],
    });
  });
});

describe('identity', () => {
  it('absent memberOf and roles mean none ([]), not missing', () => {
    expect(read({ signInIdentity: USER }).signIn).toEqual({ userId: 'u1', memberOf: [], roles: [] });
    expect(read({}).signIn).toEqual({ memberOf: [], roles: [] });
  });
  it('guestOrExternalUserType none is a member user', () => {
    expect(read({ signInIdentity: { ...USER, guestOrExternalUserType: 'None' } }).signIn.guestType).toBeUndefined();
  });
  it('workload identities are refused with the path', () => {
    const e = errorOf({ signInIdentity: { '@odata.type': '#microsoft.graph.servicePrincipalSignIn', servicePrincipalId: 's' } });
    expect(e.path).toBe('signInIdentity.@odata.type');
  });
  it('wrong types name their path', () => {
    expect(errorOf({ signInIdentity: { userId: 'u', memberOf: 'g1' } }).path).toBe('signInIdentity.memberOf');
    expect(errorOf({ signInIdentity: { userId: 'u', roles: ['r', 7] } }).path).toBe('signInIdentity.roles[1]');
  });
});

describe('context', () => {
  it.each([
    ['registerSecurityInformation', 'registerSecurityInfo'],
    ['registerOrJoinDevices', 'registerDevice'],
    ['REGISTERORJOINDEVICES', 'registerDevice'],
  ])('userAction %s → %s', (userAction, action) => {
    const { signIn } = read({ signInContext: { '@odata.type': '#microsoft.graph.userActionContext', userAction } });
    expect(signIn.target).toEqual({ kind: 'userAction', action });
  });
  it('a userAction array is refused (Graph takes a single string)', () => {
    expect(errorOf({ signInContext: { '@odata.type': '#microsoft.graph.userActionContext', userAction: ['registerOrJoinDevices'] } }).path)
      .toBe('signInContext.userAction');
  });
  it('reads an authentication context', () => {
    const { signIn } = read({ signInContext: { '@odata.type': '#microsoft.graph.authContext', authenticationContextValue: 'c1' } });
    expect(signIn.target).toEqual({ kind: 'authContext', id: 'c1' });
  });
  it('infers the context kind from its shape without @odata.type', () => {
    expect(read({ signInContext: { includeApplications: ['app'] } }).signIn.target).toEqual({ kind: 'application', appId: 'app' });
  });
  it('no application is missing input; several are refused', () => {
    expect(read({ signInContext: { '@odata.type': '#microsoft.graph.applicationContext', includeApplications: [] } }).signIn.target).toBeUndefined();
    expect(errorOf({ signInContext: { includeApplications: ['a', 'b'] } }).path).toBe('signInContext.includeApplications');
  });
});

describe('device platform', () => {
  it.each([['windows', 'windows'], ['IOS', 'iOS'], ['macos', 'macOS'], ['WindowsPhone', 'windowsPhone'], ['linux', 'linux'], ['Android', 'android']])(
    '%s → %s', (given, expected) => expect(conditions({ devicePlatform: given }).devicePlatform).toBe(expected));
  it.each(['unknown', 'Unknown', 'all', 'tizen', 'chromeOS'])('%s is an unknown platform', (given) => {
    expect(conditions({ devicePlatform: given }).devicePlatform).toBe('unknown');
  });
  it.each([[null], [''], [undefined]])('%j is missing input', (given) => {
    expect(conditions({ devicePlatform: given }).devicePlatform).toBeUndefined();
  });
  it('a number is refused with its path', () => {
    expect(errorOf({ signInConditions: { devicePlatform: 3 } })).toMatchObject({ path: 'signInConditions.devicePlatform', message: 'signInConditions.devicePlatform: expected a string' });
  });
});

describe('country and ip', () => {
  it('"unknown" is an unknown country; codes are upper-cased', () => {
    expect(conditions({ country: 'unknown' }).country).toBe('unknown');
    expect(conditions({ country: 'nl' }).country).toBe('NL');
  });
  it('absent, null and "" are missing input', () => {
    for (const country of [undefined, null, '']) expect(conditions({ country }).country).toBeUndefined();
  });
  it('refuses other country strings and invalid IPs', () => {
    expect(errorOf({ signInConditions: { country: 'Netherlands' } }).path).toBe('signInConditions.country');
    expect(errorOf({ signInConditions: { ipAddress: '300.1.2.3' } }).path).toBe('signInConditions.ipAddress');
    expect(conditions({ ipAddress: '2001:db8::1' }).ipAddress).toBe('2001:db8::1');
  });
});

describe('client app, risks and flows', () => {
  it('clientAppType all or absent is missing input', () => {
    expect(conditions({ clientAppType: 'all' }).clientAppType).toBeUndefined();
    expect(conditions({}).clientAppType).toBeUndefined();
    expect(conditions({ clientAppType: 'MobileAppsAndDesktopClients' }).clientAppType).toBe('mobileAppsAndDesktopClients');
  });
  it('absent risk levels, insider risk and authentication flow are missing input', () => {
    const s = conditions({});
    expect([s.signInRisk, s.userRisk, s.insiderRisk, s.authenticationFlow]).toEqual([undefined, undefined, undefined, undefined]);
  });
  it('explicit none values are inputs', () => {
    const s = conditions({ signInRiskLevel: 'none', userRiskLevel: 'None', insiderRiskLevel: 'none', authenticationFlow: { transferMethod: 'none' } });
    expect([s.signInRisk, s.userRisk, s.insiderRisk, s.authenticationFlow]).toEqual(['none', 'none', 'none', 'none']);
  });
  it('unknown enum values are refused with the allowed values', () => {
    const e = errorOf({ signInConditions: { signInRiskLevel: 'severe' } });
    expect(e.path).toBe('signInConditions.signInRiskLevel');
    expect(e.message).toMatch(/none, low, medium, high, hidden/);
    expect(errorOf({ signInConditions: { authenticationFlow: { transferMethod: 'qr' } } }).path).toBe('signInConditions.authenticationFlow.transferMethod');
  });
});

describe('device', () => {
  it('absent deviceInfo is an unregistered device', () => {
    expect(conditions({}).device).toBeUndefined();
  });
  it('deviceInfo without deviceId and trustType is unregistered, its properties ignored', () => {
    const result = read({ signInConditions: { deviceInfo: { isCompliant: true, operatingSystem: 'Windows' } } });
    expect(result.signIn.device).toEqual({ registered: false, properties: {} });
    expect(result.warnings).toHaveLength(1);
  });
  it('a trustType alone registers the device; ownership maps to deviceOwnership; isCompliant defaults to false', () => {
    expect(conditions({ deviceInfo: { trustType: 'ServerAD', ownership: 'Personal', model: 'X1' } }).device).toEqual({
      registered: true, properties: { trustType: 'ServerAD', deviceOwnership: 'Personal', model: 'X1', isCompliant: false },
    });
  });
  it('keeps every documented field under its own name', () => {
    const info: Json = { deviceId: 'd', displayName: 'n', enrollmentProfileName: 'e', manufacturer: 'm', mdmAppId: 'a', model: 'mo', operatingSystem: 'os', operatingSystemVersion: '1', profileType: 'RegisteredDevice', trustType: 'AzureAD', physicalIds: ['p'], systemLabels: ['s'], isCompliant: false };
    for (let i = 1; i <= 15; i++) info[`extensionAttribute${i}`] = `v${i}`;
    expect(conditions({ deviceInfo: info }).device?.properties).toEqual(info);
  });
  it('refuses a non-boolean isCompliant', () => {
    expect(errorOf({ signInConditions: { deviceInfo: { deviceId: 'd', isCompliant: 'true' } } }).path).toBe('signInConditions.deviceInfo.isCompliant');
  });
});

describe('satisfied controls, mode, time', () => {
  it('satisfiedControls are normalized; absent means nothing satisfied (omitted)', () => {
    expect(read({ satisfiedControls: ['mfa', 'CompliantDevice', 'termsOfUse:t1', 'customfactor:c'] }).signIn.satisfied)
      .toEqual(['mfa', 'compliantDevice', 'termsOfUse:t1', 'customFactor:c']);
    expect(read({}).signIn.satisfied).toBeUndefined();
    expect(read({ satisfiedControls: [] }).signIn.satisfied).toEqual([]);
    expect(errorOf({ satisfiedControls: ['mfa', 'fingerprint'] }).path).toBe('satisfiedControls[1]');
  });
  it('mode strict or lenient, absent = default (undefined)', () => {
    expect(read({ mode: 'STRICT' }).mode).toBe('strict');
    expect(read({}).mode).toBeUndefined();
    expect(errorOf({ mode: 'relaxed' }).path).toBe('mode');
  });
  it('time is an ISO instant with an offset', () => {
    expect(read({ time: '2026-11-24T21:30:00+01:00' }).signIn.time).toBe('2026-11-24T21:30:00+01:00');
    expect(errorOf({ time: '2026-11-24T21:30' }).path).toBe('time');
    expect(errorOf({ time: 'tomorrow' }).path).toBe('time');
  });
  it('unknown properties are ignored with a warning', () => {
    expect(read({ signInConditions: { servicePrincipalRiskLevel: 'low' }, extraThing: 1 }).warnings).toHaveLength(2);
  });
});

describe('error positions', () => {
  const dir = mkdtempSync(join(tmpdir(), 'latch-signin-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('locates the offending value in the file (CRLF, UTF-16 BOM)', () => {
    const text = '{\r\n  "signInConditions": {\r\n    "country": "NL",\r\n    "devicePlatform": 42\r\n  }\r\n}\r\n';
    const file = join(dir, 'signin.json');
    writeFileSync(file, Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]));
    let error: unknown;
    try {
      loadSignInFile(file);
    } catch (e) {
      error = e;
    }
    expect(String(error)).toBe(`${file}:4:23: signInConditions.devicePlatform: expected a string`);
  });

  it('without the text the error has no position', () => {
    expect(String(errorOf({ mode: 1 }))).toBe('signin.json: mode: expected a string');
  });

  it('loadSignInFile reads a valid request', () => {
    const file = join(dir, 'ok.json');
    writeFileSync(file, JSON.stringify({ signInIdentity: USER, signInConditions: { devicePlatform: 'unknown', country: 'unknown' } }));
    expect(loadSignInFile(file).signIn).toMatchObject({ userId: 'u1', devicePlatform: 'unknown', country: 'unknown' });
  });
});
