// Allocates unique Latch names per namespace (LANGUAGE.md §2: users and groups share one; each other kind has its
// own), never shadowing a name of the built-in library.

import { BUILT_IN_ROLES, BUILT_IN_STRENGTHS, WELL_KNOWN_APPS } from '@latch/engine';

export type Namespace = 'principal' | 'role' | 'app' | 'authContext' | 'location' | 'strength' | 'terms' | 'policy';

export class NameTable {
    private readonly used = new Map<Namespace, Set<string>>();

    constructor() {
        for (const r of BUILT_IN_ROLES) this.set('role').add(r.name);
        for (const a of WELL_KNOWN_APPS) this.set('app').add(a.name);
        for (const s of BUILT_IN_STRENGTHS) this.set('strength').add(s.name);
    }

    private set(ns: Namespace): Set<string> {
        let s = this.used.get(ns);
        if (!s) this.used.set(ns, (s = new Set()));
        return s;
    }

    /** `preferred`, or `preferred-2`, `preferred-3`, … when taken. */
    allocate(ns: Namespace, preferred: string): string {
        const taken = this.set(ns);
        let name = preferred;
        for (let n = 2; taken.has(name); n++) name = `${preferred}-${n}`;
        taken.add(name);
        return name;
    }
}
