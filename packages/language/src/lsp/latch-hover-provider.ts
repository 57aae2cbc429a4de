import { countryName } from '@latch/engine';
import { type AstNode, GrammarAST, type MaybePromise } from 'langium';
import { AstNodeHoverProvider } from 'langium/lsp';
import type { Hover } from 'vscode-languageserver';
import * as ast from '../generated/ast.js';
import type { LatchServices } from '../latch-module.js';
import { KEYWORD_DOCS } from './latch-keyword-docs.js';
import { summarizePolicy } from './latch-policy-summary.js';
import type { LatchScenarioResults } from './latch-scenario-results.js';
import { scenarioResultLine } from './latch-scenario-results.js';

const code = (s: string) => `\`${s}\``;

/**
 * Hover: a policy in plain English; a referenced object with what it is (members, CIDRs, app id); keywords and
 * controls with short Entra-accurate docs. Scenario hovers show the cached What If result.
 */
export class LatchHoverProvider extends AstNodeHoverProvider {
    protected readonly results: LatchScenarioResults;

    constructor(services: LatchServices) {
        super(services);
        this.results = services.whatIf.ScenarioResults;
    }

    protected getAstNodeHoverContent(node: AstNode): MaybePromise<string | undefined> {
        const head = (kind: string, name: string, display?: string) => `**${kind}** ${code(name)}${display ? ` — ${display}` : ''}`;
        const lines = (...ls: Array<string | undefined | false>) => ls.filter((l): l is string => typeof l === 'string' && l.length > 0).join('\n\n');
        const id = (v?: string) => v && `id ${code(v)}`;
        if (ast.isPolicy(node)) return lines(head('policy', node.name, node.displayName), summarizePolicy(node));
        if (ast.isUser(node)) {
            return lines(head('user', node.name, node.displayName), node.upn && `upn ${code(node.upn)}`, id(node.id),
                node.roles.length > 0 && `roles: ${node.roles.map((r) => r.$refText).join(', ')}`, node.guest && `guest type ${code(node.guest)}`);
        }
        if (ast.isGroup(node)) {
            const members = node.members.map((m) => m.$refText);
            return lines(head('group', node.name, node.displayName), id(node.id),
                members.length > 0 ? `closed group: members ${members.join(', ')} (transitively)` : 'open group: only memberships a scenario states count',
                node.emergencyAccess && 'emergency access (break-glass)');
        }
        if (ast.isRole(node)) return lines(head('role', node.name, node.displayName), id(node.id));
        if (ast.isApp(node)) {
            return lines(head('app', node.name, node.displayName), id(node.id),
                node.members.length > 0 && `suite of ${node.members.map((m) => m.$refText).join(', ')}`,
                node.caeCapable && 'CAE-capable (critical events revoke sessions at once)');
        }
        if (ast.isLocation(node)) {
            return lines(head('location', node.name, node.displayName), id(node.id),
                node.ranges.length > 0 && `IP ranges: ${node.ranges.map(code).join(', ')}`,
                node.countries.length > 0 && `countries: ${node.countries.map((c) => `${c} (${countryName(c)})`).join(', ')}`,
                node.includeUnknown && 'includes unknown countries', node.trusted && 'trusted');
        }
        if (ast.isStrength(node)) {
            return lines(head('authentication strength', node.name, node.displayName), id(node.id),
                node.combinations.length > 0 && `allowed combinations: ${node.combinations.map((c) => c.methods.join(' + ')).join(', ')}`);
        }
        if (ast.isTerms(node)) return lines(head('terms of use', node.name, node.displayName), id(node.id));
        if (ast.isAuthContext(node)) return lines(head('authentication context', node.name, node.displayName), id(node.id));
        if (ast.isScenario(node)) {
            const result = this.results.resultOf(node);
            return lines(head('scenario', JSON.stringify(node.name)), result && scenarioResultLine(result, this.results.snapshot().label));
        }
        if (ast.isAssertion(node)) return lines(head('assertion', JSON.stringify(node.name)), node.claim?.$cstNode?.text);
        return undefined;
    }

    protected override getKeywordHoverContent(node: AstNode): MaybePromise<Hover | undefined> {
        const doc = GrammarAST.isKeyword(node) ? KEYWORD_DOCS[node.value] : undefined;
        return doc ? { contents: { kind: 'markdown', value: `${code((node as GrammarAST.Keyword).value)} — ${doc}` } } : super.getKeywordHoverContent(node);
    }
}
