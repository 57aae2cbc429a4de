import { AUTH_METHOD_MODES, CONDITION_ORDER, parseDuration } from '@latch/engine';
import type { ValidationAcceptor } from 'langium';
import * as ast from '../generated/ast.js';
import { IssueCodes } from './issue-codes.js';

/** Users of a closed group, through nested groups. */
function closedMembers(group: ast.Group): Set<ast.User> {
    const users = new Set<ast.User>();
    const seen = new Set<ast.Group>();
    const visit = (g: ast.Group) => {
        if (seen.has(g)) return;
        seen.add(g);
        for (const m of g.members) {
            const target = m.ref;
            if (ast.isUser(target)) users.add(target);
            else if (ast.isGroup(target)) visit(target);
        }
    };
    visit(group);
    return users;
}

const REASONS: readonly string[] = ['policyNotEnabled', 'notEnoughInformation', ...CONDITION_ORDER];

/** Scenario and declaration details: reasons, step order, strength methods, auth context ids. */
export class ScenarioChecks {
    checkNotApplies(node: ast.ExpectNotApplies, accept: ValidationAcceptor): void {
        if (node.reason !== undefined && !REASONS.includes(node.reason)) {
            accept('error', `'${node.reason}' is not a reason (expected one of ${REASONS.join(', ')})`, { node, property: 'reason', code: IssueCodes.InvalidReason });
        }
    }

    checkScenario(node: ast.Scenario, accept: ValidationAcceptor): void {
        let last = 0;
        for (const st of node.statements) {
            if (!ast.isAfterStep(st)) continue;
            const minutes = parseDuration(st.delay);
            if (minutes !== undefined && minutes <= last) {
                accept('error', `Steps are measured from the initial sign-in: 'after ${st.delay}' must come later than the previous step`,
                    { node: st, property: 'delay', code: IssueCodes.AfterNotIncreasing });
            }
            if (minutes !== undefined) last = Math.max(last, minutes);
        }
    }

    /** A closed group (declared with members) contains exactly its members: stating another user in it contradicts the directory. */
    checkUserInput(node: ast.UserInput, accept: ValidationAcceptor): void {
        node.groups.forEach((ref, index) => {
            const group = ref.ref;
            if (!group || group.members.length === 0) return;
            const user = node.user?.ref;
            if (user && closedMembers(group).has(user)) return;
            accept('warning', `'${group.name}' is a closed group (declared with members) and ${user ? `'${user.name}' is not one of them` : 'an anonymous user is not one of them'}: the scenario's statement is used, the directory says otherwise`,
                { node, property: 'groups', index, code: IssueCodes.ClosedGroupMembership });
        });
    }

    checkStrength(node: ast.Strength, accept: ValidationAcceptor): void {
        for (const combo of node.combinations) {
            combo.methods.forEach((m, index) => {
                if (!(AUTH_METHOD_MODES as readonly string[]).includes(m)) {
                    accept('error', `'${m}' is not an authentication method (expected one of ${AUTH_METHOD_MODES.join(', ')})`,
                        { node: combo, property: 'methods', index, code: IssueCodes.InvalidAuthMethod });
                }
            });
        }
    }

    checkAuthContext(node: ast.AuthContext, accept: ValidationAcceptor): void {
        if (node.id !== undefined && !/^c([1-9]|[1-9][0-9])$/.test(node.id)) {
            accept('error', `Authentication context ids are c1 … c99, not '${node.id}'`, { node, property: 'id', code: IssueCodes.InvalidAuthContextId });
        }
    }
}
