import type { AnalysisReason, Control, SessionControls, SignIn } from '../model.js';

/** A requirement as written in a scenario: controls joined by and/or (compared as CNF). */
export type RequirementExpr =
    | { kind: 'control'; control: Control }
    | { kind: 'and' | 'or'; left: RequirementExpr; right: RequirementExpr };

export type ScenarioEvent =
    | 'accountDisabled' | 'accountDeleted' | 'passwordChanged' | 'passwordReset' | 'mfaEnabled' | 'sessionsRevoked'
    | 'userRiskHigh';

export const CRITICAL_EVENTS: readonly ScenarioEvent[] = [
    'accountDisabled', 'accountDeleted', 'passwordChanged', 'passwordReset', 'mfaEnabled', 'sessionsRevoked', 'userRiskHigh',
];

export type Expectation =
    | { kind: 'outcome'; outcome: 'allow' | 'block' }
    | { kind: 'requires'; requirement: RequirementExpr }
    | { kind: 'applies'; policies: string[] }
    | { kind: 'notApplies'; policies: string[]; reason: AnalysisReason }
    | { kind: 'session'; session: SessionControls }
    | { kind: 'shadow'; outcome: 'allow' | 'block' | 'requires'; requirement?: RequirementExpr }
    | { kind: 'revoked' }
    | { kind: 'revokedAt'; minutes: number };

export interface ScenarioStep {
    /** Minutes after the initial sign-in (0 for the initial one). */
    afterMinutes: number;
    /** The complete sign-in state at this step. */
    signIn: SignIn;
    /** Events recorded by this step. */
    events: ScenarioEvent[];
    expectations: Expectation[];
}

export interface Scenario {
    name: string;
    steps: ScenarioStep[];
}
