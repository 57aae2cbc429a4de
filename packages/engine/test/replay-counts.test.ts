// Replay end to end on synthetic logs: per-policy counts, outcomes and Entra agreement must equal what evaluate()
// says record by record (computed here from the generator's SignIn, not through the log mapping under test), in
// every log layout and chunking; and the signIn → SignIn mapping choices.
import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { evaluate } from '../src/evaluate/index.js';
import { loadGraphFiles } from '../src/graph/index.js';
import type { PolicySet } from '../src/model.js';
import { type GeneratedSignIn, type LogLayout, logText, SignInLogGenerator } from '../src/replay/generate-signin-log.js';
import { clientOf, mapSignInRecord, platformOf, readReplayDirectory } from '../src/replay/map-signin-record.js';
import { LogReplay, replayLog } from '../src/replay/replay-log.js';

const corpus = fileURLToPath(new URL('../../../../shared/corpus/j0eyv-ConditionalAccessBaseline/Config/ConditionalAccess/', import.meta.url));
const j0eyv: PolicySet = loadGraphFiles(readdirSync(corpus).filter((f) => f.endsWith('.json')).map((f) => corpus + f)).set;

interface Expected {
    outcomes: Record<string, number>;
    shadow: Record<string, number>;
    perPolicy: Map<string, { applied: number; blocked: number; challenged: number; satisfied: number; notApplied: number; disagreements: number }>;
    compared: number;
}

/** Brute force: evaluate() on each generator SignIn; Entra disagreements are the results the generator changed. */
function expected(set: PolicySet, samples: GeneratedSignIn[]): Expected {
    const e: Expected = { outcomes: { allow: 0, block: 0, requires: 0 }, shadow: { allow: 0, block: 0, requires: 0 }, perPolicy: new Map(), compared: 0 };
    for (const p of set.policies) e.perPolicy.set(p.id, { applied: 0, blocked: 0, challenged: 0, satisfied: 0, notApplied: 0, disagreements: 0 });
    for (const s of samples) {
        const r = evaluate(set, s.signIn);
        e.outcomes[r.outcome]!++;
        e.shadow[r.shadow.outcome]!++;
        for (const p of r.policies) {
            const t = e.perPolicy.get(p.id)!;
            const base = p.result.replace(/^reportOnly/, '').toLowerCase();
            if (base === 'success') { t.applied++; t.satisfied++; }
            if (base === 'failure') { t.applied++; t.blocked++; }
            if (base === 'interrupted') { t.applied++; t.challenged++; }
            if (base === 'notapplied') t.notApplied++;
            if (s.changed[p.id] !== undefined) t.disagreements++;
            e.compared++;
        }
    }
    return e;
}

function samplesFor(set: PolicySet, n: number, seed: number, entraNoise = 0): { gen: SignInLogGenerator; samples: GeneratedSignIn[] } {
    const gen = new SignInLogGenerator(set, { seed, entraNoise });
    return { gen, samples: Array.from({ length: n }, () => gen.next()) };
}

describe('replay counts equal brute-force evaluate()', () => {
    const { gen, samples } = samplesFor(j0eyv, 1500, 42, 0.002);
    const want = expected(j0eyv, samples);
    const directory = readReplayDirectory(gen.directoryJson());

    it.each<[LogLayout, number]>([['array', 65536], ['pages', 4096], ['lines', 1000], ['lines', 37]])('%s layout, %i-character chunks', (layout, chunk) => {
        const replay = new LogReplay(j0eyv, { directory, maxDisagreements: 100_000 });
        let buffer = '';
        for (const piece of logText(samples.map((s) => s.record), layout, 200)) {
            buffer += piece;
            while (buffer.length >= chunk) { replay.push(buffer.slice(0, chunk)); buffer = buffer.slice(chunk); }
        }
        replay.push(buffer);
        const r = replay.finish();
        expect(r.problems).toBe(0);
        expect(r.records).toBe(samples.length);
        expect(r.evaluated).toBe(samples.length);
        expect(r.outcomes).toEqual(want.outcomes);
        expect(r.shadowOutcomes).toEqual(want.shadow);
        for (const p of r.policies) {
            const t = want.perPolicy.get(p.id)!;
            expect({ id: p.id, applied: p.applied, blocked: p.blocked, challenged: p.challenged, satisfied: p.satisfied, notApplied: p.notApplied, disagreements: p.entra.compared - p.entra.agreed })
                .toEqual({ id: p.id, ...t });
            expect(p.notEnabled).toBe(0);
        }
        expect(r.entra.compared).toBe(want.compared);
        const changed = samples.reduce((n, s) => n + Object.keys(s.changed).length, 0);
        expect(changed).toBeGreaterThan(0);
        expect(r.entra.compared - r.entra.agreed).toBe(changed);
        expect(r.disagreements).toHaveLength(changed);
        for (const d of r.disagreements) expect(samples[d.index]!.changed[d.policyId]).toBe(d.entra);
    });

    it('report-only policies: "if enforced" counts equal the per-record difference evaluate() shows', () => {
        const r = replayLog(j0eyv, [...logText(samples.map((s) => s.record), 'lines')].join(''), { directory });
        for (const p of r.policies.filter((x) => x.state === 'enabledForReportingButNotEnforced')) {
            let wouldBlock = 0, wouldChallenge = 0;
            for (const s of samples) {
                const only = { ...j0eyv, policies: j0eyv.policies.map((q) => (q.id === p.id ? { ...q, state: 'enabled' as const } : q)) };
                const before = evaluate(j0eyv, s.signIn).outcome;
                const after = evaluate(only, s.signIn).outcome;
                if (after === 'block' && before !== 'block') wouldBlock++;
                if (after === 'requires' && before === 'allow') wouldChallenge++;
            }
            expect({ id: p.id, ...p.enforcing }).toEqual({ id: p.id, wouldBlock, wouldChallenge });
        }
    });

    it('lenient mode counts equal evaluate() in lenient mode', () => {
        const r = replayLog(j0eyv, [...logText(samples.map((s) => s.record), 'lines')].join(''), { directory, mode: 'lenient' });
        const outcomes = { allow: 0, block: 0, requires: 0 };
        for (const s of samples) outcomes[evaluate(j0eyv, s.signIn, { mode: 'lenient' }).outcome]++;
        expect(r.outcomes).toEqual(outcomes);
    });
});

describe('bad records are reported with their position and skipped', () => {
    const { gen, samples } = samplesFor(j0eyv, 50, 7);
    const directory = readReplayDirectory(gen.directoryJson());

    it('a syntax error, a wrong type and a non-object: three skipped, the rest counted', () => {
        const lines = samples.map((s) => JSON.stringify(s.record));
        lines[3] = lines[3]!.replace('"ipAddress":', '"ipAddress" ');
        lines[10] = JSON.stringify({ ...samples[10]!.record, deviceDetail: 'laptop' });
        lines[20] = '42';
        const r = replayLog(j0eyv, lines.join('\n') + '\n', { directory });
        expect(r.records).toBe(50);
        expect(r.evaluated).toBe(47);
        expect(r.skipped).toBe(3);
        expect(r.errors.map((e) => [e.index, e.line])).toEqual([[3, 4], [10, 11], [20, 21]]);
        expect(r.errors[0]!.message).toMatch(/^record 3: Expected ':'/);
        expect(r.errors[0]!.column).toBe(lines[3]!.indexOf('"ipAddress"') + 13);
        expect(r.errors[1]!.message).toBe('record 10: deviceDetail: expected an object');
        expect(r.errors[1]!.column).toBe(lines[10]!.indexOf('"laptop"') + 1);
        expect(r.errors[2]!.message).toBe('record 20: expected a sign-in object');
    });
});

describe('signIn → SignIn mapping', () => {
    it('operating systems → platforms', () => {
        expect(['Windows10', 'Windows 11', 'Windows Phone 8.1', 'iOS 17.2', 'Ios', 'iPadOS', 'Android', 'MacOs', 'macOS 14', 'Linux', '', 'ChromeOS'].map(platformOf))
            .toEqual(['windows', 'windows', 'windowsPhone', 'iOS', 'iOS', 'iOS', 'android', 'macOS', 'macOS', 'linux', 'unknown', 'unknown']);
    });

    it('clientAppUsed → client app types (legacy protocols are other)', () => {
        expect(['Browser', 'Mobile Apps and Desktop clients', 'Exchange ActiveSync', 'IMAP4', 'POP3', 'Authenticated SMTP', 'Other clients', 'MAPI Over HTTP'].map(clientOf))
            .toEqual(['browser', 'mobileAppsAndDesktopClients', 'exchangeActiveSync', 'other', 'other', 'other', 'other', 'other']);
    });

    it('a full record', () => {
        const dir = readReplayDirectory({ U1: { groups: ['g1'], roles: ['r1'], guestType: 'internalGuest' } });
        const m = mapSignInRecord({
            id: 'si1', userId: 'u1', appId: 'client', resourceId: 'res', ipAddress: '203.0.113.9', location: { countryOrRegion: 'nl' },
            deviceDetail: { deviceId: 'd1', operatingSystem: 'Windows10', trustType: 'Hybrid Azure AD joined', isCompliant: true, displayName: 'PC1' },
            clientAppUsed: 'Browser', riskLevelDuringSignIn: 'medium', riskLevelAggregated: 'unknownFutureValue', authenticationProtocol: 'deviceCode',
            createdDateTime: '2026-11-02T10:00:00Z', authenticationRequirement: 'multiFactorAuthentication', status: { errorCode: 0 },
            appliedConditionalAccessPolicies: [{ id: 'p1', result: 'success' }],
        }, dir);
        expect(m).toEqual({
            id: 'si1', entra: [{ id: 'p1', result: 'success' }],
            signIn: {
                userId: 'u1', memberOf: ['g1'], roles: ['r1'], guestType: 'internalGuest', target: { kind: 'application', appId: 'res' },
                ipAddress: '203.0.113.9', country: 'NL', devicePlatform: 'windows',
                device: { registered: true, properties: { isCompliant: true, deviceId: 'd1', trustType: 'ServerAD', displayName: 'PC1', operatingSystem: 'Windows' } },
                clientAppType: 'browser', signInRisk: 'medium', authenticationFlow: 'deviceCodeFlow', time: '2026-11-02T10:00:00Z', satisfied: ['mfa'],
            },
        });
    });

    it('missing and empty values: unknown country, unknown platform, unregistered device, no MFA on a failed sign-in', () => {
        const m = mapSignInRecord({ userId: 'u', appId: 'a', location: { countryOrRegion: '' }, deviceDetail: { deviceId: '', trustType: '', isCompliant: false },
            authenticationRequirement: 'multiFactorAuthentication', status: { errorCode: 50074 } }, undefined, { target: 'client' });
        expect(m.signIn).toEqual({ userId: 'u', memberOf: [], roles: [], target: { kind: 'application', appId: 'a' }, country: 'unknown', devicePlatform: 'unknown' });
        expect(m.entra).toBeUndefined();
    });
});
