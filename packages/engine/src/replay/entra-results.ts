// Entra's per-policy result words as small codes: Latch's status in Entra's vocabulary (entraVocabulary) and the
// logged result meet as two codes, so agreeing results cost no string comparison or allocation.

import type { PolicyState } from '../model.js';
import { FAILURE, INTERRUPTED, NOT_ENABLED, SUCCESS } from './policy-status.js';

/** Every result word Entra logs; a word's code is its index. */
export const RESULT_WORDS = [
    'notEnabled', 'notApplied', 'success', 'failure', 'reportOnlySuccess', 'reportOnlyFailure', 'reportOnlyInterrupted',
    'reportOnlyNotApplied', 'unknown', 'unknownFutureValue',
] as const;
export const UNKNOWN = 8, UNKNOWN_FUTURE = 9;
/** Code of a result that is none of the words. */
export const OTHER = -1;

/** The code of a result string, or OTHER. */
export function resultCodeOf(result: string): number {
    return (RESULT_WORDS as readonly string[]).indexOf(result);
}

/** Latch's status code in Entra's sign-in log vocabulary. An unmet interactive control fails an enabled policy. */
export function entraVocabulary(state: PolicyState, status: number): string {
    if (status === NOT_ENABLED) return 'notEnabled';
    const reportOnly = state === 'enabledForReportingButNotEnforced';
    switch (status) {
        case SUCCESS: return reportOnly ? 'reportOnlySuccess' : 'success';
        case FAILURE: return reportOnly ? 'reportOnlyFailure' : 'failure';
        case INTERRUPTED: return reportOnly ? 'reportOnlyInterrupted' : 'failure';
        default: return reportOnly ? 'reportOnlyNotApplied' : 'notApplied';
    }
}
