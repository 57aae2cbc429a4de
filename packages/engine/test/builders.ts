// Builders for unit tests of the real engine: a small Contoso-like directory, named locations, policies and
// sign-ins as plain model objects, plus a recorder so that every evaluated case can be replayed through the
// fast path (decideOutcome) and compared with evaluate().
import { describe, expect, it } from 'vitest';
import type {
  Control, Directory, EvaluationMode, EvaluationResult, NamedLocation, Policy, PolicyResult, PolicySet, PrincipalSet,
  SignIn, TimeWindow,
} from '../src/model.js';
import { compilePolicySet, compileSignIn, decideOutcome, evaluate, satisfiedControls } from '../src/evaluate/index.js';
import type { Expectation, RequirementExpr, Scenario, ScenarioEvent, ScenarioStep } from '../src/scenario/model.js';

// ---------------------------------------------------------------------------------------------------------------
// Well-known ids

export const APP = {
  exchange: '00000002-0000-0ff1-ce00-000000000000',
  sharePoint: '00000003-0000-0ff1-ce00-000000000000',
  teams: 'cc15fd57-2c6c-4117-a88c-83b1d56b4bbe',
  graph: '00000003-0000-0000-c000-000000000000',
  azurePortal: 'c44b4083-3bb0-49c1-b47d-974e53cbdf3c',
  exchangeAdminCenter: '497effe9-df71-4043-a8bb-14cf78c4b63b',
  payroll: '2f6c1a55-0e4d-4d2a-9a53-2b5a3bb1c0de',
} as const;

export const ROLE = {
  globalAdmin: '62e90394-69f5-4237-9190-012177145e10',
  securityAdmin: '194ae4cb-b126-40b2-bd5b-6091b380977d',
  /** A custom directory role (builtIn: false): Entra ignores it in Conditional Access. */
  payrollAuditor: '7c1e3a52-9d4f-4b8e-a1c2-3e5f6a7b8c9d',
} as const;

export const USER = {
  alice: 'u-alice',
  carol: 'u-carol',
  bg1: 'u-bg1',
  eve: 'u-eve',
  ian: 'u-ian',
  pat: 'u-pat',
} as const;

export const GROUP = {
  breakGlass: 'g-breakglass',
  finance: 'g-finance',
  financeLeads: 'g-financeleads',
  /** Open group: declared without members. */
  contractors: 'g-contractors',
  /** Closed group whose only member is the open group Contractors. */
  ops: 'g-ops',
} as const;

export const LOC = { corpHq: 'loc-hq', branch: 'loc-branch', allowed: 'loc-allowed', allowedOrUnknown: 'loc-allowed-unknown' } as const;

export const TENANT = { fabrikam: 'tenant-fabrikam' } as const;

export const STRENGTH = { phishingResistant: 'authenticationStrength:00000000-0000-0000-0000-000000000004', fido2: 'authenticationStrength:a1b2c3d4-e5f6-4a7b-8c9d-0e1f2a3b4c5d' } as const;
export const TERMS = 'termsOfUse:8e3d2a4c-5b61-4f0e-9c7d-2a1b3c4d5e6f';

export function directory(): Directory {
  return {
    users: [
      { id: USER.alice, name: 'alice', upn: 'alice@contoso.com', roles: [] },
      { id: USER.carol, name: 'carol', upn: 'carol@contoso.com', roles: [ROLE.globalAdmin] },
      { id: USER.bg1, name: 'bg1', upn: 'bg1@contoso.onmicrosoft.com', roles: [] },
      { id: USER.eve, name: 'eve', upn: 'eve@fabrikam.com', roles: [], guestType: 'b2bCollaborationGuest', tenantId: TENANT.fabrikam },
      { id: USER.ian, name: 'ian', upn: 'ian@contoso.com', roles: [], guestType: 'internalGuest' },
      { id: USER.pat, name: 'pat', upn: 'pat@contoso.com', roles: [ROLE.payrollAuditor] },
    ],
    groups: [
      { id: GROUP.breakGlass, name: 'BreakGlass', members: [USER.bg1], emergencyAccess: true },
      { id: GROUP.finance, name: 'Finance', members: [USER.alice, GROUP.financeLeads] },
      { id: GROUP.financeLeads, name: 'FinanceLeads', members: [USER.carol] },
      { id: GROUP.contractors, name: 'Contractors' },
      { id: GROUP.ops, name: 'Ops', members: [GROUP.contractors] },
    ],
    roles: [
      { id: ROLE.globalAdmin, name: 'GlobalAdministrator', builtIn: true },
      { id: ROLE.securityAdmin, name: 'SecurityAdministrator', builtIn: true },
      { id: ROLE.payrollAuditor, name: 'PayrollAuditor', builtIn: false },
    ],
    apps: [{ id: APP.payroll, name: 'Payroll' }],
    strengths: [],
    terms: [{ id: '8e3d2a4c-5b61-4f0e-9c7d-2a1b3c4d5e6f', name: 'ToU2026' }],
    authContexts: [{ id: 'c1', name: 'Sensitive' }, { id: 'c2', name: 'Finance' }],
  };
}

export function namedLocations(): NamedLocation[] {
  return [
    { id: LOC.corpHq, name: 'CorpHQ', kind: 'ip', ipRanges: ['203.0.113.0/24', '2001:db8:1::/48'], trusted: true },
    { id: LOC.branch, name: 'Branch', kind: 'ip', ipRanges: ['198.51.100.7/32'], trusted: false },
    { id: LOC.allowed, name: 'Allowed', kind: 'country', countries: ['NL', 'BE', 'LU'], includeUnknownCountries: false },
    { id: LOC.allowedOrUnknown, name: 'AllowedOrUnknown', kind: 'country', countries: ['NL'], includeUnknownCountries: true },
  ];
}

// ---------------------------------------------------------------------------------------------------------------
// Policies

export function principals(p: Partial<PrincipalSet> = {}): PrincipalSet {
  return { users: [], groups: [], roles: [], ...p };
}

export const ALL_USERS = { include: principals({ all: true }), exclude: principals() };

/** A policy: enabled, all users, all apps, no grant, unless overridden. */
export function policy(id: string, fields: Partial<Policy> = {}): Policy {
  return {
    id, name: id, state: 'enabled',
    users: { include: principals({ all: true }), exclude: principals() },
    target: { kind: 'apps', include: ['All'], exclude: [] },
    ...fields,
  };
}

export const block = { kind: 'block' } as const;
export function and(...controls: Control[]): Policy['grant'] { return { kind: 'controls', operator: 'AND', controls }; }
export function or(...controls: Control[]): Policy['grant'] { return { kind: 'controls', operator: 'OR', controls }; }

export function users(include: Partial<PrincipalSet>, exclude: Partial<PrincipalSet> = {}): Policy['users'] {
  return { include: principals(include), exclude: principals(exclude) };
}

export function apps(include: string[], exclude: string[] = []): Policy['target'] {
  return { kind: 'apps', include, exclude };
}

export function set(policies: Policy[], extra: Partial<PolicySet> = {}): PolicySet {
  return { policies, namedLocations: namedLocations(), directory: directory(), ...extra };
}

/** Local days (0 = Sunday), HH:MM strings; end before start wraps past midnight. */
export function window(days: number[], start: string, end: string, zone: string): TimeWindow {
  const min = (t: string) => Number(t.slice(0, 2)) * 60 + Number(t.slice(3, 5));
  return { days, start: min(start), end: min(end), zone };
}
export const MON_FRI = [1, 2, 3, 4, 5];

// ---------------------------------------------------------------------------------------------------------------
// Sign-ins

/** A complete sign-in (nothing missing): alice reads Exchange in a browser on Windows from the Netherlands. */
export function signIn(overrides: Partial<SignIn> = {}): SignIn {
  return {
    userId: USER.alice,
    target: { kind: 'application', appId: APP.exchange },
    ipAddress: '192.0.2.44',
    country: 'NL',
    devicePlatform: 'windows',
    clientAppType: 'browser',
    signInRisk: 'none',
    userRisk: 'none',
    insiderRisk: 'none',
    authenticationFlow: 'none',
    time: '2026-11-24T20:30:00Z',
    ...overrides,
  };
}

/** An anonymous identity (a scenario's `user { … }`): no declared user, exactly the stated memberships. */
export function anon(overrides: Partial<SignIn> = {}): SignIn {
  return signIn({ userId: undefined, anonymous: true, memberOf: [], roles: [], ...overrides });
}

/** The sign-in without some fields (missing input). */
export function without(s: SignIn, ...fields: (keyof SignIn)[]): SignIn {
  const out: SignIn = { ...s };
  for (const f of fields) delete out[f];
  return out;
}

export const app = (appId: string): SignIn['target'] => ({ kind: 'application', appId });

export function registered(properties: Record<string, string | boolean | string[]>): SignIn['device'] {
  return { registered: true, properties };
}

// ---------------------------------------------------------------------------------------------------------------
// Evaluation with recording (for the decideOutcome agreement test)

export interface RecordedCase { set: PolicySet; signIn: SignIn; mode: EvaluationMode; outcome: string; where: string }
export const recorded: RecordedCase[] = [];

export function ev(s: PolicySet, signInValue: SignIn, mode: EvaluationMode = 'strict'): EvaluationResult {
  const r = evaluate(s, signInValue, { mode });
  recorded.push({ set: s, signIn: signInValue, mode, outcome: r.outcome, where: expect.getState().currentTestName ?? '?' });
  return r;
}

export function result(r: EvaluationResult, id: string): PolicyResult {
  const p = r.policies.find((x) => x.id === id);
  if (!p) throw new Error(`no policy ${id} in result`);
  return p;
}

/** 'applies' or the first failing reason of one policy. */
export function reason(r: EvaluationResult, id: string): string {
  const p = result(r, id);
  return p.policyApplies ? 'applies' : p.analysisReasons;
}

/** One policy alone: evaluates it and returns 'applies' or its reason. */
export function verdict(p: Policy, s: SignIn, mode: EvaluationMode = 'strict', extra: Partial<PolicySet> = {}): string {
  return reason(ev(set([p], extra), s, mode), p.id);
}

const OUTCOME_NAMES = ['allow', 'block', 'requires'];

/** Registers the agreement test at the end of a file: decideOutcome == evaluate(...).outcome on every recorded case. */
export function describeOutcomeAgreement(): void {
  describe('decideOutcome (fast path) agrees with evaluate on every case of this file', () => {
    it('gives the same outcome for every recorded (set, sign-in, mode)', () => {
      expect(recorded.length).toBeGreaterThan(20);
      const mismatches: string[] = [];
      for (const c of recorded) {
        const cs = compilePolicySet(c.set);
        const fast = decideOutcome(cs, compileSignIn(cs, c.signIn), satisfiedControls(c.signIn), c.mode === 'lenient');
        const full = evaluate(c.set, c.signIn, { mode: c.mode }).outcome;
        if (OUTCOME_NAMES[fast] !== full) mismatches.push(`${c.where} [${c.mode}]: decideOutcome ${OUTCOME_NAMES[fast]}, evaluate ${full}`);
      }
      expect(mismatches).toEqual([]);
    });
  });
}

// ---------------------------------------------------------------------------------------------------------------
// Scenarios

export const ctl = (control: Control): RequirementExpr => ({ kind: 'control', control });
export const rAnd = (left: RequirementExpr, right: RequirementExpr): RequirementExpr => ({ kind: 'and', left, right });
export const rOr = (left: RequirementExpr, right: RequirementExpr): RequirementExpr => ({ kind: 'or', left, right });

export function initial(s: SignIn, expectations: Expectation[] = []): ScenarioStep {
  return { afterMinutes: 0, signIn: s, events: [], expectations };
}

/** An `after` step: a copy of the previous step's state with the changes applied (as the language lowers it). */
export function after(previous: ScenarioStep, minutes: number, changes: Partial<SignIn>, expectations: Expectation[] = [],
  events: ScenarioEvent[] = []): ScenarioStep {
  return { afterMinutes: minutes, signIn: { ...structuredClone(previous.signIn), ...changes }, events, expectations };
}

export function scenario(name: string, ...steps: ScenarioStep[]): Scenario {
  return { name, steps };
}
