// A witness as a ready-to-insert Latch scenario that pins it and its actual outcome (the quick fix
// "Add scenario from counterexample"), using the workspace's declared names.

import type { PolicySet, SignIn } from '@latch/engine';
import type { Witness } from '@latch/engine';
import { latchControlLabel } from '../presentation/control-label.js';
import { CLIENT, FLOW, PLATFORM } from '../lowering/vocabulary.js';

const invert = (m: Record<string, string>) => new Map(Object.entries(m).map(([k, v]) => [v, k]));
const PLATFORM_NAME = invert(PLATFORM);
const CLIENT_NAME = invert(CLIENT);
const FLOW_NAME = invert(FLOW);

function nameOf<T extends { id: string; name: string }>(xs: readonly T[], id: string): string | undefined {
    const k = id.toLowerCase();
    return xs.find((x) => x.id.toLowerCase() === k)?.name;
}

function quote(s: string): string {
    return JSON.stringify(s);
}

/** Wall-clock time in UTC for the `at` input (Latch timestamps are local to the zone given). */
function atText(iso: string): string {
    return `at ${iso.slice(0, 16)} "UTC"`;
}

function deviceValue(v: unknown): string {
    if (typeof v === 'boolean') return v ? 'true' : 'false';
    if (Array.isArray(v)) return `[${v.map((x) => quote(String(x))).join(', ')}]`;
    return quote(String(v));
}

/** Lines of the scenario's inputs; undefined when an input has no Latch name to refer to. */
export function signInLines(set: PolicySet, s: SignIn): string[] | undefined {
    const d = set.directory;
    const lines: string[] = [];
    const groups = (s.memberOf ?? []).map((g) => nameOf(d.groups, g));
    const roles = (s.roles ?? []).map((r) => nameOf(d.roles, r));
    if (groups.includes(undefined) || roles.includes(undefined)) return undefined;
    const facts = [
        groups.length ? `groups ${groups.join(', ')}` : '', roles.length ? `roles ${roles.join(', ')}` : '',
        s.guestType ? `guest ${s.guestType}` : '', s.homeTenantId ? `tenantId ${quote(s.homeTenantId)}` : '',
    ].filter(Boolean).join('  ');
    if (s.userId !== undefined) {
        const user = nameOf(d.users, s.userId);
        if (!user) return undefined;
        lines.push(`user ${user}${facts ? ` { ${facts} }` : ''}`);
    } else lines.push(`user { ${facts} }`.replace('{  }', '{ }'));
    const t = s.target;
    if (t?.kind === 'application') {
        const app = nameOf(d.apps, t.appId);
        if (!app) return undefined;
        lines.push(`app ${app}`);
    } else if (t?.kind === 'userAction') lines.push(`action ${t.action}`);
    else if (t?.kind === 'authContext') {
        const ctx = nameOf(d.authContexts, t.id);
        if (!ctx) return undefined;
        lines.push(`authContext ${ctx}`);
    }
    lines.push(`ip ${s.ipAddress}  country ${s.country}`);
    lines.push(`platform ${s.devicePlatform === 'unknown' ? 'unknown' : PLATFORM_NAME.get(s.devicePlatform ?? '')}  client ${CLIENT_NAME.get(s.clientAppType ?? '')}`);
    if (s.device?.registered) {
        const props = Object.entries(s.device.properties).map(([k, v]) => `${k} ${deviceValue(v)}`);
        lines.push(`device { registered true${props.length ? `  ${props.join('  ')}` : ''} }`);
    }
    lines.push(`signInRisk ${s.signInRisk}  userRisk ${s.userRisk}  insiderRisk ${s.insiderRisk}`);
    lines.push(`flow ${s.authenticationFlow === 'none' ? 'none' : FLOW_NAME.get(s.authenticationFlow ?? '')}`);
    if (s.time) lines.push(atText(s.time));
    if (s.satisfied?.length) lines.push(`satisfied ${s.satisfied.map(latchControlLabel(set)).join(', ')}`);
    return lines;
}

/** `scenario "…" { inputs…  expect <actual outcome> }`, or undefined when the witness cannot be written in Latch. */
export function scenarioText(set: PolicySet, name: string, w: Witness): string | undefined {
    const lines = signInLines(set, w.signIn);
    if (!lines) return undefined;
    const label = latchControlLabel(set);
    const expect = w.outcome === 'requires'
        ? `expect requires ${w.requires.map((c) => (c.length > 1 && w.requires.length > 1 ? `(${c.map(label).join(' or ')})` : c.map(label).join(' or '))).join(' and ')}`
        : `expect ${w.outcome}`;
    const policies = new Map(set.policies.map((p) => [p.id, p.name]));
    const applies = w.applies.map((id) => policies.get(id)).filter((n): n is string => n !== undefined);
    const body = [...lines, expect, ...(applies.length ? [`expect applies ${applies.join(', ')}`] : [])];
    return `scenario ${quote(name)} {\n${body.map((l) => `  ${l}`).join('\n')}\n}\n`;
}
