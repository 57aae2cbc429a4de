// The editor's lowering hands back the last state's policy models where neither the policy's text nor any
// declaration changed — and is otherwise exactly lowerPolicySet (a fresh lowering of the same documents).

import { AstUtils, URI, type LangiumDocument } from 'langium';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { elementsOf, lowerPolicySet, PolicySetLowering } from '../src/lowering/policy-set-lowering.js';
import { clearWorkspace, ensureBuiltins, shared } from './helpers.js';

let lib: LangiumDocument;
beforeAll(async () => {
    lib = await ensureBuiltins();
});
afterEach(async () => {
    await clearWorkspace();
});

/** The documents of one workspace state, at fixed URIs (as the editor's documents keep theirs). */
async function state(files: Record<string, string>): Promise<LangiumDocument[]> {
    await clearWorkspace();
    const docs = Object.entries(files).map(([name, text]) => {
        const doc = shared.workspace.LangiumDocumentFactory.fromString(text, URI.parse(`file:///lowering/${name}`));
        shared.workspace.LangiumDocuments.addDocument(doc);
        return doc;
    });
    await shared.workspace.DocumentBuilder.build(docs, { validation: false });
    return [lib, ...docs];
}

const directory = `user alice { upn "alice@contoso.com" }
group Finance { id "11111111-1111-4111-8111-111111111111"  members alice }
app Payroll { id "2f6c1a55-0e4d-4d2a-9a53-2b5a3bb1c0de" }
`;
const p1 = `policy P1 {
  state on
  users include Finance
  apps include Payroll
  grant mfa
}
`;
const p2 = `policy P2 {
  state on
  users include all  exclude Finance
  apps include all
  block
}
`;

describe('PolicySetLowering', () => {
    it('reuses the model of a policy whose text is unchanged, re-lowers the edited one, and equals a fresh lowering', async () => {
        const lowering = new PolicySetLowering();
        const first = lowering.lower(await state({ 'd.latch': directory, 'p.latch': p1 + p2 }));
        const docs = await state({ 'd.latch': directory, 'p.latch': p1 + p2.replace('state on', 'state reportOnly') });
        const second = lowering.lower(docs);
        expect(second.set.policies[0]).toBe(first.set.policies[0]);
        expect(second.set.directory).toBe(first.set.directory);
        expect(second.set.policies[1]).not.toBe(first.set.policies[1]);
        expect(second.set.policies[1].state).toBe('enabledForReportingButNotEnforced');
        expect(second.set).toEqual(lowerPolicySet(elementsOf(docs)).set);
        // The nodes are the current state's, for diagnostics.
        expect(AstUtils.getDocument(second.policyNodes[0])).toBe(docs[2]);
    });

    it('lowers everything again when a declaration changes (a group id the unchanged policies reference)', async () => {
        const lowering = new PolicySetLowering();
        const first = lowering.lower(await state({ 'd.latch': directory, 'p.latch': p1 + p2 }));
        const docs = await state({ 'd.latch': directory.replace('11111111-1111-4111-8111-111111111111', '22222222-2222-4222-8222-222222222222'), 'p.latch': p1 + p2 });
        const second = lowering.lower(docs);
        expect(second.set.policies[0]).not.toBe(first.set.policies[0]);
        expect(second.set.policies[0].users?.include.groups).toEqual(['22222222-2222-4222-8222-222222222222']);
        expect(second.set).toEqual(lowerPolicySet(elementsOf(docs)).set);
    });

    it('equals a fresh lowering through a run of edits: declarations added to a policy file and removed, references renamed, duplicates', async () => {
        const lowering = new PolicySetLowering();
        const runs: Array<Record<string, string>> = [
            { 'd.latch': directory, 'p.latch': p1 + p2 },
            // Bob does not resolve yet (its text is kept), then is declared in the policy file itself.
            { 'd.latch': directory, 'p.latch': p1.replace('Finance', 'Bob') + p2 },
            { 'd.latch': directory, 'p.latch': `user Bob { id "b0b" }\n${p1.replace('Finance', 'Bob')}${p2}` },
            { 'd.latch': directory, 'p.latch': p1.replace('Finance', 'Bob') + p2 },
            // Finance becomes a user: the same policy text now names a user, not a group.
            { 'd.latch': directory.replace(/group Finance \{[^}]*\}/, 'user Finance { id "f1" }'), 'p.latch': p1 + p2 },
            { 'd.latch': directory, 'p.latch': p1 + p1 + p2 },
            { 'd.latch': directory, 'p.latch': p2, 'q.latch': p1 },
        ];
        for (const files of runs) {
            const docs = await state(files);
            const lowered = lowering.lower(docs);
            expect(lowered.set).toEqual(lowerPolicySet(elementsOf(docs)).set);
            // Duplicates (the same text twice) get a model each.
            expect(new Set(lowered.set.policies).size).toBe(lowered.set.policies.length);
        }
    });
});
