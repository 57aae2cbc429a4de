import { type Directory, emptyDirectory, type GuestType, type NamedLocation } from '@latch/engine';
import { AstUtils } from 'langium';
import * as ast from '../generated/ast.js';
import { isBuiltinUri } from '../builtins/builtin-library.js';
import { idOf, refId } from './ids.js';
import { jsonValue } from './lower-policy.js';

/** Directory objects and named locations of all documents (built-in library included). */
export function lowerDirectory(elements: readonly ast.Element[]): { directory: Directory; namedLocations: NamedLocation[] } {
    const directory = emptyDirectory();
    const namedLocations: NamedLocation[] = [];
    for (const el of elements) {
        if (ast.isUser(el)) {
            directory.users.push({
                id: idOf(el), name: el.name, upn: el.upn, roles: el.roles.map(refId),
                guestType: el.guest as GuestType | undefined, tenantId: el.tenantId,
            });
        } else if (ast.isGroup(el)) {
            // A group declared with members is closed; without, it is open (LANGUAGE.md §4.1).
            directory.groups.push({
                id: idOf(el), name: el.name, displayName: el.displayName,
                members: el.members.length > 0 ? el.members.map(refId) : undefined, emergencyAccess: el.emergencyAccess,
            });
        } else if (ast.isRole(el)) {
            const builtIn = isBuiltinUri(AstUtils.getDocument(el).uri.toString());
            directory.roles.push({ id: idOf(el), name: el.name, builtIn });
        } else if (ast.isApp(el)) {
            directory.apps.push({
                id: idOf(el), name: el.name, displayName: el.displayName,
                members: el.members.length > 0 ? el.members.map(refId) : undefined, caeCapable: el.caeCapable || undefined,
            });
        } else if (ast.isStrength(el)) {
            directory.strengths.push({ id: idOf(el), name: el.name, displayName: el.displayName, combinations: el.combinations.map((c) => c.methods) });
        } else if (ast.isTerms(el)) {
            directory.terms.push({ id: idOf(el), name: el.name, displayName: el.displayName });
        } else if (ast.isAuthContext(el)) {
            directory.authContexts.push({ id: idOf(el), name: el.name, displayName: el.displayName });
        } else if (ast.isLocation(el)) {
            namedLocations.push(lowerLocation(el));
        }
    }
    return { directory, namedLocations };
}

function lowerLocation(el: ast.Location): NamedLocation {
    const base = { id: idOf(el), name: el.name, displayName: el.displayName, ...(el.extra ? { extra: jsonValue(el.extra) as Record<string, unknown> } : {}) };
    if (el.countries.length > 0) {
        return {
            ...base, kind: 'country', countries: [...el.countries], includeUnknownCountries: el.includeUnknown,
            countryLookupMethod: el.lookup === 'gps' ? 'authenticatorAppGps' : 'clientIpAddress',
        };
    }
    if (el.compliantNetwork) return { ...base, kind: 'compliantNetwork', trusted: el.trusted };
    return { ...base, kind: 'ip', ipRanges: [...el.ranges], trusted: el.trusted };
}
