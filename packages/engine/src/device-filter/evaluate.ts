// Evaluation of a parsed rule against a sign-in's device (LANGUAGE.md §4.3, ca-semantics.md §2.3).
//
// Null semantics: an unregistered device (undefined, or registered=false) has every property null, and so does a
// registered device whose property is absent. A positive operator (eq startsWith endsWith contains in) is false on
// null; its negative partner is true. Since every negative operator is also the exact negation of its positive
// partner on non-null values, a comparison is compiled as its positive test, negated for negative operators.
//
// Values compare case-insensitively. Every rule value is treated as a list (a scalar is a list of one) and a test
// holds when any listed value matches, so `-in` is `-eq` over a list; collection properties hold when any element
// matches, and `-contains` on a collection is whole-element equality. Rules that fail checkDeviceFilter still
// evaluate by these same rules, never throw.

import type { FilterComparison, FilterExpr } from './ast.js';
import { foldEndsWith, foldEquals, foldIncludes, foldStartsWith } from './fold.js';
import { isNegativeOperator, positiveOperator } from './operators.js';
import { devicePropertyInfo } from './properties.js';
import type { SignInDevice } from '../model.js';

export type DevicePredicate = (device: SignInDevice | undefined) => boolean;

type Value = string | readonly string[] | undefined;
type Test = (deviceValue: string, ruleValue: string) => boolean;

const compiled = new WeakMap<FilterExpr, DevicePredicate>();

/** Evaluates a rule; the compiled form is cached per expression object (trees are never mutated), so repeated calls cost one lookup. */
export function evaluateDeviceFilter(expr: FilterExpr, device: SignInDevice | undefined): boolean {
  let predicate = compiled.get(expr);
  if (!predicate) {
    predicate = compileDeviceFilter(expr);
    compiled.set(expr, predicate);
  }
  return predicate(device);
}

/** Turns a rule into a tree of closures that allocates nothing per call. */
export function compileDeviceFilter(expr: FilterExpr): DevicePredicate {
  switch (expr.kind) {
    case 'cmp':
      return compileComparison(expr);
    case 'not': {
      const operand = compileDeviceFilter(expr.operand);
      return device => !operand(device);
    }
    case 'and': {
      const operands = expr.operands.map(compileDeviceFilter);
      return device => {
        for (let i = 0; i < operands.length; i++) if (!operands[i]!(device)) return false;
        return true;
      };
    }
    case 'or': {
      const operands = expr.operands.map(compileDeviceFilter);
      return device => {
        for (let i = 0; i < operands.length; i++) if (operands[i]!(device)) return true;
        return false;
      };
    }
  }
}

function compileComparison(cmp: FilterComparison): DevicePredicate {
  const info = devicePropertyInfo(cmp.property);
  const isCollection = info?.type === 'collection';
  const read = reader(info?.name ?? cmp.property);
  const ruleValues: readonly string[] = (Array.isArray(cmp.value) ? cmp.value : [cmp.value]).map(v => typeof v === 'boolean' ? booleanText(v) : v);
  const test = testFor(positiveOperator(cmp.operator), isCollection);

  const anyRuleValue = (deviceValue: string): boolean => {
    for (let i = 0; i < ruleValues.length; i++) if (test(deviceValue, ruleValues[i]!)) return true;
    return false;
  };
  const positive: DevicePredicate = device => {
    const value = read(device);
    if (value === undefined) return false;
    if (typeof value === 'string') return anyRuleValue(value);
    for (let i = 0; i < value.length; i++) if (anyRuleValue(value[i]!)) return true;
    return false;
  };
  return isNegativeOperator(cmp.operator) ? device => !positive(device) : positive;
}

function testFor(operator: ReturnType<typeof positiveOperator>, isCollection: boolean): Test {
  switch (operator) {
    case 'eq':
    case 'in':
      return foldEquals;
    case 'startsWith':
      return foldStartsWith;
    case 'endsWith':
      return foldEndsWith;
    case 'contains':
      // On collections (physicalIds, systemLabels) Entra matches whole elements, not substrings.
      return isCollection ? foldEquals : foldIncludes;
  }
}

/**
 * Reads a property as text (booleans become "true"/"false", so `isCompliant -eq True` and a device value of "True"
 * meet as text), a list of texts, or undefined for null.
 *
 * extensionAttribute1…15: Entra only evaluates them for devices that are Intune-managed, compliant or hybrid
 * joined; otherwise they are null. Latch counts a device as such when isCompliant is true, trustType is ServerAD
 * (hybrid joined) or mdmAppId is set (MDM-managed), reading those from the same device.
 */
function reader(name: string): (device: SignInDevice | undefined) => Value {
  const gated = /^extensionAttribute([1-9]|1[0-5])$/.test(name);
  return device => {
    if (!device || !device.registered) return undefined;
    if (gated && !isManaged(device)) return undefined;
    // Own properties only, and only the model's value shapes: anything else is null.
    const raw = Object.hasOwn(device.properties, name) ? device.properties[name] : undefined;
    if (typeof raw === 'string' || Array.isArray(raw)) return raw;
    return typeof raw === 'boolean' ? booleanText(raw) : undefined;
  };
}

function isManaged(device: SignInDevice): boolean {
  const { isCompliant, trustType, mdmAppId } = device.properties;
  return isCompliant === true
    || (typeof isCompliant === 'string' && foldEquals(isCompliant, 'true'))
    || (typeof trustType === 'string' && foldEquals(trustType, 'ServerAD'))
    || (typeof mdmAppId === 'string' && mdmAppId.length > 0);
}

function booleanText(value: boolean): string {
  return value ? 'true' : 'false';
}
