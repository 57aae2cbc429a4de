// Entra's built-in authentication strengths (Conditional Access grant control "Require authentication strength").
// Data only. Sources:
//   - microsoftgraph/microsoft-graph-docs-contrib api-reference/beta/api/authenticationstrengthroot-list-policies.md
//     (commit 02b4cba04d0426b41fe35819922b100050c5c441): the three builtIn policies with ids …0002, …0003, …0004 and
//     their allowedCombinations;
//   - MicrosoftDocs/entra-docs docs/identity/authentication/concept-authentication-strengths.md (commit
//     09f9abda1665cc9145133bae7e0e798635a6510c): the "Built-in authentication strengths" table (same sets);
//   - /work/shared/corpus j0eyv-ConditionalAccessBaseline CA100 / CA105: real exports of …0002 ("Multifactor
//     authentication", same 17 combinations in this order) and …0004 ("Phishing-resistant MFA"), with the
//     descriptions used below (…0003's from the Graph docs' list example).
// A combination is a list of authenticationMethodModes that must all be used; Graph serializes it as the
// comma-joined string (e.g. "password,microsoftAuthenticatorPush").

import { deepFreeze } from './freeze.js';

/** A built-in authentication strength. */
export interface BuiltInStrength {
  /** Latch identifier. */
  readonly name: string;
  /** What Entra shows. */
  readonly displayName: string;
  /** Graph id of the built-in authenticationStrengthPolicy. */
  readonly id: string;
  /** Graph's description (the tenant export's wording where it has one, else the Graph docs'). */
  readonly description: string;
  /** Allowed combinations; each is a list of authenticationMethodModes used together. */
  readonly combinations: string[][];
}

const PHISHING_RESISTANT = (): string[][] => [
  ['windowsHelloForBusiness'],
  ['fido2'],
  ['x509CertificateMultiFactor'],
];

const PASSWORDLESS = (): string[][] => [...PHISHING_RESISTANT(), ['deviceBasedPush']];

const MFA = (): string[][] => [
  ...PASSWORDLESS(),
  ['temporaryAccessPassOneTime'],
  ['temporaryAccessPassMultiUse'],
  ['password', 'microsoftAuthenticatorPush'],
  ['password', 'softwareOath'],
  ['password', 'hardwareOath'],
  ['password', 'sms'],
  ['password', 'voice'],
  ['federatedMultiFactor'],
  ['microsoftAuthenticatorPush', 'federatedSingleFactor'],
  ['softwareOath', 'federatedSingleFactor'],
  ['hardwareOath', 'federatedSingleFactor'],
  ['sms', 'federatedSingleFactor'],
  ['voice', 'federatedSingleFactor'],
];

export const BUILT_IN_STRENGTHS: readonly BuiltInStrength[] = deepFreeze([
  {
    name: 'Mfa', displayName: 'Multifactor authentication', id: '00000000-0000-0000-0000-000000000002', combinations: MFA(),
    description: 'Combinations of methods that satisfy strong authentication, such as a password + SMS',
  },
  {
    name: 'PasswordlessMfa', displayName: 'Passwordless MFA', id: '00000000-0000-0000-0000-000000000003', combinations: PASSWORDLESS(),
    description: 'Passwordless methods that satisfy strong authentication, such as Passwordless sign-in with the Microsoft Authenticator',
  },
  {
    name: 'PhishingResistantMfa', displayName: 'Phishing-resistant MFA', id: '00000000-0000-0000-0000-000000000004', combinations: PHISHING_RESISTANT(),
    description: 'Phishing-resistant, Passwordless methods for the strongest authentication, such as a FIDO2 security key',
  },
]);
