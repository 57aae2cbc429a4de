// Every JSON file of the shared corpus (real public exports and templates) must load.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Policy } from '../src/model.js';
import { decodeJsonBytes, loadGraphFiles, parseJsonWithPositions, readGraphDocument } from '../src/graph/index.js';

const CORPUS = '/work/shared/corpus';
const J0EYV = join(CORPUS, 'j0eyv-ConditionalAccessBaseline', 'Config');
const ALEX = join(CORPUS, 'AlexFilipin-ConditionalAccess');

function walk(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? walk(join(dir, e.name)) : e.name.toLowerCase().endsWith('.json') ? [join(dir, e.name)] : []);
}

const files = walk(CORPUS).sort();

function policyIn(file: string): Policy {
  const { set } = loadGraphFiles([file]);
  expect(set.policies).toHaveLength(1);
  return set.policies[0]!;
}

/** Any key at any depth matching `bad`. */
function keysMatching(value: unknown, bad: RegExp, path = ''): string[] {
  if (Array.isArray(value)) return value.flatMap((v, i) => keysMatching(v, bad, `${path}[${i}]`));
  if (typeof value !== 'object' || value === null) return [];
  return Object.entries(value).flatMap(([k, v]) => [...(bad.test(k) ? [`${path}.${k}`] : []), ...keysMatching(v, bad, `${path}.${k}`)]);
}

describe('corpus', () => {
  it('has the expected files', () => {
    expect(files.length).toBeGreaterThanOrEqual(280);
  });

  it.each(files.map((f) => [relative(CORPUS, f), f]))('%s loads', (_name, file) => {
    const doc = readGraphDocument(parseJsonWithPositions(decodeJsonBytes(readFileSync(file)), file), file);
    const isPolicyOrLocation = !file.includes('/Groups/') && !file.endsWith('MigrationTable.json');
    if (isPolicyOrLocation) {
      expect(doc.policies.length + doc.namedLocations.length).toBe(1);
      // Only the deliberately skipped non-policy objects produce warnings in this corpus.
      expect(doc.warnings).toEqual([]);
    } else if (file.includes('/Groups/')) {
      // Group objects name the groups the policies use.
      expect(doc.policies.length + doc.namedLocations.length).toBe(0);
      expect(doc.groups).toHaveLength(1);
      expect(doc.warnings).toEqual([]);
    } else {
      expect(doc.policies.length + doc.namedLocations.length).toBe(0);
      expect(doc.warnings.join()).toMatch(/skipped/);
    }
  });

  it('loads as one policy set with unique ids and no annotations or timestamps left', () => {
    const { set, warnings } = loadGraphFiles([CORPUS]);
    expect(set.policies.length).toBe(250);
    expect(set.namedLocations.length).toBe(3);
    expect(new Set(set.policies.map((p) => p.id.toLowerCase())).size).toBe(set.policies.length);
    expect(keysMatching(set, /@odata|^#|DateTime$/)).toEqual([]);
    // One skipped non-policy file (the migration table); the rest are renamed duplicate templates. The 36 group
    // files (34 distinct ids) became directory groups with their display names.
    expect(warnings.filter((w) => w.includes('skipped'))).toHaveLength(1);
    expect(set.directory.groups).toHaveLength(34);
    expect(set.directory.groups.find((g) => g.id === '2802b872-ccfb-4b29-a9a9-459808dfb11b')?.name).toBe('CA-BreakGlassAccounts - Exclude');
    expect(set.directory.groups.every((g) => g.members === undefined)).toBe(true);
    expect(warnings.every((w) => /skipped|derived id .* is taken/.test(w))).toBe(true);
    const states = new Set(set.policies.map((p) => p.state));
    expect([...states].sort()).toEqual(['enabled', 'enabledForReportingButNotEnforced']);
  });

  it('reads a UTF-16 LE export (CA004) and splits its flags string', () => {
    const p = policyIn(join(J0EYV, 'ConditionalAccess', 'CA004-Global-IdentityProtection-AnyApp-AnyPlatform-AuthenticationFlows.json'));
    expect(p.displayName).toBe('CA004-Global-IdentityProtection-AnyApp-AnyPlatform-AuthenticationFlows');
    expect(p.id).toBe('1bf06972-bd5c-4d06-98ce-6b5bf5f1959f');
    expect(p.authenticationFlows).toEqual(['deviceCodeFlow', 'authenticationTransfer']);
    expect(p.grant).toEqual({ kind: 'block' });
    expect(p.clientAppTypes).toBeUndefined();
  });

  it('reads typed guests with all external tenants (CA400)', () => {
    const p = policyIn(join(J0EYV, 'ConditionalAccess', 'CA400-GuestUsers-IdentityProtection-AnyApp-AnyPlatform-MFA.json'));
    expect(p.users?.include.guests).toEqual({
      types: ['internalGuest', 'b2bCollaborationGuest', 'b2bCollaborationMember', 'b2bDirectConnectUser', 'otherExternalUser', 'serviceProvider'],
      tenants: 'all',
    });
  });

  it('keeps template placeholders as names and ids (211)', () => {
    const p = policyIn(join(ALEX, 'PolicySets', 'Category structure for AADP1 and AADP2 mixture',
      '211 - RING - Base protection - Register or Join Entra ID Device Require Strong Auth or trusted location For internal users.json'));
    expect(p.name).toBe('211 - <RING> - Base protection - Register or Join Entra ID Device: Require Strong Auth or trusted location For internal users');
    expect(p.id).toBe('211-RING-Base-protection-Register-or-Join-Entra-ID-Device-Require-Strong-Auth-or-trusted-location-For-internal-users');
    expect(p.users?.exclude.groups).toEqual(['<ExclusionTempGroup>', '<ExclusionPermGroup>', '<EmergencyAccessAccountsGroup>']);
    expect(p.users?.exclude.allGuests).toBe(true);
    expect(p.target).toEqual({ kind: 'userActions', actions: ['registerDevice'] });
    expect(p.grant).toEqual({ kind: 'controls', operator: 'OR', controls: ['authenticationStrength:00000000-0000-0000-0000-000000000004'] });
  });

  it('reads a UTF-16 country location and the compliant-network location', () => {
    const { set } = loadGraphFiles([join(J0EYV, 'NamedLocations')]);
    expect(set.namedLocations.find((l) => l.name === 'ALLOWED COUNTRIES')).toEqual({
      id: '185c993e-10a9-44fa-98d1-230c8f72f497', name: 'ALLOWED COUNTRIES', displayName: 'ALLOWED COUNTRIES', kind: 'country',
      countries: ['BE', 'LU', 'NL'], includeUnknownCountries: false, countryLookupMethod: 'clientIpAddress',
    });
    expect(set.namedLocations.find((l) => l.kind === 'compliantNetwork')).toMatchObject({ trusted: true, extra: { compliantNetworkType: 'allTenantCompliantNetworks' } });
  });

  it('keeps agent-identity and Global Secure Access beta fields in extra', () => {
    const agents = policyIn(join(J0EYV, 'ConditionalAccess', 'CA501-Agents-IdentityProtection-AnyApp-AnyPlatform-BLOCK-HighRiskAgent.json'));
    expect(agents.extra).toEqual({ conditions: { agentIdRiskLevels: 'high', clientApplications: { includeAgentIdServicePrincipals: ['All'] } } });
    const gsa = policyIn(join(ALEX, 'PolicyRepository', 'Global Secure Access', '801 - RING - Global Secure Access - M365 Traffic Require Strong Auth.json'));
    expect(gsa.extra?.conditions).toMatchObject({ applications: { networkAccess: { includeTrafficProfiles: 'm365' } } });
  });

  it('maps session controls of real exports (CA202 sign-in frequency, CA104 CAE, 209 token protection)', () => {
    const ca202 = policyIn(join(J0EYV, 'ConditionalAccess', 'CA202-Internals-IdentityProtection-AllApps-WindowsMacOS-SigninFrequency-UnmanagedDevices.json'));
    expect(ca202.session).toEqual({ signInFrequency: 720, signInFrequencyUnit: 'hours' });
    expect(ca202.platforms).toEqual({ include: ['windows', 'macOS'], exclude: [] });
    expect(ca202.deviceFilter?.mode).toBe('exclude');
    const ca104 = policyIn(join(J0EYV, 'ConditionalAccess', 'CA104-Admins-IdentityProtection-AllApps-AnyPlatform-ContinuousAccessEvaluation.json'));
    expect(ca104.session).toEqual({ continuousAccessEvaluation: 'strictLocation' });
    const tp = policyIn(join(ALEX, 'PolicyRepository', 'Base protection', '209 - RING - Base protection - All apps Require Token protection for EXO and SPO Desktop App(preview).json'));
    expect(tp.session).toEqual({ secureSignInSession: true });
  });

  it('reads "locations": [] and "clientAppTypes": ["All"] as unconfigured (701)', () => {
    const p = policyIn(join(ALEX, 'PolicyRepository', 'Workload Protection', '701 - RING - Workload Protection - All apps Block Access When risk Level detected.json'));
    expect(p.locations).toBeUndefined();
    expect(p.clientAppTypes).toBeUndefined();
    expect(p.extra?.conditions).toMatchObject({ servicePrincipalRiskLevels: expect.any(Array) });
  });
});
