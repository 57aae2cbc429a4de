// Model SignIn → the body of Graph's POST /identity/conditionalAccess/evaluate (ca-semantics §3.2), ready to send:
// only what Graph accepts (the Latch extensions memberOf, roles, satisfiedControls and time are left out), in
// Graph's spelling, user actions in What If's own vocabulary.

import type { SignIn, UserAction } from '../model.js';

type Json = Record<string, unknown>;

const WHAT_IF_USER_ACTIONS: Record<UserAction, string> = {
  registerSecurityInfo: 'registerSecurityInformation',
  registerDevice: 'registerOrJoinDevices',
};

export function signInToGraphRequest(s: SignIn): Json {
  const identity: Json = { '@odata.type': '#microsoft.graph.userSignIn' };
  if (s.userId !== undefined) identity.userId = s.userId;
  const body: Json = { signInIdentity: identity };
  const t = s.target;
  if (t?.kind === 'application') body.signInContext = { '@odata.type': '#microsoft.graph.applicationContext', includeApplications: [t.appId] };
  else if (t?.kind === 'userAction') body.signInContext = { '@odata.type': '#microsoft.graph.userActionContext', userAction: WHAT_IF_USER_ACTIONS[t.action] };
  else if (t?.kind === 'authContext') body.signInContext = { '@odata.type': '#microsoft.graph.authContext', authenticationContextValue: t.id };
  const c: Json = {};
  if (s.devicePlatform !== undefined && s.devicePlatform !== 'unknown') c.devicePlatform = s.devicePlatform;
  if (s.clientAppType !== undefined) c.clientAppType = s.clientAppType;
  if (s.signInRisk !== undefined) c.signInRiskLevel = s.signInRisk;
  if (s.userRisk !== undefined) c.userRiskLevel = s.userRisk;
  if (s.insiderRisk !== undefined) c.insiderRiskLevel = s.insiderRisk;
  if (s.country !== undefined && s.country !== 'unknown') c.country = s.country;
  if (s.ipAddress !== undefined) c.ipAddress = s.ipAddress;
  if (s.authenticationFlow !== undefined) c.authenticationFlow = { transferMethod: s.authenticationFlow };
  if (s.device?.registered) {
    const info: Json = {};
    for (const [k, v] of Object.entries(s.device.properties)) {
      if (v === undefined) continue;
      // The rule language says deviceOwnership; Graph's deviceInfo says ownership.
      info[k === 'deviceOwnership' ? 'ownership' : k] = k.toLowerCase() === 'iscompliant' ? v === true || v === 'true' : v;
    }
    c.deviceInfo = info;
  }
  body.signInConditions = c;
  body.appliedPoliciesOnly = false;
  return body;
}
