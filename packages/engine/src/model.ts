// The Latch policy model: plain, JSON-serialisable data shared by every front end (.latch lowering, Graph JSON
// reader) and every back end (evaluation, analysis, export). Enum values use Graph's spellings, so the model
// and the `latch whatif` contract speak one vocabulary.

export type PolicyState = 'enabled' | 'disabled' | 'enabledForReportingButNotEnforced';

export type Platform = 'android' | 'iOS' | 'windows' | 'windowsPhone' | 'macOS' | 'linux';
export const PLATFORMS: readonly Platform[] = ['android', 'iOS', 'windows', 'windowsPhone', 'macOS', 'linux'];

export type ClientAppType = 'browser' | 'mobileAppsAndDesktopClients' | 'exchangeActiveSync' | 'easSupported' | 'other';
export const CLIENT_APP_TYPES: readonly ClientAppType[] = ['browser', 'mobileAppsAndDesktopClients', 'exchangeActiveSync', 'easSupported', 'other'];
/** Legacy clients cannot perform any grant control (Entra): any clause blocks them. */
export const LEGACY_CLIENT_APP_TYPES: readonly ClientAppType[] = ['exchangeActiveSync', 'easSupported', 'other'];

export type RiskLevel = 'none' | 'low' | 'medium' | 'high' | 'hidden';
export const RISK_LEVELS: readonly RiskLevel[] = ['none', 'low', 'medium', 'high', 'hidden'];

export type InsiderRiskLevel = 'minor' | 'moderate' | 'elevated';
/** Sign-ins can also carry `none`. */
export const INSIDER_RISK_LEVELS: readonly (InsiderRiskLevel | 'none')[] = ['none', 'minor', 'moderate', 'elevated'];

export type TransferMethod = 'deviceCodeFlow' | 'authenticationTransfer';
export const TRANSFER_METHODS: readonly (TransferMethod | 'none')[] = ['none', 'deviceCodeFlow', 'authenticationTransfer'];

export type GuestType =
  | 'internalGuest' | 'b2bCollaborationGuest' | 'b2bCollaborationMember' | 'b2bDirectConnectUser'
  | 'otherExternalUser' | 'serviceProvider';
export const GUEST_TYPES: readonly GuestType[] = [
  'internalGuest', 'b2bCollaborationGuest', 'b2bCollaborationMember', 'b2bDirectConnectUser', 'otherExternalUser', 'serviceProvider',
];

export type UserAction = 'registerSecurityInfo' | 'registerDevice';
/** Graph policy URNs of the user actions. */
export const USER_ACTION_URNS: Record<UserAction, string> = {
  registerSecurityInfo: 'urn:user:registersecurityinfo',
  registerDevice: 'urn:user:registerdevice',
};

/** Built-in grant controls, as Graph spells them. */
export type BuiltInControl =
  | 'mfa' | 'compliantDevice' | 'domainJoinedDevice' | 'approvedApplication' | 'compliantApplication' | 'passwordChange';
export const BUILT_IN_CONTROLS: readonly BuiltInControl[] = [
  'mfa', 'compliantDevice', 'domainJoinedDevice', 'approvedApplication', 'compliantApplication', 'passwordChange',
];

/**
 * A grant control in output form: a built-in name, `authenticationStrength:<id>`, `termsOfUse:<id>`
 * or `customFactor:<id>`.
 */
export type Control = string;

/** Guests selected by type, optionally restricted to external tenants. */
export interface GuestSelector {
  types: GuestType[];
  /** undefined or 'all' = any tenant; otherwise the listed tenant ids. */
  tenants?: 'all' | string[];
}

/** One side (include or exclude) of the users condition. */
export interface PrincipalSet {
  all?: boolean;
  none?: boolean;
  /** Legacy `GuestsOrExternalUsers`: every guest or external user. */
  allGuests?: boolean;
  users: string[];
  groups: string[];
  /** Role template ids. */
  roles: string[];
  guests?: GuestSelector;
}

export type Target =
  | { kind: 'apps'; include: string[]; exclude: string[] }
  | { kind: 'userActions'; actions: UserAction[] }
  | { kind: 'authContext'; refs: string[] };

export interface IncludeExclude<T> { include: T[]; exclude: T[] }

export interface DeviceFilter { mode: 'include' | 'exclude'; rule: string }

/** A weekly window in a zone: local days (0 = Sunday … 6 = Saturday), minutes from midnight; end < start wraps. */
export interface TimeWindow { days: number[]; start: number; end: number; zone: string }

export type Grant =
  | { kind: 'block' }
  | { kind: 'controls'; operator: 'AND' | 'OR'; controls: Control[] };

export type CaeMode = 'strictEnforcement' | 'strictLocation' | 'disabled';

export interface SessionControls {
  /** Minutes, or 'everyTime'. */
  signInFrequency?: number | 'everyTime';
  /**
   * The unit the frequency was written in (Graph `type`, Latch `h`/`d`): 24 hours and 1 day are the same minutes, so
   * export needs it to write the original back. Unset = days when the minutes are whole days, else hours.
   */
  signInFrequencyUnit?: 'hours' | 'days';
  persistentBrowser?: 'always' | 'never';
  applicationEnforcedRestrictions?: boolean;
  cloudAppSecurity?: 'mcasConfigured' | 'monitorOnly' | 'blockDownloads';
  continuousAccessEvaluation?: CaeMode;
  secureSignInSession?: boolean;
  disableResilienceDefaults?: boolean;
}

export interface Policy {
  /** Declared id (Graph id) or, where none, the Latch name. */
  id: string;
  name: string;
  displayName?: string;
  description?: string;
  templateId?: string;
  state: PolicyState;
  /** Unset = the users condition is not configured (a Graph policy for workload identities only). */
  users?: { include: PrincipalSet; exclude: PrincipalSet };
  target?: Target;
  /** include may contain 'all'. */
  platforms?: { include: (Platform | 'all')[]; exclude: Platform[] };
  /** Location ids, 'All', 'AllTrusted'. */
  locations?: IncludeExclude<string>;
  clientAppTypes?: ClientAppType[];
  signInRisk?: RiskLevel[];
  userRisk?: RiskLevel[];
  insiderRisk?: InsiderRiskLevel[];
  authenticationFlows?: TransferMethod[];
  deviceFilter?: DeviceFilter;
  times?: TimeWindow[];
  grant?: Grant;
  session?: SessionControls;
  /** Graph properties Latch does not model, kept verbatim (merged back on export). */
  extra?: Record<string, unknown>;
}

export interface IpRange { cidr: string }

export interface NamedLocation {
  id: string;
  name: string;
  displayName?: string;
  kind: 'ip' | 'country' | 'compliantNetwork';
  ipRanges?: string[];
  trusted?: boolean;
  countries?: string[];
  includeUnknownCountries?: boolean;
  countryLookupMethod?: 'clientIpAddress' | 'authenticatorAppGps';
  extra?: Record<string, unknown>;
}

export interface DirectoryUser { id: string; name: string; upn?: string; roles: string[]; guestType?: GuestType; tenantId?: string }
export interface DirectoryGroup {
  id: string;
  name: string;
  displayName?: string;
  /** Member ids (users or groups). Undefined = an open group (membership unknown). */
  members?: string[];
  emergencyAccess?: boolean;
}
export interface DirectoryRole { id: string; name: string; builtIn: boolean }
export interface DirectoryApp { id: string; name: string; displayName?: string; members?: string[]; caeCapable?: boolean }
export interface AuthStrength { id: string; name: string; displayName?: string; combinations: string[][]; builtIn?: boolean }
export interface NamedRef { id: string; name: string; displayName?: string }

export interface Directory {
  users: DirectoryUser[];
  groups: DirectoryGroup[];
  roles: DirectoryRole[];
  apps: DirectoryApp[];
  strengths: AuthStrength[];
  terms: NamedRef[];
  authContexts: NamedRef[];
}

/** Everything evaluation needs: the policies, their named locations and the directory they refer to. */
export interface PolicySet {
  policies: Policy[];
  namedLocations: NamedLocation[];
  directory: Directory;
}

export function emptyDirectory(): Directory {
  return { users: [], groups: [], roles: [], apps: [], strengths: [], terms: [], authContexts: [] };
}

export function emptyPrincipalSet(): PrincipalSet {
  return { users: [], groups: [], roles: [] };
}

// ---------------------------------------------------------------------------------------------------------------
// Sign-ins

export type SignInTarget =
  | { kind: 'application'; appId: string }
  | { kind: 'userAction'; action: UserAction }
  | { kind: 'authContext'; id: string };

/** Device-filter property values of a registered device (names as in the rule language, lower camel case). */
export type DeviceProperties = Record<string, string | boolean | string[] | undefined>;

export interface SignInDevice {
  registered: boolean;
  properties: DeviceProperties;
}

/**
 * A sign-in. `undefined` means missing input (strict mode: a condition that needs it cannot be evaluated),
 * except `device` (undefined = unregistered) and `satisfied` (omitted = nothing satisfied).
 */
export interface SignIn {
  /** The user's id. Missing = any user could be signing in (policies naming users then lack input). */
  userId?: string;
  /**
   * An anonymous identity (a scenario's `user { … }`): none of the declared or named users, with exactly the
   * stated memberships.
   */
  anonymous?: boolean;
  /** Group ids the user is a member of (transitively closed together with the directory). */
  memberOf?: string[];
  /** Role template ids. */
  roles?: string[];
  guestType?: GuestType;
  /** The guest's home tenant, for `tenants` restrictions. */
  homeTenantId?: string;
  target?: SignInTarget;
  ipAddress?: string;
  /** Two-letter code or 'unknown'. */
  country?: string;
  /** A platform, or 'unknown'. */
  devicePlatform?: Platform | 'unknown';
  clientAppType?: ClientAppType;
  device?: SignInDevice;
  signInRisk?: RiskLevel;
  userRisk?: RiskLevel;
  insiderRisk?: InsiderRiskLevel | 'none';
  authenticationFlow?: TransferMethod | 'none';
  /** ISO instant. */
  time?: string;
  satisfied?: Control[];
}

// ---------------------------------------------------------------------------------------------------------------
// Results

export type Outcome = 'allow' | 'block' | 'requires';

export type AnalysisReason =
  | 'notSet' | 'notEnoughInformation' | 'policyNotEnabled' | 'users' | 'application' | 'userActions'
  | 'authenticationContext' | 'devicePlatform' | 'devices' | 'clientApps' | 'location' | 'signInRisk' | 'userRisk'
  | 'insiderRisk' | 'authenticationFlow' | 'time';

/** Conditions in the order the first failing one is reported (LANGUAGE.md §4.7). */
export const CONDITION_ORDER: readonly AnalysisReason[] = [
  'users', 'application', 'userActions', 'authenticationContext', 'devicePlatform', 'devices', 'clientApps', 'location',
  'signInRisk', 'userRisk', 'insiderRisk', 'authenticationFlow', 'time',
];

export type ConditionStatus = 'matches' | 'fails' | 'notConfigured' | 'missingInput';

export interface ConditionTrace {
  condition: AnalysisReason;
  status: ConditionStatus;
  detail: string;
}

export type PolicyResultStatus =
  | 'success' | 'failure' | 'interrupted' | 'notApplied' | 'notEnabled'
  | 'reportOnlySuccess' | 'reportOnlyFailure' | 'reportOnlyInterrupted' | 'reportOnlyNotApplied';

export interface PolicyResult {
  id: string;
  name: string;
  displayName?: string;
  state: PolicyState;
  policyApplies: boolean;
  analysisReasons: AnalysisReason;
  /** Every condition in CONDITION_ORDER that the policy's target kind uses (state excluded). */
  trace: ConditionTrace[];
  /** Entra's per-policy result (sign-in log vocabulary). */
  result: PolicyResultStatus;
  /** The policy's own requirement after discharge; undefined when it does not apply or blocks. */
  requires?: Control[][];
}

export interface MergedSession extends SessionControls {
  /** Set when policies disagree on persistentBrowser (never wins). */
  persistentBrowserConflict?: boolean;
}

export interface Decision {
  outcome: Outcome;
  /** CNF of interactive controls still to perform; [] unless outcome is 'requires'. */
  requires: Control[][];
  /** Controls that discharged clauses (satisfied, or met by the device). */
  satisfiedControls: Control[];
  /** Clauses that cannot be met in this sign-in (reason for a block without a block policy). */
  unsatisfiable: Control[][];
  /** Policy ids responsible for a block. */
  blockedBy: string[];
}

export interface EvaluationResult extends Decision {
  /** The decision as if report-only policies were enabled. */
  shadow: Decision;
  session: MergedSession;
  policies: PolicyResult[];
  mode: EvaluationMode;
}

export type EvaluationMode = 'strict' | 'lenient';

export interface EvaluateOptions {
    mode?: EvaluationMode;
    /** false: skip the per-condition trace (each policy's `trace` is empty; `analysisReasons` is still the first failing one). */
    trace?: boolean;
}
