import { AstUtils, type AstNodeDescription, type AstNodeLocator, type IndexManager, type ValidationAcceptor, WorkspaceCache } from 'langium';
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

/**
 * Workspace-wide name checks: duplicates across files and references that more than one declaration could satisfy.
 * Only names declared twice matter, so they are collected once per workspace state and each document's check is
 * then a few map look-ups (typing in a large file must stay cheap).
 */
export class NameChecks {
    private readonly index: IndexManager;
    private readonly locator: AstNodeLocator;
    private readonly cache: WorkspaceCache<string, Map<string, AstNodeDescription[]>>;

    constructor(services: LangiumServices) {
        this.index = services.shared.workspace.IndexManager;
        this.locator = services.workspace.AstNodeLocator;
        this.cache = new WorkspaceCache(services.shared);
    }

    /** Names (by namespace) declared more than once in the workspace, with their declarations. */
    private duplicated(): Map<string, AstNodeDescription[]> {
        return this.cache.get('duplicated', () => {
            const map = new Map<string, AstNodeDescription[]>();
            for (const d of this.index.allElements()) {
                const k = key(d.type, d.name);
                const list = map.get(k);
                if (list) list.push(d);
                else map.set(k, [d]);
            }
            for (const [k, list] of map) if (list.length < 2) map.delete(k);
            return map;
        });
    }

    checkDocument(node: ast.Document, accept: ValidationAcceptor): void {
        const dups = this.duplicated();
        if (dups.size === 0) return;
        const doc = AstUtils.getDocument(node);
        for (const el of node.elements) {
            if (ast.isTenant(el) || el.name === undefined) continue;
            const same = dups.get(key(el.$type, el.name));
            if (!same) continue;
            const others = same.filter((d) => !(d.documentUri.toString() === doc.uri.toString() && d.path === this.locator.getAstNodePath(el)));
            if (others.length > 0) {
                const where = others.map((d) => `${d.documentUri.path.split('/').pop()}${d.nameSegment ? `:${d.nameSegment.range.start.line + 1}` : ''}`).join(', ');
                accept('error', `Duplicate name '${el.name}': also declared in ${where}`, { node: el, property: 'name', code: IssueCodes.DuplicateName });
            }
        }
        // The linker already collected every reference of the document.
        for (const ref of doc.references) {
            const target = 'ref' in ref ? ref.ref : undefined;
            const refNode = ref.$refNode;
            if (!target || !('name' in target) || !refNode) continue;
            const candidates = dups.get(key(target.$type, ref.$refText.replace(/^\^/, '')));
            if (candidates) {
                accept('error', `Ambiguous reference '${ref.$refText}': ${candidates.length} declarations have this name`,
                    { node: refNode.astNode, range: refNode.range, code: IssueCodes.AmbiguousReference });
            }
        }
    }
}
