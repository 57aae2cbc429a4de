import type { Control, Grant, SignIn } from '../model.js';
import { LEGACY_CLIENT_APP_TYPES } from '../model.js';

/** Controls the user can still perform in this sign-in; the others (device, app) drop out of an unmet clause. */
export function isInteractive(control: Control): boolean {
    const c = control.toLowerCase();
    return c === 'mfa' || c === 'passwordchange' || c.startsWith('authenticationstrength:') || c.startsWith('termsofuse:')
        || c.startsWith('customfactor:');
}

/** A policy's grant as CNF clauses: AND → one clause per control, OR → one clause; block/none → []. */
export function grantClauses(grant: Grant | undefined): Control[][] {
    if (!grant || grant.kind === 'block' || grant.controls.length === 0) return [];
    return grant.operator === 'OR' ? [[...grant.controls]] : grant.controls.map((c) => [c]);
}

const LEGACY = new Set(LEGACY_CLIENT_APP_TYPES.map((c) => c.toLowerCase()));

export function isLegacyClient(s: SignIn): boolean {
    return s.clientAppType !== undefined && LEGACY.has(s.clientAppType.toLowerCase());
}

function deviceIsCompliant(s: SignIn): boolean {
    const d = s.device;
    if (!d?.registered) return false;
    const v = d.properties.isCompliant;
    return v === true || (typeof v === 'string' && v.toLowerCase() === 'true');
}

function deviceIsHybridJoined(s: SignIn): boolean {
    const d = s.device;
    const v = d?.registered ? d.properties.trustType : undefined;
    return typeof v === 'string' && v.toLowerCase() === 'serverad';
}

/** The controls this sign-in already meets (lower-cased: ids compare case-insensitively): stated ones plus what its device proves. */
export function satisfiedControls(s: SignIn): Set<Control> {
    const out = new Set<Control>((s.satisfied ?? []).map((c) => c.toLowerCase()));
    if (deviceIsCompliant(s)) out.add('compliantdevice');
    if (deviceIsHybridJoined(s)) out.add('domainjoineddevice');
    return out;
}

export interface ClauseResolution {
    /** Interactive controls still required (minimal CNF, sorted). */
    requires: Control[][];
    /** Clauses nothing in this sign-in can meet. */
    unsatisfiable: Control[][];
    /** Satisfied controls that discharged a clause. */
    used: Control[];
}

/** Discharges clauses against a sign-in: satisfied controls, device state, legacy clients. */
export function resolveClauses(clauses: Control[][], s: SignIn, satisfied: Set<Control>): ClauseResolution {
    const remaining: Control[][] = [];
    const unsatisfiable: Control[][] = [];
    const used = new Set<Control>();
    if (clauses.length > 0 && isLegacyClient(s)) {
        // Legacy clients can perform no grant control at all (Entra): any clause blocks them.
        return { requires: [], unsatisfiable: minimalCnf(clauses), used: [] };
    }
    for (const clause of clauses) {
        const met = clause.find((c) => satisfied.has(c.toLowerCase()));
        if (met !== undefined) { used.add(met); continue; }
        const left = clause.filter(isInteractive);
        if (left.length === 0) unsatisfiable.push(clause);
        else remaining.push(left);
    }
    return { requires: minimalCnf(remaining), unsatisfiable: minimalCnf(unsatisfiable), used: [...used].sort() };
}

function compareClauses(a: Control[], b: Control[]): number {
    for (let i = 0; i < Math.min(a.length, b.length); i++) {
        if (a[i] !== b[i]) return a[i] < b[i] ? -1 : 1;
    }
    return a.length - b.length;
}

/** Sorted, deduplicated CNF in which no clause contains another (absorption). */
export function minimalCnf(clauses: Control[][]): Control[][] {
    const norm = clauses.map((c) => [...new Set(c)].sort());
    norm.sort((a, b) => a.length - b.length || compareClauses(a, b));
    const kept: Control[][] = [];
    for (const c of norm) {
        if (!kept.some((k) => k.every((x) => c.includes(x)))) kept.push(c);
    }
    return kept.sort(compareClauses);
}
