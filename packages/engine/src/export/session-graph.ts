import type { MergedSession, SessionControls } from '../model.js';

/** Session controls in Graph's `conditionalAccessSessionControls` shape (only the configured ones). */
export function sessionToGraph(s: SessionControls | MergedSession): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    if (s.applicationEnforcedRestrictions) out.applicationEnforcedRestrictions = { isEnabled: true };
    if (s.cloudAppSecurity) out.cloudAppSecurity = { isEnabled: true, cloudAppSecurityType: s.cloudAppSecurity };
    if (s.continuousAccessEvaluation) out.continuousAccessEvaluation = { mode: s.continuousAccessEvaluation };
    if (s.disableResilienceDefaults) out.disableResilienceDefaults = true;
    if (s.persistentBrowser) out.persistentBrowser = { isEnabled: true, mode: s.persistentBrowser };
    if (s.secureSignInSession) out.secureSignInSession = { isEnabled: true };
    const f = s.signInFrequency;
    if (f === 'everyTime') {
        out.signInFrequency = { isEnabled: true, authenticationType: 'primaryAndSecondaryAuthentication', frequencyInterval: 'everyTime' };
    } else if (typeof f === 'number') {
        const days = f % 1440 === 0;
        out.signInFrequency = {
            isEnabled: true, value: days ? f / 1440 : f / 60, type: days ? 'days' : 'hours',
            authenticationType: 'primaryAndSecondaryAuthentication', frequencyInterval: 'timeBased',
        };
    }
    return out;
}
