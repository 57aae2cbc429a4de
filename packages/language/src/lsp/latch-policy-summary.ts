import * as ast from '../generated/ast.js';

/** Grant controls in words, for summaries. */
const CONTROL_WORDS: Record<string, string> = {
    mfa: 'MFA', compliantDevice: 'a compliant device', hybridJoinedDevice: 'a hybrid-joined device',
    approvedApp: 'an approved client app', appProtection: 'an app protection policy', passwordChange: 'a password change',
    block: 'block',
};

export function controlWords(c: ast.ControlRef): string {
    if (ast.isStrengthControl(c)) return `authentication strength ${c.strength?.$refText ?? '?'}`;
    if (ast.isTermsControl(c)) return `accepting terms ${c.terms?.$refText ?? '?'}`;
    return CONTROL_WORDS[c.control] ?? c.control;
}

function join(items: readonly string[], last = 'and'): string {
    if (items.length <= 1) return items[0] ?? '';
    return `${items.slice(0, -1).join(', ')} ${last} ${items[items.length - 1]}`;
}

function principal(i: ast.PrincipalItem): string {
    if (ast.isAllUsers(i)) return 'all';
    if (ast.isNoUsers(i)) return 'no';
    if (ast.isGuestsItem(i)) return i.types.length > 0 ? `guests (${i.types.join(', ')})` : 'guest';
    if (ast.isRoleItem(i)) return `role ${i.role?.$refText ?? '?'}`;
    return i.principal?.$refText ?? '?';
}

function users(c: ast.UsersClause | undefined): string {
    if (!c) return 'no users (users not configured)';
    const include = c.include?.items.map(principal) ?? [];
    const exclude = c.exclude?.items.map(principal) ?? [];
    const head = include.length === 0 ? 'all users' : `${join(include)} users`;
    return exclude.length > 0 ? `${head} (except ${join(exclude)})` : head;
}

function app(i: ast.AppItem): string {
    return ast.isAllApps(i) ? 'all apps' : ast.isNoApps(i) ? 'no apps' : i.app?.$refText ?? '?';
}

function target(clauses: readonly ast.PolicyClause[]): string {
    const apps = clauses.find(ast.isAppsClause);
    if (apps) {
        const include = apps.include?.items.map(app) ?? ['all apps'];
        const exclude = apps.exclude?.items.map(app) ?? [];
        return ` on ${join(include)}${exclude.length > 0 ? ` (except ${join(exclude)})` : ''}`;
    }
    const actions = clauses.find(ast.isActionsClause);
    if (actions) return ` when ${join(actions.actions.map((a) => (a === 'registerDevice' ? 'registering or joining a device' : 'registering security info')), 'or')}`;
    const ctx = clauses.find(ast.isAuthContextClause);
    if (ctx) return ` for authentication context ${join(ctx.contexts.map((c) => c.$refText), 'or')}`;
    return '';
}

function location(i: ast.LocationItem): string {
    return ast.isAllLocations(i) ? 'anywhere' : ast.isTrustedLocations(i) ? 'trusted locations' : i.location?.$refText ?? '?';
}

function conditions(clauses: readonly ast.PolicyClause[]): string {
    const parts: string[] = [];
    for (const c of clauses) {
        if (ast.isPlatformsClause(c)) {
            const inc = c.include.filter((p) => p !== 'all');
            const excl = c.exclude.length > 0 ? ` other than ${join(c.exclude, 'or')}` : '';
            parts.push(inc.length > 0 ? ` on ${join(inc, 'or')}${excl}` : ` on any platform${excl}`);
        } else if (ast.isLocationsClause(c)) {
            const inc = c.include.filter((l) => !ast.isAllLocations(l)).map(location);
            const exc = c.exclude.map(location);
            if (inc.length === 0 && exc.length > 0) parts.push(` from outside ${join(exc, 'and')}`);
            else if (inc.length > 0) parts.push(` from ${join(inc, 'or')}${exc.length > 0 ? ` (except ${join(exc)})` : ''}`);
        } else if (ast.isClientsClause(c)) {
            parts.push(` using ${join(c.clients, 'or')} clients`);
        } else if (ast.isRiskClause(c)) {
            parts.push(` at ${c.kind === 'userRisk' ? 'user' : 'sign-in'} risk ${join(c.levels, 'or')}`);
        } else if (ast.isInsiderRiskClause(c)) {
            parts.push(` at insider risk ${join(c.levels, 'or')}`);
        } else if (ast.isFlowsClause(c)) {
            parts.push(` in the ${join(c.flows, 'or')} flow`);
        } else if (ast.isDevicesClause(c)) {
            const rule = c.rule?.$cstNode?.text ?? '…';
            parts.push(c.mode === 'include' ? ` on devices where ${rule}` : ` except on devices where ${rule}`);
        } else if (ast.isDuringClause(c)) {
            parts.push(` during ${c.days.join(',')} ${c.range ?? ''} ${c.zone ?? ''}`.trimEnd());
        }
    }
    return parts.join('');
}

function verb(clauses: readonly ast.PolicyClause[]): string {
    if (clauses.some(ast.isBlockClause)) return 'Blocks';
    const grant = clauses.find(ast.isGrantClause);
    if (grant && grant.controls.length > 0) {
        const op = grant.connectives[0] === 'or' ? 'or' : 'and';
        return `Requires ${join(grant.controls.map(controlWords), op)} for`;
    }
    return clauses.some(ast.isSessionClause) ? 'Applies session controls to' : 'Grants access (no controls) to';
}

function session(c: ast.SessionClause | undefined): string {
    if (!c || c.settings.length === 0) return '';
    return `; session: ${c.settings.map((s) => s.$cstNode?.text.replace(/\s+/g, ' ') ?? s.$type).join(', ')}`;
}

const STATE_WORDS: Record<string, string> = { on: 'enforced', off: 'off (never applies)', reportOnly: 'report-only' };

/** A policy in one plain-English sentence: "Blocks Finance users on Payroll from outside CorpHQ; report-only". */
export function summarizePolicy(policy: ast.Policy): string {
    const clauses = policy.clauses;
    const state = clauses.find(ast.isStateClause)?.state;
    const stateWords = state ? STATE_WORDS[state] ?? state : 'report-only (no state given)';
    return `${verb(clauses)} ${users(clauses.find(ast.isUsersClause))}${target(clauses)}${conditions(clauses)}${session(clauses.find(ast.isSessionClause))}; ${stateWords}`;
}
