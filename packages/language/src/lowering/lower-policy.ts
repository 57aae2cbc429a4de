import { type Control, type Grant, type Policy, type SessionControls, parseDuration } from '@latch/engine';
import * as ast from '../generated/ast.js';
import { refId } from './ids.js';
import { lowerConditions } from './lower-conditions.js';
import { CAE, CLOUD_APP_SECURITY, CONTROL, STATE } from './vocabulary.js';

/** A control as the engine names it (Graph spelling; strengths and terms by id). */
export function lowerControl(c: ast.ControlRef): Control {
    if (ast.isStrengthControl(c)) return `authenticationStrength:${refId(c.strength)}`;
    if (ast.isTermsControl(c)) return `termsOfUse:${refId(c.terms)}`;
    return CONTROL[c.control] ?? c.control ?? '';
}

function lowerGrant(clause: ast.GrantClause): Grant {
    if (clause.controls.some((c) => ast.isBuiltinControl(c) && c.control === 'block')) return { kind: 'block' };
    // Mixed operators are a validation error; `or` anywhere makes it an OR grant so evaluation stays total.
    const operator = clause.connectives.includes('or') ? 'OR' : 'AND';
    return { kind: 'controls', operator, controls: clause.controls.map(lowerControl).filter((c) => c !== '') };
}

export function lowerSessionSetting(s: ast.SessionSetting, out: SessionControls): void {
    if (ast.isSignInFrequencySetting(s)) {
        const minutes = s.duration ? parseDuration(s.duration) : undefined;
        if (s.everyTime) out.signInFrequency = 'everyTime';
        else if (minutes !== undefined) {
            out.signInFrequency = minutes;
            out.signInFrequencyUnit = s.duration?.endsWith('d') ? 'days' : 'hours';
        }
    } else if (ast.isPersistentBrowserSetting(s)) out.persistentBrowser = s.mode;
    else if (ast.isAppEnforcedSetting(s)) out.applicationEnforcedRestrictions = true;
    else if (ast.isCloudAppSecuritySetting(s)) out.cloudAppSecurity = CLOUD_APP_SECURITY[s.mode];
    else if (ast.isCaeSetting(s)) out.continuousAccessEvaluation = CAE[s.mode];
    else if (ast.isTokenProtectionSetting(s)) out.secureSignInSession = true;
    else if (ast.isDisableResilienceSetting(s)) out.disableResilienceDefaults = true;
}

/** `extra { … }` → the JSON value it spells. */
export function jsonValue(v: ast.JsonValue): unknown {
    if (ast.isJsonObject(v)) return Object.fromEntries(v.members.map((m) => [m.key, jsonValue(m.value)]));
    if (ast.isJsonArray(v)) return v.items.map(jsonValue);
    if (ast.isJsonString(v)) return v.value;
    if (ast.isJsonNumber(v)) return Number(v.value);
    if (ast.isJsonBoolean(v)) return v.value === 'true';
    return null;
}

export function lowerPolicy(node: ast.Policy): Policy {
    const conditions = lowerConditions(node.clauses.filter(ast.isConditionClause));
    const policy: Policy = { id: node.name, name: node.name, displayName: node.displayName, state: 'enabledForReportingButNotEnforced', ...conditions };
    for (const c of node.clauses) {
        if (ast.isStateClause(c)) policy.state = STATE[c.state];
        else if (ast.isIdClause(c)) policy.id = c.id;
        else if (ast.isTemplateIdClause(c)) policy.templateId = c.templateId;
        else if (ast.isDescriptionClause(c)) policy.description = c.description;
        else if (ast.isBlockClause(c)) policy.grant = { kind: 'block' };
        else if (ast.isGrantClause(c) && policy.grant?.kind !== 'block') policy.grant = lowerGrant(c);
        else if (ast.isSessionClause(c)) {
            const session: SessionControls = policy.session ?? {};
            for (const s of c.settings) lowerSessionSetting(s, session);
            policy.session = session;
        } else if (ast.isExtraClause(c)) policy.extra = jsonValue(c.value) as Record<string, unknown>;
    }
    return policy;
}
