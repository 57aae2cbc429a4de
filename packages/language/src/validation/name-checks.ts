import { AstUtils, type AstNodeDescription, type AstNodeLocator, type IndexManager, type ValidationAcceptor } from 'langium';
import type { LangiumServices } from 'langium/lsp';
import * as ast from '../generated/ast.js';
import { IssueCodes } from './issue-codes.js';

/** Users and groups share one namespace (principals); every other declaration kind has its own (LANGUAGE.md §2). */
export function namespaceOf(type: string): string {
    return type === ast.User.$type || type === ast.Group.$type ? 'principal' : type;
}

function key(type: string, name: string): string {
    return `${namespaceOf(type)}\u0000${name}`;
}

/** Workspace-wide name checks: duplicates across files and references that more than one declaration could satisfy. */
export class NameChecks {
    private readonly index: IndexManager;
    private readonly locator: AstNodeLocator;

    constructor(services: LangiumServices) {
        this.index = services.shared.workspace.IndexManager;
        this.locator = services.workspace.AstNodeLocator;
    }

    private declarations(): Map<string, AstNodeDescription[]> {
        const map = new Map<string, AstNodeDescription[]>();
        for (const d of this.index.allElements()) {
            const k = key(d.type, d.name);
            const list = map.get(k);
            if (list) list.push(d);
            else map.set(k, [d]);
        }
        return map;
    }

    checkDocument(node: ast.Document, accept: ValidationAcceptor): void {
        const decls = this.declarations();
        const doc = AstUtils.getDocument(node);
        for (const el of node.elements) {
            if (ast.isTenant(el) || el.name === undefined) continue;
            const others = (decls.get(key(el.$type, el.name)) ?? []).filter((d) => !(d.documentUri.toString() === doc.uri.toString() && d.path === this.locator.getAstNodePath(el)));
            if (others.length > 0) {
                const where = others.map((d) => `${d.documentUri.path.split('/').pop()}${d.nameSegment ? `:${d.nameSegment.range.start.line + 1}` : ''}`).join(', ');
                accept('error', `Duplicate name '${el.name}': also declared in ${where}`, { node: el, property: 'name', code: IssueCodes.DuplicateName });
            }
        }
        for (const refInfo of AstUtils.streamAst(node).flatMap((n) => AstUtils.streamReferences(n))) {
            const ref = refInfo.reference;
            const target = 'ref' in ref ? ref.ref : undefined;
            if (!target || !('name' in target)) continue;
            const candidates = decls.get(key(target.$type, ref.$refText.replace(/^\^/, ''))) ?? [];
            if (candidates.length > 1) {
                accept('error', `Ambiguous reference '${ref.$refText}': ${candidates.length} declarations have this name`,
                    { node: refInfo.container, property: refInfo.property, index: refInfo.index, code: IssueCodes.AmbiguousReference });
            }
        }
    }

}
