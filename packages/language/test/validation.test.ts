// Every validation rule (issue-codes.ts and LANGUAGE.md §3 "Validation the language server must enforce"): a negative
// case (the diagnostic appears with its code, severity and a range covering the right text) and a positive case
// (the corrected input has no issue of that code and no lexing, parsing or linking error).

import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { IssueCodes } from '../src/validation/issue-codes.js';
import { buildWorkspace, clearWorkspace, ensureBuiltins, render, SYNTAX_CODES, targetOf, validate, type Issue } from './helpers.js';

type Sources = string | Record<string, string>;

interface RuleCase {
    title: string;
    code: string;
    severity: Issue['severity'];
    bad: Sources;
    /** The text each diagnostic of `code` covers, in order (`file: text` for multi-file sources). */
    covered: string[];
    good: Sources;
}

const multi = (s: Sources) => typeof s !== 'string';
const covered = (issues: Issue[], sources: Sources) => issues.map((i) => (multi(sources) ? `${i.file}: ${i.text}` : i.text));
const syntaxErrors = (issues: Issue[]) => issues.filter((i) => (SYNTAX_CODES as readonly string[]).includes(i.code));

/** A policy with `state on`, users all and apps all unless the body says otherwise. */
const policy = (body: string, head = 'P') => `policy ${head} {\n  state on\n  ${body}\n}\n`;
const scenario = (body: string, name = 's') => `scenario "${name}" {\n  ${body}\n}\n`;

const CASES: RuleCase[] = [
    // --- names --------------------------------------------------------------------------------------------------
    {
        title: 'two users with one name in one file', code: IssueCodes.DuplicateName, severity: 'error',
        bad: 'user alice\nuser alice\n', covered: ['alice', 'alice'], good: 'user alice\nuser bob\n',
    },
    {
        title: 'a user and a group share the principal namespace, across files', code: IssueCodes.DuplicateName, severity: 'error',
        bad: { 'a.latch': 'user alice\n', 'b.latch': 'group alice\n' }, covered: ['a.latch: alice', 'b.latch: alice'],
        good: { 'a.latch': 'user alice\n', 'b.latch': 'group aliceGroup { members alice }\n' },
    },
    {
        title: 'two policies with one name across files', code: IssueCodes.DuplicateName, severity: 'error',
        bad: { 'a.latch': policy('users all apps all grant mfa', 'CA1'), 'b.latch': policy('users all apps all block', 'CA1') },
        covered: ['a.latch: CA1', 'b.latch: CA1'],
        good: { 'a.latch': policy('users all apps all grant mfa', 'CA1'), 'b.latch': policy('users all apps all block', 'CA2') },
    },
    {
        title: 'an app that redeclares a built-in app', code: IssueCodes.DuplicateName, severity: 'error',
        bad: 'app ExchangeOnline { id "x" }\n', covered: ['ExchangeOnline'], good: 'app ContosoMail { id "x" }\n',
    },
    {
        title: 'two scenarios with one name (and two assertions)', code: IssueCodes.DuplicateName, severity: 'error',
        bad: 'scenario "x" { }\nscenario "x" { }\nassert "y" { never block }\nassert "y" { never block }\n',
        covered: ['"x"', '"x"', '"y"', '"y"'],
        // scenarios and assertions have their own namespaces: the same string in each is fine
        good: 'scenario "x" { }\nassert "x" { never block }\n',
    },
    {
        title: 'a reference that two declarations (in other files) could satisfy', code: IssueCodes.AmbiguousReference, severity: 'error',
        bad: { 'a.latch': 'user alice\n', 'b.latch': 'group alice\n', 'c.latch': policy('users include alice\n  apps all\n  grant mfa') },
        covered: ['c.latch: alice'],
        good: { 'a.latch': 'user alice\n', 'b.latch': 'group admins\n', 'c.latch': policy('users include alice\n  apps all\n  grant mfa') },
    },
    {
        title: 'an app reference ambiguous with a redeclared built-in', code: IssueCodes.AmbiguousReference, severity: 'error',
        bad: { 'a.latch': 'app SharePointOnline\n', 'c.latch': policy('users all\n  apps include SharePointOnline\n  grant mfa') },
        covered: ['c.latch: SharePointOnline'],
        good: { 'a.latch': 'app Intranet\n', 'c.latch': policy('users all\n  apps include SharePointOnline, Intranet\n  grant mfa') },
    },

    // --- literals -----------------------------------------------------------------------------------------------
    { title: 'IPv4 /0', code: IssueCodes.InvalidCidr, severity: 'error', bad: 'location L { ip 0.0.0.0/0 }', covered: ['0.0.0.0/0'], good: 'location L { ip 10.0.0.0/9 }' },
    { title: 'IPv4 /8', code: IssueCodes.InvalidCidr, severity: 'error', bad: 'location L { ip 10.0.0.0/8 }', covered: ['10.0.0.0/8'], good: 'location L { ip 10.0.0.0/24 }' },
    { title: 'IPv4 /4', code: IssueCodes.InvalidCidr, severity: 'error', bad: 'location L { ip 192.0.2.0/24, 16.0.0.0/4 }', covered: ['16.0.0.0/4'], good: 'location L { ip 192.0.2.0/24, 16.0.0.0/12 }' },
    { title: 'IPv4 /33', code: IssueCodes.InvalidCidr, severity: 'error', bad: 'location L { ip 10.0.0.0/33 }', covered: ['10.0.0.0/33'], good: 'location L { ip 10.0.0.0/32 }' },
    { title: 'IPv6 ::/0', code: IssueCodes.InvalidCidr, severity: 'error', bad: 'location L { ip ::/0 }', covered: ['::/0'], good: 'location L { ip 2001:db8::/32 }' },
    { title: 'IPv6 /8', code: IssueCodes.InvalidCidr, severity: 'error', bad: 'location L { ip 2001:db8::/8 }', covered: ['2001:db8::/8'], good: 'location L { ip 2001:db8::/9 }' },
    { title: 'IPv6 /129', code: IssueCodes.InvalidCidr, severity: 'error', bad: 'location L { ip fe80::/129 }', covered: ['fe80::/129'], good: 'location L { ip fe80::/10 }' },
    { title: 'IPv4 octet > 255 in a location', code: IssueCodes.InvalidIp, severity: 'error', bad: 'location L { ip 300.1.1.1 }', covered: ['300.1.1.1'], good: 'location L { ip 198.51.100.7 }' },
    { title: 'IPv4 octet > 255 in a scenario', code: IssueCodes.InvalidIp, severity: 'error', bad: scenario('ip 10.0.0.300'), covered: ['10.0.0.300'], good: scenario('ip 10.0.0.30') },
    { title: 'a range as a sign-in IP', code: IssueCodes.InvalidIp, severity: 'error', bad: scenario('ip 198.51.100.0/24'), covered: ['198.51.100.0/24'], good: scenario('ip 2001:db8::1') },
    { title: 'unknown and lower-case country codes', code: IssueCodes.InvalidCountry, severity: 'error', bad: 'location L { countries NL, XX, nl }', covered: ['XX', 'nl'], good: 'location L { countries NL, BE, LU }' },
    { title: 'unknown scenario country', code: IssueCodes.InvalidCountry, severity: 'error', bad: scenario('country ZZ'), covered: ['ZZ'], good: scenario('country unknown') },
    { title: 'unknown zone of `at`', code: IssueCodes.InvalidTimeZone, severity: 'error', bad: scenario('at 2026-01-01T10:00 "Mars/Olympus"'), covered: ['"Mars/Olympus"'], good: scenario('at 2026-01-01T10:00 "America/New_York"') },
    {
        title: 'unknown zone of `during`', code: IssueCodes.InvalidTimeZone, severity: 'error',
        bad: policy('users all apps all during mon-fri 08:00-18:00 "Europe/Amsterdamm" grant mfa'), covered: ['"Europe/Amsterdamm"'],
        good: policy('users all apps all during mon-fri 08:00-18:00 "Europe/Amsterdam" grant mfa'),
    },
    { title: 'February 30th', code: IssueCodes.InvalidTimestamp, severity: 'error', bad: scenario('at 2026-02-30T10:00 "UTC"'), covered: ['2026-02-30T10:00'], good: scenario('at 2026-02-28T10:00 "UTC"') },
    { title: 'month 13', code: IssueCodes.InvalidTimestamp, severity: 'error', bad: scenario('at 2026-13-01T10:00:00 "UTC"'), covered: ['2026-13-01T10:00:00'], good: scenario('at 2026-12-01T10:00:00 "UTC"') },
    { title: 'hour 25', code: IssueCodes.InvalidTimestamp, severity: 'error', bad: scenario('at 2026-01-01T25:00 "UTC"'), covered: ['2026-01-01T25:00'], good: scenario('at 2026-01-01T23:59 "UTC"') },
    {
        title: 'empty time range (start = end)', code: IssueCodes.InvalidTimeRange, severity: 'error',
        bad: policy('users all apps all during mon 18:00-18:00 "UTC" grant mfa'), covered: ['18:00-18:00'],
        good: policy('users all apps all during mon 22:00-06:00 "UTC" grant mfa'),
    },
    {
        title: 'hours beyond 24:00', code: IssueCodes.InvalidTimeRange, severity: 'error',
        bad: policy('users all apps all during mon 25:00-26:00 "UTC" grant mfa'), covered: ['25:00-26:00'],
        good: policy('users all apps all during mon 08:00-24:00 "UTC" grant mfa'),
    },
    {
        title: 'a day name that is not mon…sun', code: IssueCodes.InvalidDays, severity: 'error',
        bad: policy('users all apps all during monday 08:00-18:00 "UTC" grant mfa'), covered: ['monday'],
        good: policy('users all apps all during mon-fri, sun 08:00-18:00 "UTC" grant mfa'),
    },
    { title: 'zero sign-in frequency', code: IssueCodes.InvalidDuration, severity: 'error', bad: policy('users all apps all grant mfa session { signInFrequency 0h }'), covered: ['0h'], good: policy('users all apps all grant mfa session { signInFrequency 1h }') },
    { title: 'a sign-in frequency Entra cannot express (minutes, > 23h, > 365d)', code: IssueCodes.InvalidDuration, severity: 'error', bad: policy('users all apps all grant mfa session { signInFrequency 90m }') + policy('users all apps all grant mfa session { signInFrequency 24h }', 'Q') + policy('users all apps all grant mfa session { signInFrequency 366d }', 'R'), covered: ['90m', '24h', '366d'], good: policy('users all apps all grant mfa session { signInFrequency 23h }') + policy('users all apps all grant mfa session { signInFrequency 365d }', 'Q') },
    { title: 'zero `after` and `revokedAt`', code: IssueCodes.InvalidDuration, severity: 'error', bad: scenario('after 0m { userRisk high }\n  expect revokedAt 0m'), covered: ['0m', '0m'], good: scenario('after 5m { userRisk high }\n  expect revokedAt 5m') },

    // --- policy shape -------------------------------------------------------------------------------------------
    {
        title: 'apps and actions', code: IssueCodes.MultipleTargetKinds, severity: 'error',
        bad: policy('users all\n  apps all\n  actions registerSecurityInfo\n  grant mfa'), covered: ['actions registerSecurityInfo'],
        good: policy('users all\n  actions registerSecurityInfo\n  grant mfa'),
    },
    {
        title: 'apps, actions and authContext', code: IssueCodes.MultipleTargetKinds, severity: 'error',
        bad: 'authContext S { id "c1" }\n' + policy('users all\n  apps all\n  actions registerSecurityInfo\n  authContext S\n  grant mfa'),
        covered: ['actions registerSecurityInfo', 'authContext S'],
        good: 'authContext S { id "c1" }\n' + policy('users all\n  authContext S\n  grant mfa'),
    },
    {
        title: 'a clause stated twice', code: IssueCodes.DuplicateClause, severity: 'error',
        bad: 'policy P {\n  state on\n  state off\n  users all\n  apps all\n  grant mfa\n}', covered: ['state off'], good: policy('users all apps all grant mfa'),
    },
    {
        title: '`block` next to a grant', code: IssueCodes.BlockWithControls, severity: 'error',
        bad: policy('users all apps all\n  block\n  grant mfa'), covered: ['block'], good: policy('users all apps all\n  block'),
    },
    {
        title: '`block` inside a grant', code: IssueCodes.BlockWithControls, severity: 'error',
        bad: policy('users all apps all\n  grant block and mfa'), covered: ['grant block and mfa'], good: policy('users all apps all\n  grant mfa'),
    },
    {
        title: 'mixed and/or', code: IssueCodes.MixedAndOr, severity: 'error',
        bad: policy('users all apps all\n  grant mfa and compliantDevice or hybridJoinedDevice'), covered: ['or'],
        good: policy('users all apps all\n  grant mfa or compliantDevice or hybridJoinedDevice'),
    },
    {
        title: 'passwordChange without `and` + mfa', code: IssueCodes.PasswordChangeRequirements, severity: 'error',
        bad: policy('users all apps all userRisk high\n  grant passwordChange or mfa'), covered: ['grant passwordChange or mfa'],
        good: policy('users all apps all userRisk high\n  grant passwordChange and mfa'),
    },
    {
        title: 'passwordChange alone', code: IssueCodes.PasswordChangeRequirements, severity: 'error',
        bad: policy('users all apps all userRisk high\n  grant passwordChange'), covered: ['grant passwordChange'],
        good: policy('users all apps all userRisk high\n  grant passwordChange and strength Mfa'),
    },
    {
        title: 'passwordChange without userRisk', code: IssueCodes.PasswordChangeRequirements, severity: 'error',
        bad: policy('users all apps all signInRisk high\n  grant passwordChange and mfa'), covered: ['grant passwordChange and mfa'],
        good: policy('users all apps all userRisk high, medium\n  grant passwordChange and mfa'),
    },
    {
        title: 'passwordChange without `apps include all`', code: IssueCodes.PasswordChangeRequirements, severity: 'error',
        bad: policy('users all apps Office365 userRisk high\n  grant passwordChange and mfa'), covered: ['grant passwordChange and mfa'],
        good: policy('users all apps include all userRisk high\n  grant passwordChange and mfa'),
    },
    {
        title: 'passwordChange with app exclusions', code: IssueCodes.PasswordChangeRequirements, severity: 'error',
        bad: policy('users all apps all exclude AzurePortal userRisk high\n  grant passwordChange and mfa'), covered: ['grant passwordChange and mfa'],
        good: policy('users all exclude alice apps all userRisk high\n  grant passwordChange and mfa') + 'user alice\n',
    },
    {
        title: 'registerDevice with a device control', code: IssueCodes.RegisterDeviceRestrictions, severity: 'error',
        bad: policy('users all actions registerDevice\n  grant mfa or compliantDevice'), covered: ['grant mfa or compliantDevice'],
        good: policy('users all actions registerDevice\n  grant mfa or strength Mfa'),
    },
    {
        title: 'registerDevice with clients', code: IssueCodes.RegisterDeviceRestrictions, severity: 'error',
        bad: policy('users all actions registerDevice\n  clients browser\n  grant mfa'), covered: ['clients browser'],
        // registerSecurityInfo has no such restriction
        good: policy('users all actions registerSecurityInfo\n  clients browser\n  grant compliantDevice'),
    },
    {
        title: 'registerDevice with a device filter', code: IssueCodes.RegisterDeviceRestrictions, severity: 'error',
        bad: policy('users all actions registerDevice\n  devices include where device.isCompliant -eq True\n  grant mfa'),
        covered: ['devices include where device.isCompliant -eq True'],
        good: policy('users all actions registerDevice\n  platforms include all exclude ios\n  grant mfa'),
    },

    // --- device filters -----------------------------------------------------------------------------------------
    {
        title: '-and and -or mixed without parentheses', code: IssueCodes.DeviceFilterSyntax, severity: 'error',
        bad: policy('users all apps all\n  devices include where device.isCompliant -eq True -and device.trustType -eq "AzureAD" -or device.model -eq "x"\n  grant mfa'),
        covered: ['-or'],
        good: policy('users all apps all\n  devices include where (device.isCompliant -eq True -and device.trustType -eq "AzureAD") -or device.model -eq "x"\n  grant mfa'),
    },
    {
        title: 'comments inside a rule are whitespace; errors after them keep their position',
        code: IssueCodes.DeviceFilterSyntax, severity: 'error',
        bad: policy('users all apps all\n  devices include where device.isCompliant -eq True /* c -or */ -and // x\n    device.colour -eq "AzureAD"\n  grant mfa'),
        covered: ['colour'],
        good: policy('users all apps all\n  devices include where device.isCompliant -eq True /* c -or */ -and // x\n    device.trustType -eq "AzureAD"\n  grant mfa'),
    },
    {
        title: 'an unknown property', code: IssueCodes.DeviceFilterSyntax, severity: 'error',
        bad: policy('users all apps all\n  devices exclude where device.colour -eq "red" -or device.extensionAttribute16 -eq "x"\n  grant mfa'),
        covered: ['colour', 'extensionAttribute16'],
        good: policy('users all apps all\n  devices exclude where device.Model -eq "red" -or device.extensionAttribute15 -eq "x"\n  grant mfa'),
    },
    {
        title: 'an unknown operator', code: IssueCodes.DeviceFilterSyntax, severity: 'error',
        bad: policy('users all apps all\n  devices exclude where device.model -like "x*"\n  grant mfa'), covered: ['-like'],
        good: policy('users all apps all\n  devices exclude where device.model -STARTSWITH "x"\n  grant mfa'),
    },
    {
        title: 'an operator glued to the previous term', code: IssueCodes.DeviceFilterSyntax, severity: 'error',
        bad: policy('users all apps all\n  devices exclude where (device.model -eq "x")-or(device.model -eq "y")\n  grant mfa'), covered: ['-or'],
        good: policy('users all apps all\n  devices exclude where (device.model -eq "x") -or (device.model -eq "y")\n  grant mfa'),
    },
    {
        title: 'a string operator on a boolean property', code: IssueCodes.DeviceFilterType, severity: 'error',
        bad: policy('users all apps all\n  devices include where device.isCompliant -contains "x"\n  grant mfa'), covered: ['-contains'],
        good: policy('users all apps all\n  devices include where device.isCompliant -ne False\n  grant mfa'),
    },
    {
        title: 'a non-boolean value for a boolean property', code: IssueCodes.DeviceFilterType, severity: 'error',
        bad: policy('users all apps all\n  devices include where device.isCompliant -eq "maybe"\n  grant mfa'), covered: ['"maybe"'],
        good: policy('users all apps all\n  devices include where device.isCompliant -eq "TRUE"\n  grant mfa'),
    },
    {
        title: 'a list for -eq', code: IssueCodes.DeviceFilterType, severity: 'error',
        bad: policy('users all apps all\n  devices include where device.model -eq ["a", "b"]\n  grant mfa'), covered: ['["a", "b"]'],
        good: policy('users all apps all\n  devices include where device.model -in ["a", \'b\']\n  grant mfa'),
    },
    {
        title: 'a scalar or an empty list for -in', code: IssueCodes.DeviceFilterType, severity: 'error',
        bad: policy('users all apps all\n  devices include where device.model -in "a" -or device.manufacturer -notIn []\n  grant mfa'), covered: ['"a"', '[]'],
        good: policy('users all apps all\n  devices include where device.model -in ["a"] -or device.manufacturer -notIn ["b"]\n  grant mfa'),
    },

    // --- warnings and hints -------------------------------------------------------------------------------------
    {
        title: 'a custom role in a policy', code: IssueCodes.CustomRole, severity: 'warning',
        bad: 'role PayrollAuditor { id "7c1e3a52-9d4f-4b8e-a1c2-3e5f6a7b8c9d" }\n' + policy('users include role GlobalAdministrator, role PayrollAuditor\n  apps all\n  grant mfa'),
        covered: ['PayrollAuditor'],
        good: 'role PayrollAuditor { id "7c1e3a52-9d4f-4b8e-a1c2-3e5f6a7b8c9d" }\nuser carol { roles PayrollAuditor }\n' + policy('users include role GlobalAdministrator\n  apps all\n  grant mfa'),
    },
    {
        title: 'a custom role in the exclusions', code: IssueCodes.CustomRole, severity: 'warning',
        bad: 'role R\n' + policy('users all exclude role R\n  apps all\n  grant mfa'), covered: ['R'],
        good: 'role R\n' + policy('users all exclude role SecurityAdministrator\n  apps all\n  grant mfa'),
    },
    {
        title: 'persistentBrowser without apps include all', code: IssueCodes.PersistentBrowserScope, severity: 'warning',
        bad: policy('users all apps Office365\n  session { persistentBrowser never }'), covered: ['persistentBrowser never'],
        good: policy('users all apps include all\n  session { persistentBrowser never }'),
    },
    {
        title: 'persistentBrowser with app exclusions', code: IssueCodes.PersistentBrowserScope, severity: 'warning',
        bad: policy('users all apps all exclude AzurePortal\n  session { persistentBrowser always }'), covered: ['persistentBrowser always'],
        good: policy('users all apps all\n  session { persistentBrowser always }'),
    },
    {
        title: 'userRisk and signInRisk in one policy', code: IssueCodes.BothRisks, severity: 'warning',
        bad: policy('users all apps all\n  signInRisk high\n  userRisk high\n  block'), covered: ['userRisk high'],
        good: policy('users all apps all\n  userRisk high\n  block'),
    },
    {
        title: 'approvedApp alone', code: IssueCodes.ApprovedAppAlone, severity: 'warning',
        bad: policy('users all apps all\n  grant approvedApp'), covered: ['grant approvedApp'],
        good: policy('users all apps all\n  grant approvedApp or appProtection'),
    },
    {
        title: 'a name that says block on a granting policy', code: IssueCodes.NameContradictsContent, severity: 'hint',
        bad: policy('users all apps all grant mfa', 'BlockLegacy'), covered: ['BlockLegacy'],
        good: policy('users all apps all block', 'BlockLegacy'),
    },
    {
        title: 'a display name that says MFA on a blocking policy', code: IssueCodes.NameContradictsContent, severity: 'hint',
        bad: policy('users all apps all block', 'CA1 "All users: require MFA"'), covered: ['CA1'],
        good: policy('users all apps all grant mfa', 'CA1 "All users: require MFA"'),
    },
    {
        title: '"block downloads" is not a block', code: IssueCodes.NameContradictsContent, severity: 'hint',
        bad: policy('users all apps all grant mfa session { cloudAppSecurity blockDownloads }', 'CA1 "Block access"'), covered: ['CA1'],
        good: policy('users all apps all grant mfa session { cloudAppSecurity blockDownloads }', 'CA1 "Block downloads on unmanaged devices"'),
    },
    {
        title: 'no state', code: IssueCodes.MissingState, severity: 'hint',
        bad: 'policy NoState { users all apps all grant mfa }', covered: ['NoState'], good: 'policy NoState { state reportOnly users all apps all grant mfa }',
    },

    // --- declarations and scenarios -----------------------------------------------------------------------------
    { title: 'auth context id c0', code: IssueCodes.InvalidAuthContextId, severity: 'error', bad: 'authContext A { id "c0" }', covered: ['"c0"'], good: 'authContext A { id "c1" }' },
    { title: 'auth context id c100 and x1', code: IssueCodes.InvalidAuthContextId, severity: 'error', bad: 'authContext A { id "c100" }\nauthContext B { id "x1" }', covered: ['"c100"', '"x1"'], good: 'authContext A { id "c99" }\nauthContext B { id "c10" }' },
    {
        title: 'an unknown authentication method', code: IssueCodes.InvalidAuthMethod, severity: 'error',
        bad: 'strength S { methods fido2, password + banana }', covered: ['banana'], good: 'strength S { methods fido2, password + microsoftAuthenticatorPush }',
    },
    {
        title: 'an unknown notApplies reason', code: IssueCodes.InvalidReason, severity: 'error',
        bad: policy('users all apps all grant mfa', 'X') + scenario('expect notApplies X because banana\n  expect notApplies X because notSet'), covered: ['banana', 'notSet'],
        good: policy('users all apps all grant mfa', 'X') + scenario('expect notApplies X because application\n  expect notApplies X because notEnoughInformation'),
    },
    {
        title: 'an unknown scenario device property', code: IssueCodes.InvalidDeviceProperty, severity: 'error',
        bad: scenario('device { registered true  isCompliant true  colour "red"  device.model "x" }'), covered: ['colour "red"'],
        good: scenario('device { registered true  isCompliant true  device.model "x"  extensionAttribute3 "y"  physicalIds ["a"] }'),
    },
    {
        title: 'an `after` step earlier than the previous one', code: IssueCodes.AfterNotIncreasing, severity: 'error',
        bad: scenario('after 20m { userRisk high }\n  after 10m { userRisk low }'), covered: ['10m'], good: scenario('after 20m { userRisk high }\n  after 1h { userRisk low }'),
    },
    {
        title: 'an `after` step at the same time (60m = 1h)', code: IssueCodes.AfterNotIncreasing, severity: 'error',
        bad: scenario('after 60m { userRisk high }\n  after 1h { userRisk low }'), covered: ['1h'], good: scenario('after 60m { userRisk high }\n  after 1d { userRisk low }'),
    },
    {
        title: 'a scenario states a membership of a closed group the directory contradicts', code: IssueCodes.ClosedGroupMembership, severity: 'warning',
        bad: 'user alice\nuser bob\ngroup Staff { members alice }\ngroup Open\n' + scenario('user bob { groups Open, Staff }') + scenario('user { groups Staff }', 'anonymous'),
        covered: ['Staff', 'Staff'],
        // a (transitive) member of a closed group, and any user in an open group, are fine
        good: 'user alice\nuser bob\ngroup Staff { members Team }\ngroup Team { members alice }\ngroup Open\n' + scenario('user alice { groups Staff }') + scenario('user bob { groups Open }', 'open'),
    },
    {
        title: 'a user included and excluded', code: IssueCodes.ConflictingIncludeExclude, severity: 'warning',
        bad: 'user alice\n' + policy('users include alice exclude alice\n  apps all\n  grant mfa'), covered: ['users include alice exclude alice'],
        good: 'user alice\nuser bob\n' + policy('users include alice exclude bob\n  apps all\n  grant mfa'),
    },
    {
        title: 'a role, an app, a location and a platform included and excluded', code: IssueCodes.ConflictingIncludeExclude, severity: 'warning',
        bad: 'location L { ip 192.0.2.0/24 }\n' + policy('users include role SecurityAdministrator exclude role SecurityAdministrator\n  apps include Payroll exclude Payroll\n  platforms include ios, android exclude ios\n  locations include L, trusted exclude trusted\n  grant mfa') + 'app Payroll\n',
        covered: [
            'users include role SecurityAdministrator exclude role SecurityAdministrator', 'apps include Payroll exclude Payroll',
            'platforms include ios, android exclude ios', 'locations include L, trusted exclude trusted',
        ],
        good: 'location L { ip 192.0.2.0/24 }\n' + policy('users include role SecurityAdministrator exclude role GlobalAdministrator\n  apps include Payroll exclude AzurePortal\n  platforms include all exclude ios\n  locations include L exclude trusted\n  grant mfa') + 'app Payroll\n',
    },
    { title: 'IP ranges and countries in one location', code: IssueCodes.LocationShape, severity: 'error', bad: 'location A { ip 10.0.0.0/16  countries NL }', covered: ['A'], good: 'location A { ip 10.0.0.0/16 }' },
    { title: 'an empty location', code: IssueCodes.LocationShape, severity: 'error', bad: 'location B { }', covered: ['B'], good: 'location B { countries NL }' },
    { title: 'includeUnknown on an IP location', code: IssueCodes.LocationShape, severity: 'error', bad: 'location C { ip 10.0.0.0/16  includeUnknown }', covered: ['includeUnknown'], good: 'location C { countries NL  includeUnknown }' },
    { title: 'a trusted country location', code: IssueCodes.LocationShape, severity: 'error', bad: 'location D { countries NL  trusted }', covered: ['trusted'], good: 'location D { ip 10.0.0.0/16  trusted }' },
];

describe('validation rules', () => {
    beforeAll(ensureBuiltins);
    afterEach(clearWorkspace);

    describe.each(CASES)('$code: $title', ({ code, severity, bad, covered: expected, good }) => {
        it('negative: reports the issue on the offending text', async () => {
            const ws = await buildWorkspace(bad);
            expect(render(syntaxErrors(ws.issues)), 'the negative input must be syntactically valid').toBe('');
            const issues = ws.ofCode(code);
            expect(covered(issues, bad), render(ws.issues)).toEqual(expected);
            for (const i of issues) {
                expect(i.severity).toBe(severity);
                expect(i.message.length).toBeGreaterThan(10);
            }
        });

        it('positive: the corrected input has no such issue', async () => {
            const ws = await buildWorkspace(good);
            expect(render(syntaxErrors(ws.issues))).toBe('');
            expect(render(ws.ofCode(code))).toBe('');
        });
    });

    it('prefix lengths /0–/8 are errors and /9 is accepted, for IPv4 and for IPv6', async () => {
        const ranges = Array.from({ length: 10 }, (_, n) => [`10.0.0.0/${n}`, `2001:db8::/${n}`]).flat();
        const ws = await validate(ranges.map((r, i) => `location L${i} { ip ${r} }`).join('\n'));
        expect(render(syntaxErrors(ws.issues))).toBe('');
        expect(ws.ofCode(IssueCodes.InvalidCidr).map((i) => i.text)).toEqual(ranges.filter((r) => !r.endsWith('/9')));
    });

    it('every issue code of issue-codes.ts has a negative case (codes without a rule should be implemented or removed)', () => {
        const tested = new Set(CASES.map((c) => c.code));
        const untested = Object.values(IssueCodes).filter((c) => !tested.has(c));
        expect(untested).toEqual([]);
    });
});

describe('references', () => {
    beforeAll(ensureBuiltins);
    afterEach(clearWorkspace);

    it.each([
        ['Principal', policy('users include nobody\n  apps all\n  grant mfa'), 'nobody'],
        ['Role', policy('users include role NoSuchRole\n  apps all\n  grant mfa'), 'NoSuchRole'],
        ['App', policy('users all\n  apps include NoSuchApp\n  grant mfa'), 'NoSuchApp'],
        ['AuthContext', policy('users all\n  authContext NoSuchContext\n  grant mfa'), 'NoSuchContext'],
        ['Location', policy('users all apps all\n  locations include NoSuchLocation\n  block'), 'NoSuchLocation'],
        ['Strength', policy('users all apps all\n  grant strength NoSuchStrength'), 'NoSuchStrength'],
        ['Terms', policy('users all apps all\n  grant terms NoSuchTerms'), 'NoSuchTerms'],
        ['User', scenario('user nobody'), 'nobody'],
        ['Group', scenario('user { groups NoSuchGroup }'), 'NoSuchGroup'],
        ['Policy', scenario('expect applies NoSuchPolicy'), 'NoSuchPolicy'],
        ['App', 'app Suite { members NoSuchMember }', 'NoSuchMember'],
    ])('an unresolved %s reference is a linking error on the name', async (type, text, name) => {
        const ws = await validate(text);
        const errors = ws.ofCode('linking-error');
        expect(errors.map((e) => e.text)).toEqual([name]);
        expect(errors[0].severity).toBe('error');
        expect(errors[0].message).toContain(type);
    });

    it('names are global across files and may be declared after their use', async () => {
        const ws = await buildWorkspace({
            'policies.latch': policy('users include Staff, role GlobalAdministrator exclude bg\n  apps include Payroll\n  locations include all exclude Office\n  grant strength Strong and terms ToU'),
            'directory.latch': 'user alice\nuser bg\ngroup Staff { members alice, Nested }\ngroup Nested\napp Payroll\nlocation Office { ip 192.0.2.0/24 trusted }\nstrength Strong { methods fido2 }\nterms ToU\n',
        });
        expect(render(ws.issues)).toBe('');
        expect(ws.docs.flatMap((d) => d.references).every((r) => targetOf(r) !== undefined)).toBe(true);
    });

    it('a policy and an app may share a name; so may a role, location, strength, terms and auth context', async () => {
        const ws = await buildWorkspace({
            'a.latch': 'app Foo\nrole Foo\nlocation Foo { countries NL }\nstrength Foo { methods fido2 }\nterms Foo\nauthContext Foo { id "c2" }\n',
            'b.latch': policy('users all\n  apps include Foo\n  locations include Foo\n  grant strength Foo and terms Foo', 'Foo'),
        });
        expect(render(ws.issues.filter((i) => i.severity === 'error'))).toBe('');
    });

    it('keywords can be names, and ^name escapes the special values', async () => {
        const ws = await validate('user ^all\ngroup state { members ^all }\n' + policy('users include ^all, state\n  apps all\n  grant mfa'));
        expect(render(ws.issues.filter((i) => i.severity === 'error'))).toBe('');
        const refs = ws.docs[0].references;
        expect(refs.map((r) => targetOf(r)?.$type)).toEqual(['User', 'User', 'Group']);
    });
});

describe('diagnostic details', () => {
    beforeAll(ensureBuiltins);
    afterEach(clearWorkspace);

    it('custom rules put their code in diagnostic.code (what `latch check` and quick fixes read)', async () => {
        const ws = await validate(policy('users all apps all\n  grant approvedApp'));
        const diagnostics = ws.docs[0].diagnostics ?? [];
        expect(diagnostics.map((d) => d.code)).toEqual([IssueCodes.ApprovedAppAlone]);
    });

    it('Langium reports lexing, parsing and linking errors with data.code', async () => {
        const ws = await validate('user alice { upn "x" }\npolicy P { state on users alice, bob apps all grant mfa }\npolicy Q { state maybe }\nuser § x\n');
        const codes = new Set(ws.issues.map((i) => i.code));
        expect(codes).toContain('lexing-error');
        expect(codes).toContain('parsing-error');
        expect(codes).toContain('linking-error');
        expect(ws.ofCode('linking-error').map((i) => i.text)).toEqual(['bob']);
    });

    it('device-filter errors point into the rule, on the right line and column, with CRLF line ends', async () => {
        const text = [
            '// header comment',
            'policy P {',
            '  state on',
            '  users all',
            '  apps all',
            '  devices include where device.isCompliant -eq True -and',
            '    device.trustTyp -eq "AzureAD" -or device.model -eq "x"',
            '  grant mfa',
            '}',
        ].join('\r\n');
        const ws = await validate(text);
        expect(ws.issues.map((i) => ({ code: i.code, text: i.text, start: i.range.start }))).toEqual([
            { code: IssueCodes.DeviceFilterSyntax, text: 'trustTyp', start: { line: 6, character: 11 } },
            { code: IssueCodes.DeviceFilterSyntax, text: '-or', start: { line: 6, character: 34 } },
        ]);
    });

    it('a device-filter type error in a later policy of a file points at that policy', async () => {
        const text = policy('users all apps all grant mfa', 'A') + '\n' + policy('users all apps all\n  devices exclude where device.trustType -eq "AzureAD" -and device.isCompliant -startsWith "T"\n  grant mfa', 'B');
        const ws = await validate(text);
        const [issue] = ws.ofCode(IssueCodes.DeviceFilterType);
        expect(issue.text).toBe('-startsWith');
        const line = text.split('\n')[issue.range.start.line];
        expect(line.slice(issue.range.start.character)).toMatch(/^-startsWith "T"$/);
    });

    it('validation of the built-in library itself is clean', async () => {
        const lib = await ensureBuiltins();
        expect(lib.diagnostics ?? []).toEqual([]);
    });
});

// Incomplete input (what an editor sees on every keystroke) must never crash a check: Langium turns an exception in a
// check into an "An error occurred during validation" diagnostic and logs it.
describe('incomplete input does not crash validation', () => {
    beforeAll(ensureBuiltins);
    afterEach(clearWorkspace);

    it.each([
        ['a role item without a role', 'policy P { state on users role }'],
        ['a scenario ip without an address', 'scenario "s" { ip }'],
        ['a devices clause without a rule', 'policy P { state on users all apps all devices include where }'],
        ['a device property without a value', 'scenario "s" { device { isCompliant } }'],
        ['an at without a timestamp', 'scenario "s" { at "UTC" }'],
        ['a during without a range', 'policy P { state on users all apps all during mon "UTC" grant mfa }'],
        ['an after without a duration', 'scenario "s" { after { } expect revokedAt }'],
        ['a grant without controls', 'policy P { state on users all apps all grant }'],
        ['a strength without methods', 'strength S { methods }'],
    ])('%s', async (_title, text) => {
        const errorSpy = vi.spyOn(console, 'error').mockImplementation(() => undefined);
        try {
            const ws = await validate(text);
            expect(ws.issues.filter((i) => i.code === 'parsing-error').length).toBeGreaterThan(0);
            expect(render(ws.issues.filter((i) => /An error occurred/.test(i.message)))).toBe('');
            expect(errorSpy).not.toHaveBeenCalled();
        } finally {
            errorSpy.mockRestore();
        }
    });
});
