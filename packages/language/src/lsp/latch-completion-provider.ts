import { AUTH_METHOD_MODES, CONDITION_ORDER, COUNTRY_CODES, countryName, DEVICE_PROPERTIES, FILTER_OPERATORS } from '@latch/engine';
import { AstUtils, GrammarAST, type MaybePromise } from 'langium';
import { type CompletionAcceptor, type CompletionContext, DefaultCompletionProvider, type NextFeature } from 'langium/lsp';
import { CompletionItemKind, InsertTextFormat } from 'vscode-languageserver';
import { KEYWORD_DOCS } from './latch-keyword-docs.js';

/** A value list for one `Rule.property` of the grammar whose token is a terminal or a free-form data type rule. */
type ValueSource = () => Array<{ label: string; detail?: string; kind?: CompletionItemKind }>;

const DAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun', 'mon-fri', 'sat-sun'];

let zones: string[] | undefined;
function timeZones(): string[] {
    zones ??= (Intl as unknown as { supportedValuesOf(k: string): string[] }).supportedValuesOf('timeZone');
    return zones;
}

const countries: ValueSource = () => COUNTRY_CODES.map((c) => ({ label: c, detail: countryName(c), kind: CompletionItemKind.Constant }));
const zoneStrings: ValueSource = () => timeZones().map((z) => ({ label: JSON.stringify(z), detail: 'IANA time zone', kind: CompletionItemKind.Constant }));
const operators: ValueSource = () => FILTER_OPERATORS.map((op) => ({ label: `-${op}`, detail: 'device-filter operator', kind: CompletionItemKind.Operator }));
const methods: ValueSource = () => AUTH_METHOD_MODES.map((label) => ({ label, detail: 'authentication method', kind: CompletionItemKind.EnumMember }));
const connectives: ValueSource = () => ['-and', '-or'].map((label) => ({ label, detail: 'device-filter connective', kind: CompletionItemKind.Operator }));

/**
 * Values the grammar leaves open (ID, STRING, DASH_OP), by `ParserRule.property`; for a `Name` position
 * (`because REASON`, strength methods), by `AstType.name` of the node at the cursor.
 */
const VALUES: Record<string, ValueSource> = {
    'Strength.name': methods,
    'Location.countries': countries,
    'CountryInput.code': countries,
    'DuringClause.zone': zoneStrings,
    'AtInput.zone': zoneStrings,
    'DuringClause.days': () => DAYS.map((label) => ({ label, detail: 'days', kind: CompletionItemKind.Constant })),
    'DeviceComparison.property': () => DEVICE_PROPERTIES.map((p) => ({ label: `device.${p.name}`, detail: `${p.type}: ${p.operators.map((o) => `-${o}`).join(' ')}`, kind: CompletionItemKind.Property })),
    'DeviceComparison.operator': operators,
    'DeviceSequence.connectives': connectives,
    'DeviceNot.negation': () => [{ label: '-not', detail: 'device-filter negation', kind: CompletionItemKind.Operator }],
    'DeviceProperty.name': () => DEVICE_PROPERTIES.map((p) => ({ label: p.name, detail: p.type, kind: CompletionItemKind.Property })),
    'ExpectNotApplies.name': () => ['policyNotEnabled', ...CONDITION_ORDER, 'notEnoughInformation'].map((label) => ({ label, detail: 'first failing condition', kind: CompletionItemKind.EnumMember })),
    'MethodCombination.name': methods,
};

/** Snippets offered where the keyword that starts them is valid. */
const SNIPPETS: Record<string, { label: string; detail: string; body: string }> = {
    policy: {
        label: 'policy …', detail: 'new policy',
        body: 'policy ${1:CA000} "${2:Display name}" {\n  state ${3|reportOnly,on,off|}\n  users include ${4:all}  exclude ${5:BreakGlass}\n  apps include ${6:all}\n  grant ${7:mfa}\n}',
    },
    scenario: {
        label: 'scenario …', detail: 'new What If scenario',
        body: 'scenario "${1:Who does what from where}" {\n  user ${2:alice}\n  app ${3:ExchangeOnline}\n  ip ${4:198.51.100.7}  country ${5:NL}\n  platform ${6|windows,macos,ios,android,linux|}  client ${7|browser,mobileAndDesktop|}\n  expect ${8|allow,block,requires mfa|}\n}',
    },
    assert: {
        label: 'assert …', detail: 'new assertion',
        body: 'assert "${1:Admins always need MFA}" { users ${2:role GlobalAdministrator}  apps ${3:all}  ${4|always requires mfa,always block,never block,never allow|} }',
    },
};

/**
 * Domain-aware completion: Langium's keywords and scoped references (declared and built-in names, filtered by the
 * reference's kind), plus values the grammar leaves open — country codes with names, IANA zones, device-filter
 * properties and operators, days, reasons, authentication methods — and snippets for a policy, scenario, assertion.
 * Keywords reachable only through the `Name` rule (any keyword may be a declared name) are not offered.
 */
export class LatchCompletionProvider extends DefaultCompletionProvider {
    override readonly completionOptions = { triggerCharacters: ['.', '-', '"'] };
    protected readonly namePositions = new WeakMap<CompletionContext, boolean>();
    protected readonly offered = new WeakSet<CompletionContext>();

    protected override completionFor(context: CompletionContext, next: NextFeature, acceptor: CompletionAcceptor): MaybePromise<void> {
        const key = valueKey(next.feature);
        const source = key && VALUES[key];
        if (source) {
            for (const v of source()) acceptor(context, { ...v, sortText: v.label });
            return;
        }
        if (GrammarAST.isKeyword(next.feature) && this.isNamePosition(context)) {
            // Name positions with a domain vocabulary: the node at the cursor says which.
            const byNode = context.node && VALUES[`${context.node.$type}.name`];
            if (byNode && !this.offered.has(context)) {
                this.offered.add(context);
                for (const v of byNode()) acceptor(context, { ...v, sortText: v.label });
            }
            return;
        }
        return super.completionFor(context, next, acceptor);
    }

    protected override completionForKeyword(context: CompletionContext, keyword: GrammarAST.Keyword, acceptor: CompletionAcceptor): MaybePromise<void> {
        if (!this.filterKeyword(context, keyword)) return;
        const doc = KEYWORD_DOCS[keyword.value];
        acceptor(context, {
            label: keyword.value, kind: this.getKeywordCompletionItemKind(keyword), detail: 'keyword', sortText: '1',
            documentation: doc && { kind: 'markdown', value: doc },
        });
        const snippet = SNIPPETS[keyword.value];
        if (snippet && AstUtils.getContainerOfType(keyword, GrammarAST.isParserRule)?.name !== 'Name') {
            acceptor(context, {
                label: snippet.label, kind: CompletionItemKind.Snippet, detail: snippet.detail, sortText: '0',
                insertText: snippet.body, insertTextFormat: InsertTextFormat.Snippet, filterText: keyword.value,
            });
        }
    }

    /** A position where a declared name is typed: the `Name` rule's own keywords are among the next features. */
    protected isNamePosition(context: CompletionContext): boolean {
        let known = this.namePositions.get(context);
        if (known === undefined) {
            known = context.features.some((f) => GrammarAST.isKeyword(f.feature) && AstUtils.getContainerOfType(f.feature, GrammarAST.isParserRule)?.name === 'Name');
            this.namePositions.set(context, known);
        }
        return known;
    }
}

/** `Rule.property` of a terminal or data-type rule call inside an assignment. */
function valueKey(feature: GrammarAST.AbstractElement): string | undefined {
    if (!GrammarAST.isRuleCall(feature)) return undefined;
    const assignment = AstUtils.getContainerOfType(feature, GrammarAST.isAssignment);
    const rule = AstUtils.getContainerOfType(feature, GrammarAST.isParserRule);
    return assignment && rule ? `${rule.name}.${assignment.feature}` : undefined;
}
