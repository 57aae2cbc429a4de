import { AstUtils, type ValidationAcceptor } from 'langium';
import * as ast from '../generated/ast.js';
import { isBuiltinUri } from '../builtins/builtin-library.js';
import { IssueCodes } from './issue-codes.js';

type Clause = ast.PolicyClause;

/** Clauses that may appear once per policy, keyed by the keyword users see. */
const SINGLE: Array<[string, (c: Clause) => boolean]> = [
    ['state', ast.isStateClause], ['id', ast.isIdClause], ['templateId', ast.isTemplateIdClause],
    ['description', ast.isDescriptionClause], ['users', ast.isUsersClause], ['apps', ast.isAppsClause],
    ['actions', ast.isActionsClause], ['authContext', ast.isAuthContextClause], ['platforms', ast.isPlatformsClause],
    ['locations', ast.isLocationsClause], ['clients', ast.isClientsClause],
    ['signInRisk', (c) => ast.isRiskClause(c) && c.kind === 'signInRisk'], ['userRisk', (c) => ast.isRiskClause(c) && c.kind === 'userRisk'],
    ['insiderRisk', ast.isInsiderRiskClause], ['flows', ast.isFlowsClause], ['devices', ast.isDevicesClause],
    ['grant', ast.isGrantClause], ['block', ast.isBlockClause], ['session', ast.isSessionClause], ['extra', ast.isExtraClause],
];

function controlName(c: ast.ControlRef): string {
    return ast.isBuiltinControl(c) ? c.control : ast.isStrengthControl(c) ? 'strength' : 'terms';
}

function appsIncludeAllNoExclusions(apps: ast.AppsClause | undefined): boolean {
    return !!apps && (apps.include?.items.some(ast.isAllApps) ?? false) && (apps.exclude?.items.length ?? 0) === 0;
}

/** Policy-level rules of LANGUAGE.md §3 "Validation the language server must enforce". */
export class PolicyChecks {
    checkPolicy(node: ast.Policy, accept: ValidationAcceptor): void {
        const clauses = node.clauses;
        for (const [keyword, is] of SINGLE) {
            const found = clauses.filter(is);
            for (const extra of found.slice(1)) {
                accept('error', `Duplicate '${keyword}' in policy '${node.name}': state it once`, { node: extra, code: IssueCodes.DuplicateClause });
            }
        }
        const targets = clauses.filter((c) => ast.isAppsClause(c) || ast.isActionsClause(c) || ast.isAuthContextClause(c));
        const kinds = new Set(targets.map((c) => c.$type));
        if (kinds.size > 1) {
            for (const t of targets.slice(1)) {
                accept('error', 'A policy targets exactly one kind: apps, actions or authContext', { node: t, code: IssueCodes.MultipleTargetKinds });
            }
        }
        const state = clauses.find(ast.isStateClause);
        if (!state) {
            accept('hint', `Policy '${node.name}' has no 'state': it defaults to reportOnly`, { node, property: 'name', code: IssueCodes.MissingState });
        }
        this.checkGrant(clauses, accept);
        this.checkRoles(clauses, accept);
        const risks = clauses.filter(ast.isRiskClause);
        if (risks.some((r) => r.kind === 'userRisk') && risks.some((r) => r.kind === 'signInRisk')) {
            accept('warning', 'userRisk and signInRisk in one policy: it applies only when both match (usually two policies are meant)',
                { node: risks[1], code: IssueCodes.BothRisks });
        }
        const session = clauses.find(ast.isSessionClause);
        const persistent = session?.settings.find(ast.isPersistentBrowserSetting);
        if (persistent && !appsIncludeAllNoExclusions(clauses.find(ast.isAppsClause))) {
            accept('warning', "persistentBrowser works correctly only with 'apps include all' (Entra)", { node: persistent, code: IssueCodes.PersistentBrowserScope });
        }
        this.checkName(node, accept);
        this.checkIncludeExclude(clauses, accept);
    }

    /** The same value on both sides: exclude wins, so the include is dead weight (or a mistake). */
    private checkIncludeExclude(clauses: readonly Clause[], accept: ValidationAcceptor): void {
        const report = (node: ast.PolicyClause, keys: Array<string | undefined>, excluded: Array<string | undefined>) => {
            const both = [...new Set(keys.filter((k) => k !== undefined && excluded.includes(k)))];
            for (const k of both) {
                accept('warning', `'${k}' is both included and excluded: exclude wins, so it is never targeted`, { node, code: IssueCodes.ConflictingIncludeExclude });
            }
        };
        const principal = (i: ast.PrincipalItem) => ast.isPrincipalRef(i) ? i.principal?.$refText : ast.isRoleItem(i) ? `role ${i.role?.$refText}` : undefined;
        const app = (i: ast.AppItem) => (ast.isAppRef(i) ? i.app?.$refText : undefined);
        const location = (i: ast.LocationItem) => (ast.isLocationRef(i) ? i.location?.$refText : ast.isTrustedLocations(i) ? 'trusted' : undefined);
        for (const c of clauses) {
            if (ast.isUsersClause(c)) report(c, (c.include?.items ?? []).map(principal), (c.exclude?.items ?? []).map(principal));
            else if (ast.isAppsClause(c)) report(c, (c.include?.items ?? []).map(app), (c.exclude?.items ?? []).map(app));
            else if (ast.isLocationsClause(c)) report(c, c.include.map(location), c.exclude.map(location));
            else if (ast.isPlatformsClause(c)) report(c, c.include, c.exclude);
        }
    }

    private checkGrant(clauses: readonly Clause[], accept: ValidationAcceptor): void {
        const grant = clauses.find(ast.isGrantClause);
        const block = clauses.find(ast.isBlockClause);
        if (!grant) return;
        const names = grant.controls.map(controlName);
        if (block || (names.includes('block') && names.length > 1)) {
            accept('error', "'block' stands alone: it cannot be combined with grant controls", { node: block ?? grant, code: IssueCodes.BlockWithControls });
        }
        if (new Set(grant.connectives).size > 1) {
            const index = grant.connectives.findIndex((c) => c !== grant.connectives[0]);
            accept('error', "Mixed 'and' and 'or' in one grant: Entra allows one operator per policy", { node: grant, property: 'connectives', index, code: IssueCodes.MixedAndOr });
        }
        if (names.includes('passwordChange')) {
            const hasAnd = grant.connectives.every((c) => c === 'and') && grant.controls.length > 1;
            const mfa = names.includes('mfa') || names.includes('strength');
            if (!hasAnd || !mfa) {
                accept('error', "passwordChange must be combined with 'and' and mfa or an authentication strength", { node: grant, code: IssueCodes.PasswordChangeRequirements });
            }
            if (!clauses.some((c) => ast.isRiskClause(c) && c.kind === 'userRisk')) {
                accept('error', 'passwordChange requires a userRisk condition', { node: grant, code: IssueCodes.PasswordChangeRequirements });
            }
            if (!appsIncludeAllNoExclusions(clauses.find(ast.isAppsClause))) {
                accept('error', "passwordChange requires 'apps include all' with no exclusions", { node: grant, code: IssueCodes.PasswordChangeRequirements });
            }
        }
        const actions = clauses.find(ast.isActionsClause);
        if (actions?.actions.includes('registerDevice')) {
            const bad = names.filter((n) => n !== 'mfa' && n !== 'strength');
            if (bad.length > 0) {
                accept('error', `The registerDevice action allows only mfa or an authentication strength (not ${bad.join(', ')})`, { node: grant, code: IssueCodes.RegisterDeviceRestrictions });
            }
        }
        if (names.length === 1 && names[0] === 'approvedApp') {
            accept('warning', "approvedApp alone is retired by Entra: use 'approvedApp or appProtection', or appProtection", { node: grant, code: IssueCodes.ApprovedAppAlone });
        }
    }

    private checkRoles(clauses: readonly Clause[], accept: ValidationAcceptor): void {
        const users = clauses.find(ast.isUsersClause);
        for (const item of [...(users?.include?.items ?? []), ...(users?.exclude?.items ?? [])]) {
            const role = ast.isRoleItem(item) ? item.role?.ref : undefined;
            if (role && !isBuiltinUri(AstUtils.getDocument(role).uri.toString())) {
                accept('warning', `'${role.name}' is a custom role: Entra ignores custom roles in Conditional Access`, { node: item, property: 'role', code: IssueCodes.CustomRole });
            }
        }
    }

    checkRegisterDeviceConditions(node: ast.Policy, accept: ValidationAcceptor): void {
        const actions = node.clauses.find(ast.isActionsClause);
        if (!actions?.actions.includes('registerDevice')) return;
        for (const c of node.clauses) {
            if (ast.isClientsClause(c) || ast.isDevicesClause(c)) {
                accept('error', `The registerDevice action cannot be combined with '${ast.isClientsClause(c) ? 'clients' : 'devices'}'`, { node: c, code: IssueCodes.RegisterDeviceRestrictions });
            }
        }
    }

    /** Hint when the name says one thing and the policy does another (e.g. says BLOCK but grants). */
    private checkName(node: ast.Policy, accept: ValidationAcceptor): void {
        const text = `${node.name} ${node.displayName ?? ''}`;
        const blocks = node.clauses.some(ast.isBlockClause) || node.clauses.some((c) => ast.isGrantClause(c) && c.controls.some((x) => controlName(x) === 'block'));
        const grants = node.clauses.some((c) => ast.isGrantClause(c) && !c.controls.some((x) => controlName(x) === 'block'));
        if (/\bblock/i.test(text) && grants && !blocks && !/\bblock\s*download/i.test(text)) {
            accept('hint', `The name says block, but policy '${node.name}' grants access with controls`, { node, property: 'name', code: IssueCodes.NameContradictsContent });
        } else if (/\b(require|mfa)\b/i.test(text) && blocks && !/\bblock/i.test(text)) {
            accept('hint', `The name says require/MFA, but policy '${node.name}' blocks`, { node, property: 'name', code: IssueCodes.NameContradictsContent });
        }
    }
}
