import {
    type GuestType, type InsiderRiskLevel, type Platform, type Policy, type PrincipalSet, type RiskLevel, type Target,
    type TimeWindow, emptyPrincipalSet, isValidTimeZone, parseDays, parseTimeRange,
} from '@latch/engine';
import * as ast from '../generated/ast.js';
import { idOf, refId } from './ids.js';
import { CLIENT, FLOW, PLATFORM } from './vocabulary.js';

export type LoweredConditions = Pick<Policy,
    'users' | 'target' | 'platforms' | 'locations' | 'clientAppTypes' | 'signInRisk' | 'userRisk' | 'insiderRisk'
    | 'authenticationFlows' | 'deviceFilter' | 'times'>;

function lowerPrincipals(list: ast.PrincipalList | undefined): PrincipalSet {
    const set = emptyPrincipalSet();
    for (const item of list?.items ?? []) {
        if (ast.isAllUsers(item)) set.all = true;
        else if (ast.isNoUsers(item)) set.none = true;
        else if (ast.isGuestsItem(item)) {
            if (item.types.length === 0) set.allGuests = true;
            else set.guests = { types: item.types as GuestType[], tenants: item.allTenants ? 'all' : item.tenants.length > 0 ? [...item.tenants] : undefined };
        } else if (ast.isRoleItem(item)) set.roles.push(refId(item.role));
        else if (ast.isPrincipalRef(item)) {
            const target = item.principal?.ref;
            if (ast.isGroup(target)) set.groups.push(idOf(target));
            else set.users.push(refId(item.principal));
        }
    }
    return set;
}

function lowerApps(list: ast.AppList | undefined): string[] {
    return (list?.items ?? []).map((item) => (ast.isAllApps(item) ? 'All' : ast.isNoApps(item) ? 'None' : refId(item.app)));
}

function lowerLocationItems(items: ast.LocationItem[]): string[] {
    return items.map((item) => (ast.isAllLocations(item) ? 'All' : ast.isTrustedLocations(item) ? 'AllTrusted' : refId(item.location)));
}

/** The time windows of `during` clauses; malformed ones are skipped (validation reports them). */
export function lowerWindow(clause: ast.DuringClause): TimeWindow | undefined {
    const days = parseDays(clause.days);
    const range = clause.range === undefined ? undefined : parseTimeRange(clause.range);
    if ('error' in days || !range || clause.zone === undefined || !isValidTimeZone(clause.zone)) return undefined;
    return { days: days.days, start: range.start, end: range.end, zone: clause.zone };
}

/** Condition statements shared by policies and assertion scopes → the model's condition fields. */
export function lowerConditions(clauses: readonly ast.ConditionClause[]): LoweredConditions {
    const out: LoweredConditions = {};
    for (const c of clauses) {
        if (ast.isUsersClause(c)) {
            out.users = { include: lowerPrincipals(c.include), exclude: lowerPrincipals(c.exclude) };
        } else if (ast.isAppsClause(c)) {
            out.target = { kind: 'apps', include: lowerApps(c.include), exclude: lowerApps(c.exclude) } satisfies Target;
        } else if (ast.isActionsClause(c)) {
            out.target = { kind: 'userActions', actions: c.actions as ('registerSecurityInfo' | 'registerDevice')[] };
        } else if (ast.isAuthContextClause(c)) {
            out.target = { kind: 'authContext', refs: c.contexts.map(refId) };
        } else if (ast.isPlatformsClause(c)) {
            out.platforms = {
                include: c.include.map((p) => (p === 'all' ? 'all' : PLATFORM[p])),
                exclude: c.exclude.filter((p) => p !== 'all').map((p) => PLATFORM[p]) as Platform[],
            };
        } else if (ast.isLocationsClause(c)) {
            out.locations = { include: lowerLocationItems(c.include), exclude: lowerLocationItems(c.exclude) };
        } else if (ast.isClientsClause(c)) {
            out.clientAppTypes = c.clients.map((x) => CLIENT[x]).filter((x) => x !== undefined);
        } else if (ast.isRiskClause(c)) {
            if (c.kind === 'signInRisk') out.signInRisk = c.levels as RiskLevel[];
            else out.userRisk = c.levels as RiskLevel[];
        } else if (ast.isInsiderRiskClause(c)) {
            out.insiderRisk = c.levels as InsiderRiskLevel[];
        } else if (ast.isFlowsClause(c)) {
            out.authenticationFlows = c.flows.map((f) => FLOW[f]).filter((f) => f !== undefined);
        } else if (ast.isDevicesClause(c)) {
            if (c.mode !== undefined) out.deviceFilter = { mode: c.mode, rule: deviceRuleText(c) };
        } else if (ast.isDuringClause(c)) {
            const w = lowerWindow(c);
            if (w) (out.times ??= []).push(w);
        }
    }
    return out;
}

/**
 * The device rule as written (kept for export; the engine parses it), with Latch comments blanked out so offsets
 * into the text still match the file.
 */
export function deviceRuleText(c: ast.DevicesClause): string {
    return blankComments(c.rule?.$cstNode?.text ?? '');
}

/** Replaces `//…` and `/*…*\/` outside quoted strings with spaces (same length, newlines kept). */
export function blankComments(text: string): string {
    let out = '';
    let i = 0;
    while (i < text.length) {
        const ch = text[i];
        if (ch === '"' || ch === "'") {
            let j = i + 1;
            while (j < text.length && text[j] !== ch) j += text[j] === '\\' ? 2 : 1;
            out += text.slice(i, j + 1);
            i = j + 1;
        } else if (text.startsWith('//', i) || text.startsWith('/*', i)) {
            const end = text.startsWith('//', i) ? text.indexOf('\n', i) : text.indexOf('*/', i) + 2;
            const stop = end <= 1 || end === -1 ? text.length : end;
            out += text.slice(i, stop).replace(/[^\r\n]/g, ' ');
            i = stop;
        } else {
            out += ch;
            i++;
        }
    }
    return out;
}
