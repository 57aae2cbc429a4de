// The replay compiles each sign-in with a CompileCache (compile-signin.ts): known users' identities and countries'
// location vectors reused from earlier sign-ins of the same set. Compiled with or without it, a sign-in compiles the
// same, on random policy sets (IP ranges and country locations, groups, roles, guests) and sign-ins that share a user
// but not its groups, roles, guest type or home tenant, or share a country but not the IP address.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compilePolicySet } from '../src/evaluate/compile-set.js';
import { CompileCache, compileSignIn } from '../src/evaluate/compile-signin.js';
import type { SignIn } from '../src/model.js';
import { SignInLogGenerator } from '../src/replay/generate-signin-log.js';
import { mapSignInRecord, readReplayDirectory } from '../src/replay/map-signin-record.js';
import { arbPolicySet, GROUP_IDS, IPS, ROLE_IDS, TENANT_OTHER, USER_IDS } from './reference/arbitraries.js';

type Change = 'none' | 'group' | 'noGroups' | 'role' | 'guest' | 'tenant' | 'ip' | 'noIp' | 'country' | 'noCountry' | 'user' | 'upperUser' | 'noUser';
const CHANGES: Change[] = ['none', 'group', 'noGroups', 'role', 'guest', 'tenant', 'ip', 'noIp', 'country', 'noCountry', 'user', 'upperUser', 'noUser'];

function changed(s: SignIn, c: Change, k: number): SignIn {
    const t: SignIn = { ...s };
    switch (c) {
        case 'none': break;
        case 'group': t.memberOf = [...(s.memberOf ?? []), GROUP_IDS[k % GROUP_IDS.length]!]; break;
        case 'noGroups': t.memberOf = []; break;
        case 'role': t.roles = [ROLE_IDS[k % ROLE_IDS.length]!]; break;
        case 'guest': t.guestType = k % 2 ? 'b2bCollaborationGuest' : 'internalGuest'; break;
        case 'tenant': t.homeTenantId = TENANT_OTHER; break;
        case 'ip': t.ipAddress = IPS[k % IPS.length]; break;
        case 'noIp': delete t.ipAddress; break;
        case 'country': t.country = ['NL', 'US', 'unknown', 'nl', 'CN'][k % 5]; break;
        case 'noCountry': delete t.country; break;
        case 'user': t.userId = USER_IDS[k % USER_IDS.length]; break;
        case 'upperUser': t.userId = s.userId?.toUpperCase(); break;
        case 'noUser': delete t.userId; break;
    }
    return t;
}

describe('CompileCache', () => {
    it('random sets, sign-ins sharing users and countries: compiled the same with the cache as without', () => {
        fc.assert(fc.property(arbPolicySet(), fc.integer({ min: 1, max: 1000 }), fc.array(fc.tuple(fc.nat(), fc.constantFrom(...CHANGES), fc.nat()), { minLength: 1, maxLength: 40 }),
            (set, seed, steps) => {
                const gen = new SignInLogGenerator(set, { seed });
                const records = Array.from({ length: 6 }, () => gen.next().record);
                const directory = readReplayDirectory(gen.directoryJson());
                const signIns = records.flatMap((r) => {
                    try {
                        return [mapSignInRecord(r, directory).signIn];
                    } catch {
                        return [];
                    }
                });
                if (signIns.length === 0) return;
                const cs = compilePolicySet(set);
                const cache = new CompileCache();
                for (const [which, change, k] of steps) {
                    const s = changed(signIns[which % signIns.length]!, change, k);
                    expect(compileSignIn(cs, s, cache)).toEqual(compileSignIn(cs, s));
                }
            }), { numRuns: 150 });
    });
});
