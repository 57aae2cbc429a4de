// The byte reader reuses the strings it made from a field's bytes (pick-record.ts, cachedText: direct-mapped by length
// and three bytes). Values that share their length, first, middle and last bytes but differ elsewhere land in the
// same place: each record must still read exactly as JSON.parse reads it, from record to record.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { RECORD_READS } from '../src/replay/map-signin-record.js';
import { pickRecord, RecordPick } from '../src/replay/pick-record.js';
import { project } from './replay-projection.js';


// Same length, same first, middle and last characters; the others vary (é and 😀: multi-byte UTF-8).
const middle = fc.array(fc.constantFrom('a', 'b', 'x', 'é', '😀', '0'), { minLength: 0, maxLength: 3 });
const lookalike = fc.tuple(middle, middle).map(([l, r]) => `W${l.join('')}m${r.join('')}Z`);
const value = fc.oneof({ weight: 6, arbitrary: lookalike }, fc.constantFrom('', 'Windows 10', 'windows 10', 'Windows 11', 'x'.repeat(64), 'x'.repeat(65), 'y'.repeat(64)),
    fc.string({ maxLength: 70 }), fc.constant(null), fc.integer());
const record = fc.record({
    userId: value, appId: value, resourceId: value, clientAppUsed: value, userType: value, id: value, createdDateTime: value,
    deviceDetail: fc.record({ operatingSystem: value, trustType: value, displayName: value, deviceId: value }),
    location: fc.record({ countryOrRegion: value }),
    authenticationDetails: fc.array(fc.record({ succeeded: fc.boolean(), authenticationStepResultDetail: value }), { maxLength: 2 }),
}, { requiredKeys: [] });

describe('strings reused by their bytes', () => {
    it('records whose values look alike: each reads as JSON.parse reads it', () => {
        fc.assert(fc.property(fc.array(record, { minLength: 1, maxLength: 40 }), fc.boolean(), (records, unkeyed) => {
            const pick = new RecordPick(unkeyed ? ['id', 'createdDateTime', 'deviceDetail.deviceId'] : []);
            for (const r of records) {
                const text = JSON.stringify(r);
                const u = new TextEncoder().encode(text);
                expect(pickRecord(u, 0, u.length, pick)).toBe(true);
                expect(pick.record).toEqual(project(JSON.parse(text), RECORD_READS));
            }
        }), { numRuns: 400 });
    });
});
