import type { DirectoryApp } from '../model.js';
import { WELL_KNOWN_APPS } from '../well-known/apps.js';

/**
 * Suite id (lower) → member app ids (lower). Entra's suites (Office365, MicrosoftAdminPortals) are always known, so
 * Graph JSON inputs (no directory) expand them too; a directory may add its own suites.
 */
export function suiteMembers(directoryApps: readonly DirectoryApp[]): Map<string, string[]> {
    const idByName = new Map(WELL_KNOWN_APPS.map((a) => [a.name, a.id]));
    const suites = new Map<string, string[]>();
    for (const app of WELL_KNOWN_APPS) {
        if (app.members) suites.set(app.id.toLowerCase(), app.members.map((m) => (idByName.get(m) ?? m).toLowerCase()));
    }
    for (const app of directoryApps) {
        if (app.members && app.members.length > 0) suites.set(app.id.toLowerCase(), app.members.map((m) => m.toLowerCase()));
    }
    return suites;
}
