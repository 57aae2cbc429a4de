// The response shape (what Graph's GET and evaluate return): reading a real tenant's GET export and writing it back
// in that shape gives the same document, property for property (annotations, timestamps and properties Graph
// added after our shape aside).
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { decodeJsonBytes, loadGraphFiles } from '../src/graph/index.js';
import { policyResponseShape, policyToGraph } from '../src/export/index.js';

const DIR = '/work/shared/corpus/j0eyv-ConditionalAccessBaseline/Config/ConditionalAccess';
const files = readdirSync(DIR).filter((f) => f.endsWith('.json')).sort();

/** The export without what a GET adds that a model does not carry: annotations, timestamps, actions. */
function comparable(value: unknown): unknown {
    if (Array.isArray(value)) return value.map(comparable);
    if (typeof value !== 'object' || value === null) return value;
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) {
        if (k.includes('@odata') || k.startsWith('#') || k === 'createdDateTime' || k === 'modifiedDateTime') continue;
        out[k] = comparable(v);
    }
    return out;
}

describe('policyResponseShape', () => {
    it('has Graph’s keys in Graph’s order, unset ones null or []', () => {
        const shaped = policyResponseShape({ displayName: 'x', state: 'enabled', conditions: { users: { includeUsers: ['All'] }, applications: { includeApplications: ['All'] } }, grantControls: { operator: 'OR', builtInControls: ['mfa'] } });
        expect(Object.keys(shaped)).toEqual(['id', 'templateId', 'displayName', 'createdDateTime', 'modifiedDateTime', 'state', 'deletedDateTime',
            'partialEnablementStrategy', 'sessionControls', 'conditions', 'grantControls']);
        const c = shaped.conditions as Record<string, any>;
        expect(c.platforms).toBeNull();
        expect(c.users).toEqual({ includeUsers: ['All'], excludeUsers: [], includeGroups: [], excludeGroups: [], includeRoles: [], excludeRoles: [], includeGuestsOrExternalUsers: null, excludeGuestsOrExternalUsers: null });
        expect(shaped.grantControls).toEqual({ operator: 'OR', builtInControls: ['mfa'], customAuthenticationFactors: [], termsOfUse: [], authenticationStrength: null });
    });

    it.each(files)('gives back the GET export of %s', (file) => {
        const original = JSON.parse(decodeJsonBytes(readFileSync(join(DIR, file)))) as Record<string, unknown>;
        const { set } = loadGraphFiles([join(DIR, file)]);
        const shaped = comparable(policyResponseShape(policyToGraph(set.policies[0]!, { keepIds: true, idDeclared: true }), set.directory.strengths)) as Record<string, any>;
        const want = comparable(original) as Record<string, any>;
        // Every property the tenant returned is there with the same value (ours may list more, e.g. newer nulls).
        for (const key of Object.keys(want)) {
            if (key === 'conditions' || key === 'grantControls' || key === 'sessionControls') continue;
            expect(shaped[key], key).toEqual(want[key]);
        }
        for (const part of ['conditions', 'grantControls', 'sessionControls'] as const) {
            if (want[part] === null) { expect(shaped[part], part).toBeNull(); continue; }
            for (const key of Object.keys(want[part])) expect(normalise(shaped[part][key]), `${part}.${key}`).toEqual(normalise(want[part][key]));
        }
    });
});

/** Flags strings and id lists compare as sets (Graph's order is not ours). */
function normalise(v: unknown): unknown {
    if (Array.isArray(v)) return [...v].map(normalise).sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));
    if (typeof v === 'string' && /^[a-zA-Z]+(,\s*[a-zA-Z]+)+$/.test(v)) return v.split(/,\s*/).sort().join(',');
    if (typeof v !== 'object' || v === null) return v;
    return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, normalise(x)]));
}
