// The device properties a Conditional Access filter may use, with their value types and operators
// (research/ca-semantics.md §2.3, from Microsoft's "Filter for devices" page), and the type check of a parsed rule.

import type { FilterComparison, FilterError, FilterExpr, FilterOperator, Span } from './ast.js';

export type DevicePropertyType = 'string' | 'boolean' | 'collection';

export interface DevicePropertyInfo {
  /** Canonical lower-camel name, as written after `device.`. */
  name: string;
  type: DevicePropertyType;
  operators: readonly FilterOperator[];
  /** Closed value sets, canonical spelling (compared case-insensitively). */
  values?: readonly string[];
}

const EQUALITY: readonly FilterOperator[] = ['eq', 'ne'];
const MEMBERSHIP: readonly FilterOperator[] = ['eq', 'ne', 'in', 'notIn'];
const ALL_STRING: readonly FilterOperator[] = [
  'eq', 'ne', 'startsWith', 'notStartsWith', 'endsWith', 'notEndsWith', 'contains', 'notContains', 'in', 'notIn',
];
const COLLECTION: readonly FilterOperator[] = ['contains', 'notContains'];

const text = (name: string): DevicePropertyInfo => ({ name, type: 'string', operators: ALL_STRING });

export const DEVICE_PROPERTIES: readonly DevicePropertyInfo[] = [
  { name: 'deviceId', type: 'string', operators: MEMBERSHIP },
  text('displayName'),
  { name: 'deviceOwnership', type: 'string', operators: EQUALITY, values: ['Personal', 'Company'] },
  text('enrollmentProfileName'),
  { name: 'isCompliant', type: 'boolean', operators: EQUALITY },
  text('manufacturer'),
  { name: 'mdmAppId', type: 'string', operators: MEMBERSHIP },
  text('model'),
  text('operatingSystem'),
  text('operatingSystemVersion'),
  { name: 'physicalIds', type: 'collection', operators: COLLECTION },
  { name: 'profileType', type: 'string', operators: EQUALITY, values: ['RegisteredDevice', 'SecureVM', 'Printer', 'Shared', 'IoT'] },
  { name: 'systemLabels', type: 'collection', operators: COLLECTION },
  { name: 'trustType', type: 'string', operators: EQUALITY, values: ['AzureAD', 'ServerAD', 'Workplace'] },
  ...Array.from({ length: 15 }, (_, i) => text(`extensionAttribute${i + 1}`)),
];

const BY_LOWER_NAME: ReadonlyMap<string, DevicePropertyInfo> = new Map(DEVICE_PROPERTIES.map(p => [p.name.toLowerCase(), p]));

/** Case-insensitive lookup of a property name written without `device.`. */
export function devicePropertyInfo(name: string): DevicePropertyInfo | undefined {
  return BY_LOWER_NAME.get(name.toLowerCase());
}

/** The property list for messages: the fifteen extension attributes are summarised. */
export const DEVICE_PROPERTY_LIST = [
  ...DEVICE_PROPERTIES.filter(p => !p.name.startsWith('extensionAttribute')).map(p => p.name),
  'extensionAttribute1…15',
].join(', ');

/** Property/operator/value-type mismatches Entra would reject, one per comparison, at the offending part. */
export function checkDeviceFilter(expr: FilterExpr): FilterError[] {
  const errors: FilterError[] = [];
  const visit = (e: FilterExpr): void => {
    if (e.kind === 'cmp') {
      const problem = checkComparison(e);
      if (problem) errors.push(problem);
    } else if (e.kind === 'not') {
      visit(e.operand);
    } else {
      e.operands.forEach(visit);
    }
  };
  visit(expr);
  return errors;
}

function checkComparison(cmp: FilterComparison): FilterError | undefined {
  const at = (span: Span | undefined, message: string): FilterError => ({ message, ...(span ?? cmp.span) });
  const subject = `device.${cmp.property}`;
  const op = `-${cmp.operator}`;
  const info = devicePropertyInfo(cmp.property);
  if (!info) return at(cmp.propertySpan, `Unknown device property '${cmp.property}' (expected one of ${DEVICE_PROPERTY_LIST})`);
  if (!info.operators.includes(cmp.operator)) {
    return at(cmp.operatorSpan, `Operator ${op} is not supported for ${subject} (supported: ${info.operators.map(o => `-${o}`).join(', ')})`);
  }
  const value = cmp.value;
  const valueSpan = cmp.valueSpan;
  if (cmp.unquoted) {
    if (info.type === 'boolean') return at(valueSpan, `${subject} is a boolean property: compare it with True or False`);
    const shown = Array.isArray(value) ? `[${value.map(quote).join(', ')}]` : quote(String(value));
    return at(valueSpan, `Text values must be quoted: write ${shown}`);
  }
  const wantsList = cmp.operator === 'in' || cmp.operator === 'notIn';
  if (wantsList !== Array.isArray(value)) {
    return at(valueSpan, wantsList
      ? `${op} expects a list of strings, e.g. ${subject} ${op} ["a", "b"]`
      : `${op} expects a single value, not a list (use -in / -notIn for lists)`);
  }
  if (Array.isArray(value) && value.length === 0) return at(valueSpan, `${op} needs at least one value in its list`);
  const items = Array.isArray(value) ? value : [value];
  for (const item of items) {
    if (info.type === 'boolean') {
      if (typeof item !== 'boolean' && !/^(true|false)$/i.test(item)) {
        return at(valueSpan, `${subject} is a boolean property: compare it with True or False, not ${quote(item)}`);
      }
    } else if (typeof item === 'boolean') {
      const word = item ? 'True' : 'False';
      return at(valueSpan, `${subject} holds ${info.type === 'collection' ? 'strings' : 'text'}, not a boolean: write "${word}" to compare text`);
    } else if (info.values && !info.values.some(v => v.toLowerCase() === item.toLowerCase())) {
      return at(valueSpan, `Unknown ${info.name} value ${quote(item)} (expected ${info.values.join(', ')})`);
    }
  }
  return undefined;
}

function quote(value: string): string {
  return `"${value}"`;
}
