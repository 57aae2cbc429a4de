// The `latch whatif` sign-in file: the body of Graph's `POST /identity/conditionalAccess/evaluate`, plus Latch
// extensions (memberOf, roles, guest type, satisfiedControls, mode, time). Absent/null/"" means missing input,
// except memberOf/roles (none) and the device (unregistered).

import ipaddr from 'ipaddr.js';
import {
  BUILT_IN_CONTROLS, CLIENT_APP_TYPES, GUEST_TYPES, INSIDER_RISK_LEVELS, PLATFORMS, RISK_LEVELS, TRANSFER_METHODS,
  type Control, type DeviceProperties, type EvaluationMode, type SignIn, type SignInDevice, type SignInTarget,
  type UserAction,
} from '../model.js';
import { jsonPathError, type JsonInputError } from './json-text.js';
import type { JsonPath } from './json-scan.js';
import { canonical, isDroppedKey, isRecord, odataType, prop, type JsonRecord } from './values.js';

export interface SignInRequest {
  signIn: SignIn;
  mode?: EvaluationMode;
  appliedPoliciesOnly?: boolean;
  /** Properties that were ignored (unknown or not used by Latch). */
  warnings: string[];
}

/** What If's user-action vocabulary differs from the policy URNs; accept both, and the model's names. */
const USER_ACTIONS: Record<string, UserAction> = {
  registersecurityinformation: 'registerSecurityInfo',
  registerorjoindevices: 'registerDevice',
  'urn:user:registersecurityinfo': 'registerSecurityInfo',
  'urn:user:registerdevice': 'registerDevice',
  registersecurityinfo: 'registerSecurityInfo',
  registerdevice: 'registerDevice',
};

const DEVICE_STRING_FIELDS = [
  'deviceId', 'displayName', 'enrollmentProfileName', 'manufacturer', 'mdmAppId', 'model', 'operatingSystem',
  'operatingSystemVersion', 'profileType', 'trustType',
  ...Array.from({ length: 15 }, (_, i) => `extensionAttribute${i + 1}`),
];
const DEVICE_LIST_FIELDS = ['physicalIds', 'systemLabels'];

/**
 * Reads an evaluate request body. Wrong types and unknown enum values throw a JsonInputError whose `path` names
 * the value (e.g. `signInConditions.devicePlatform`); pass the file's `text` to also get its line and column.
 */
export function readSignInRequest(value: unknown, file: string, text?: string): SignInRequest {
  return new SignInReader(file, text).read(value);
}

class SignInReader {
  private readonly warnings: string[] = [];

  constructor(private readonly file: string, private readonly text?: string) {}

  private fail(path: JsonPath, message: string): JsonInputError {
    return jsonPathError(this.file, path, message, this.text);
  }

  private warnUnknown(obj: JsonRecord, known: readonly string[], path: readonly string[]): void {
    const lower = new Set(known.map((k) => k.toLowerCase()));
    for (const key of Object.keys(obj)) {
      if (!lower.has(key.toLowerCase()) && !isDroppedKey(key)) {
        this.warnings.push(`${this.file}: ${[...path, key].join('.')}: ignored (not used by Latch)`);
      }
    }
  }

  /** Property at `path` with its real spelling (for error locations), case-insensitively. */
  private get(obj: JsonRecord, name: string, path: readonly (string | number)[]): { value: unknown; path: JsonPath } {
    const key = Object.hasOwn(obj, name) ? name : (Object.keys(obj).find((k) => k.toLowerCase() === name.toLowerCase()) ?? name);
    return { value: obj[key], path: [...path, key] };
  }

  private object(v: unknown, path: JsonPath): JsonRecord | undefined {
    if (v === null || v === undefined) return undefined;
    if (!isRecord(v)) throw this.fail(path, 'expected an object');
    return v;
  }

  /** A string; null/absent/"" = missing. */
  private string(obj: JsonRecord, name: string, path: JsonPath): { value: string | undefined; path: JsonPath } {
    const p = this.get(obj, name, path);
    if (p.value === null || p.value === undefined || p.value === '') return { value: undefined, path: p.path };
    if (typeof p.value !== 'string') throw this.fail(p.path, 'expected a string');
    return { value: p.value, path: p.path };
  }

  private stringArray(obj: JsonRecord, name: string, path: JsonPath): string[] | undefined {
    const p = this.get(obj, name, path);
    if (p.value === null || p.value === undefined) return undefined;
    if (!Array.isArray(p.value)) throw this.fail(p.path, 'expected an array of strings');
    return p.value.map((x, i) => {
      if (typeof x !== 'string') throw this.fail([...p.path, i], 'expected a string');
      return x;
    });
  }

  private enumValue<T extends string>(obj: JsonRecord, name: string, path: JsonPath, allowed: readonly T[]): T | undefined {
    const s = this.string(obj, name, path);
    if (s.value === undefined) return undefined;
    const c = canonical(s.value, allowed);
    if (!c) throw this.fail(s.path, `unknown value ${JSON.stringify(s.value)}; expected one of ${allowed.join(', ')}`);
    return c;
  }

  read(value: unknown): SignInRequest {
    const root = this.object(value, []);
    if (!root) throw this.fail([], 'expected an object (the evaluate request body)');
    this.warnUnknown(root, ['signInIdentity', 'signInContext', 'signInConditions', 'appliedPoliciesOnly', 'satisfiedControls', 'mode', 'time'], []);

    const signIn: SignIn = { memberOf: [], roles: [] };
    const identity = this.get(root, 'signInIdentity', []);
    const identityObj = this.object(identity.value, identity.path);
    if (identityObj) this.readIdentity(identityObj, identity.path, signIn);

    const context = this.get(root, 'signInContext', []);
    const contextObj = this.object(context.value, context.path);
    if (contextObj) {
      const target = this.readContext(contextObj, context.path);
      if (target) signIn.target = target;
    }

    const conditions = this.get(root, 'signInConditions', []);
    const conditionsObj = this.object(conditions.value, conditions.path);
    if (conditionsObj) this.readConditions(conditionsObj, conditions.path, signIn);

    const satisfiedPath = this.get(root, 'satisfiedControls', []).path;
    const satisfied = this.stringArray(root, 'satisfiedControls', []);
    if (satisfied) signIn.satisfied = satisfied.map((c, i) => this.control(c, [...satisfiedPath, i]));

    const time = this.string(root, 'time', []);
    if (time.value !== undefined) {
      // An instant needs an offset: a bare local time would depend on the machine running the tests.
      const iso = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/i;
      if (!iso.test(time.value) || Number.isNaN(Date.parse(time.value))) {
        throw this.fail(time.path, `expected an ISO 8601 instant with Z or an offset, e.g. 2026-11-24T21:30:00Z; got ${JSON.stringify(time.value)}`);
      }
      signIn.time = time.value;
    }

    const result: SignInRequest = { signIn, warnings: this.warnings };
    const mode = this.enumValue(root, 'mode', [], ['strict', 'lenient'] as const);
    if (mode) result.mode = mode;
    const applied = this.get(root, 'appliedPoliciesOnly', []);
    if (applied.value !== null && applied.value !== undefined) {
      if (typeof applied.value !== 'boolean') throw this.fail(applied.path, 'expected true or false');
      result.appliedPoliciesOnly = applied.value;
    }
    return result;
  }

  private readIdentity(obj: JsonRecord, path: JsonPath, signIn: SignIn): void {
    const type = odataType(obj);
    if (type !== undefined && type !== 'usersignin') {
      const message = type === 'serviceprincipalsignin'
        ? 'workload identity sign-ins are not supported; use #microsoft.graph.userSignIn'
        : `unsupported @odata.type ${JSON.stringify(obj['@odata.type'])}; expected #microsoft.graph.userSignIn`;
      throw this.fail([...path, '@odata.type'], message);
    }
    this.warnUnknown(obj, ['userId', 'memberOf', 'roles', 'guestOrExternalUserType', 'homeTenantId'], path.map(String));
    const userId = this.string(obj, 'userId', path).value;
    if (userId !== undefined) signIn.userId = userId;
    signIn.memberOf = this.stringArray(obj, 'memberOf', path) ?? [];
    signIn.roles = this.stringArray(obj, 'roles', path) ?? [];
    // `none` = a member user, like an absent value.
    const guest = this.enumValue(obj, 'guestOrExternalUserType', path, ['none', ...GUEST_TYPES]);
    if (guest !== undefined && guest !== 'none') signIn.guestType = guest;
    const tenant = this.string(obj, 'homeTenantId', path).value;
    if (tenant !== undefined) signIn.homeTenantId = tenant;
  }

  private readContext(obj: JsonRecord, path: JsonPath): SignInTarget | undefined {
    const type = odataType(obj)
      ?? (prop(obj, 'includeApplications') !== undefined ? 'applicationcontext'
        : prop(obj, 'userAction') !== undefined ? 'useractioncontext'
          : prop(obj, 'authenticationContextValue') !== undefined ? 'authcontext' : undefined);
    if (type === 'applicationcontext') {
      this.warnUnknown(obj, ['includeApplications'], path.map(String));
      const p = this.get(obj, 'includeApplications', path);
      const apps = typeof p.value === 'string' ? [p.value] : (this.stringArray(obj, 'includeApplications', path) ?? []);
      const nonEmpty = apps.filter((a) => a !== '');
      if (nonEmpty.length > 1) throw this.fail(p.path, 'a sign-in targets one application; give exactly one appId');
      return nonEmpty.length === 1 ? { kind: 'application', appId: nonEmpty[0]! } : undefined;
    }
    if (type === 'useractioncontext') {
      this.warnUnknown(obj, ['userAction'], path.map(String));
      const p = this.get(obj, 'userAction', path);
      if (Array.isArray(p.value)) throw this.fail(p.path, 'userAction must be a single string (Graph rejects an array)');
      const s = this.string(obj, 'userAction', path);
      if (s.value === undefined) return undefined;
      const action = USER_ACTIONS[s.value.trim().toLowerCase()];
      if (!action) throw this.fail(s.path, `unknown user action ${JSON.stringify(s.value)}; expected registerSecurityInformation or registerOrJoinDevices`);
      return { kind: 'userAction', action };
    }
    if (type === 'authcontext') {
      this.warnUnknown(obj, ['authenticationContextValue'], path.map(String));
      const s = this.string(obj, 'authenticationContextValue', path);
      return s.value === undefined ? undefined : { kind: 'authContext', id: s.value };
    }
    if (type === undefined) {
      if (Object.keys(obj).every(isDroppedKey)) return undefined;
      throw this.fail(path, 'cannot tell the context kind: give @odata.type or one of includeApplications, userAction, authenticationContextValue');
    }
    throw this.fail([...path, '@odata.type'], `unsupported @odata.type ${JSON.stringify(obj['@odata.type'])}; expected #microsoft.graph.applicationContext, #microsoft.graph.userActionContext or #microsoft.graph.authContext`);
  }

  private readConditions(obj: JsonRecord, path: JsonPath, signIn: SignIn): void {
    this.warnUnknown(
      obj,
      ['devicePlatform', 'clientAppType', 'signInRiskLevel', 'userRiskLevel', 'insiderRiskLevel', 'country', 'ipAddress', 'authenticationFlow', 'deviceInfo'],
      path.map(String),
    );
    // Any platform value outside the six, "all" and "unknown" included, is a platform Entra cannot identify.
    const platform = this.string(obj, 'devicePlatform', path).value;
    if (platform !== undefined) signIn.devicePlatform = canonical(platform, PLATFORMS) ?? 'unknown';

    // `all` is Graph's default and names no client: missing input.
    const clientApp = this.enumValue(obj, 'clientAppType', path, ['all', ...CLIENT_APP_TYPES]);
    if (clientApp !== undefined && clientApp !== 'all') signIn.clientAppType = clientApp;

    const signInRisk = this.enumValue(obj, 'signInRiskLevel', path, RISK_LEVELS);
    if (signInRisk) signIn.signInRisk = signInRisk;
    const userRisk = this.enumValue(obj, 'userRiskLevel', path, RISK_LEVELS);
    if (userRisk) signIn.userRisk = userRisk;
    const insider = this.enumValue(obj, 'insiderRiskLevel', path, INSIDER_RISK_LEVELS);
    if (insider) signIn.insiderRisk = insider;

    const country = this.string(obj, 'country', path);
    if (country.value !== undefined) {
      const c = country.value.trim();
      if (c.toLowerCase() === 'unknown') signIn.country = 'unknown';
      else if (/^[A-Za-z]{2}$/.test(c)) signIn.country = c.toUpperCase();
      else throw this.fail(country.path, `expected a two-letter country code or "unknown"; got ${JSON.stringify(country.value)}`);
    }

    const ip = this.string(obj, 'ipAddress', path);
    if (ip.value !== undefined) {
      const s = ip.value.trim();
      if (!ipaddr.IPv4.isValidFourPartDecimal(s) && !ipaddr.IPv6.isValid(s)) throw this.fail(ip.path, `not an IPv4 or IPv6 address: ${JSON.stringify(ip.value)}`);
      signIn.ipAddress = s;
    }

    const flow = this.get(obj, 'authenticationFlow', path);
    if (isRecord(flow.value)) {
      this.warnUnknown(flow.value, ['transferMethod'], flow.path.map(String));
      const method = this.enumValue(flow.value, 'transferMethod', flow.path, TRANSFER_METHODS);
      if (method) signIn.authenticationFlow = method;
    } else if (typeof flow.value === 'string') {
      const method = this.enumValue(obj, 'authenticationFlow', path, TRANSFER_METHODS);
      if (method) signIn.authenticationFlow = method;
    } else if (flow.value !== null && flow.value !== undefined) {
      throw this.fail(flow.path, 'expected an object { "transferMethod": … }');
    }

    const device = this.get(obj, 'deviceInfo', path);
    const deviceObj = this.object(device.value, device.path);
    if (deviceObj) signIn.device = this.readDevice(deviceObj, device.path);
  }

  /** Registered = has a deviceId or a trustType (what Entra knows a registered device by). */
  private readDevice(obj: JsonRecord, path: JsonPath): SignInDevice {
    this.warnUnknown(obj, [...DEVICE_STRING_FIELDS, ...DEVICE_LIST_FIELDS, 'isCompliant', 'ownership', 'deviceOwnership'], path.map(String));
    const properties: DeviceProperties = {};
    for (const field of DEVICE_STRING_FIELDS) {
      const v = this.string(obj, field, path).value;
      if (v !== undefined) properties[field] = v;
    }
    // Graph calls it ownership; the device-filter rule language calls it deviceOwnership.
    const ownership = this.string(obj, 'ownership', path).value ?? this.string(obj, 'deviceOwnership', path).value;
    if (ownership !== undefined) properties.deviceOwnership = ownership;
    for (const field of DEVICE_LIST_FIELDS) {
      const v = this.stringArray(obj, field, path);
      if (v !== undefined) properties[field] = v;
    }
    const compliant = this.get(obj, 'isCompliant', path);
    if (compliant.value !== null && compliant.value !== undefined && typeof compliant.value !== 'boolean') {
      throw this.fail(compliant.path, 'expected true or false');
    }
    if (properties.deviceId === undefined && properties.trustType === undefined) {
      if (Object.keys(properties).length > 0 || compliant.value === true) {
        this.warnings.push(`${this.file}: ${path.join('.')}: neither deviceId nor trustType: an unregistered device, its other properties are ignored`);
      }
      return { registered: false, properties: {} };
    }
    // Graph's evaluate API defaults isCompliant to false for a device it knows.
    properties.isCompliant = compliant.value === true;
    return { registered: true, properties };
  }

  /** A satisfied control in output form; built-in names are matched case-insensitively. */
  private control(c: string, path: JsonPath): Control {
    const builtIn = canonical(c, BUILT_IN_CONTROLS);
    if (builtIn) return builtIn;
    const m = /^(authenticationStrength|termsOfUse|customFactor):(.+)$/i.exec(c.trim());
    if (m) return `${canonical(m[1]!, ['authenticationStrength', 'termsOfUse', 'customFactor'] as const)}:${m[2]}`;
    throw this.fail(path, `unknown control ${JSON.stringify(c)}; expected ${BUILT_IN_CONTROLS.join(', ')}, authenticationStrength:<id>, termsOfUse:<id> or customFactor:<id>`);
  }
}
