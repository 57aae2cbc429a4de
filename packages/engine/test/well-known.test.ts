import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import {
  AUTH_METHOD_MODES,
  BUILT_IN_ROLES,
  BUILT_IN_STRENGTHS,
  GRAPH_PREVIEW_APP_VALUES,
  GRAPH_SPECIAL_APP_VALUES,
  PRIVILEGED_ROLE_IDS,
  WELL_KNOWN_APPS,
  expandApp,
  findAppByDisplayName,
  findAppById,
  findAppByName,
  findRoleByDisplayName,
  findRoleById,
  findRoleByName,
  findStrengthById,
  findStrengthByName,
  isAppInSuite,
  isAppSuite,
  isCaeCapableApp,
  isGuid,
  suitesContainingApp,
} from '../src/well-known/index.js';

/** Latch identifiers (LANGUAGE.md §1) and the words a declared name may not be. */
const IDENTIFIER = /^[A-Za-z_]([A-Za-z0-9_.-]*[A-Za-z0-9_])?$/;
const RESERVED = new Set(['all', 'none', 'guests', 'trusted', 'role', 'include', 'exclude']);
const LOWER_GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/**
 * Role template ids and app ids that policies in /work/shared/corpus reference but that no source lets us
 * identify. Each entry needs a comment saying where it occurs. Empty: every id in the corpus is identified
 * (app f53895d3-… is "Portfolios" = Project Online and 2793995e-… is "My Apps", both from
 * merill/microsoft-info; role b6a27b2b-… is Entra Backup Administrator, from Maester's generated role table).
 */
const UNIDENTIFIED_CORPUS_IDS: readonly string[] = [];

function duplicates(values: readonly string[]): string[] {
  const seen = new Set<string>();
  const dups = new Set<string>();
  for (const v of values) (seen.has(v) ? dups : seen).add(v);
  return [...dups];
}

describe('built-in roles', () => {
  it('has the full Entra list (100+) with unique names and ids', () => {
    expect(BUILT_IN_ROLES.length).toBeGreaterThanOrEqual(100);
    expect(duplicates(BUILT_IN_ROLES.map((r) => r.name))).toEqual([]);
    expect(duplicates(BUILT_IN_ROLES.map((r) => r.id.toLowerCase()))).toEqual([]);
    expect(duplicates(BUILT_IN_ROLES.map((r) => r.displayName.toLowerCase()))).toEqual([]);
  });

  it('uses valid Latch identifiers and lower-case GUID template ids', () => {
    for (const role of BUILT_IN_ROLES) {
      expect(role.name, role.displayName).toMatch(IDENTIFIER);
      expect(RESERVED.has(role.name)).toBe(false);
      expect(role.id, role.name).toMatch(LOWER_GUID);
      expect(role.displayName.trim()).toBe(role.displayName);
      expect(role.displayName.length).toBeGreaterThan(0);
    }
  });

  it('names are the display names in PascalCase', () => {
    for (const role of BUILT_IN_ROLES) {
      const pascal = role.displayName
        .split(/[^A-Za-z0-9]+/)
        .filter(Boolean)
        .map((w) => w[0]!.toUpperCase() + w.slice(1))
        .join('');
      expect(role.name).toBe(pascal);
    }
  });

  it('knows the roles the spec and the research name', () => {
    const expected: Record<string, string> = {
      GlobalAdministrator: '62e90394-69f5-4237-9190-012177145e10',
      SecurityAdministrator: '194ae4cb-b126-40b2-bd5b-6091b380977d',
      ConditionalAccessAdministrator: 'b1be1c3e-b65d-4f19-8427-f6fa0d97feb9',
      DirectorySynchronizationAccounts: 'd29b2b05-8046-44ba-8758-1e26182fcf32',
      TeamsAdministrator: '69091246-20e8-4a56-aa4d-066075b2a7a8',
      UserAdministrator: 'fe930be7-5e62-47db-91af-98c3a49a38b1',
      GlobalReader: 'f2ef992c-3afb-46b9-b7cf-a126ee74c451',
    };
    for (const [name, id] of Object.entries(expected)) {
      expect(findRoleByName(name)?.id, name).toBe(id);
      expect(findRoleById(id)?.name, id).toBe(name);
    }
  });

  it('looks roles up by id case-insensitively, by name exactly, by display name loosely', () => {
    expect(findRoleById('62E90394-69F5-4237-9190-012177145E10')?.name).toBe('GlobalAdministrator');
    expect(findRoleById(' 62e90394-69f5-4237-9190-012177145e10 ')?.name).toBe('GlobalAdministrator');
    expect(findRoleByName('globaladministrator')).toBeUndefined();
    expect(findRoleByDisplayName('global administrator')?.name).toBe('GlobalAdministrator');
    expect(findRoleById('00000000-0000-0000-0000-000000000000')).toBeUndefined();
  });

  it('PRIVILEGED_ROLE_IDS are the 15 "MFA for administrators" roles, all known', () => {
    expect(PRIVILEGED_ROLE_IDS).toHaveLength(15);
    expect(duplicates([...PRIVILEGED_ROLE_IDS])).toEqual([]);
    const names = PRIVILEGED_ROLE_IDS.map((id) => findRoleById(id)?.name);
    expect(names).toEqual([
      'GlobalAdministrator',
      'ApplicationAdministrator',
      'AuthenticationAdministrator',
      'BillingAdministrator',
      'CloudApplicationAdministrator',
      'ConditionalAccessAdministrator',
      'ExchangeAdministrator',
      'HelpdeskAdministrator',
      'PasswordAdministrator',
      'PrivilegedAuthenticationAdministrator',
      'PrivilegedRoleAdministrator',
      'SecurityAdministrator',
      'SharePointAdministrator',
      'TeamsAdministrator',
      'UserAdministrator',
    ]);
  });
});

describe('well-known apps', () => {
  const suites = WELL_KNOWN_APPS.filter((a) => a.members);

  it('has unique names and ids, valid identifiers, GUID ids except suites', () => {
    expect(duplicates(WELL_KNOWN_APPS.map((a) => a.name))).toEqual([]);
    expect(duplicates(WELL_KNOWN_APPS.map((a) => a.id.toLowerCase()))).toEqual([]);
    for (const app of WELL_KNOWN_APPS) {
      expect(app.name, app.displayName).toMatch(IDENTIFIER);
      expect(RESERVED.has(app.name)).toBe(false);
      expect(app.displayName.length).toBeGreaterThan(0);
      if (app.members) expect(GRAPH_SPECIAL_APP_VALUES as readonly string[]).toContain(app.id);
      else expect(app.id, app.name).toMatch(LOWER_GUID);
    }
  });

  it('has exactly the two Graph suites, named after their Graph values', () => {
    expect(suites.map((s) => [s.name, s.id])).toEqual([
      ['Office365', 'Office365'],
      ['MicrosoftAdminPortals', 'MicrosoftAdminPortals'],
    ]);
  });

  it('every suite member resolves to a non-suite app, listed once', () => {
    for (const suite of suites) {
      expect(suite.members!.length).toBeGreaterThan(0);
      expect(duplicates(suite.members!)).toEqual([]);
      for (const member of suite.members!) {
        const app = findAppByName(member);
        expect(app, `${suite.name} member ${member}`).toBeDefined();
        expect(app!.members).toBeUndefined();
      }
    }
  });

  it('Office365 holds the workloads; MicrosoftAdminPortals holds the portals, not the workloads', () => {
    const o365 = findAppByName('Office365')!.members!;
    for (const m of ['ExchangeOnline', 'SharePointOnline', 'MicrosoftTeams', 'Office365Portal', 'VivaEngage', 'MicrosoftForms', 'Planner'])
      expect(o365).toContain(m);
    const portals = findAppByName('MicrosoftAdminPortals')!.members!;
    expect([...portals].sort()).toEqual(['AzurePortal', 'ExchangeAdminCenter', 'Microsoft365SecurityAndComplianceCenter', 'Office365Portal']);
    for (const workload of ['ExchangeOnline', 'SharePointOnline', 'MicrosoftTeams', 'AzureManagement', 'MicrosoftGraph'])
      expect(portals).not.toContain(workload);
  });

  it('knows the apps the spec names, with their ids', () => {
    const expected: Record<string, string> = {
      AzureManagement: '797f4846-ba00-4fd7-ba43-dac1f8f63013',
      ExchangeOnline: '00000002-0000-0ff1-ce00-000000000000',
      SharePointOnline: '00000003-0000-0ff1-ce00-000000000000',
      MicrosoftTeams: 'cc15fd57-2c6c-4117-a88c-83b1d56b4bbe',
      IntuneEnrollment: 'd4ebce55-015a-49b5-a083-c84d1797ae8c',
      Intune: '0000000a-0000-0000-c000-000000000000',
      AzurePortal: 'c44b4083-3bb0-49c1-b47d-974e53cbdf3c',
      MicrosoftGraph: '00000003-0000-0000-c000-000000000000',
      WindowsAzureActiveDirectory: '00000002-0000-0000-c000-000000000000',
      GraphCommandLineTools: '14d82eec-204b-4c2f-b7e8-296a70dab67e',
    };
    for (const [name, id] of Object.entries(expected)) {
      expect(findAppByName(name)?.id, name).toBe(id);
      expect(findAppById(id.toUpperCase())?.name, id).toBe(name);
    }
    expect(findAppByDisplayName('office 365 exchange online')?.name).toBe('ExchangeOnline');
  });

  it('marks exactly Exchange Online, SharePoint Online, Teams and Graph as CAE-capable', () => {
    expect(WELL_KNOWN_APPS.filter((a) => a.caeCapable).map((a) => a.name).sort()).toEqual(
      ['ExchangeOnline', 'MicrosoftGraph', 'MicrosoftTeams', 'SharePointOnline'],
    );
    expect(isCaeCapableApp('00000002-0000-0FF1-CE00-000000000000')).toBe(true);
    expect(isCaeCapableApp('MicrosoftGraph')).toBe(true);
    expect(isCaeCapableApp('c44b4083-3bb0-49c1-b47d-974e53cbdf3c')).toBe(false);
    expect(isCaeCapableApp('2f6c1a55-0e4d-4d2a-9a53-2b5a3bb1c0de')).toBe(false);
  });

  it('expandApp: suites to member ids, apps to their id, unknown values unchanged', () => {
    const o365 = expandApp('Office365');
    expect(o365).toHaveLength(findAppByName('Office365')!.members!.length);
    expect(o365).toContain('00000002-0000-0ff1-ce00-000000000000');
    expect(o365.every(isGuid)).toBe(true);
    expect(expandApp('office365')).toEqual(o365); // Graph value, case-insensitive
    expect(expandApp('MicrosoftAdminPortals')).toEqual([
      '497effe9-df71-4043-a8bb-14cf78c4b63b',
      'c44b4083-3bb0-49c1-b47d-974e53cbdf3c',
      '00000006-0000-0ff1-ce00-000000000000',
      '80ccca67-54bd-44ab-8625-4b79c4dc7775',
    ]);
    expect(expandApp('ExchangeOnline')).toEqual(['00000002-0000-0ff1-ce00-000000000000']);
    expect(expandApp('797F4846-BA00-4FD7-BA43-DAC1F8F63013')).toEqual(['797f4846-ba00-4fd7-ba43-dac1f8f63013']);
    expect(expandApp('2f6c1a55-0e4d-4d2a-9a53-2b5a3bb1c0de')).toEqual(['2f6c1a55-0e4d-4d2a-9a53-2b5a3bb1c0de']);
    expect(expandApp('All')).toEqual(['All']);
  });

  it('suite membership helpers', () => {
    expect(isAppSuite('Office365')).toBe(true);
    expect(isAppSuite('ExchangeOnline')).toBe(false);
    expect(isAppInSuite('00000003-0000-0ff1-ce00-000000000000', 'Office365')).toBe(true);
    expect(isAppInSuite('AzurePortal', 'MicrosoftAdminPortals')).toBe(true);
    expect(isAppInSuite('AzureManagement', 'MicrosoftAdminPortals')).toBe(false);
    expect(isAppInSuite('ExchangeOnline', 'ExchangeOnline')).toBe(false);
    expect(suitesContainingApp('Office365Portal')).toEqual(['Office365', 'MicrosoftAdminPortals']);
    expect(suitesContainingApp('797f4846-ba00-4fd7-ba43-dac1f8f63013')).toEqual([]);
  });

  it('GRAPH_SPECIAL_APP_VALUES are the documented special values', () => {
    expect([...GRAPH_SPECIAL_APP_VALUES]).toEqual(['All', 'None', 'Office365', 'MicrosoftAdminPortals']);
  });
});

describe('built-in authentication strengths', () => {
  it('are Mfa, PasswordlessMfa, PhishingResistantMfa with Entra ids', () => {
    expect(BUILT_IN_STRENGTHS.map((s) => [s.name, s.id])).toEqual([
      ['Mfa', '00000000-0000-0000-0000-000000000002'],
      ['PasswordlessMfa', '00000000-0000-0000-0000-000000000003'],
      ['PhishingResistantMfa', '00000000-0000-0000-0000-000000000004'],
    ]);
    expect(findStrengthById('00000000-0000-0000-0000-000000000004')?.displayName).toBe('Phishing-resistant MFA');
    expect(findStrengthByName('Mfa')?.combinations).toHaveLength(17);
    expect(findStrengthByName('mfa')).toBeUndefined();
  });

  it('combinations use known method modes and nest: phishing-resistant ⊂ passwordless ⊂ MFA', () => {
    const modes = new Set<string>(AUTH_METHOD_MODES);
    const asKeys = (name: string) => new Set(findStrengthByName(name)!.combinations.map((c) => [...c].sort().join(',')));
    for (const s of BUILT_IN_STRENGTHS) {
      expect(s.combinations.length).toBeGreaterThan(0);
      expect(duplicates(s.combinations.map((c) => [...c].sort().join(',')))).toEqual([]);
      for (const combination of s.combinations) for (const m of combination) expect(modes.has(m), m).toBe(true);
    }
    const [mfa, pwless, phish] = [asKeys('Mfa'), asKeys('PasswordlessMfa'), asKeys('PhishingResistantMfa')];
    for (const k of phish) expect(pwless.has(k)).toBe(true);
    for (const k of pwless) expect(mfa.has(k)).toBe(true);
    expect([...phish].sort()).toEqual(['fido2', 'windowsHelloForBusiness', 'x509CertificateMultiFactor']);
    expect(mfa.has('microsoftAuthenticatorPush,password')).toBe(true);
  });
});

describe('tables are immutable', () => {
  it('rejects mutation at run time', () => {
    expect(() => (BUILT_IN_ROLES as unknown as { name: string }[]).push({ name: 'X' })).toThrow(TypeError);
    expect(() => {
      (findAppByName('Office365')!.members as string[]).push('X');
    }).toThrow(TypeError);
    expect(() => {
      (findStrengthByName('Mfa')!.combinations[0] as string[]).push('sms');
    }).toThrow(TypeError);
  });
});

// ---------------------------------------------------------------------------------------------------------------
// The real exports in /work/shared/corpus (beside the repository: <repo>/../shared/corpus).

const corpusDir = fileURLToPath(new URL('../../../../shared/corpus/', import.meta.url));

function walk(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? walk(join(dir, e.name)) : e.name.endsWith('.json') ? [join(dir, e.name)] : [],
  );
}

/** Graph exports are UTF-8 or UTF-16 (LE/BE) with a BOM. */
function readJsonText(file: string): string {
  const bytes = readFileSync(file);
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return bytes.subarray(2).toString('utf16le');
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return Buffer.from(bytes.subarray(2)).swap16().toString('utf16le');
  return bytes.toString('utf8').replace(/^\uFEFF/, '');
}

interface CorpusRefs {
  roles: Map<string, string>; // id -> first file
  apps: Map<string, string>;
  strengths: { file: string; id: string; displayName?: string; allowedCombinations?: string[] }[];
  files: number;
}

function collectCorpusRefs(): CorpusRefs {
  const refs: CorpusRefs = { roles: new Map(), apps: new Map(), strengths: [], files: 0 };
  const visit = (node: unknown, file: string): void => {
    if (Array.isArray(node)) {
      for (const n of node) visit(n, file);
      return;
    }
    if (node === null || typeof node !== 'object') return;
    for (const [k, v] of Object.entries(node)) {
      if (Array.isArray(v) && (k === 'includeRoles' || k === 'excludeRoles'))
        for (const id of v) if (typeof id === 'string' && !refs.roles.has(id)) refs.roles.set(id, file);
      if (Array.isArray(v) && (k === 'includeApplications' || k === 'excludeApplications'))
        for (const id of v) if (typeof id === 'string' && !refs.apps.has(id)) refs.apps.set(id, file);
      if (k === 'authenticationStrength' && v && typeof v === 'object' && typeof (v as { id?: unknown }).id === 'string')
        refs.strengths.push({ file, ...(v as { id: string; displayName?: string; allowedCombinations?: string[] }) });
      visit(v, file);
    }
  };
  for (const file of walk(corpusDir)) {
    visit(JSON.parse(readJsonText(file)), file);
    refs.files++;
  }
  return refs;
}

describe.skipIf(!existsSync(corpusDir))('corpus references (/work/shared/corpus)', () => {
  const refs = existsSync(corpusDir) ? collectCorpusRefs() : undefined;
  const unidentified = new Set(UNIDENTIFIED_CORPUS_IDS.map((id) => id.toLowerCase()));
  const specialApps = new Set<string>([...GRAPH_SPECIAL_APP_VALUES, ...GRAPH_PREVIEW_APP_VALUES]);

  it('reads the exports', () => {
    expect(refs!.files).toBeGreaterThan(100);
    expect(refs!.roles.size).toBeGreaterThan(50);
    expect(refs!.apps.size).toBeGreaterThan(5);
  });

  it('every role template id in a policy is a known built-in role (or explicitly unidentified)', () => {
    const unknown = [...refs!.roles].filter(([id]) => !findRoleById(id) && !unidentified.has(id.toLowerCase()));
    expect(unknown).toEqual([]);
  });

  it('every application id in a policy is known, special, or explicitly unidentified', () => {
    const unknown = [...refs!.apps].filter(
      ([id]) => !specialApps.has(id) && !findAppById(id) && !unidentified.has(id.toLowerCase()),
    );
    expect(unknown).toEqual([]);
  });

  it('the unidentified allow-list holds only ids that occur in the corpus and are still unknown', () => {
    const used = new Set([...refs!.roles.keys(), ...refs!.apps.keys()].map((id) => id.toLowerCase()));
    for (const id of unidentified) {
      expect(used.has(id), `${id} no longer occurs in the corpus`).toBe(true);
      expect(findRoleById(id) ?? findAppById(id), `${id} is now identified`).toBeUndefined();
    }
  });

  it('authentication strengths in the corpus match the built-ins (id, display name, combinations)', () => {
    expect(refs!.strengths.length).toBeGreaterThan(0);
    for (const s of refs!.strengths) {
      const builtIn = findStrengthById(s.id);
      expect(builtIn, `${s.id} in ${s.file}`).toBeDefined();
      if (s.displayName) expect(builtIn!.displayName).toBe(s.displayName);
      if (s.allowedCombinations)
        expect(builtIn!.combinations.map((c) => c.join(','))).toEqual(s.allowedCombinations);
    }
  });
});
