// The engine's table of well-known Entra objects (built-in roles, well-known apps and app suites, built-in
// authentication strengths) and lookups over it. Ids compare case-insensitively (Graph GUIDs are
// case-insensitive); Latch names compare exactly (Latch identifiers are case-sensitive).

import { BUILT_IN_ROLES, type BuiltInRole } from './roles.js';
import { WELL_KNOWN_APPS, type WellKnownApp } from './apps.js';
import { BUILT_IN_STRENGTHS, type BuiltInStrength } from './strengths.js';

export { BUILT_IN_ROLES, type BuiltInRole } from './roles.js';
export { WELL_KNOWN_APPS, type WellKnownApp } from './apps.js';
export { BUILT_IN_STRENGTHS, type BuiltInStrength } from './strengths.js';

/**
 * Special values of `includeApplications` / `excludeApplications` ([ca-semantics §1.3], Graph
 * conditionalAccessApplications). `Office365` and `MicrosoftAdminPortals` are also suites in WELL_KNOWN_APPS.
 */
export const GRAPH_SPECIAL_APP_VALUES = Object.freeze(['All', 'None', 'Office365', 'MicrosoftAdminPortals'] as const);
export type GraphSpecialAppValue = (typeof GRAPH_SPECIAL_APP_VALUES)[number];

/**
 * Newer (preview) special values seen in real exports: `AllAgentIdResources` ("All agent resources", policies
 * for agent identities; j0eyv-ConditionalAccessBaseline CA502/CA505, ca-semantics §1.3).
 */
export const GRAPH_PREVIEW_APP_VALUES = Object.freeze(['AllAgentIdResources'] as const);

/** Graph `authenticationMethodModes` (ca-semantics §4.1, from the Graph JSON schema). */
export const AUTH_METHOD_MODES = Object.freeze([
  'password',
  'voice',
  'hardwareOath',
  'softwareOath',
  'sms',
  'fido2',
  'windowsHelloForBusiness',
  'microsoftAuthenticatorPush',
  'deviceBasedPush',
  'temporaryAccessPassOneTime',
  'temporaryAccessPassMultiUse',
  'email',
  'x509CertificateSingleFactor',
  'x509CertificateMultiFactor',
  'federatedSingleFactor',
  'federatedMultiFactor',
] as const);
export type AuthMethodMode = (typeof AUTH_METHOD_MODES)[number];

/**
 * Role template ids targeted by Microsoft's "Require MFA for administrators" template: the 15 roles of
 * MicrosoftDocs/entra-docs docs/includes/conditional-access-admin-roles.md (commit 09a54a44…), ids per
 * BUILT_IN_ROLES. The Graph evaluate example policy (ca-semantics §4.4) lists the first 14 (no Teams Administrator).
 */
export const PRIVILEGED_ROLE_IDS = Object.freeze([
  '62e90394-69f5-4237-9190-012177145e10', // Global Administrator
  '9b895d92-2cd3-44c7-9d02-a6ac2d5ea5c3', // Application Administrator
  'c4e39bd9-1100-46d3-8c65-fb160da0071f', // Authentication Administrator
  'b0f54661-2d74-4c50-afa3-1ec803f12efe', // Billing Administrator
  '158c047a-c907-4556-b7ef-446551a6b5f7', // Cloud Application Administrator
  'b1be1c3e-b65d-4f19-8427-f6fa0d97feb9', // Conditional Access Administrator
  '29232cdf-9323-42fd-ade2-1d097af3e4de', // Exchange Administrator
  '729827e3-9c14-49f7-bb1b-9608f156bbb8', // Helpdesk Administrator
  '966707d0-3269-4727-9be2-8c3a10f19b9d', // Password Administrator
  '7be44c8a-adaf-4e2a-84d6-ab2649e08a13', // Privileged Authentication Administrator
  'e8611ab8-c189-46e8-94e1-60213ab1f814', // Privileged Role Administrator
  '194ae4cb-b126-40b2-bd5b-6091b380977d', // Security Administrator
  'f28a1f50-f6e7-4571-818b-6a12f2af6b6c', // SharePoint Administrator
  '69091246-20e8-4a56-aa4d-066075b2a7a8', // Teams Administrator
  'fe930be7-5e62-47db-91af-98c3a49a38b1', // User Administrator
] as const);

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** True for a GUID in the usual 8-4-4-4-12 hex form (any case). */
export function isGuid(value: string): boolean {
  return GUID.test(value);
}

const key = (id: string): string => id.trim().toLowerCase();

function indexBy<T>(items: readonly T[], keyOf: (item: T) => string): ReadonlyMap<string, T> {
  const map = new Map<string, T>();
  for (const item of items) map.set(keyOf(item), item);
  return map;
}

const rolesById = indexBy(BUILT_IN_ROLES, (r) => key(r.id));
const rolesByName = indexBy(BUILT_IN_ROLES, (r) => r.name);
const rolesByDisplayName = indexBy(BUILT_IN_ROLES, (r) => key(r.displayName));
const appsById = indexBy(WELL_KNOWN_APPS, (a) => key(a.id));
const appsByName = indexBy(WELL_KNOWN_APPS, (a) => a.name);
const appsByDisplayName = indexBy(WELL_KNOWN_APPS, (a) => key(a.displayName));
const strengthsById = indexBy(BUILT_IN_STRENGTHS, (s) => key(s.id));
const strengthsByName = indexBy(BUILT_IN_STRENGTHS, (s) => s.name);

/** The built-in role with this role template id (case-insensitive). */
export function findRoleById(id: string): BuiltInRole | undefined {
  return rolesById.get(key(id));
}

/** The built-in role with this Latch name (exact, e.g. `GlobalAdministrator`). */
export function findRoleByName(name: string): BuiltInRole | undefined {
  return rolesByName.get(name);
}

/** The built-in role with this Entra display name (case-insensitive, e.g. "Global Administrator"). */
export function findRoleByDisplayName(displayName: string): BuiltInRole | undefined {
  return rolesByDisplayName.get(key(displayName));
}

/** The well-known app or suite with this application id or suite value (case-insensitive). */
export function findAppById(id: string): WellKnownApp | undefined {
  return appsById.get(key(id));
}

/** The well-known app or suite with this Latch name (exact, e.g. `ExchangeOnline`). */
export function findAppByName(name: string): WellKnownApp | undefined {
  return appsByName.get(name);
}

/** The well-known app with this Entra display name (case-insensitive, e.g. "Office 365 Exchange Online"). */
export function findAppByDisplayName(displayName: string): WellKnownApp | undefined {
  return appsByDisplayName.get(key(displayName));
}

/** A well-known app by Latch name first, then by id. */
function resolveApp(idOrName: string): WellKnownApp | undefined {
  return findAppByName(idOrName) ?? findAppById(idOrName);
}

/** True when `idOrName` names a suite (an app with members): `Office365`, `MicrosoftAdminPortals`. */
export function isAppSuite(idOrName: string): boolean {
  return resolveApp(idOrName)?.members !== undefined;
}

/**
 * The application ids `idOrName` stands for: a suite (by name or Graph value) expands to its members' app ids
 * (nested suites flattened, duplicates removed, in table order); a well-known app name gives its id; anything
 * else (an unknown id, a tenant's own app) is returned as given.
 */
export function expandApp(idOrName: string): string[] {
  const app = resolveApp(idOrName);
  if (!app) return [idOrName];
  const out: string[] = [];
  const seen = new Set<string>();
  const visit = (current: WellKnownApp): void => {
    if (seen.has(current.name)) return;
    seen.add(current.name);
    if (!current.members) {
      out.push(current.id);
      return;
    }
    for (const memberName of current.members) {
      const member = findAppByName(memberName);
      if (member) visit(member);
    }
  };
  visit(app);
  return out;
}

/** True when the app with this id (or Latch name) belongs to the suite `suiteIdOrName`. */
export function isAppInSuite(appIdOrName: string, suiteIdOrName: string): boolean {
  const app = resolveApp(appIdOrName);
  const appId = key(app ? app.id : appIdOrName);
  return isAppSuite(suiteIdOrName) && expandApp(suiteIdOrName).some((id) => key(id) === appId);
}

/** Names of the suites that contain the app with this id (or Latch name). */
export function suitesContainingApp(appIdOrName: string): string[] {
  return WELL_KNOWN_APPS.filter((a) => a.members && isAppInSuite(appIdOrName, a.name)).map((a) => a.name);
}

/**
 * True when the app (id or Latch name) is CAE-capable: Exchange Online, SharePoint Online, Microsoft Teams,
 * Microsoft Graph (LANGUAGE.md §5). Unknown apps are not.
 */
export function isCaeCapableApp(appIdOrName: string): boolean {
  return resolveApp(appIdOrName)?.caeCapable === true;
}

/** The built-in authentication strength with this id (case-insensitive). */
export function findStrengthById(id: string): BuiltInStrength | undefined {
  return strengthsById.get(key(id));
}

/** The built-in authentication strength with this Latch name (exact: `Mfa`, `PasswordlessMfa`, `PhishingResistantMfa`). */
export function findStrengthByName(name: string): BuiltInStrength | undefined {
  return strengthsByName.get(name);
}
