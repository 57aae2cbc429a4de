// One model Policy → a formatted `policy` declaration. Whatever the model holds that .latch syntax cannot say
// (custom authentication factors, an OR grant of one control) is written into `extra` in Graph's shape, so export
// restores it exactly.

import type { Grant, GuestSelector, Policy, PrincipalSet, SessionControls } from '@latch/engine';
import { findStrengthById } from '@latch/engine';
import { quote } from './latch-names.js';
import { mergeInto, printExtra } from './policy-extra.js';
import type { ReferenceNamer } from './reference-namer.js';
import {
    CAE_MODE, CLIENT_TYPE, CLOUD_APP_SECURITY, CONTROL, FLOW, PLATFORM, STATE,
} from './latch-vocabulary.js';

export interface PrintedPolicyName {
    /** The Latch name, as written (escaped). */
    name: string;
    /** Whether to write the `id` clause (the policy has a Graph id, not one derived from its name). */
    writeId: boolean;
}

export function printPolicy(p: Policy, naming: PrintedPolicyName, refs: ReferenceNamer): string {
    const lines: string[] = [];
    const add = (s: string | undefined) => { if (s) lines.push(`  ${s}`); };
    const extra: Record<string, unknown> = structuredClone(p.extra ?? {});

    if (naming.writeId) add(`id ${quote(p.id)}`);
    if (p.templateId !== undefined) add(`templateId ${quote(p.templateId)}`);
    if (p.description !== undefined) add(`description ${quote(p.description)}`);
    add(`state ${STATE[p.state]}`);
    if (p.users) add(usersClause(p.users.include, p.users.exclude, refs));
    add(targetClause(p, refs));
    if (p.platforms) add(includeExclude('platforms', p.platforms.include.map((x) => (x === 'all' ? 'all' : PLATFORM[x])), p.platforms.exclude.map((x) => PLATFORM[x])));
    if (p.locations) add(includeExclude('locations', p.locations.include.map((x) => locationItem(x, refs)), p.locations.exclude.map((x) => locationItem(x, refs))));
    if (p.clientAppTypes?.length) add(`clients ${p.clientAppTypes.map((c) => CLIENT_TYPE[c]).join(', ')}`);
    if (p.signInRisk?.length) add(`signInRisk ${p.signInRisk.join(', ')}`);
    if (p.userRisk?.length) add(`userRisk ${p.userRisk.join(', ')}`);
    if (p.insiderRisk?.length) add(`insiderRisk ${p.insiderRisk.join(', ')}`);
    if (p.authenticationFlows?.length) add(`flows ${p.authenticationFlows.map((f) => FLOW[f]).join(', ')}`);
    // Entra's rule language, verbatim: the grammar parses it as is.
    if (p.deviceFilter) add(`devices ${p.deviceFilter.mode} where ${p.deviceFilter.rule.trim()}`);
    if (p.grant) add(grantClause(p.grant, refs, extra));
    if (p.session) {
        const settings = sessionSettings(p.session);
        if (settings.length > 0) lines.push('  session {', ...settings.map((s) => `    ${s}`), '  }');
    }
    const extraText = printExtra(extra);
    if (extraText) add(extraText);

    const display = p.displayName !== undefined && p.displayName !== naming.name ? ` ${quote(p.displayName)}` : '';
    return [`policy ${naming.name}${display} {`, ...lines, '}'].join('\n');
}

function usersClause(include: PrincipalSet, exclude: PrincipalSet, refs: ReferenceNamer): string | undefined {
    return includeExclude('users', principalItems(include, refs), principalItems(exclude, refs));
}

function principalItems(s: PrincipalSet, refs: ReferenceNamer): string[] {
    const items: string[] = [];
    if (s.all) items.push('all');
    if (s.none) items.push('none');
    if (s.allGuests) items.push('guests');
    if (s.guests) items.push(guestsItem(s.guests));
    for (const u of s.users) items.push(refs.user(u));
    for (const g of s.groups) items.push(refs.group(g));
    for (const r of s.roles) items.push(`role ${refs.role(r)}`);
    return items;
}

function guestsItem(g: GuestSelector): string {
    const tenants = g.tenants === 'all' ? ' tenants all' : g.tenants && g.tenants.length > 0 ? ` tenants ${g.tenants.map(quote).join(', ')}` : '';
    return `guests(${g.types.join(', ')})${tenants}`;
}

function targetClause(p: Policy, refs: ReferenceNamer): string | undefined {
    const t = p.target;
    if (!t) return undefined;
    if (t.kind === 'userActions') return t.actions.length > 0 ? `actions ${t.actions.join(', ')}` : undefined;
    if (t.kind === 'authContext') return `authContext ${t.refs.map((r) => refs.authContext(r)).join(', ')}`;
    const app = (id: string) => (id === 'All' ? 'all' : id === 'None' ? 'none' : refs.app(id));
    return includeExclude('apps', t.include.map(app), t.exclude.map(app));
}

function locationItem(id: string, refs: ReferenceNamer): string {
    return id === 'All' ? 'all' : id === 'AllTrusted' ? 'trusted' : refs.location(id);
}

/** `KEYWORD include A, B  exclude C`, or `KEYWORD exclude C`; nothing when both sides are empty. */
function includeExclude(keyword: string, include: readonly string[], exclude: readonly string[]): string | undefined {
    if (include.length === 0 && exclude.length === 0) return undefined;
    const inc = include.length > 0 ? ` include ${include.join(', ')}` : '';
    const exc = exclude.length > 0 ? `${inc ? ' ' : ''} exclude ${exclude.join(', ')}` : '';
    return `${keyword}${inc}${exc}`;
}

function grantClause(g: Grant, refs: ReferenceNamer, extra: Record<string, unknown>): string | undefined {
    if (g.kind === 'block') return 'block';
    const items: string[] = [];
    const custom: string[] = [];
    for (const c of g.controls) {
        if (c.startsWith('authenticationStrength:')) {
            const id = c.slice('authenticationStrength:'.length);
            items.push(`strength ${refs.strength(id)}`);
            // A built-in strength's definition (read back with the policy) is Microsoft's, read-only and known.
            if (findStrengthById(id)) dropStrengthDefinition(extra);
        } else if (c.startsWith('termsOfUse:')) items.push(`terms ${refs.terms(c.slice('termsOfUse:'.length))}`);
        else if (c.startsWith('customFactor:')) custom.push(c.slice('customFactor:'.length));
        else items.push(CONTROL[c] ?? c);
    }
    // Latch has no syntax for custom controls, and a single control has no operator: extra keeps both.
    if (custom.length > 0) mergeInto(extra, { grantControls: { customAuthenticationFactors: custom } });
    if (items.length === 0 || (items.length === 1 && g.operator !== 'AND')) mergeInto(extra, { grantControls: { operator: g.operator } });
    if (items.length === 0) return undefined;
    return `grant ${items.join(g.operator === 'OR' ? ' or ' : ' and ')}`;
}

function dropStrengthDefinition(extra: Record<string, unknown>): void {
    const grant = extra.grantControls as Record<string, unknown> | undefined;
    if (!grant || typeof grant !== 'object') return;
    delete grant.authenticationStrength;
    if (Object.keys(grant).length === 0) delete extra.grantControls;
}

function sessionSettings(s: SessionControls): string[] {
    const out: string[] = [];
    const f = s.signInFrequency;
    if (f === 'everyTime') out.push('signInFrequency everyTime');
    else if (typeof f === 'number') out.push(`signInFrequency ${duration(f, s.signInFrequencyUnit)}`);
    if (s.persistentBrowser) out.push(`persistentBrowser ${s.persistentBrowser}`);
    if (s.applicationEnforcedRestrictions) out.push('appEnforcedRestrictions');
    if (s.cloudAppSecurity) out.push(`cloudAppSecurity ${CLOUD_APP_SECURITY[s.cloudAppSecurity]}`);
    if (s.continuousAccessEvaluation) out.push(`continuousAccessEvaluation ${CAE_MODE[s.continuousAccessEvaluation]}`);
    if (s.secureSignInSession) out.push('tokenProtection');
    if (s.disableResilienceDefaults) out.push('disableResilienceDefaults');
    return out;
}

/** Minutes in the unit they were written in (24h stays 24h), else the largest whole unit. */
function duration(minutes: number, unit: 'hours' | 'days' | undefined): string {
    if (unit === 'days' && minutes % 1440 === 0) return `${minutes / 1440}d`;
    if (unit === 'hours' && minutes % 60 === 0) return `${minutes / 60}h`;
    if (minutes % 1440 === 0) return `${minutes / 1440}d`;
    if (minutes % 60 === 0) return `${minutes / 60}h`;
    return `${minutes}m`;
}
