import { checkDeviceFilter, devicePropertyInfo, DEVICE_PROPERTIES, parseDeviceFilter } from '@latch/engine';
import type { ValidationAcceptor } from 'langium';
import type * as ast from '../generated/ast.js';
import { deviceRuleText } from '../lowering/lower-conditions.js';
import { IssueCodes } from './issue-codes.js';

/** Device filters are checked by the engine's own rule parser, so editor and evaluation agree on every rule. */
export class DeviceFilterChecks {
    checkDevicesClause(node: ast.DevicesClause, accept: ValidationAcceptor): void {
        const cst = node.rule?.$cstNode;
        if (!cst) return;
        const doc = cst.root.astNode.$document;
        const text = deviceRuleText(node);
        const parsed = parseDeviceFilter(text);
        const errors: Array<{ message: string; offset: number; length: number; code: string }> =
            parsed.errors.map((e) => ({ ...e, code: IssueCodes.DeviceFilterSyntax }));
        if (parsed.expr) errors.push(...checkDeviceFilter(parsed.expr).map((e) => ({ ...e, code: IssueCodes.DeviceFilterType })));
        for (const e of errors) {
            const range = doc
                ? { start: doc.textDocument.positionAt(cst.offset + e.offset), end: doc.textDocument.positionAt(cst.offset + e.offset + Math.max(1, e.length)) }
                : cst.range;
            accept('error', e.message, { node, range, code: e.code });
        }
    }

    checkDeviceInput(node: ast.DeviceInput, accept: ValidationAcceptor): void {
        node.properties.forEach((p, index) => {
            if (p.name === undefined) return;
            const name = p.name.replace(/^device\./i, '');
            if (!devicePropertyInfo(name)) {
                accept('error', `Unknown device property '${p.name}' (expected one of ${DEVICE_PROPERTIES.map((d) => d.name).join(', ')})`,
                    { node, property: 'properties', index, code: IssueCodes.InvalidDeviceProperty });
            }
        });
    }
}
