// Policy states and per-policy results, combining grants (block wins, AND across policies, OR clauses, discharge,
// non-interactive drop-out, legacy clients, minimal CNF), merging session controls, and the per-condition trace.
import { describe, expect, it } from 'vitest';
import type { Policy, SessionControls } from '../src/model.js';
import {
  APP, GROUP, LOC, STRENGTH, TERMS, USER, and, app, apps, block, describeOutcomeAgreement, ev, or, policy, reason,
  registered, result, set, signIn, users, window, without, MON_FRI,
} from './builders.js';

const compliant = registered({ isCompliant: true, trustType: 'AzureAD' });
const nonCompliant = registered({ isCompliant: false, trustType: 'Workplace' });
const hybrid = registered({ isCompliant: false, trustType: 'ServerAD' });

describe('policy states and per-policy results', () => {
  it('a disabled policy never applies: policyNotEnabled, result notEnabled', () => {
    const r = ev(set([policy('D', { state: 'disabled', grant: block })]), signIn());
    expect(r.outcome).toBe('allow');
    expect(reason(r, 'D')).toBe('policyNotEnabled');
    expect(result(r, 'D').result).toBe('notEnabled');
    expect(r.shadow.outcome).toBe('allow');
  });

  it('a report-only block is never enforced but blocks in the shadow outcome', () => {
    const r = ev(set([policy('R', { state: 'enabledForReportingButNotEnforced', grant: block })]), signIn());
    expect(r.outcome).toBe('allow');
    expect(r.shadow.outcome).toBe('block');
    expect(r.shadow.blockedBy).toEqual(['R']);
    expect(result(r, 'R')).toMatchObject({ policyApplies: true, result: 'reportOnlyFailure' });
  });

  it('report-only results: Success, Failure, Interrupted, NotApplied', () => {
    const ro = (id: string, fields: Partial<Policy>) => policy(id, { state: 'enabledForReportingButNotEnforced', ...fields });
    const s = set([
      ro('MFA', { grant: and('mfa') }),
      ro('DEV', { grant: and('compliantDevice') }),
      ro('PAYROLL', { target: apps([APP.payroll]), grant: and('mfa') }),
      ro('SESSION', { session: { signInFrequency: 60 } }),
    ]);
    let r = ev(s, signIn({ device: nonCompliant }));
    expect(result(r, 'MFA').result).toBe('reportOnlyInterrupted');
    expect(result(r, 'MFA').requires).toEqual([['mfa']]);
    expect(result(r, 'DEV').result).toBe('reportOnlyFailure');
    expect(result(r, 'PAYROLL').result).toBe('reportOnlyNotApplied');
    expect(result(r, 'SESSION').result).toBe('reportOnlySuccess');
    expect(r.outcome).toBe('allow');
    expect(r.shadow.outcome).toBe('block');
    expect(r.session).toEqual({}); // report-only sessions are not enforced

    r = ev(s, signIn({ device: compliant, satisfied: ['mfa'] }));
    expect(result(r, 'MFA').result).toBe('reportOnlySuccess');
    expect(result(r, 'DEV').result).toBe('reportOnlySuccess');
    expect(r.shadow.outcome).toBe('allow');
  });

  it('enabled results: success, failure, interrupted, notApplied', () => {
    const s = set([
      policy('MFA', { grant: and('mfa') }),
      policy('PAYROLL', { target: apps([APP.payroll]), grant: block }),
    ]);
    let r = ev(s, signIn());
    expect(result(r, 'MFA').result).toBe('interrupted');
    expect(result(r, 'PAYROLL').result).toBe('notApplied');
    r = ev(s, signIn({ satisfied: ['mfa'] }));
    expect(result(r, 'MFA').result).toBe('success');
    r = ev(s, signIn({ target: app(APP.payroll) }));
    expect(result(r, 'PAYROLL').result).toBe('failure');
    expect(r.outcome).toBe('block');
  });

  it('the shadow outcome combines enabled and report-only policies', () => {
    const s = set([
      policy('E', { grant: and('mfa') }),
      policy('R', { state: 'enabledForReportingButNotEnforced', grant: and(TERMS) }),
    ]);
    const r = ev(s, signIn());
    expect([r.outcome, r.requires]).toEqual(['requires', [['mfa']]]);
    expect([r.shadow.outcome, r.shadow.requires]).toEqual(['requires', [['mfa'], [TERMS]]]);
  });
});

describe('combining grants', () => {
  it('block wins over any grant, and reports every blocking policy', () => {
    const r = ev(set([policy('G', { grant: and('mfa') }), policy('B1', { grant: block }), policy('B2', { grant: block })]), signIn({ satisfied: ['mfa'] }));
    expect(r.outcome).toBe('block');
    expect(r.requires).toEqual([]);
    expect(r.blockedBy).toEqual(['B1', 'B2']);
  });

  it('AND across policies: every applicable policy must be met', () => {
    const s = set([policy('M', { grant: and('mfa') }), policy('C', { grant: and('compliantDevice') })]);
    let r = ev(s, signIn({ device: compliant }));
    expect([r.outcome, r.requires, r.satisfiedControls]).toEqual(['requires', [['mfa']], ['compliantDevice']]);
    r = ev(s, signIn({ device: compliant, satisfied: ['mfa'] }));
    expect(r.outcome).toBe('allow');
    r = ev(s, signIn({ device: nonCompliant, satisfied: ['mfa'] }));
    expect([r.outcome, r.unsatisfiable, r.blockedBy]).toEqual(['block', [['compliantDevice']], ['C']]);
  });

  it('AND inside a policy gives one clause per control; an absent operator means AND', () => {
    let r = ev(set([policy('P', { grant: and('mfa', TERMS) })]), signIn());
    expect(r.requires).toEqual([['mfa'], [TERMS]]);
    const noOperator = { kind: 'controls', controls: ['mfa', TERMS] } as unknown as Policy['grant'];
    r = ev(set([policy('P', { grant: noOperator })]), signIn());
    expect(r.requires).toEqual([['mfa'], [TERMS]]);
    r = ev(set([policy('P', { grant: noOperator })]), signIn({ satisfied: ['mfa'] }));
    expect(r.requires).toEqual([[TERMS]]);
  });

  it('OR gives one clause: compliantDevice or mfa on a non-compliant device requires [["mfa"]]', () => {
    const s = set([policy('P', { grant: or('compliantDevice', 'mfa') })]);
    let r = ev(s, signIn({ device: nonCompliant }));
    expect([r.outcome, r.requires]).toEqual(['requires', [['mfa']]]);
    r = ev(s, signIn());
    expect([r.outcome, r.requires]).toEqual(['requires', [['mfa']]]);
    r = ev(s, signIn({ device: compliant }));
    expect([r.outcome, r.satisfiedControls]).toEqual(['allow', ['compliantDevice']]);
    r = ev(s, signIn({ satisfied: ['mfa'] }));
    expect([r.outcome, r.satisfiedControls]).toEqual(['allow', ['mfa']]);
  });

  it('discharge by a compliant registered device, by trustType ServerAD, by a satisfied control', () => {
    const s = set([policy('P', { grant: or('compliantDevice', 'domainJoinedDevice') })]);
    expect(ev(s, signIn({ device: compliant })).outcome).toBe('allow');
    expect(ev(s, signIn({ device: hybrid })).outcome).toBe('allow');
    expect(ev(s, signIn({ device: registered({ trustType: 'serverad' }) })).outcome).toBe('allow');
    expect(ev(s, signIn({ device: registered({ isCompliant: 'True' }) })).outcome).toBe('allow');
    expect(ev(s, signIn({ satisfied: ['domainJoinedDevice'] })).outcome).toBe('allow');
    expect(ev(s, signIn({ device: nonCompliant })).outcome).toBe('block');
    expect(ev(s, signIn()).outcome).toBe('block');
  });

  it('an unregistered device proves nothing, whatever properties it carries', () => {
    const s = set([policy('P', { grant: or('compliantDevice', 'domainJoinedDevice') })]);
    const r = ev(s, signIn({ device: { registered: false, properties: { isCompliant: true, trustType: 'ServerAD' } } }));
    expect([r.outcome, r.unsatisfiable]).toEqual(['block', [['compliantDevice', 'domainJoinedDevice']]]);
  });

  it('non-interactive controls drop out of an undischarged clause; a clause left empty blocks', () => {
    let r = ev(set([policy('P', { grant: or('approvedApplication', 'compliantApplication') })]), signIn());
    expect([r.outcome, r.requires, r.unsatisfiable]).toEqual(['block', [], [['approvedApplication', 'compliantApplication']]]);
    r = ev(set([policy('P', { grant: or('compliantApplication', 'mfa', 'domainJoinedDevice') })]), signIn());
    expect([r.outcome, r.requires]).toEqual(['requires', [['mfa']]]);
    r = ev(set([policy('P', { grant: and('mfa', 'compliantDevice') })]), signIn());
    expect(r.outcome).toBe('block');
    r = ev(set([policy('P', { grant: or('compliantApplication') })]), signIn({ satisfied: ['compliantApplication'] }));
    expect(r.outcome).toBe('allow');
  });

  it('every interactive control stays: mfa, passwordChange, strengths, terms, custom factors', () => {
    const r = ev(set([
      policy('A', { grant: and('mfa', 'passwordChange') }),
      policy('B', { grant: or(STRENGTH.fido2, 'compliantDevice') }),
      policy('C', { grant: or(TERMS, 'customFactor:duo') }),
    ]), signIn());
    expect(r.outcome).toBe('requires');
    expect(r.requires).toEqual([[STRENGTH.fido2], ['customFactor:duo', TERMS], ['mfa'], ['passwordChange']]);
  });

  it('legacy clients with any clause are blocked, even with the control satisfied', () => {
    for (const client of ['exchangeActiveSync', 'easSupported', 'other'] as const) {
      const r = ev(set([policy('P', { grant: and('mfa') })]), signIn({ clientAppType: client, satisfied: ['mfa'] }));
      expect([client, r.outcome]).toEqual([client, 'block']);
    }
    const r = ev(set([policy('P', { grant: or('compliantDevice', 'mfa') })]), signIn({ clientAppType: 'other', device: compliant }));
    expect([r.outcome, r.blockedBy]).toEqual(['block', ['P']]);
    expect(result(r, 'P').result).toBe('failure');
  });

  it('legacy clients without any clause are allowed (session-only policy, no policy)', () => {
    expect(ev(set([policy('S', { session: { signInFrequency: 60 } })]), signIn({ clientAppType: 'exchangeActiveSync' })).outcome).toBe('allow');
    expect(ev(set([]), signIn({ clientAppType: 'other' })).outcome).toBe('allow');
  });

  it('legacy client types compare case-insensitively in the combination too', () => {
    const r = ev(set([policy('P', { grant: and('mfa') })]), signIn({ clientAppType: 'ExchangeActiveSync' as 'exchangeActiveSync' }));
    expect(r.outcome).toBe('block');
  });

  it('satisfied controls compare ids case-insensitively', () => {
    const r = ev(set([policy('P', { grant: and(STRENGTH.fido2) })]), signIn({ satisfied: [STRENGTH.fido2.toUpperCase().replace('AUTHENTICATIONSTRENGTH', 'authenticationStrength')] }));
    expect(r.outcome).toBe('allow');
  });

  it('a session-only policy adds no clause; no policy at all allows', () => {
    const r = ev(set([policy('S', { session: { signInFrequency: 60 } })]), signIn());
    expect([r.outcome, r.requires]).toEqual(['allow', []]);
    expect(ev(set([policy('E', { grant: { kind: 'controls', operator: 'AND', controls: [] } })]), signIn()).outcome).toBe('allow');
  });

  it('minimal CNF: absorption and duplicates across policies', () => {
    let r = ev(set([policy('A', { grant: or('mfa', TERMS) }), policy('B', { grant: and('mfa') })]), signIn());
    expect(r.requires).toEqual([['mfa']]);
    r = ev(set([policy('A', { grant: and('mfa') }), policy('B', { grant: and('mfa') }), policy('C', { grant: or('mfa', 'mfa') })]), signIn());
    expect(r.requires).toEqual([['mfa']]);
    // (mfa ∨ terms) ∧ (mfa ∨ terms ∨ strength) → (mfa ∨ terms)
    r = ev(set([policy('A', { grant: or(TERMS, 'mfa') }), policy('B', { grant: or(STRENGTH.fido2, 'mfa', TERMS) })]), signIn());
    expect(r.requires).toEqual([['mfa', TERMS]]);
  });

  it('the requirement is sorted: members, then clauses', () => {
    const r = ev(set([policy('A', { grant: and(TERMS) }), policy('B', { grant: or('mfa', STRENGTH.phishingResistant) })]), signIn());
    expect(r.requires).toEqual([[STRENGTH.phishingResistant, 'mfa'], [TERMS]]);
    for (const clause of r.requires) expect(clause).toEqual([...clause].sort());
  });

  it('a discharged clause does not shrink another one (discharge is per clause)', () => {
    // (compliantDevice ∨ mfa) ∧ (mfa ∨ terms) on a compliant device → only (mfa ∨ terms) remains.
    const r = ev(set([policy('A', { grant: or('compliantDevice', 'mfa') }), policy('B', { grant: or('mfa', TERMS) })]), signIn({ device: compliant }));
    expect(r.requires).toEqual([['mfa', TERMS]]);
  });
});

describe('merging session controls', () => {
  const sessions = (...ss: SessionControls[]) => set(ss.map((session, i) => policy(`S${i}`, { session })));

  it('the shortest sign-in frequency wins; everyTime is shortest', () => {
    expect(ev(sessions({ signInFrequency: 240 }, { signInFrequency: 30 }, { signInFrequency: 60 }), signIn()).session.signInFrequency).toBe(30);
    expect(ev(sessions({ signInFrequency: 30 }, { signInFrequency: 'everyTime' }, { signInFrequency: 10 }), signIn()).session.signInFrequency).toBe('everyTime');
  });

  it('persistentBrowser never beats always and is flagged as a conflict', () => {
    let m = ev(sessions({ persistentBrowser: 'always' }, { persistentBrowser: 'never' }), signIn()).session;
    expect([m.persistentBrowser, m.persistentBrowserConflict]).toEqual(['never', true]);
    m = ev(sessions({ persistentBrowser: 'never' }, { persistentBrowser: 'always' }), signIn()).session;
    expect([m.persistentBrowser, m.persistentBrowserConflict]).toEqual(['never', true]);
    m = ev(sessions({ persistentBrowser: 'always' }, { persistentBrowser: 'always' }), signIn()).session;
    expect([m.persistentBrowser, m.persistentBrowserConflict]).toEqual(['always', undefined]);
  });

  it('flags are ORed', () => {
    const m = ev(sessions({ applicationEnforcedRestrictions: true }, { secureSignInSession: true }, { disableResilienceDefaults: true },
      { applicationEnforcedRestrictions: false }), signIn()).session;
    expect(m).toMatchObject({ applicationEnforcedRestrictions: true, secureSignInSession: true, disableResilienceDefaults: true });
  });

  it('the strictest CAE mode wins', () => {
    expect(ev(sessions({ continuousAccessEvaluation: 'disabled' }, { continuousAccessEvaluation: 'strictLocation' }), signIn()).session.continuousAccessEvaluation).toBe('strictLocation');
    expect(ev(sessions({ continuousAccessEvaluation: 'strictEnforcement' }, { continuousAccessEvaluation: 'disabled' }), signIn()).session.continuousAccessEvaluation).toBe('strictEnforcement');
    expect(ev(sessions({ continuousAccessEvaluation: 'disabled' }), signIn()).session.continuousAccessEvaluation).toBe('disabled');
  });

  it('only applicable enabled policies contribute', () => {
    const s = set([
      policy('A', { session: { signInFrequency: 240 } }),
      policy('B', { target: apps([APP.payroll]), session: { signInFrequency: 10 } }),
      policy('C', { state: 'enabledForReportingButNotEnforced', session: { signInFrequency: 5, persistentBrowser: 'never' } }),
      policy('D', { state: 'disabled', session: { signInFrequency: 1 } }),
    ]);
    expect(ev(s, signIn()).session).toEqual({ signInFrequency: 240 });
  });
});

describe('trace', () => {
  const CONDITIONS = ['users', 'application', 'devicePlatform', 'devices', 'clientApps', 'location', 'signInRisk', 'userRisk',
    'insiderRisk', 'authenticationFlow', 'time'];

  it('every condition is listed in order, unconfigured ones as notConfigured', () => {
    const r = ev(set([policy('P', { grant: and('mfa') })]), signIn());
    const t = result(r, 'P').trace;
    expect(t.map((c) => c.condition)).toEqual(CONDITIONS);
    expect(t.map((c) => c.status)).toEqual(['matches', 'matches', ...Array(9).fill('notConfigured')]);
  });

  it('statuses matches / fails / missingInput, for every condition after the first failing one too', () => {
    const p = policy('P', {
      users: users({ all: true }, { groups: [GROUP.breakGlass] }),
      target: apps([APP.exchange]),
      platforms: { include: ['windows'], exclude: [] },
      deviceFilter: { mode: 'exclude', rule: 'device.isCompliant -eq True' },
      clientAppTypes: ['browser'],
      locations: { include: ['All'], exclude: [LOC.corpHq] },
      signInRisk: ['high'],
      userRisk: ['high'],
      insiderRisk: ['elevated'],
      authenticationFlows: ['deviceCodeFlow'],
      times: [window(MON_FRI, '08:00', '18:00', 'Europe/Amsterdam')],
      grant: block,
    });
    const s = without(signIn({ userId: USER.bg1, devicePlatform: 'linux', signInRisk: 'high' }), 'ipAddress', 'time');
    for (const mode of ['strict', 'lenient'] as const) {
      const r = ev(set([p]), s, mode);
      const pr = result(r, 'P');
      expect(pr.analysisReasons).toBe('users');
      expect(pr.trace.map((c) => [c.condition, c.status])).toEqual([
        ['users', 'fails'], ['application', 'matches'], ['devicePlatform', 'fails'], ['devices', 'matches'],
        ['clientApps', 'matches'], ['location', 'missingInput'], ['signInRisk', 'matches'], ['userRisk', 'fails'],
        ['insiderRisk', 'fails'], ['authenticationFlow', 'fails'], ['time', 'missingInput'],
      ]);
      for (const c of pr.trace) expect(typeof c.detail).toBe('string');
    }
  });

  it("the target entry is named by the sign-in's context kind", () => {
    const p = policy('P', { target: { kind: 'userActions', actions: ['registerSecurityInfo'] } });
    const byApp = result(ev(set([p]), signIn()), 'P').trace[1];
    expect([byApp!.condition, byApp!.status]).toEqual(['application', 'fails']);
    const byAction = result(ev(set([p]), signIn({ target: { kind: 'userAction', action: 'registerSecurityInfo' } })), 'P').trace[1];
    expect([byAction!.condition, byAction!.status]).toEqual(['userActions', 'matches']);
    const byContext = result(ev(set([p]), signIn({ target: { kind: 'authContext', id: 'c1' } })), 'P').trace[1];
    expect([byContext!.condition, byContext!.status]).toEqual(['authenticationContext', 'fails']);
  });

  it('a disabled policy is still traced', () => {
    const pr = result(ev(set([policy('D', { state: 'disabled', target: apps([APP.payroll]) })]), signIn()), 'D');
    expect(pr.analysisReasons).toBe('policyNotEnabled');
    expect(pr.trace).toHaveLength(CONDITIONS.length);
    expect(pr.trace[1]!.status).toBe('fails');
  });
});

describeOutcomeAgreement();
