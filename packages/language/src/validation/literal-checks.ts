import { checkIpRange, isCountryCode, isValidTimeZone, localTimestampToInstant, parseDays, parseDuration, parseTimeRange } from '@latch/engine';
import type { ValidationAcceptor } from 'langium';
import type * as ast from '../generated/ast.js';
import { IssueCodes } from './issue-codes.js';

/** Literals: CIDRs and IPs, countries, time zones, timestamps, time ranges, days, durations. */
export class LiteralChecks {
    checkLocation(node: ast.Location, accept: ValidationAcceptor): void {
        node.ranges.forEach((range, index) => {
            const r = checkIpRange(range);
            if (!r.ok) {
                accept('error', r.message, { node, property: 'ranges', index, code: range.includes('/') ? IssueCodes.InvalidCidr : IssueCodes.InvalidIp });
            } else if (range.includes('/') && r.prefix <= 8) {
                accept('error', `Prefix length /${r.prefix} is too broad: Entra accepts IP ranges larger than /8 only (/9 or longer)`, { node, property: 'ranges', index, code: IssueCodes.InvalidCidr });
            }
        });
        node.countries.forEach((code, index) => {
            if (!isCountryCode(code)) {
                accept('error', `'${code}' is not an ISO 3166-1 alpha-2 country code`, { node, property: 'countries', index, code: IssueCodes.InvalidCountry });
            }
        });
        const kinds = [node.ranges.length > 0, node.countries.length > 0, node.compliantNetwork].filter(Boolean).length;
        if (kinds > 1) {
            accept('error', 'A named location is either IP ranges, countries or a compliant network, not several', { node, property: 'name', code: IssueCodes.LocationShape });
        } else if (kinds === 0) {
            accept('error', `Location '${node.name}' has neither 'ip' ranges nor 'countries'`, { node, property: 'name', code: IssueCodes.LocationShape });
        }
        if (node.includeUnknown && node.countries.length === 0) {
            accept('error', "'includeUnknown' only applies to country locations", { node, keyword: 'includeUnknown', code: IssueCodes.LocationShape });
        }
        if (node.trusted && node.countries.length > 0) {
            accept('error', 'Only IP (and compliant network) locations can be trusted', { node, keyword: 'trusted', code: IssueCodes.LocationShape });
        }
    }

    checkIpInput(node: ast.IpInput, accept: ValidationAcceptor): void {
        if (node.ip === undefined) return; // a syntax error, reported by the parser
        const r = checkIpRange(node.ip);
        if (!r.ok) accept('error', r.message, { node, property: 'ip', code: IssueCodes.InvalidIp });
        else if (node.ip.includes('/')) accept('error', 'A sign-in comes from one IP address, not a range', { node, property: 'ip', code: IssueCodes.InvalidIp });
    }

    checkCountryInput(node: ast.CountryInput, accept: ValidationAcceptor): void {
        if (node.code !== undefined && !isCountryCode(node.code)) {
            accept('error', `'${node.code}' is not an ISO 3166-1 alpha-2 country code (or 'unknown')`, { node, property: 'code', code: IssueCodes.InvalidCountry });
        }
    }

    checkDuring(node: ast.DuringClause, accept: ValidationAcceptor): void {
        const days = parseDays(node.days);
        if ('error' in days) accept('error', days.error, { node, property: 'days', code: IssueCodes.InvalidDays });
        if (node.range !== undefined && !parseTimeRange(node.range)) {
            accept('error', `'${node.range}' is not a time range HH:MM-HH:MM (00:00–24:00, start ≠ end)`, { node, property: 'range', code: IssueCodes.InvalidTimeRange });
        }
        this.checkZone(node, node.zone, accept);
    }

    checkAt(node: ast.AtInput, accept: ValidationAcceptor): void {
        if (this.checkZone(node, node.zone, accept) && node.timestamp !== undefined && !localTimestampToInstant(node.timestamp, node.zone)) {
            accept('error', `'${node.timestamp}' is not a valid date and time`, { node, property: 'timestamp', code: IssueCodes.InvalidTimestamp });
        }
    }

    private checkZone(node: ast.DuringClause | ast.AtInput, zone: string | undefined, accept: ValidationAcceptor): boolean {
        if (zone === undefined) return false; // a syntax error, reported by the parser
        if (isValidTimeZone(zone)) return true;
        accept('error', `'${zone}' is not an IANA time zone (e.g. "Europe/Amsterdam")`, { node, property: 'zone', code: IssueCodes.InvalidTimeZone });
        return false;
    }

    checkDuration(node: ast.SignInFrequencySetting | ast.AfterStep | ast.ExpectRevokedAt, accept: ValidationAcceptor): void {
        const [text, property] = node.$type === 'SignInFrequencySetting' ? [node.duration, 'duration']
            : node.$type === 'AfterStep' ? [node.delay, 'delay'] : [node.at, 'at'];
        if (text !== undefined && parseDuration(text) === undefined) {
            accept('error', `'${text}' is not a positive duration (e.g. 20m, 4h, 7d)`, { node, property, code: IssueCodes.InvalidDuration });
        }
    }

    /** Entra's sign-in frequency: 1–23 hours or 1–365 days. */
    checkSignInFrequency(node: ast.SignInFrequencySetting, accept: ValidationAcceptor): void {
        const text = node.duration;
        if (text === undefined || parseDuration(text) === undefined) return;
        const m = /^([0-9]+)([hd])$/.exec(text);
        const n = m ? Number(m[1]) : 0;
        if (!m || (m[2] === 'h' && n > 23) || (m[2] === 'd' && n > 365)) {
            accept('error', `Entra sets a sign-in frequency in whole hours (1h–23h) or days (1d–365d), not '${text}'`, { node, property: 'duration', code: IssueCodes.InvalidDuration });
        }
    }
}
