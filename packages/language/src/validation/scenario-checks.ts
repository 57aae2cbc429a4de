import { AUTH_METHOD_MODES, CONDITION_ORDER, parseDuration } from '@latch/engine';
import type { ValidationAcceptor } from 'langium';
import * as ast from '../generated/ast.js';
import { IssueCodes } from './issue-codes.js';

const REASONS: readonly string[] = ['policyNotEnabled', 'notEnoughInformation', ...CONDITION_ORDER];

/** Scenario and declaration details: reasons, step order, strength methods, auth context ids. */
export class ScenarioChecks {
    checkNotApplies(node: ast.ExpectNotApplies, accept: ValidationAcceptor): void {
        if (!REASONS.includes(node.reason)) {
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
