import type { AnalysisReason, ConditionStatus, SignIn } from '../model.js';

const missing = 'not given';

/** The sign-in input a condition looks at, in words (trace details for people; not on the hot path). */
export function conditionInput(reason: AnalysisReason, s: SignIn): string {
    switch (reason) {
        case 'users': {
            const parts = [s.userId !== undefined ? `user ${s.userId}` : 'no user id'];
            if (s.memberOf?.length) parts.push(`groups ${s.memberOf.join(', ')}`);
            if (s.roles?.length) parts.push(`roles ${s.roles.join(', ')}`);
            if (s.guestType) parts.push(`guest ${s.guestType}`);
            return parts.join('; ');
        }
        case 'application': case 'userActions': case 'authenticationContext': {
            const t = s.target;
            return !t ? `target ${missing}` : t.kind === 'application' ? `app ${t.appId}` : t.kind === 'userAction' ? `user action ${t.action}` : `auth context ${t.id}`;
        }
        case 'devicePlatform': return `platform ${s.devicePlatform ?? missing}`;
        case 'devices': return s.device?.registered ? `registered device ${JSON.stringify(s.device.properties)}` : 'unregistered device (every property null)';
        case 'clientApps': return `client ${s.clientAppType ?? missing}`;
        case 'location': return `ip ${s.ipAddress ?? missing}, country ${s.country ?? missing}`;
        case 'signInRisk': return `sign-in risk ${s.signInRisk ?? missing}`;
        case 'userRisk': return `user risk ${s.userRisk ?? missing}`;
        case 'insiderRisk': return `insider risk ${s.insiderRisk ?? missing}`;
        case 'authenticationFlow': return `flow ${s.authenticationFlow ?? missing}`;
        case 'time': return `time ${s.time ?? missing}`;
        default: return '';
    }
}

const WORDS: Record<ConditionStatus, string> = {
    matches: 'matches', fails: 'does not match', notConfigured: 'not configured (matches)', missingInput: 'input missing',
};

export function conditionDetail(reason: AnalysisReason, status: ConditionStatus, s: SignIn): string {
    return status === 'notConfigured' ? WORDS[status] : `${conditionInput(reason, s)}: ${WORDS[status]}`;
}
