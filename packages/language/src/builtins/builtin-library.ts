import { BUILT_IN_ROLES, BUILT_IN_STRENGTHS, WELL_KNOWN_APPS } from '@latch/engine';

/** URI of the built-in library document; its scheme keeps it apart from workspace files. */
export const BUILTIN_LIBRARY_URI = 'latch-builtin:///library.latch';

const quote = (s: string) => JSON.stringify(s);

/**
 * The built-in library (roles, well-known apps and suites, authentication strengths), written in Latch itself
 * from the engine's tables so that Graph JSON and .latch inputs share one source of truth.
 */
export function builtinLibraryText(): string {
    const lines: string[] = ['// Latch built-in library: Entra built-in roles, well-known apps and suites, authentication strengths.', ''];
    for (const r of BUILT_IN_ROLES) lines.push(`role ${r.name} ${quote(r.displayName)} { id ${quote(r.id)} }`);
    lines.push('');
    for (const a of WELL_KNOWN_APPS) {
        const members = a.members && a.members.length > 0 ? `  members ${a.members.join(', ')}` : '';
        lines.push(`app ${a.name} ${quote(a.displayName)} { id ${quote(a.id)}${members}${a.caeCapable ? '  caeCapable' : ''} }`);
    }
    lines.push('');
    for (const s of BUILT_IN_STRENGTHS) {
        const methods = s.combinations.map((c) => c.join(' + ')).join(', ');
        lines.push(`strength ${s.name} ${quote(s.displayName)} { id ${quote(s.id)}  methods ${methods} }`);
    }
    return lines.join('\n') + '\n';
}

export function isBuiltinUri(uri: string): boolean {
    return uri.startsWith('latch-builtin:');
}
