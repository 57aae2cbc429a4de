// What the analysis reports: stable codes (docs/analysis.md; taxonomy in research/conflict-detection.md §7), a
// severity, the policies involved and witness sign-ins that `evaluate` has confirmed.

import type { Control, Outcome, SignIn } from '../model.js';

export const FINDING_CODES = [
    'never-applies', 'untargeted', 'shadowed-by-block', 'redundant', 'block-grant-overlap', 'session-conflict',
    'coverage-gap', 'lockout-risk', 'break-glass-not-excluded', 'exclusion-without-fallback', 'legacy-auth-open',
    'device-code-open', 'report-only-would-block-admins', 'unsatisfiable-grant', 'assertion-violated',
    'ineffective-exception', 'weak-alternative',
] as const;
export type FindingCode = (typeof FINDING_CODES)[number];

export type FindingSeverity = 'error' | 'warning' | 'info';

/** A concrete sign-in and what `evaluate` (strict mode) says about it. */
export interface Witness {
    signIn: SignIn;
    outcome: Outcome;
    requires: Control[][];
    shadowOutcome: Outcome;
    /** Ids of the enabled and report-only policies that apply. */
    applies: string[];
}

export interface Finding {
    code: FindingCode;
    severity: FindingSeverity;
    message: string;
    /** The policy the finding is about (its location), if any. */
    policy?: string;
    /** Other policies involved (related locations). */
    related: string[];
    /** The assertion (by name) for assertion-violated. */
    assertion?: string;
    witnesses: Witness[];
    /** A suggested fix, where one is mechanical. */
    suggestion?: string;
}
