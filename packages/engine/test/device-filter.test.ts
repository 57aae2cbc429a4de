import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  DEVICE_PROPERTIES, FILTER_OPERATORS, MAX_RULE_LENGTH, checkDeviceFilter, compileDeviceFilter, deviceFilterAtoms,
  evaluateDeviceFilter, isNegativeOperator, negateOperator, parseDeviceFilter, printDeviceFilter, sameDeviceFilter,
  type FilterExpr, type FilterOperator, type FilterValue,
} from '../src/device-filter/index.js';
import type { SignInDevice } from '../src/model.js';

const ZERO = { offset: 0, length: 0 };
const cmp = (property: string, operator: FilterOperator, value: FilterValue): FilterExpr =>
  ({ kind: 'cmp', property, operator, value, span: ZERO });
const and = (...operands: FilterExpr[]): FilterExpr => ({ kind: 'and', operands, span: ZERO });
const or = (...operands: FilterExpr[]): FilterExpr => ({ kind: 'or', operands, span: ZERO });
const not = (operand: FilterExpr): FilterExpr => ({ kind: 'not', operand, span: ZERO });

/** Parses a rule that must be valid and type-correct. */
function parse(rule: string): FilterExpr {
  const result = parseDeviceFilter(rule);
  expect(result.errors).toEqual([]);
  expect(result.expr).toBeDefined();
  expect(checkDeviceFilter(result.expr!)).toEqual([]);
  return result.expr!;
}

function expectTree(rule: string, expected: FilterExpr): void {
  const actual = parse(rule);
  expect(sameDeviceFilter(actual, expected), `${printDeviceFilter(actual)} vs ${printDeviceFilter(expected)}`).toBe(true);
}

const device = (properties: SignInDevice['properties']): SignInDevice => ({ registered: true, properties });
const evaluate = (rule: string, d: SignInDevice | undefined): boolean => evaluateDeviceFilter(parse(rule), d);

describe('parsing real rules', () => {
  it('parses the rules of the public baselines and the Entra docs', () => {
    expectTree('device.isCompliant -eq True -and device.deviceOwnership -eq "Company"',
      and(cmp('isCompliant', 'eq', true), cmp('deviceOwnership', 'eq', 'Company')));
    expectTree('device.isCompliant -eq True -or device.trustType -eq "ServerAD"',
      or(cmp('isCompliant', 'eq', true), cmp('trustType', 'eq', 'ServerAD')));
    expectTree('device.deviceOwnership -eq "Company" -or device.isCompliant -eq True',
      or(cmp('deviceOwnership', 'eq', 'Company'), cmp('isCompliant', 'eq', true)));
    expectTree('device.extensionAttribute1 -ne "SAW"', cmp('extensionAttribute1', 'ne', 'SAW'));
    expectTree('(device.trustType -eq "ServerAD") -or (device.isCompliant -eq True)',
      or(cmp('trustType', 'eq', 'ServerAD'), cmp('isCompliant', 'eq', true)));
    expectTree(`device.model -in ["Surface Pro", 'Surface Laptop']`, cmp('model', 'in', ['Surface Pro', 'Surface Laptop']));
    expectTree('-not (device.displayName -startsWith "Kiosk")', not(cmp('displayName', 'startsWith', 'Kiosk')));
    expectTree('device.physicalIds -contains "[ZTDId]:abc"', cmp('physicalIds', 'contains', '[ZTDId]:abc'));
  });

  it('records spans of the comparison and its parts', () => {
    const rule = 'device.isCompliant -eq True -and device.deviceOwnership -eq "Company"';
    const expr = parse(rule);
    expect(expr.span).toEqual({ offset: 0, length: rule.length });
    if (expr.kind !== 'and') throw new Error('expected and');
    const second = expr.operands[1]!;
    if (second.kind !== 'cmp') throw new Error('expected cmp');
    expect(rule.slice(second.span.offset, second.span.offset + second.span.length)).toBe('device.deviceOwnership -eq "Company"');
    expect(second.propertySpan).toEqual({ offset: 33, length: 22 });
    expect(second.operatorSpan).toEqual({ offset: 56, length: 3 });
    expect(second.valueSpan).toEqual({ offset: 60, length: 9 });
  });

  it('matches operators, property names and booleans case-insensitively', () => {
    expectTree('DEVICE.IsCompliant -EQ TRUE -AND device.DEVICEOWNERSHIP -Eq "Company"',
      and(cmp('isCompliant', 'eq', true), cmp('deviceOwnership', 'eq', 'Company')));
    expectTree('device.OperatingSystemVersion -NOTSTARTSWITH "10.0"', cmp('operatingSystemVersion', 'notStartsWith', '10.0'));
    expectTree('device.model -NotIn ["a"] -OR -NOT (device.ExtensionAttribute15 -notcontains "x")',
      or(cmp('model', 'notIn', ['a']), not(cmp('extensionAttribute15', 'notContains', 'x'))));
    expectTree('device.isCompliant -ne false', cmp('isCompliant', 'ne', false));
  });

  it('keeps quoted booleans as text and accepts them for boolean properties', () => {
    expectTree('device.isCompliant -eq "True"', cmp('isCompliant', 'eq', 'True'));
    expectTree("device.isCompliant -eq 'false'", cmp('isCompliant', 'eq', 'false'));
  });

  it('decodes the escapes of Entra rule strings', () => {
    expectTree('device.displayName -eq "say `"hi`""', cmp('displayName', 'eq', 'say "hi"'));
    expectTree("device.displayName -eq 'it''s'", cmp('displayName', 'eq', "it's"));
    expectTree('device.displayName -eq "a`b"', cmp('displayName', 'eq', 'a`b'));
    expectTree('device.displayName -eq ""', cmp('displayName', 'eq', ''));
  });

  it('gives -not, -and, -or their precedence and allows operators after "("', () => {
    expectTree('-not device.model -eq "a" -and device.model -eq "b"',
      and(not(cmp('model', 'eq', 'a')), cmp('model', 'eq', 'b')));
    expectTree('(device.model -eq "a" -and device.model -eq "b") -or device.model -eq "c"',
      or(and(cmp('model', 'eq', 'a'), cmp('model', 'eq', 'b')), cmp('model', 'eq', 'c')));
    expectTree('device.model -eq "a" -and (device.model -eq "b" -or device.model -eq "c")',
      and(cmp('model', 'eq', 'a'), or(cmp('model', 'eq', 'b'), cmp('model', 'eq', 'c'))));
    expectTree('(-not(device.model -eq "a"))', not(cmp('model', 'eq', 'a')));
    expectTree('-not -not device.model -eq "a"', not(not(cmp('model', 'eq', 'a'))));
    expectTree('device.model -eq "a" -and device.model -eq "b" -and device.model -eq "c"',
      and(cmp('model', 'eq', 'a'), cmp('model', 'eq', 'b'), cmp('model', 'eq', 'c')));
    expectTree('\n  device.model\t-eq\n"a"  ', cmp('model', 'eq', 'a'));
  });
});

describe('parse errors', () => {
  const cases: Array<[rule: string, message: string, offset: number, length?: number]> = [
    ['', 'Empty device filter rule', 0, 0],
    ['   ', 'Empty device filter rule', 0, 3],
    ['device.displayName -eq "abc', 'Unterminated string: missing closing "', 23, 4],
    ["device.displayName -eq 'abc", "Unterminated string: missing closing '", 23, 4],
    ['device.foo -eq "x"', "Unknown device property 'foo' (expected one of deviceId, displayName, deviceOwnership", 7, 3],
    ['device. -eq "x"', "Missing property name after 'device.'", 0, 7],
    ['isCompliant -eq True', "Missing 'device.' prefix: write device.isCompliant", 0, 11],
    ['user.department -eq "Sales"', "Expected device.<property>, found 'user.department'", 0, 15],
    ['device.model -like "x"', "Unknown operator '-like' (expected one of -eq, -ne, -startsWith", 13, 5],
    ['device.model', "Missing operator after 'device.model'", 0, 12],
    ['device.model "a"', "Expected an operator such as -eq after 'device.model', found '\"a\"'", 13, 3],
    ['device.model -and device.model -eq "a"', "Expected an operator such as -eq after 'device.model', found '-and'", 13, 4],
    ['device.model -eq', "Missing value after '-eq'", 13, 3],
    ['device.model -eq -and device.model -eq "a"', "Missing value after '-eq'", 13, 3],
    ['device.model -eq )', "Expected a value after '-eq' (a quoted string, True, False or a [list]), found ')'", 17, 1],
    ['device.model -eq "a" "b"', `Unexpected '"b"': expected -and, -or or the end of the rule`, 21, 3],
    ['device.model -eq "a" device.model -eq "b"', "Unexpected 'device.model': expected -and, -or", 21, 12],
    ['device.model -eq "a")', "Unexpected ')': no '(' to close", 20, 1],
    ['(device.model -eq "a"', "Missing ')' to close this '('", 0, 1],
    ['(device.model -eq "a" "b")', `Expected ')', -and or -or, found '"b"'`, 22, 3],
    ['device.model-eq "a"', "Operator '-eq' must be preceded by whitespace or '('", 12, 3],
    ['(device.model -eq "a")-or device.model -eq "b"', "Operator '-or' must be preceded by whitespace or '('", 22, 3],
    ['device.model -in ["a",]', "Trailing ',' in the list", 21, 1],
    ['device.model -in ["a" "b"]', `Expected ',' or ']' in the list, found '"b"'`, 22, 3],
    ['device.model -in ["a"', "Missing ']' to close this list", 17, 1],
    ['device.model -in [["a"]]', 'Lists cannot be nested', 18, 1],
    ['device.model -in [)', "Expected a quoted string in the list, found ')'", 18, 1],
    ['-and device.model -eq "a"', "Expected a comparison such as device.isCompliant -eq True, found '-and'", 0, 4],
    ['device.model -eq "a" -and', "Missing comparison after '-and'", 21, 4],
    ['-not', "Missing comparison after '-not'", 0, 4],
    ['()', "Expected a comparison such as device.isCompliant -eq True, found ')'", 1, 1],
    ['"x" -eq device.model', `Expected a comparison such as device.isCompliant -eq True, found '"x"'`, 0, 3],
  ];

  it.each(cases)('%j', (rule, message, offset, length) => {
    const { expr, errors } = parseDeviceFilter(rule);
    expect(expr).toBeUndefined();
    expect(errors.length).toBeGreaterThan(0);
    const error = errors[0]!;
    expect(error.message).toContain(message);
    expect(error.offset).toBe(offset);
    if (length !== undefined) expect(error.length).toBe(length);
  });

  it('lists every property in the unknown-property message', () => {
    const { errors } = parseDeviceFilter('device.colour -eq "red"');
    expect(errors[0]!.message).toBe(
      "Unknown device property 'colour' (expected one of deviceId, displayName, deviceOwnership, enrollmentProfileName, "
      + 'isCompliant, manufacturer, mdmAppId, model, operatingSystem, operatingSystemVersion, physicalIds, profileType, '
      + 'systemLabels, trustType, extensionAttribute1…15)');
  });

  it('reports every unknown name, not only the first', () => {
    const { expr, errors } = parseDeviceFilter('device.foo -eq "x" -and device.model -like "y"');
    expect(expr).toBeUndefined();
    expect(errors.map(e => [e.offset, e.length])).toEqual([[7, 3], [37, 5]]);
  });

  it('rejects mixing -and and -or at one level, pointing at the operator that introduces the mix', () => {
    const rule1 = 'device.model -eq "a" -and device.model -eq "b" -or device.model -eq "c"';
    const r1 = parseDeviceFilter(rule1);
    expect(r1.errors).toEqual([{
      message: "'-or' after '-and' at the same level: Latch requires parentheses when mixing -and and -or, e.g. (A -and B) -or C",
      offset: rule1.indexOf('-or'),
      length: 3,
    }]);
    // The tree is still built with Entra's precedence (-and binds tighter), so imported rules stay evaluable.
    expect(sameDeviceFilter(r1.expr!, or(and(cmp('model', 'eq', 'a'), cmp('model', 'eq', 'b')), cmp('model', 'eq', 'c')))).toBe(true);

    const rule2 = 'device.model -eq "a" -or device.model -eq "b" -AND device.model -eq "c"';
    const r2 = parseDeviceFilter(rule2);
    expect(r2.errors).toHaveLength(1);
    expect(r2.errors[0]!.message).toMatch(/^'-AND' after '-or'/);
    expect(r2.errors[0]!.offset).toBe(rule2.indexOf('-AND'));
    expect(sameDeviceFilter(r2.expr!, or(cmp('model', 'eq', 'a'), and(cmp('model', 'eq', 'b'), cmp('model', 'eq', 'c'))))).toBe(true);

    const nested = '(device.model -eq "a" -or (device.model -eq "b" -and device.model -eq "c" -or device.model -eq "d"))';
    const r3 = parseDeviceFilter(nested);
    expect(r3.errors.map(e => e.offset)).toEqual([nested.lastIndexOf('-or')]);

    // -not binds tighter than both, so it does not count as mixing.
    expect(parseDeviceFilter('-not device.model -eq "a" -or device.model -eq "b"').errors).toEqual([]);
  });

  it('refuses rules longer than Entra accepts, keeping the tree', () => {
    const values = Array.from({ length: 400 }, (_, i) => `"model-${i}"`).join(', ');
    const rule = `device.model -in [${values}]`;
    expect(rule.length).toBeGreaterThan(MAX_RULE_LENGTH);
    const { expr, errors } = parseDeviceFilter(rule);
    expect(expr).toBeDefined();
    expect(errors).toEqual([{
      message: `Device filter rule is ${rule.length} characters long; Entra accepts at most 3072`,
      offset: 3072,
      length: rule.length - 3072,
    }]);
  });

  it('stops at absurd nesting instead of overflowing the stack', () => {
    for (const rule of ['('.repeat(100_000), '-not '.repeat(50_000) + 'device.model -eq "a"', `${'('.repeat(500)}device.model -eq "a"${')'.repeat(500)}`]) {
      const { expr, errors } = parseDeviceFilter(rule);
      expect(expr).toBeUndefined();
      expect(errors[0]!.message).toContain('Rule nests too deeply');
    }
  });
});

describe('checkDeviceFilter', () => {
  const check = (rule: string) => {
    const { expr, errors } = parseDeviceFilter(rule);
    expect(errors).toEqual([]);
    return checkDeviceFilter(expr!);
  };

  const cases: Array<[rule: string, message: string, at: string]> = [
    ['device.isCompliant -contains "x"', 'Operator -contains is not supported for device.isCompliant (supported: -eq, -ne)', '-contains'],
    ['device.physicalIds -eq "[ZTDId]:abc"', 'Operator -eq is not supported for device.physicalIds (supported: -contains, -notContains)', '-eq'],
    ['device.trustType -startsWith "Azure"', 'Operator -startsWith is not supported for device.trustType', '-startsWith'],
    ['device.deviceId -contains "abc"', 'Operator -contains is not supported for device.deviceId (supported: -eq, -ne, -in, -notIn)', '-contains'],
    ['device.model -in "Surface"', '-in expects a list of strings, e.g. device.model -in ["a", "b"]', '"Surface"'],
    ['device.model -notIn "Surface"', '-notIn expects a list of strings', '"Surface"'],
    ['device.model -eq ["a", "b"]', '-eq expects a single value, not a list (use -in / -notIn for lists)', '["a", "b"]'],
    ['device.model -in []', '-in needs at least one value in its list', '[]'],
    ['device.trustType -eq 5', 'Text values must be quoted: write "5"', '5'],
    ['device.model -in [a, "b"]', 'Text values must be quoted: write ["a", "b"]', '[a, "b"]'],
    ['device.isCompliant -eq yes', 'device.isCompliant is a boolean property: compare it with True or False', 'yes'],
    ['device.isCompliant -eq "yes"', 'device.isCompliant is a boolean property: compare it with True or False, not "yes"', '"yes"'],
    ['device.displayName -eq True', 'device.displayName holds text, not a boolean: write "True" to compare text', 'True'],
    ['device.systemLabels -contains False', 'device.systemLabels holds strings, not a boolean', 'False'],
    ['device.trustType -eq "Hybrid"', 'Unknown trustType value "Hybrid" (expected AzureAD, ServerAD, Workplace)', '"Hybrid"'],
    ['device.deviceOwnership -ne "Corporate"', 'Unknown deviceOwnership value "Corporate" (expected Personal, Company)', '"Corporate"'],
    ['device.profileType -eq "Kiosk"', 'Unknown profileType value "Kiosk" (expected RegisteredDevice, SecureVM, Printer, Shared, IoT)', '"Kiosk"'],
  ];

  it.each(cases)('%j', (rule, message, at) => {
    const errors = check(rule);
    expect(errors).toHaveLength(1);
    expect(errors[0]!.message).toContain(message);
    expect(rule.slice(errors[0]!.offset, errors[0]!.offset + errors[0]!.length)).toBe(at);
  });

  it('accepts enumerated values in any case and every allowed operator', () => {
    expect(check('device.trustType -eq "serverad" -or device.deviceOwnership -ne "PERSONAL" -or device.profileType -eq "iot"')).toEqual([]);
    for (const property of DEVICE_PROPERTIES) {
      for (const operator of property.operators) {
        const scalar = property.type === 'boolean' ? 'True' : `"${property.values?.[0] ?? 'x'}"`;
        const value = operator === 'in' || operator === 'notIn' ? `[${scalar}]` : scalar;
        expect(check(`device.${property.name} -${operator} ${value}`), `${property.name} ${operator}`).toEqual([]);
      }
    }
  });

  it('reports every faulty comparison of a rule', () => {
    const rule = 'device.isCompliant -contains "x" -or -not (device.model -in "a") -or device.model -eq "ok"';
    expect(check(rule).map(e => e.offset)).toEqual([rule.indexOf('-contains'), rule.indexOf('"a"')]);
  });

  it('reports properties unknown to hand-built trees', () => {
    expect(checkDeviceFilter(cmp('colour', 'eq', 'red'))[0]!.message).toMatch(/^Unknown device property 'colour'/);
  });
});

describe('evaluation', () => {
  const NEGATIVE: FilterOperator[] = ['ne', 'notStartsWith', 'notEndsWith', 'notContains', 'notIn'];

  it('classifies operators as Entra does', () => {
    expect(FILTER_OPERATORS.filter(isNegativeOperator)).toEqual(NEGATIVE);
    for (const op of FILTER_OPERATORS) expect(negateOperator(negateOperator(op))).toBe(op);
  });

  describe('null semantics: positive operators false, negative true', () => {
    const nullDevices: Array<[string, SignInDevice | undefined]> = [
      ['no device', undefined],
      ['unregistered device', { registered: false, properties: { isCompliant: true, model: 'x', physicalIds: ['x'], trustType: 'ServerAD', extensionAttribute1: 'x' } }],
      ['registered device without the property', device({})],
    ];
    for (const [label, d] of nullDevices) {
      for (const property of DEVICE_PROPERTIES) {
        it(`${label}: device.${property.name}`, () => {
          for (const operator of FILTER_OPERATORS) {
            const list = operator === 'in' || operator === 'notIn';
            const value = property.type === 'boolean' ? (list ? ['True'] : true) : (list ? ['x'] : 'x');
            const expr = cmp(property.name, operator, value);
            expect(evaluateDeviceFilter(expr, d), `${property.name} -${operator}`).toBe(NEGATIVE.includes(operator));
            expect(compileDeviceFilter(expr)(d)).toBe(NEGATIVE.includes(operator));
          }
        });
      }
    }

    it('applies to whole rules: include-mode rules miss unregistered devices, negative ones catch them', () => {
      expect(evaluate('device.isCompliant -eq True -or device.trustType -eq "ServerAD"', undefined)).toBe(false);
      expect(evaluate('device.extensionAttribute1 -ne "SAW"', undefined)).toBe(true);
      expect(evaluate('device.isCompliant -ne True -and device.model -notIn ["a"]', undefined)).toBe(true);
      expect(evaluate('-not (device.isCompliant -eq True)', undefined)).toBe(true);
    });
  });

  it('compares strings case-insensitively with every string operator', () => {
    const d = device({ displayName: 'Kiosk-Lobby-01', operatingSystemVersion: '10.0.19045.1', model: 'Surface Pro 9' });
    const table: Array<[string, boolean]> = [
      ['device.displayName -eq "kiosk-lobby-01"', true],
      ['device.displayName -eq "Kiosk-Lobby"', false],
      ['device.displayName -ne "KIOSK-LOBBY-01"', false],
      ['device.displayName -startsWith "KIOSK"', true],
      ['device.displayName -notStartsWith "kiosk"', false],
      ['device.displayName -endsWith "-01"', true],
      ['device.displayName -notEndsWith "-02"', true],
      ['device.displayName -contains "lobby"', true],
      ['device.displayName -notContains "LOBBY"', false],
      ['device.displayName -contains ""', true],
      ['device.operatingSystemVersion -startsWith "10.0.19045"', true],
      ['device.model -in ["Surface Laptop", "surface pro 9"]', true],
      ['device.model -notIn ["Surface Laptop", "surface pro 9"]', false],
      ['device.model -in ["Surface Pro"]', false],
      ['device.model -notIn ["Surface Pro"]', true],
    ];
    for (const [rule, expected] of table) expect(evaluate(rule, d), rule).toBe(expected);
  });

  it('folds non-ASCII letters too', () => {
    expect(evaluate('device.displayName -eq "ÉQUIPE-Ω"', device({ displayName: 'équipe-ω' }))).toBe(true);
    expect(evaluate('device.displayName -contains "straße"', device({ displayName: 'HAUPTSTRAẞE 1' }))).toBe(true);
    // Per-unit folding like .NET's ordinal-ignore-case: no multi-character expansions.
    expect(evaluate('device.displayName -eq "straße"', device({ displayName: 'STRASSE' }))).toBe(false);
  });

  it('compares isCompliant as a boolean, whatever the spelling', () => {
    for (const value of [true, 'true', 'True', 'TRUE']) {
      const d = device({ isCompliant: value });
      expect(evaluate('device.isCompliant -eq True', d)).toBe(true);
      expect(evaluate('device.isCompliant -eq "true"', d)).toBe(true);
      expect(evaluate('device.isCompliant -ne True', d)).toBe(false);
      expect(evaluate('device.isCompliant -eq False', d)).toBe(false);
    }
    for (const value of [false, 'False']) {
      expect(evaluate('device.isCompliant -eq False', device({ isCompliant: value }))).toBe(true);
      expect(evaluate('device.isCompliant -eq True', device({ isCompliant: value }))).toBe(false);
    }
  });

  it('matches whole elements of collections', () => {
    const d = device({ physicalIds: ['[ZTDId]:ABC', '[OrderId]:Order-7'], systemLabels: ['M365Managed'] });
    expect(evaluate('device.physicalIds -contains "[ztdid]:abc"', d)).toBe(true);
    expect(evaluate('device.physicalIds -contains "[ZTDId]"', d)).toBe(false);
    expect(evaluate('device.physicalIds -notContains "[ZTDId]"', d)).toBe(true);
    expect(evaluate('device.physicalIds -notContains "[OrderId]:order-7"', d)).toBe(false);
    expect(evaluate('device.systemLabels -contains "m365managed"', d)).toBe(true);
    expect(evaluate('device.systemLabels -contains "M365"', d)).toBe(false);
    // A single string stands for a one-element collection; an empty collection matches nothing.
    expect(evaluate('device.systemLabels -contains "M365Managed"', device({ systemLabels: 'M365Managed' }))).toBe(true);
    expect(evaluate('device.systemLabels -contains "M365Managed"', device({ systemLabels: [] }))).toBe(false);
    expect(evaluate('device.systemLabels -notContains "M365Managed"', device({ systemLabels: [] }))).toBe(true);
  });

  it('evaluates the baseline rules on typical devices', () => {
    const rule = 'device.isCompliant -eq True -or device.trustType -eq "ServerAD"';
    expect(evaluate(rule, device({ isCompliant: true, trustType: 'AzureAD' }))).toBe(true);
    expect(evaluate(rule, device({ isCompliant: false, trustType: 'serverad' }))).toBe(true);
    expect(evaluate(rule, device({ isCompliant: false, trustType: 'Workplace' }))).toBe(false);
    const corporate = 'device.isCompliant -eq True -and device.deviceOwnership -eq "Company"';
    expect(evaluate(corporate, device({ isCompliant: true, deviceOwnership: 'Company' }))).toBe(true);
    expect(evaluate(corporate, device({ isCompliant: true, deviceOwnership: 'Personal' }))).toBe(false);
    expect(evaluate(corporate, device({ isCompliant: true }))).toBe(false);
  });

  it('treats extension attributes as null unless the device is managed, compliant or hybrid joined', () => {
    const saw = 'device.extensionAttribute1 -eq "SAW"';
    const notSaw = 'device.extensionAttribute1 -ne "SAW"';
    const unmanaged = device({ extensionAttribute1: 'SAW', isCompliant: false, trustType: 'AzureAD' });
    expect(evaluate(saw, unmanaged)).toBe(false);
    expect(evaluate(notSaw, unmanaged)).toBe(true);
    for (const managing of [{ isCompliant: true }, { isCompliant: 'True' }, { trustType: 'ServerAD' }, { mdmAppId: '0000000a-0000-0000-c000-000000000000' }]) {
      const d = device({ extensionAttribute1: 'saw', ...managing });
      expect(evaluate(saw, d), JSON.stringify(managing)).toBe(true);
      expect(evaluate(notSaw, d), JSON.stringify(managing)).toBe(false);
    }
    expect(evaluate('device.extensionAttribute15 -startsWith "PAW"', device({ extensionAttribute15: 'PAW-7', isCompliant: true }))).toBe(true);
  });

  it('evaluates hand-built and type-incorrect trees without throwing', () => {
    const d = device({ model: 'B', displayName: 'x', constructor: undefined });
    expect(evaluateDeviceFilter(cmp('model', 'eq', ['a', 'b']), d)).toBe(true);
    expect(evaluateDeviceFilter(cmp('model', 'in', 'b'), d)).toBe(true);
    expect(evaluateDeviceFilter(cmp('constructor', 'eq', 'x'), device({}))).toBe(false);
    expect(evaluateDeviceFilter(cmp('toString', 'ne', 'x'), device({}))).toBe(true);
    expect(evaluateDeviceFilter(cmp('displayName', 'eq', true), device({ displayName: 'TRUE' }))).toBe(true);
  });

  it('caches the compiled form per expression', () => {
    const expr = parse('device.model -eq "a"');
    expect(evaluateDeviceFilter(expr, device({ model: 'A' }))).toBe(true);
    expect(evaluateDeviceFilter(expr, device({ model: 'B' }))).toBe(false);
  });
});

describe('printing and atoms', () => {
  it('prints canonical text', () => {
    expect(printDeviceFilter(parseDeviceFilter(`DEVICE.ISCOMPLIANT -EQ true -AND device.deviceownership -eq 'Company'`).expr!))
      .toBe('device.isCompliant -eq True -and device.deviceOwnership -eq "Company"');
    expect(printDeviceFilter(parse(`device.model -IN ['a',"b"] -or -not device.physicalIds -contains "[ZTDId]:x"`)))
      .toBe('device.model -in ["a", "b"] -or -not (device.physicalIds -contains "[ZTDId]:x")');
    expect(printDeviceFilter(and(or(cmp('model', 'eq', 'a'), cmp('model', 'eq', 'b')), and(cmp('model', 'eq', 'c'), cmp('model', 'eq', 'd')))))
      .toBe('(device.model -eq "a" -or device.model -eq "b") -and (device.model -eq "c" -and device.model -eq "d")');
    expect(printDeviceFilter(cmp('displayName', 'eq', 'say "hi" `now`'))).toBe(`device.displayName -eq 'say "hi" \`now\`'`);
    expect(printDeviceFilter(cmp('displayName', 'eq', `it's "x"`))).toBe(`device.displayName -eq 'it''s "x"'`);
  });

  it('lists the comparisons in rule order', () => {
    const expr = parse('device.isCompliant -eq True -or -not (device.model -in ["a", "b"] -and device.trustType -ne "ServerAD")');
    expect(deviceFilterAtoms(expr)).toEqual([
      { property: 'isCompliant', operator: 'eq', value: true },
      { property: 'model', operator: 'in', value: ['a', 'b'] },
      { property: 'trustType', operator: 'ne', value: 'ServerAD' },
    ]);
  });
});

// ---------------------------------------------------------------------------------------------------------------
// Properties

const propertyArb = fc.constantFrom(...DEVICE_PROPERTIES.map(p => p.name));
const textArb = fc.oneof(
  fc.string({ maxLength: 12 }),
  fc.string({ unit: fc.constantFrom('a', 'B', '"', "'", '`', ' ', '-', '(', ')', '[', ']', ',', 'é', 'ß'), maxLength: 8 }),
  fc.constantFrom('Company', 'ServerAD', '[ZTDId]:abc', 'M365Managed', 'true', 'False'),
);
const valueArb: fc.Arbitrary<FilterValue> = fc.oneof(fc.boolean(), textArb, fc.array(textArb, { maxLength: 3 }));
const cmpArb: fc.Arbitrary<FilterExpr> = fc.record({
  kind: fc.constant('cmp' as const),
  property: propertyArb,
  operator: fc.constantFrom(...FILTER_OPERATORS),
  value: valueArb,
  span: fc.constant(ZERO),
});
const exprArb: fc.Arbitrary<FilterExpr> = fc.letrec<{ expr: FilterExpr }>(tie => ({
  expr: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    cmpArb,
    fc.record({ kind: fc.constantFrom('and' as const, 'or' as const), operands: fc.array(tie('expr'), { minLength: 2, maxLength: 3 }), span: fc.constant(ZERO) }),
    fc.record({ kind: fc.constant('not' as const), operand: tie('expr'), span: fc.constant(ZERO) }),
  ),
})).expr;

const deviceArb: fc.Arbitrary<SignInDevice | undefined> = fc.option(fc.record({
  registered: fc.boolean(),
  properties: fc.dictionary(
    fc.oneof(propertyArb, fc.constant('toString')),
    fc.oneof(fc.constant(undefined), fc.boolean(), textArb, fc.array(textArb, { maxLength: 3 })),
  ),
}));

const VALID_RULES = [
  'device.isCompliant -eq True -and device.deviceOwnership -eq "Company"',
  'device.extensionAttribute1 -ne "SAW"',
  '(device.trustType -eq "ServerAD") -or (device.isCompliant -eq True)',
  `device.model -in ["Surface Pro", 'Surface Laptop']`,
  '-not (device.displayName -startsWith "Kiosk")',
  'device.physicalIds -contains "[ZTDId]:abc"',
];

/** Parsing is total: errors instead of exceptions, in range, and any tree it returns survives the other passes. */
function expectTotal(rule: string): void {
  const { expr, errors } = parseDeviceFilter(rule);
  for (const error of errors) {
    expect(error.message).not.toMatch(/^Internal error/);
    expect(error.offset).toBeGreaterThanOrEqual(0);
    expect(error.length).toBeGreaterThanOrEqual(0);
    expect(error.offset + error.length).toBeLessThanOrEqual(rule.length);
  }
  if (expr) {
    checkDeviceFilter(expr);
    evaluateDeviceFilter(expr, undefined);
    expect(sameDeviceFilter(parseDeviceFilter(printDeviceFilter(expr)).expr!, expr)).toBe(true);
  } else {
    expect(errors.length).toBeGreaterThan(0);
  }
}

describe('properties (fast-check)', () => {
  it('parse(print(expr)) is the same tree, without errors', () => {
    fc.assert(fc.property(exprArb, expr => {
      const text = printDeviceFilter(expr);
      const result = parseDeviceFilter(text);
      expect(result.errors.filter(e => !e.message.includes(String(MAX_RULE_LENGTH)))).toEqual([]);
      expect(sameDeviceFilter(result.expr!, expr)).toBe(true);
    }), { numRuns: 1000 });
  });

  it('the printed rule evaluates like the tree on every device', () => {
    fc.assert(fc.property(exprArb, fc.array(deviceArb, { minLength: 1, maxLength: 5 }), (expr, devices) => {
      const reparsed = parseDeviceFilter(printDeviceFilter(expr)).expr!;
      const original = compileDeviceFilter(expr);
      for (const d of devices) expect(evaluateDeviceFilter(reparsed, d)).toBe(original(d));
    }), { numRuns: 500 });
  });

  it('each negative operator is the negation of its positive partner, null devices included', () => {
    fc.assert(fc.property(cmpArb, deviceArb, (expr, d) => {
      if (expr.kind !== 'cmp') return;
      const negated = { ...expr, operator: negateOperator(expr.operator) };
      expect(compileDeviceFilter(negated)(d)).toBe(!compileDeviceFilter(expr)(d));
      expect(compileDeviceFilter(not(expr))(d)).toBe(compileDeviceFilter(negated)(d));
    }), { numRuns: 1000 });
  });

  it('never throws on arbitrary strings', () => {
    fc.assert(fc.property(fc.string({ maxLength: 200, unit: 'binary' }), expectTotal), { numRuns: 2000 });
  });

  it('never throws on token soup', () => {
    const piece = fc.constantFrom(
      'device.isCompliant', 'device.model', 'device.foo', 'device.', 'model', ' ', ' ', '  ', '-eq', '-IN', '-not', '-and',
      '-or', '-like', '-', '"', "'", '`', '(', ')', '[', ']', ',', 'True', 'false', '"x"', "'y'", '5', '\n');
    fc.assert(fc.property(fc.array(piece, { maxLength: 30 }).map(parts => parts.join('')), expectTotal), { numRuns: 2000 });
  });

  it('never throws on mutated valid rules', () => {
    const mutation = fc.tuple(fc.nat(), fc.nat({ max: 3 }), fc.string({ maxLength: 3, unit: fc.constantFrom('"', "'", '(', ')', '[', ']', ',', '-', ' ', 'x', '`') }));
    fc.assert(fc.property(fc.constantFrom(...VALID_RULES), fc.array(mutation, { minLength: 1, maxLength: 4 }), (rule, mutations) => {
      let text = rule;
      for (const [at, remove, insert] of mutations) {
        const i = at % (text.length + 1);
        text = text.slice(0, i) + insert + text.slice(i + remove);
      }
      expectTotal(text);
    }), { numRuns: 2000 });
  });
});
