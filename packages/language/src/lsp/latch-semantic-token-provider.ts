import { type AstNode, CstUtils, GrammarAST, GrammarUtils, isLeafCstNode, type Reference } from 'langium';
import { AbstractSemanticTokenProvider, type SemanticTokenAcceptor } from 'langium/lsp';
import { SemanticTokenModifiers, SemanticTokenTypes } from 'vscode-languageserver';
import * as ast from '../generated/ast.js';

/**
 * Token types by kind of name (standard LSP types so every theme colours them; docs/editor.md has the table):
 * policy → class, user → variable, group → namespace, role → enum, app → interface, location → struct,
 * strength / terms → type, authContext → typeParameter, scenario / assertion names → string (+declaration);
 * keywords → keyword, grant controls → enumMember, device-filter operators → operator, device properties →
 * property, strings → string, durations / IPs / times / numbers → number. Declarations carry `declaration`.
 */
const NAME_TYPE: Record<string, string> = {
    [ast.Policy.$type]: SemanticTokenTypes.class,
    [ast.User.$type]: SemanticTokenTypes.variable,
    [ast.Group.$type]: SemanticTokenTypes.namespace,
    [ast.Role.$type]: SemanticTokenTypes.enum,
    [ast.App.$type]: SemanticTokenTypes.interface,
    [ast.Location.$type]: SemanticTokenTypes.struct,
    [ast.Strength.$type]: SemanticTokenTypes.type,
    [ast.Terms.$type]: SemanticTokenTypes.type,
    [ast.AuthContext.$type]: SemanticTokenTypes.typeParameter,
};

const NUMERIC_TERMINALS = new Set(['DURATION', 'IPV4', 'IPV6', 'TIMESTAMP', 'TIME_RANGE', 'NUMBER']);
const STRING_TERMINALS = new Set(['STRING', 'SQ_STRING']);

export class LatchSemanticTokenProvider extends AbstractSemanticTokenProvider {
    protected highlightElement(node: AstNode, acceptor: SemanticTokenAcceptor): void | 'prune' {
        const declared = NAME_TYPE[node.$type];
        if (declared && 'name' in node) {
            acceptor({ node, property: 'name', type: declared, modifier: SemanticTokenModifiers.declaration });
        }
        if (ast.isJsonObject(node) && ast.isExtraClause(node.$container)) return 'prune';
        if (ast.isBuiltinControl(node)) acceptor({ node, property: 'control', type: node.control === 'block' ? SemanticTokenTypes.keyword : SemanticTokenTypes.enumMember });
        if (ast.isDeviceComparison(node)) {
            acceptor({ node, property: 'property', type: SemanticTokenTypes.property });
            acceptor({ node, property: 'operator', type: SemanticTokenTypes.operator });
        }
        if (ast.isDeviceSequence(node) && node.connectives.length > 0) {
            for (let i = 0; i < node.connectives.length; i++) acceptor({ node, property: 'connectives', index: i, type: SemanticTokenTypes.operator });
        }
        if (ast.isDeviceNot(node)) acceptor({ node, property: 'negation', type: SemanticTokenTypes.operator });
        if (ast.isDeviceProperty(node)) acceptor({ node, property: 'name', type: SemanticTokenTypes.property });
        this.highlightLeaves(node, acceptor);
    }

    /** Keywords, literals and references directly owned by this node (its own CST leaves, not its children's). */
    protected highlightLeaves(node: AstNode, acceptor: SemanticTokenAcceptor): void {
        if (!node.$cstNode) return;
        for (const leaf of CstUtils.streamCst(node.$cstNode)) {
            if (leaf.astNode !== node || leaf.hidden || !isLeafCstNode(leaf)) continue;
            const source = leaf.grammarSource;
            if (GrammarAST.isKeyword(source)) {
                if (!ast.isBuiltinControl(node) && /^[A-Za-z]/.test(source.value) && !this.isNameLeaf(node, leaf.offset)) acceptor({ cst: leaf, type: SemanticTokenTypes.keyword });
                continue;
            }
            const rule = GrammarAST.isRuleCall(source) ? source.rule.ref : undefined;
            if (rule && GrammarAST.isTerminalRule(rule)) {
                if (NUMERIC_TERMINALS.has(rule.name)) acceptor({ cst: leaf, type: SemanticTokenTypes.number });
                else if (STRING_TERMINALS.has(rule.name)) acceptor({ cst: leaf, type: SemanticTokenTypes.string });
            }
        }
        for (const ref of referencesOf(node)) {
            const target = ref.ref;
            const type = target && NAME_TYPE[target.$type];
            if (type && ref.$refNode) acceptor({ cst: ref.$refNode, type });
        }
    }

    /** A keyword used as a declared name (`user state`) is a name, not a keyword. */
    protected isNameLeaf(node: AstNode, offset: number): boolean {
        const nameNode = 'name' in node ? GrammarUtils.findNodesForProperty(node.$cstNode, 'name') : undefined;
        return !!nameNode?.some((n) => n.offset <= offset && offset < n.end);
    }
}

function referencesOf(node: AstNode): Reference[] {
    const refs: Reference[] = [];
    for (const value of Object.values(node)) {
        const items = Array.isArray(value) ? value : [value];
        for (const item of items) {
            if (item && typeof item === 'object' && '$refText' in item) refs.push(item as Reference);
        }
    }
    return refs;
}
