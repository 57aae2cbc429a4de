import type { MergedSession, SessionControls } from '../model.js';

/** Session controls in Graph's `conditionalAccessSessionControls` shape (only the configured ones). */
export function sessionToGraph(s: SessionControls | MergedSession): Record<string, unknown> {
    const out = sessionControls(s);
    const f = s.signInFrequency;
    if (f === 'everyTime') {
        out.signInFrequency = { isEnabled: true, authenticationType: 'primaryAndSecondaryAuthentication', frequencyInterval: 'everyTime' };
    } else if (typeof f === 'number') {
        out.signInFrequency = { ...frequencyValue(f, s.signInFrequencyUnit), authenticationType: 'primaryAndSecondaryAuthentication', frequencyInterval: 'timeBased' };
    }
    return out;
}

/**
 * A policy's session controls as a Graph write body: what the policy configures and nothing Graph defaults
 * (`authenticationType`, `frequencyInterval: timeBased`), so an imported policy exports exactly as it was read; the
 * reader keeps such properties in extra when a file spells them out.
 */
export function policySessionToGraph(s: SessionControls): Record<string, unknown> {
    const out = sessionControls(s);
    const f = s.signInFrequency;
    if (f === 'everyTime') out.signInFrequency = { isEnabled: true, frequencyInterval: 'everyTime' };
    else if (typeof f === 'number') out.signInFrequency = frequencyValue(f, s.signInFrequencyUnit);
    return out;
}

/** Whole hours or days only: Graph has no minutes (the validator rejects other durations). */
function frequencyValue(minutes: number, unit: 'hours' | 'days' | undefined): Record<string, unknown> {
    const days = minutes % 1440 === 0 && unit !== 'hours';
    return { isEnabled: true, value: days ? minutes / 1440 : minutes / 60, type: days ? 'days' : 'hours' };
}

function sessionControls(s: SessionControls): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    if (s.applicationEnforcedRestrictions) out.applicationEnforcedRestrictions = { isEnabled: true };
    if (s.cloudAppSecurity) out.cloudAppSecurity = { isEnabled: true, cloudAppSecurityType: s.cloudAppSecurity };
    if (s.continuousAccessEvaluation) out.continuousAccessEvaluation = { mode: s.continuousAccessEvaluation };
    if (s.disableResilienceDefaults) out.disableResilienceDefaults = true;
    if (s.persistentBrowser) out.persistentBrowser = { isEnabled: true, mode: s.persistentBrowser };
    if (s.secureSignInSession) out.secureSignInSession = { isEnabled: true };
    return out;
}
