import type { CaeMode, MergedSession, SessionControls } from '../model.js';

const CAS_RANK = { monitorOnly: 1, mcasConfigured: 2, blockDownloads: 3 } as const;
const CAE_RANK: Record<CaeMode, number> = { disabled: 1, strictLocation: 2, strictEnforcement: 3 };

/**
 * Latch rule (Entra documents no precedence): the shortest sign-in frequency wins (everyTime shortest),
 * persistentBrowser never beats always (and is flagged), flags are ORed, the strictest CAE and
 * Defender for Cloud Apps modes win.
 */
export function mergeSessions(sessions: readonly (SessionControls | undefined)[]): MergedSession {
    const out: MergedSession = {};
    for (const s of sessions) {
        if (!s) continue;
        if (s.signInFrequency !== undefined) {
            const cur = out.signInFrequency;
            if (cur === undefined || s.signInFrequency === 'everyTime' || (cur !== 'everyTime' && s.signInFrequency < cur)) {
                out.signInFrequency = s.signInFrequency;
            }
        }
        if (s.persistentBrowser !== undefined) {
            if (out.persistentBrowser !== undefined && out.persistentBrowser !== s.persistentBrowser) out.persistentBrowserConflict = true;
            if (out.persistentBrowser !== 'never') out.persistentBrowser = s.persistentBrowser;
        }
        if (s.applicationEnforcedRestrictions) out.applicationEnforcedRestrictions = true;
        if (s.secureSignInSession) out.secureSignInSession = true;
        if (s.disableResilienceDefaults) out.disableResilienceDefaults = true;
        if (s.cloudAppSecurity && (!out.cloudAppSecurity || CAS_RANK[s.cloudAppSecurity] > CAS_RANK[out.cloudAppSecurity])) {
            out.cloudAppSecurity = s.cloudAppSecurity;
        }
        if (s.continuousAccessEvaluation
            && (!out.continuousAccessEvaluation || CAE_RANK[s.continuousAccessEvaluation] > CAE_RANK[out.continuousAccessEvaluation])) {
            out.continuousAccessEvaluation = s.continuousAccessEvaluation;
        }
    }
    return out;
}
