// Graph policies refer to directory objects by id; a .latch workspace declares each once, by name, and refers to
// it by name. This gives every referenced id a name: the built-in library's for well-known roles, apps and
// strengths, a readable one from the `--directory` map, the placeholder's own text for templates (`<RING>`), else a
// stable generated one. Non-built-in objects become declarations.

import { findAppById, findRoleById, findStrengthById, isGuid, type NamedLocation } from '@latch/engine';
import { nameText, toIdentifier } from './latch-names.js';
import type { NameTable, Namespace } from './name-table.js';

export type DeclarationKind = 'user' | 'group' | 'role' | 'app' | 'authContext' | 'strength' | 'terms' | 'location';

export interface Declaration {
    kind: DeclarationKind;
    name: string;
    id: string;
    displayName?: string;
}

const NAMESPACE: Record<DeclarationKind, Namespace> = {
    user: 'principal', group: 'principal', role: 'role', app: 'app', authContext: 'authContext', strength: 'strength',
    terms: 'terms', location: 'location',
};

const PREFIX: Record<DeclarationKind, string> = {
    user: 'User', group: 'Group', role: 'Role', app: 'App', authContext: 'AuthContext', strength: 'Strength',
    terms: 'Terms', location: 'Location',
};

export class ReferenceNamer {
    private readonly byKey = new Map<string, Declaration>();

    /**
     * @param directory display names by lower-case id (from `--directory`), used for names and display strings.
     * @param locations the named locations being imported: their names come from their own display names.
     */
    constructor(
        private readonly names: NameTable,
        private readonly directory: ReadonlyMap<string, string>,
        locations: readonly NamedLocation[],
    ) {
        for (const l of locations) this.declare('location', l.id, l.displayName);
    }

    /** Declarations of the objects referenced so far (locations included), in first-reference order. */
    declarations(): Declaration[] {
        return [...this.byKey.values()];
    }

    user(id: string): string { return this.ref('user', id); }
    group(id: string): string { return this.ref('group', id); }
    authContext(id: string): string { return this.ref('authContext', id); }
    terms(id: string): string { return this.ref('terms', id); }
    location(id: string): string { return this.ref('location', id); }

    role(id: string): string {
        return this.builtInRef('role', id, findRoleById(id)?.name);
    }

    app(id: string): string {
        return this.builtInRef('app', id, findAppById(id)?.name);
    }

    strength(id: string): string {
        return this.builtInRef('strength', id, findStrengthById(id)?.name);
    }

    private builtInRef(kind: DeclarationKind, id: string, builtInName: string | undefined): string {
        return builtInName !== undefined ? nameText(builtInName) : this.ref(kind, id);
    }

    private ref(kind: DeclarationKind, id: string): string {
        const existing = this.byKey.get(key(kind, id));
        return nameText((existing ?? this.declare(kind, id, undefined)).name);
    }

    private declare(kind: DeclarationKind, id: string, ownDisplayName: string | undefined): Declaration {
        const displayName = ownDisplayName ?? this.directory.get(id.toLowerCase());
        const name = this.names.allocate(NAMESPACE[kind], preferredName(kind, id, displayName));
        const decl: Declaration = { kind, name, id, ...(displayName !== undefined ? { displayName } : {}) };
        this.byKey.set(key(kind, id), decl);
        return decl;
    }
}

function key(kind: DeclarationKind, id: string): string {
    // Users and groups are distinct objects even though they share a Latch namespace.
    return `${kind}\u0000${id.toLowerCase()}`;
}

function preferredName(kind: DeclarationKind, id: string, displayName: string | undefined): string {
    const prefix = PREFIX[kind];
    if (displayName !== undefined) return toIdentifier(displayName, prefix);
    const placeholder = /^<(.+)>$/.exec(id.trim());
    if (placeholder) return toIdentifier(placeholder[1]!, prefix);
    if (isGuid(id)) return `${prefix}_${id.slice(0, 8).toLowerCase()}`;
    return toIdentifier(id, prefix);
}
