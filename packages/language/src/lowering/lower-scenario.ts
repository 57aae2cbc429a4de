import {
    type AnalysisReason, type Expectation, type GuestType, type InsiderRiskLevel, type RequirementExpr, type RiskLevel,
    type Scenario, type ScenarioEvent, type ScenarioStep, type SessionControls, type SignIn, type SignInDevice,
    isValidTimeZone, localTimestampToInstant, parseDuration,
} from '@latch/engine';
import * as ast from '../generated/ast.js';
import { refId } from './ids.js';
import { lowerControl, lowerSessionSetting } from './lower-policy.js';
import { CLIENT, FLOW, PLATFORM } from './vocabulary.js';

export function lowerRequirement(r: ast.Requirement | undefined): RequirementExpr {
    if (ast.isRequirementControl(r) && r.control) return { kind: 'control', control: lowerControl(r.control) };
    if (ast.isRequirementBinary(r) && r.left && r.right) return { kind: r.operator, left: lowerRequirement(r.left), right: lowerRequirement(r.right) };
    return { kind: 'control', control: '?' };
}

function deviceValue(v: ast.DeviceValue | undefined): string | boolean | string[] | undefined {
    if (ast.isDeviceList(v)) return [...v.items];
    return v?.value;
}

/** `device { registered BOOL  PROPERTY VALUE … }`; without `registered`, a device with an id or trust type is registered. */
function lowerDevice(d: ast.DeviceInput): SignInDevice {
    const properties: SignInDevice['properties'] = {};
    for (const p of d.properties) {
        if (p.name === undefined) continue;
        const name = p.name.replace(/^device\./i, '');
        const value = deviceValue(p.value);
        properties[name] = name.toLowerCase() === 'iscompliant' && typeof value === 'string' ? value.toLowerCase() === 'true' : value;
    }
    const registered = d.registered ?? (properties.deviceId !== undefined || properties.trustType !== undefined);
    return { registered: registered === true || (registered as unknown) === 'true', properties };
}

/** Applies one input statement to a sign-in state. */
function applyInput(s: SignIn, input: ast.ScenarioInput, events: ScenarioEvent[]): void {
    if (ast.isUserInput(input)) {
        s.userId = input.user ? refId(input.user) : undefined;
        s.anonymous = input.user ? undefined : true;
        s.memberOf = input.groups.map(refId);
        s.roles = input.roles.map(refId);
        s.guestType = input.guest as GuestType | undefined;
        s.homeTenantId = input.tenantId;
    } else if (ast.isAppInput(input)) s.target = { kind: 'application', appId: refId(input.app) };
    else if (ast.isActionInput(input)) s.target = { kind: 'userAction', action: input.action as 'registerSecurityInfo' | 'registerDevice' };
    else if (ast.isAuthContextInput(input)) s.target = { kind: 'authContext', id: refId(input.context) };
    else if (ast.isIpInput(input)) s.ipAddress = input.ip;
    else if (ast.isCountryInput(input)) s.country = input.unknown ? 'unknown' : input.code;
    else if (ast.isPlatformInput(input)) s.devicePlatform = input.platform === 'unknown' ? 'unknown' : PLATFORM[input.platform];
    else if (ast.isClientInput(input)) s.clientAppType = CLIENT[input.client];
    else if (ast.isDeviceInput(input)) s.device = lowerDevice(input);
    else if (ast.isRiskInput(input)) {
        if (input.kind === 'signInRisk') s.signInRisk = input.level as RiskLevel;
        else s.userRisk = input.level as RiskLevel;
    } else if (ast.isInsiderRiskInput(input)) s.insiderRisk = input.level as InsiderRiskLevel | 'none';
    else if (ast.isFlowInput(input)) s.authenticationFlow = input.flow === 'none' ? 'none' : FLOW[input.flow];
    else if (ast.isAtInput(input)) s.time = input.timestamp && input.zone && isValidTimeZone(input.zone) ? localTimestampToInstant(input.timestamp, input.zone) : undefined;
    else if (ast.isSatisfiedInput(input)) s.satisfied = input.controls.map(lowerControl);
    else if (ast.isEventInput(input)) {
        events.push(input.event as ScenarioEvent);
        if (input.event === 'userRiskHigh') s.userRisk = 'high';
    }
}

function lowerExpectation(e: ast.Expectation): Expectation {
    if (ast.isExpectOutcome(e)) return { kind: 'outcome', outcome: e.outcome };
    if (ast.isExpectRequires(e)) return { kind: 'requires', requirement: lowerRequirement(e.requirement) };
    if (ast.isExpectApplies(e)) return { kind: 'applies', policies: e.policies.map(refId) };
    if (ast.isExpectNotApplies(e)) return { kind: 'notApplies', policies: e.policies.map(refId), reason: e.reason as AnalysisReason };
    if (ast.isExpectSession(e)) {
        const session: SessionControls = {};
        if (e.setting) lowerSessionSetting(e.setting, session);
        delete session.signInFrequencyUnit; // an expectation compares what the session does, not how it was written
        return { kind: 'session', session };
    }
    if (ast.isExpectShadow(e)) {
        return e.requirement ? { kind: 'shadow', outcome: 'requires', requirement: lowerRequirement(e.requirement) }
            : { kind: 'shadow', outcome: e.outcome ?? 'allow' };
    }
    if (ast.isExpectRevoked(e)) return { kind: 'revoked' };
    return { kind: 'revokedAt', minutes: parseDuration((e as ast.ExpectRevokedAt).at) ?? 0 };
}

export interface LoweredScenario {
    scenario: Scenario;
    /** The expectation nodes of each step, parallel to `scenario.steps[i].expectations`. */
    expectationNodes: ast.Expectation[][];
}

/** A scenario → its steps: the initial sign-in, then one step per `after`, each holding the following expects. */
export function lowerScenario(node: ast.Scenario): LoweredScenario {
    const first: ScenarioStep = { afterMinutes: 0, signIn: {}, events: [], expectations: [] };
    const steps: ScenarioStep[] = [first];
    const expectationNodes: ast.Expectation[][] = [[]];
    for (const st of node.statements) {
        const cur = steps[steps.length - 1];
        if (ast.isAfterStep(st)) {
            const next: ScenarioStep = {
                afterMinutes: parseDuration(st.delay) ?? 0,
                signIn: structuredClone(cur.signIn), events: [], expectations: [],
            };
            for (const change of st.changes) applyInput(next.signIn, change, next.events);
            steps.push(next);
            expectationNodes.push([]);
        } else if (ast.isExpectation(st)) {
            cur.expectations.push(lowerExpectation(st));
            expectationNodes[expectationNodes.length - 1].push(st);
        } else {
            applyInput(cur.signIn, st, cur.events);
        }
    }
    return { scenario: { name: node.name, steps }, expectationNodes };
}
