// runScenario: requirement expressions compared as CNF, expectation messages, after-steps, and the continuous access
// evaluation timeline (LANGUAGE.md §5).
import { describe, expect, it } from 'vitest';
import type { Policy, PolicySet } from '../src/model.js';
import { formatCnf, requirementToCnf, runScenario, sameCnf } from '../src/scenario/index.js';
import type { Expectation } from '../src/scenario/model.js';
import {
  APP, anon, GROUP, LOC, STRENGTH, TERMS, after, and, app, apps, block, ctl, initial, or, policy, rAnd, rOr, scenario, set,
  signIn, users,
} from './builders.js';

const a = ctl('a');
const b = ctl('b');
const c = ctl('c');

describe('requirement expressions → CNF', () => {
  it('(a or b) and c equals c and (b or a)', () => {
    const left = requirementToCnf(rAnd(rOr(a, b), c));
    const right = requirementToCnf(rAnd(c, rOr(b, a)));
    expect(left).toEqual([['a', 'b'], ['c']]);
    expect(right).toEqual(left);
    expect(sameCnf(left, right)).toBe(true);
  });

  it('or distributes over and; absorption keeps the CNF minimal', () => {
    expect(requirementToCnf(rOr(a, rAnd(b, c)))).toEqual([['a', 'b'], ['a', 'c']]);
    expect(requirementToCnf(rAnd(a, rOr(a, b)))).toEqual([['a']]);
    // (a ∧ b) ∨ (a ∧ c) = a ∧ (a ∨ c) ∧ (b ∨ a) ∧ (b ∨ c) = a ∧ (b ∨ c)
    expect(requirementToCnf(rOr(rAnd(a, b), rAnd(a, c)))).toEqual([['a'], ['b', 'c']]);
    expect(requirementToCnf(rAnd(a, a))).toEqual([['a']]);
  });

  it('a requirement different in meaning is not the same CNF', () => {
    expect(sameCnf(requirementToCnf(rOr(rAnd(a, b), c)), requirementToCnf(rAnd(rOr(a, b), c)))).toBe(false);
  });

  it('formats CNF with parentheses only where needed', () => {
    expect(formatCnf([['a', 'b'], ['c']])).toBe('(a or b) and c');
    expect(formatCnf([['a', 'b']])).toBe('a or b');
    expect(formatCnf([['a'], ['c']])).toBe('a and c');
  });
});

// A Contoso-like set: CA300 (strength or strength) + CA310 (terms) for Contractors on Payroll, CA100 mfa for all.
function contoso(extra: Policy[] = []): PolicySet {
  return set([
    policy('CA300', { users: users({ groups: [GROUP.contractors] }), target: apps([APP.payroll]), grant: or(STRENGTH.fido2, STRENGTH.phishingResistant) }),
    policy('CA310', { users: users({ groups: [GROUP.contractors] }), target: apps(['All']), grant: and(TERMS) }),
    policy('CA210', { users: users({ all: true }, { groups: [GROUP.breakGlass] }), userRisk: ['high'], grant: block }),
    policy('CA400', { state: 'enabledForReportingButNotEnforced', grant: and('mfa') }),
    ...extra,
  ]);
}

describe('expectations: pass and fail messages', () => {
  const contractorOnPayroll = anon({ memberOf: [GROUP.contractors], target: app(APP.payroll) });

  it('requires: compared as CNF, whatever the written order', () => {
    const exp: Expectation[] = [
      { kind: 'requires', requirement: rAnd(ctl(TERMS), rOr(ctl(STRENGTH.phishingResistant), ctl(STRENGTH.fido2))) },
      { kind: 'requires', requirement: rAnd(rOr(ctl(STRENGTH.fido2), ctl(STRENGTH.phishingResistant)), ctl(TERMS)) },
      { kind: 'requires', requirement: ctl(TERMS) },
    ];
    const r = runScenario(contoso(), scenario('s', initial(contractorOnPayroll, exp)));
    const [first, second, wrong] = r.steps[0]!.expectations;
    expect(first!.passed).toBe(true);
    expect(second!.passed).toBe(true);
    const [s1, s2] = [STRENGTH.fido2, STRENGTH.phishingResistant].sort();
    expect(first!.expected).toBe(`requires (${s1} or ${s2}) and ${TERMS}`);
    expect(first!.actual).toBe(first!.expected);
    expect(wrong!.passed).toBe(false);
    expect(wrong!.expected).toBe(`requires ${TERMS}`);
    expect(wrong!.actual).toBe(`requires (${s1} or ${s2}) and ${TERMS}`);
    expect(r.passed).toBe(false);
  });

  it('outcome: allow / block', () => {
    const r = runScenario(contoso(), scenario('s', initial(signIn(), [
      { kind: 'outcome', outcome: 'allow' }, { kind: 'outcome', outcome: 'block' },
    ])));
    const [ok, bad] = r.steps[0]!.expectations;
    expect([ok!.passed, ok!.expected, ok!.actual]).toEqual([true, 'allow', 'allow']);
    expect([bad!.passed, bad!.expected, bad!.actual]).toEqual([false, 'block', 'allow']);
  });

  it('applies / notApplies, with reasons', () => {
    const r = runScenario(contoso(), scenario('s', initial(signIn(), [
      { kind: 'notApplies', policies: ['CA300'], reason: 'users' },
      { kind: 'notApplies', policies: ['CA210'], reason: 'userRisk' },
      { kind: 'applies', policies: ['CA400'] },
      { kind: 'applies', policies: ['CA300', 'NOPE'] },
      { kind: 'notApplies', policies: ['CA400'], reason: 'users' },
      { kind: 'notApplies', policies: ['CA300'], reason: 'application' },
    ])));
    const e = r.steps[0]!.expectations;
    expect(e.map((x) => x.passed)).toEqual([true, true, true, false, false, false]);
    expect(e[0]!.actual).toBe('notApplies because users');
    expect(e[3]!.actual).toBe('CA300 does not apply (users); NOPE does not apply (unknown policy)');
    expect(e[4]!.actual).toBe('CA400 applies');
    expect(e[5]!.expected).toBe('notApplies CA300 because application');
    expect(e[5]!.actual).toBe('CA300 does not apply because users');
  });

  it('shadow: the outcome as if report-only policies were enabled', () => {
    const r = runScenario(contoso(), scenario('s', initial(signIn(), [
      { kind: 'shadow', outcome: 'requires', requirement: ctl('mfa') },
      { kind: 'shadow', outcome: 'allow' },
    ])));
    const [ok, bad] = r.steps[0]!.expectations;
    expect([ok!.passed, ok!.expected, ok!.actual]).toEqual([true, 'shadow requires mfa', 'shadow requires mfa']);
    expect([bad!.passed, bad!.expected, bad!.actual]).toEqual([false, 'shadow allow', 'shadow requires mfa']);
  });

  it('session settings', () => {
    const s = contoso([policy('SIF', { session: { signInFrequency: 240, persistentBrowser: 'never' } })]);
    const r = runScenario(s, scenario('s', initial(signIn(), [
      { kind: 'session', session: { signInFrequency: 240 } },
      { kind: 'session', session: { signInFrequency: 30 } },
      { kind: 'session', session: { cloudAppSecurity: 'blockDownloads' } },
    ])));
    const [ok, bad, unset] = r.steps[0]!.expectations;
    expect([ok!.passed, ok!.expected, ok!.actual]).toEqual([true, 'signInFrequency 4h', 'signInFrequency 4h']);
    expect([bad!.passed, bad!.expected, bad!.actual]).toEqual([false, 'signInFrequency 30m', 'signInFrequency 4h']);
    expect([unset!.passed, unset!.actual]).toEqual([false, 'cloudAppSecurity not set']);
  });

  it('a scenario passes only when every expectation of every step passes', () => {
    const first = initial(signIn(), [{ kind: 'outcome', outcome: 'allow' }]);
    const ok = runScenario(contoso(), scenario('ok', first, after(first, 10, {}, [{ kind: 'outcome', outcome: 'allow' }])));
    expect(ok.passed).toBe(true);
    const ko = runScenario(contoso(), scenario('ko', first, after(first, 10, {}, [{ kind: 'outcome', outcome: 'block' }])));
    expect(ko.passed).toBe(false);
    expect(ko.name).toBe('ko');
  });
});

describe('after-steps', () => {
  it('copy the previous state and change only what they state; each expect sees its own step', () => {
    const first = initial(signIn({ userRisk: 'none' }), [{ kind: 'outcome', outcome: 'allow' }]);
    const second = after(first, 20, { userRisk: 'high' }, [{ kind: 'outcome', outcome: 'block' }, { kind: 'applies', policies: ['CA210'] }]);
    const third = after(second, 30, { userRisk: 'low' }, [{ kind: 'outcome', outcome: 'allow' }]);
    expect(second.signIn).toEqual({ ...first.signIn, userRisk: 'high' });
    expect(first.signIn.userRisk).toBe('none'); // the copy does not touch the previous step
    const r = runScenario(contoso(), scenario('s', first, second, third));
    expect(r.steps.map((s) => [s.afterMinutes, s.result.outcome])).toEqual([[0, 'allow'], [20, 'block'], [30, 'allow']]);
    expect(r.passed).toBe(true);
    expect(first.signIn.userRisk).toBe('none'); // running does not mutate the scenario
  });

  it('an unchanged high user risk is no new critical event', () => {
    const s = set([]);
    const first = initial(signIn({ userRisk: 'high' }));
    const second = after(first, 10, { country: 'BE' }, [{ kind: 'revoked' }]);
    const r = runScenario(s, scenario('s', first, second));
    expect(r.steps[1]!.revokedAt).toBeUndefined();
    expect(r.steps[1]!.expectations[0]!.actual).toBe('not revoked');
  });

  it('the initial sign-in is never revoked', () => {
    const r = runScenario(contoso(), scenario('s', initial(signIn({ userRisk: 'high' }), [{ kind: 'outcome', outcome: 'block' }, { kind: 'revoked' }])));
    expect(r.steps[0]!.revokedAt).toBeUndefined();
    expect(r.steps[0]!.expectations.map((e) => e.passed)).toEqual([true, false]);
  });
});

describe('continuous access evaluation', () => {
  const revokedAtStep = (s: PolicySet, appId: string, minutes: number, changes: Parameters<typeof after>[2],
    events: Parameters<typeof after>[4] = [], base = signIn({ target: app(appId) })) => {
    const first = initial(base, [{ kind: 'outcome', outcome: 'allow' }]);
    const next = after(first, minutes, changes, [{ kind: 'revoked' }], events);
    const r = runScenario(s, scenario('cae', first, next));
    return { revokedAt: r.steps[1]!.revokedAt, revoked: r.steps[1]!.expectations[0]!, result: r.steps[1]!.result };
  };

  it.each([
    ['Exchange Online', APP.exchange],
    ['SharePoint Online', APP.sharePoint],
    ['Microsoft Teams', APP.teams],
    ['Microsoft Graph', APP.graph],
  ])('%s (CAE-capable) + passwordReset → revoked at once', (_name, appId) => {
    const { revokedAt, revoked } = revokedAtStep(contoso(), appId, 5, {}, ['passwordReset']);
    expect(revokedAt).toBe(5);
    expect([revoked.passed, revoked.actual]).toEqual([true, 'revoked at 5m']);
  });

  it.each(['accountDisabled', 'accountDeleted', 'passwordChanged', 'mfaEnabled', 'sessionsRevoked', 'userRiskHigh'] as const)(
    'critical event %s on a CAE-capable app → revoked at once', (event) => {
      expect(revokedAtStep(contoso(), APP.exchange, 7, {}, [event]).revokedAt).toBe(7);
    });

  it('user risk turning high on SharePoint → revoked at once, and the high-risk block applies', () => {
    const first = initial(signIn({ target: app(APP.sharePoint), ipAddress: '203.0.113.10', userRisk: 'none' }), [{ kind: 'outcome', outcome: 'allow' }]);
    const next = after(first, 20, { userRisk: 'high' }, [
      { kind: 'outcome', outcome: 'block' }, { kind: 'applies', policies: ['CA210'] }, { kind: 'revoked' }, { kind: 'revokedAt', minutes: 20 },
    ]);
    const r = runScenario(contoso(), scenario('Alice', first, next));
    expect(r.steps[1]!.revokedAt).toBe(20);
    expect(r.steps[1]!.expectations.map((e) => e.passed)).toEqual([true, true, true, true]);
    expect(r.passed).toBe(true);
  });

  it('a non-CAE app: a critical event revokes at the next token refresh (60m)', () => {
    const s = contoso();
    const first = initial(anon({ memberOf: [GROUP.contractors], target: app(APP.payroll) }));
    const next = after(first, 5, {}, [{ kind: 'revoked' }, { kind: 'revokedAt', minutes: 60 }, { kind: 'revokedAt', minutes: 5 }], ['passwordReset']);
    const r = runScenario(s, scenario('Contractor', first, next));
    const [revoked, at60, at5] = r.steps[1]!.expectations;
    expect(r.steps[1]!.revokedAt).toBe(60);
    expect([revoked!.passed, revoked!.actual]).toEqual([false, 'revoked only at 1h']);
    expect([at60!.passed, at60!.expected, at60!.actual]).toEqual([true, 'revokedAt 1h', 'revoked at 1h']);
    expect([at5!.passed, at5!.expected, at5!.actual]).toEqual([false, 'revokedAt 5m', 'revoked at 1h']);
  });

  it('a non-CAE app with a 30m sign-in frequency: sooner, at 30m', () => {
    const s = contoso([policy('SIF', { target: apps([APP.payroll]), session: { signInFrequency: 30 } })]);
    expect(revokedAtStep(s, APP.payroll, 5, {}, ['passwordReset']).revokedAt).toBe(30);
  });

  it('a longer sign-in frequency does not delay the hourly refresh', () => {
    const s = contoso([policy('SIF', { target: apps([APP.payroll]), session: { signInFrequency: 240 } })]);
    expect(revokedAtStep(s, APP.payroll, 5, {}, ['passwordReset']).revokedAt).toBe(60);
  });

  it('an IP change that an IP-based location block now blocks, on a CAE app → at once', () => {
    const s = set([policy('IPBLOCK', { locations: { include: ['All'], exclude: [LOC.corpHq] }, grant: block })]);
    const base = signIn({ target: app(APP.exchange), ipAddress: '203.0.113.10' });
    const { revokedAt, revoked, result } = revokedAtStep(s, APP.exchange, 10, { ipAddress: '192.0.2.200' }, [], base);
    expect(result.outcome).toBe('block');
    expect(revokedAt).toBe(10);
    expect(revoked.passed).toBe(true);
  });

  it('an IP-based block through AllTrusted counts as IP-based too', () => {
    const s = set([policy('UNTRUSTED', { locations: { include: ['All'], exclude: ['AllTrusted'] }, grant: block })]);
    const base = signIn({ target: app(APP.sharePoint), ipAddress: '2001:db8:1::5' });
    expect(revokedAtStep(s, APP.sharePoint, 15, { ipAddress: '2001:db8:9::5' }, [], base).revokedAt).toBe(15);
  });

  it('the same IP block on a non-CAE app → at the next refresh (60m)', () => {
    const s = set([policy('IPBLOCK', { locations: { include: ['All'], exclude: [LOC.corpHq] }, grant: block })]);
    const base = signIn({ target: app(APP.payroll), ipAddress: '203.0.113.10' });
    expect(revokedAtStep(s, APP.payroll, 10, { ipAddress: '192.0.2.200' }, [], base).revokedAt).toBe(60);
  });

  it('a country-based block on a CAE app → at the next refresh (28h): CAE does not see countries', () => {
    const s = set([policy('COUNTRY', { locations: { include: ['All'], exclude: [LOC.allowed] }, grant: block })]);
    const base = signIn({ target: app(APP.exchange), country: 'NL' });
    const { revokedAt, revoked, result } = revokedAtStep(s, APP.exchange, 10, { country: 'US', ipAddress: '192.0.2.201' }, [], base);
    expect(result.outcome).toBe('block');
    expect(revokedAt).toBe(28 * 60);
    expect([revoked.passed, revoked.actual]).toEqual([false, 'revoked only at 28h']);
  });

  it('a change that does not block and no critical event: not revoked', () => {
    const r = revokedAtStep(contoso(), APP.exchange, 10, { ipAddress: '192.0.2.99', country: 'BE' });
    expect(r.revokedAt).toBeUndefined();
    expect([r.revoked.passed, r.revoked.actual]).toEqual([false, 'not revoked']);
  });

  it('once revoked, later steps keep the revocation time', () => {
    const first = initial(signIn({ target: app(APP.exchange) }));
    const second = after(first, 5, {}, [], ['passwordReset']);
    const third = after(second, 90, {}, [{ kind: 'revoked' }, { kind: 'revokedAt', minutes: 5 }], ['accountDisabled']);
    const r = runScenario(contoso(), scenario('s', first, second, third));
    expect(r.steps.map((x) => x.revokedAt)).toEqual([undefined, 5, 5]);
    expect(r.steps[2]!.expectations.every((e) => e.passed)).toBe(true);
  });
});
