// A witness sign-in in words, with the directory's names (hover text, CLI output).

import type { PolicySet, SignIn } from '../model.js';
import { BUILT_IN_STRENGTHS, WELL_KNOWN_APPS } from '../well-known/index.js';

const CLIENT_WORDS: Record<string, string> = {
    browser: 'a browser', mobileAppsAndDesktopClients: 'a mobile or desktop app', exchangeActiveSync: 'Exchange ActiveSync',
    easSupported: 'an EAS-supported client', other: 'another legacy client',
};

export function describeSignIn(set: PolicySet, s: SignIn): string {
    const d = set.directory;
    const byId = <T extends { id: string; name: string }>(xs: readonly T[], id: string | undefined) =>
        id === undefined ? undefined : xs.find((x) => x.id.toLowerCase() === id.toLowerCase())?.name;
    const who = s.userId !== undefined ? byId(d.users, s.userId) ?? `user ${s.userId}` : 'a user not declared in the workspace';
    const extras: string[] = [];
    if (s.memberOf?.length) extras.push(`member of ${s.memberOf.map((g) => byId(d.groups, g) ?? g).join(', ')}`);
    if (s.roles?.length) extras.push(`with role ${s.roles.map((r) => byId(d.roles, r) ?? r).join(', ')}`);
    if (s.guestType) extras.push(`guest (${s.guestType})`);
    const t = s.target;
    const target = !t ? 'something' : t.kind === 'application' ? byId([...d.apps, ...WELL_KNOWN_APPS], t.appId) ?? t.appId
        : t.kind === 'userAction' ? `the user action ${t.action}` : `authentication context ${byId(d.authContexts, t.id) ?? t.id}`;
    const dev = !s.device?.registered ? 'an unregistered device'
        : `a registered device (${Object.entries(s.device.properties).map(([k, v]) => `${k} ${JSON.stringify(v)}`).join(', ') || 'no properties'})`;
    const risk = [s.signInRisk && s.signInRisk !== 'none' ? `sign-in risk ${s.signInRisk}` : '', s.userRisk && s.userRisk !== 'none' ? `user risk ${s.userRisk}` : '',
        s.insiderRisk && s.insiderRisk !== 'none' ? `insider risk ${s.insiderRisk}` : '', s.authenticationFlow && s.authenticationFlow !== 'none' ? `flow ${s.authenticationFlow}` : '']
        .filter(Boolean).join(', ');
    return `${who}${extras.length ? ` (${extras.join(', ')})` : ''} opens ${target} from ${s.ipAddress} (country ${s.country}) on ${s.devicePlatform}, `
        + `with ${CLIENT_WORDS[s.clientAppType ?? ''] ?? s.clientAppType}, on ${dev}${risk ? `, ${risk}` : ', no risk'}, at ${s.time}`;
}

/**
 * Controls named as the workspace names them: `strength PhishingResistantMfa`, `terms ToU2026` (built-in strengths
 * included); other controls as given (callers map those to their own spelling).
 */
export function namedControlLabel(set: PolicySet): (control: string) => string {
    const strengths = new Map([...set.directory.strengths, ...BUILT_IN_STRENGTHS].map((s) => [s.id.toLowerCase(), s.name]));
    const terms = new Map(set.directory.terms.map((t) => [t.id.toLowerCase(), t.name]));
    return (control) => {
        const [kind, id = ''] = control.split(/:(.*)/s);
        if (kind === 'authenticationStrength') return `strength ${strengths.get(id.toLowerCase()) ?? id}`;
        if (kind === 'termsOfUse') return `terms ${terms.get(id.toLowerCase()) ?? id}`;
        return control;
    };
}

