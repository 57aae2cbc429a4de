// Graph spellings the exporter writes that the model does not already use verbatim (the model speaks Graph's
// vocabulary for enums; these are the few shapes around it).

import type { NamedLocation } from '../model.js';

export const ODATA = {
  allExternalTenants: '#microsoft.graph.conditionalAccessAllExternalTenants',
  enumeratedExternalTenants: '#microsoft.graph.conditionalAccessEnumeratedExternalTenants',
  ipv4Range: '#microsoft.graph.iPv4CidrRange',
  ipv6Range: '#microsoft.graph.iPv6CidrRange',
} as const;

export const NAMED_LOCATION_TYPES: Record<NamedLocation['kind'], string> = {
  ip: '#microsoft.graph.ipNamedLocation',
  country: '#microsoft.graph.countryNamedLocation',
  compliantNetwork: '#microsoft.graph.compliantNetworkNamedLocation',
};

/** The only compliant-network type Graph defines. */
export const ALL_TENANT_COMPLIANT_NETWORKS = 'allTenantCompliantNetworks';

/** Graph API version an export targets: v1.0 (`graph`) or beta (`graph-beta`). */
export type GraphFormat = 'graph' | 'graph-beta';

/**
 * Properties that only the beta endpoint accepts (ca-semantics §1, §4.1): v1.0 rejects them, so a `graph` export
 * reports them as unsupported. Paths are dotted from the policy root.
 */
export const BETA_ONLY_POLICY_PATHS: readonly string[] = [
  'partialEnablementStrategy',
  'conditions.times',
  'conditions.deviceStates',
  'conditions.devices.includeDeviceStates',
  'conditions.devices.excludeDeviceStates',
  'conditions.agents',
  'conditions.clientApplications.includeAgentIdServicePrincipals',
  'conditions.clientApplications.excludeAgentIdServicePrincipals',
  'conditions.applications.networkAccess',
  'conditions.applications.globalSecureAccess',
  'sessionControls.continuousAccessEvaluation',
  'sessionControls.globalSecureAccessFilteringProfile',
  'sessionControls.networkAccessSecurity',
];
