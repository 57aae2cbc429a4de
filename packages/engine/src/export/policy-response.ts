// A policy as Graph *returns* it (GET, and each element of the evaluate API's whatIfAnalysisResult collection):
// every documented property present, unset ones as null or [] the way Graph writes them, in Graph's order. The
// write body (policy-graph.ts) leaves unset properties out; a reader diffing Latch's What If against the tenant's
// wants the response shape instead.

import type { AuthStrength } from '../model.js';
import { BUILT_IN_STRENGTHS } from '../well-known/index.js';

type Json = Record<string, unknown>;

const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

/** `value`'s keys over `defaults` (defaults first, in their order; nested objects filled the same way). */
function fill(defaults: Json, value: Json, nested: Record<string, Json> = {}): Json {
    const out: Json = {};
    for (const [k, d] of Object.entries(defaults)) {
        const v = k in value ? value[k] : d;
        out[k] = nested[k] && isObject(v) ? fill(nested[k], v) : v;
    }
    for (const [k, v] of Object.entries(value)) if (!(k in out)) out[k] = nested[k] && isObject(v) ? fill(nested[k], v) : v;
    return out;
}

const USERS: Json = {
    includeUsers: [], excludeUsers: [], includeGroups: [], excludeGroups: [], includeRoles: [], excludeRoles: [],
    includeGuestsOrExternalUsers: null, excludeGuestsOrExternalUsers: null,
};
const APPLICATIONS: Json = {
    includeApplications: [], excludeApplications: [], includeUserActions: [], includeAuthenticationContextClassReferences: [],
    applicationFilter: null,
};
// The beta shape (the evaluate API is beta), in the order a tenant's GET export lists it.
const CONDITIONS: Json = {
    userRiskLevels: [], signInRiskLevels: [], clientAppTypes: ['all'], servicePrincipalRiskLevels: [], insiderRiskLevels: null,
    platforms: null, locations: null, times: null, deviceStates: null, devices: null, clientApplications: null, agents: null,
    authenticationFlows: null, applications: null, users: null,
};
const PLATFORMS: Json = { includePlatforms: [], excludePlatforms: [] };
const LOCATIONS: Json = { includeLocations: [], excludeLocations: [] };
const DEVICES: Json = { includeDeviceStates: [], excludeDeviceStates: [], includeDevices: [], excludeDevices: [], deviceFilter: null };
const GRANT: Json = { operator: 'OR', builtInControls: [], customAuthenticationFactors: [], termsOfUse: [], authenticationStrength: null };
const SESSION: Json = {
    disableResilienceDefaults: null, applicationEnforcedRestrictions: null, cloudAppSecurity: null, signInFrequency: null,
    persistentBrowser: null, continuousAccessEvaluation: null, secureSignInSession: null, networkAccessSecurity: null,
    globalSecureAccessFilteringProfile: null, blockSensitiveActions: null,
};
const POLICY: Json = {
    id: null, templateId: null, displayName: null, createdDateTime: null, modifiedDateTime: null, state: null,
    deletedDateTime: null, partialEnablementStrategy: null, sessionControls: null, conditions: null, grantControls: null,
};

const SIGN_IN_FREQUENCY: Json = { value: null, type: null, authenticationType: 'primaryAndSecondaryAuthentication', frequencyInterval: 'timeBased', isEnabled: true };
const CLIENT_APPLICATIONS: Json = { includeServicePrincipals: [], excludeServicePrincipals: [] };
const AGENTS: Json = { includeAgentUsers: [], excludeAgentUsers: [], agentFilter: null };
// Preview properties a tenant returns only when set (kept in `extra`, where an empty list reads as unset).
const AGENT_CONTEXT: Json = { includeAgentContexts: [], excludeAgentContexts: [] };

/** The authentication strength object Graph expands in a policy (built-in ones fully; declared ones as far as known). */
function strengthObject(ref: Json, declared: readonly AuthStrength[]): Json {
    const id = String(ref.id ?? '').toLowerCase();
    const builtIn = BUILT_IN_STRENGTHS.find((s) => s.id === id);
    const custom = declared.find((s) => s.id.toLowerCase() === id && !s.builtIn);
    const known = builtIn ?? custom;
    if (!known) return ref;
    return {
        id: ref.id, createdDateTime: null, modifiedDateTime: null, displayName: builtIn?.displayName ?? custom?.displayName ?? custom?.name,
        description: builtIn?.description ?? null, policyType: builtIn ? 'builtIn' : 'custom', requirementsSatisfied: builtIn ? 'mfa' : null,
        allowedCombinations: known.combinations.map((c) => c.join(',')), combinationConfigurations: [],
    };
}

/**
 * A policy write body (policyToGraph) in Graph's response shape; `strengths` (the directory's) expand authentication
 * strengths the way Graph returns them.
 */
export function policyResponseShape(body: Json, strengths: readonly AuthStrength[] = []): Json {
    const out = fill(POLICY, body);
    if (isObject(out.conditions)) {
        out.conditions = fill(CONDITIONS, out.conditions, {
            users: USERS, applications: APPLICATIONS, platforms: PLATFORMS, locations: LOCATIONS, devices: DEVICES,
            clientApplications: CLIENT_APPLICATIONS, agents: AGENTS, agentContext: AGENT_CONTEXT,
        });
    }
    if (isObject(out.grantControls)) {
        const g = fill(GRANT, out.grantControls);
        if (isObject(g.authenticationStrength)) g.authenticationStrength = strengthObject(g.authenticationStrength, strengths);
        out.grantControls = g;
    }
    if (isObject(out.sessionControls)) out.sessionControls = fill(SESSION, out.sessionControls, { signInFrequency: SIGN_IN_FREQUENCY });
    return out;
}
