// Peer: the same policy set as Cedar policies, and the same sign-ins as Cedar requests.
//
// Encoding (Latch semantics, strict mode, complete sign-ins):
//   principal User::"<id>"   parents: its groups (sign-in memberOf + directory) and built-in roles; nested groups are
//                            Group entities whose parents are the containing groups; attrs isGuest/guestType/tenantId
//   action    Action::"app" | Action::"userAction" | Action::"authContext" (the sign-in's target kind)
//   resource  App::"<appId>" (parents: the suites that contain it) | UserAction::"…" | AuthContext::"…"
//   context   platform, clientApp, risks, flow (lower-case text); locations = ids of the named locations the sign-in
//             is in (IP ranges / countries, resolved before the call, as Cedar has no GeoIP); dev = the device's
//             filter properties (lower-case text, absent = null); zN_day / zN_min = local clock in each time zone the
//             policies use (Cedar has no time zones); satisfied = controls met (stated + proved by the device).
//   enabled block policy             → forbid … when { conditions };
//   enabled grant, AND of controls   → one forbid per control: … when { conditions } unless { satisfied has it }
//   enabled grant, OR of controls    → forbid … when { conditions } unless { satisfied has any of them }
//   any grant on a legacy client     → forbid … when { conditions && legacy client } (legacy clients can do no control)
//   plus permit(principal, action, resource).
// Exclude wins (include && !exclude) in every condition; device filters, suites and time windows are translated
// into Cedar expressions rather than precomputed, so Cedar does the per-policy work itself.

import {
    CLIENT_APP_TYPES, cidrToInterval, devicePropertyInfo, ipToBigInt, isNegativeOperator, isWholeWeek,
    LEGACY_CLIENT_APP_TYPES, localClock, parseDeviceFilter, parseInstant, positiveOperator, satisfiedControls,
} from '@latch/engine';
import { FLOW_INDEX, PLATFORM_INDEX } from '../packages/engine/out/evaluate/compile-set.js';
import { suiteMembers } from '../packages/engine/out/evaluate/suites.js';

const lit = (s) => JSON.stringify(s);
const lower = (s) => s.toLowerCase();
const uid = (type, id) => `${type}::${lit(id)}`;
const setLit = (xs) => `[${xs.map(lit).join(', ')}]`;
const or = (parts) => (parts.length === 0 ? 'false' : parts.length === 1 ? parts[0] : parts.map((p) => `(${p})`).join(' || '));
const and = (parts) => {
    const ps = parts.filter((p) => p !== 'true');
    if (ps.includes('false')) return 'false';
    return ps.length === 0 ? 'true' : ps.length === 1 ? ps[0] : ps.map((p) => `(${p})`).join(' && ');
};
const not = (p) => (p === 'true' ? 'false' : p === 'false' ? 'true' : `!(${p})`);

const RISK_NAMES = new Set(['none', 'low', 'medium', 'high', 'hidden']);
const INSIDER_NAMES = new Set(['none', 'minor', 'moderate', 'elevated']);

/** A Cedar `like` pattern literal: '*' in the text escaped, wildcards added. */
function likeLit(prefix, text, suffix) {
    const esc = text.replace(/[\\"]/g, (c) => `\\${c}`).replace(/\*/g, '\\*');
    return `"${prefix}${esc}${suffix}"`;
}

function deviceExpr(expr) {
    switch (expr.kind) {
        case 'not': return not(deviceExpr(expr.operand));
        case 'and': return and(expr.operands.map(deviceExpr));
        case 'or': return or(expr.operands.map(deviceExpr));
        case 'cmp': {
            const info = devicePropertyInfo(expr.property);
            const name = info?.name ?? expr.property;
            if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) throw new Error(`device property '${name}' is not a Cedar identifier`);
            const values = (Array.isArray(expr.value) ? expr.value : [expr.value]).map((v) => (typeof v === 'boolean' ? String(v) : v.toLowerCase()));
            const op = positiveOperator(expr.operator);
            const ref = `context.dev.${name}`;
            let test;
            if (info?.type === 'collection') {
                if (op !== 'eq' && op !== 'in' && op !== 'contains') throw new Error(`'${op}' on collection '${name}' is not encoded`);
                test = `${ref}.containsAny(${setLit(values)})`;
            } else if (op === 'eq' || op === 'in') {
                test = values.length === 1 ? `${ref} == ${lit(values[0])}` : `${setLit(values)}.contains(${ref})`;
            } else {
                const [pre, post] = op === 'startsWith' ? ['', '*'] : op === 'endsWith' ? ['*', ''] : ['*', '*'];
                test = or(values.map((v) => `${ref} like ${likeLit(pre, v, post)}`));
            }
            const positive = `context.dev has ${name} && (${test})`;
            return isNegativeOperator(expr.operator) ? not(positive) : positive;
        }
    }
    throw new Error(`unknown device filter node ${expr.kind}`);
}

/** Encodes a policy set; returns the Cedar text and what request building needs. */
export function encodeCedar(set, { inSets = false } = {}) {
    const suites = suiteMembers(set.directory.apps);
    const customRoles = new Set(set.directory.roles.filter((r) => !r.builtIn).map((r) => lower(r.id)));
    const zones = [];
    const zoneKey = (z) => {
        let i = zones.indexOf(z);
        if (i < 0) { zones.push(z); i = zones.length - 1; }
        return `z${i}`;
    };
    const locIds = new Set(set.namedLocations.map((l) => lower(l.id)));
    const trustedIds = set.namedLocations.filter((l) => l.trusted).map((l) => lower(l.id));

    const principals = (p) => {
        if (p.all) return 'true';
        // `principal in E` for each user (in = equality for a user), group (transitively) and role. (One `in [E1, …]`
        // is equivalent; it measured slightly slower in cedar-wasm 4.13, so separate `in`s are the default.)
        const ents = [...p.users.map((u) => uid('User', lower(u))), ...p.groups.map((g) => uid('Group', lower(g))), ...p.roles.map((r) => uid('Role', lower(r)))];
        const parts = ents.length === 0 ? [] : ents.length === 1 ? [`principal in ${ents[0]}`]
            : inSets ? [`principal in [${ents.join(', ')}]`] : ents.map((e) => `principal in ${e}`);
        if (p.allGuests) parts.push('principal.isGuest');
        if (p.guests) {
            const types = p.guests.types.map(lower);
            const g = ['principal.isGuest', types.length ? `${setLit(types)}.contains(principal.guestType)` : 'false'];
            if (Array.isArray(p.guests.tenants)) {
                const ts = p.guests.tenants.map(lower);
                g.push(ts.length ? `${setLit(ts)}.contains(principal.tenantId)` : 'false');
            }
            parts.push(and(g));
        }
        return or(parts);
    };
    // Apps and suites: `resource in App::"…"` (a suite is a parent of its member apps, so a suite id covers them).
    const apps = (ids) => {
        const ents = ids.filter((a) => !['all', 'none'].includes(lower(a))).map((a) => uid('App', lower(a)));
        return ents.length === 0 ? 'false' : ents.length === 1 ? `resource in ${ents[0]}`
            : inSets ? `resource in [${ents.join(', ')}]` : or(ents.map((e) => `resource in ${e}`));
    };
    const locations = (items) => {
        if (items.some((x) => lower(x) === 'all')) return 'true';
        const ids = new Set();
        for (const x of items) {
            if (lower(x) === 'alltrusted') for (const t of trustedIds) ids.add(t);
            else if (locIds.has(lower(x))) ids.add(lower(x));
        }
        return ids.size ? `context.locations.containsAny(${setLit([...ids])})` : 'false';
    };
    const mask = (values, valid, attr) => {
        const vs = [...new Set(values.map(lower))].filter((v) => valid.has(v));
        return vs.length ? `${setLit(vs)}.contains(context.${attr})` : 'false';
    };
    const window = (w) => {
        if (isWholeWeek(w)) return 'true';
        const z = zoneKey(w.zone);
        const day = `context.${z}_day`;
        const min = `context.${z}_min`;
        const days = (ds) => (ds.length ? `${setLit(ds.map(String))}.contains(${day})` : 'false');
        if (w.start < w.end) return and([days(w.days), `${min} >= ${w.start}`, `${min} < ${w.end}`]);
        return or([and([`${min} >= ${w.start}`, days(w.days)]), and([`${min} < ${w.end}`, days(w.days.map((d) => (d + 1) % 7))])]);
    };

    const platformNames = new Set(PLATFORM_INDEX.keys());
    const clientNames = new Set(CLIENT_APP_TYPES.map(lower));
    const flowNames = new Set(FLOW_INDEX.keys());
    const legacy = `${setLit(LEGACY_CLIENT_APP_TYPES.map(lower))}.contains(context.clientApp)`;

    const out = [];
    let encoded = 0;
    for (const p of set.policies) {
        if (p.state !== 'enabled' || !p.users || !p.target) continue;
        const g = p.grant;
        if (!g || (g.kind === 'controls' && g.controls.length === 0)) continue; // session-only: no access effect
        const controls = g.kind === 'controls' ? [...new Set(g.controls.map(lower))] : []; // control ids compare case-insensitively
        let action;
        let targetCond;
        if (p.target.kind === 'apps') {
            action = 'app';
            const includeAll = p.target.include.some((a) => lower(a) === 'all');
            targetCond = and([includeAll ? 'true' : apps(p.target.include), not(apps(p.target.exclude))]);
        } else if (p.target.kind === 'userActions') {
            action = 'userAction';
            targetCond = p.target.actions.length ? `resource in [${p.target.actions.map((a) => uid('UserAction', lower(a))).join(', ')}]` : 'false';
        } else {
            action = 'authContext';
            targetCond = p.target.refs.length ? `resource in [${p.target.refs.map((r) => uid('AuthContext', lower(r))).join(', ')}]` : 'false';
        }
        const conds = [and([principals(p.users.include), not(principals(p.users.exclude))]), targetCond];
        if (p.platforms) {
            const inc = p.platforms.include.map(lower);
            const includeAll = inc.includes('all');
            const exc = p.platforms.exclude.map(lower).filter((x) => platformNames.has(x));
            const excExpr = exc.length ? `${setLit(exc)}.contains(context.platform)` : 'false';
            conds.push(includeAll
                ? or(['context.platform == "unknown"', not(excExpr)])
                : and([mask(inc, platformNames, 'platform'), not(excExpr)]));
        }
        if (p.deviceFilter) {
            const parsed = parseDeviceFilter(p.deviceFilter.rule);
            const rule = parsed.expr ? deviceExpr(parsed.expr) : 'false';
            conds.push(p.deviceFilter.mode === 'include' ? rule : not(rule));
        }
        if (p.clientAppTypes) conds.push(mask(p.clientAppTypes, clientNames, 'clientApp'));
        if (p.locations) conds.push(and([locations(p.locations.include), not(locations(p.locations.exclude))]));
        if (p.signInRisk) conds.push(mask(p.signInRisk, RISK_NAMES, 'signInRisk'));
        if (p.userRisk) conds.push(mask(p.userRisk, RISK_NAMES, 'userRisk'));
        if (p.insiderRisk) conds.push(mask(p.insiderRisk, INSIDER_NAMES, 'insiderRisk'));
        if (p.authenticationFlows) conds.push(mask(p.authenticationFlows, flowNames, 'flow'));
        if (p.times && p.times.length > 0) conds.push(or(p.times.map(window)));
        const when = and(conds);
        if (when === 'false') continue;
        const head = `forbid (principal, action == ${uid('Action', action)}, resource)\n  when { ${when} }`;
        if (g.kind === 'block') {
            out.push([p.id, `${head};`]);
        } else if (g.operator === 'OR') {
            out.push([p.id, `${head}\n  unless { context.satisfied.containsAny(${setLit(controls)}) };`]);
            out.push([`${p.id}#legacy`, `${head}\n  when { ${legacy} };`]);
        } else {
            controls.forEach((c, i) => out.push([`${p.id}#${i}`, `${head}\n  unless { context.satisfied.contains(${lit(c)}) };`]));
            out.push([`${p.id}#legacy`, `${head}\n  when { ${legacy} };`]);
        }
        encoded++;
    }
    out.push(['permit-all', 'permit (principal, action, resource);']);
    return {
        /** Policy id (the Latch policy id, #n per control, #legacy) → Cedar text: Cedar's reasons name Latch policies. */
        policySet: { staticPolicies: Object.fromEntries(out) },
        text: out.map(([id, text]) => `// ${id}\n${text}`).join('\n\n') + '\n',
        policies: out.length, encodedLatchPolicies: encoded, zones, suites, customRoles,
    };
}

/** Builds the Cedar request (principal, action, resource, context, entities) for a sign-in. */
export function cedarRequest(set, enc, s) {
    // Directory: member → containing groups; only directory groups have ancestors.
    const parents = new Map();
    for (const g of set.directory.groups) {
        for (const m of g.members ?? []) {
            const k = lower(m);
            if (!parents.has(k)) parents.set(k, []);
            parents.get(k).push(lower(g.id));
        }
    }
    const groupIds = new Set(set.directory.groups.map((g) => lower(g.id)));
    const userKey = lower(s.userId);
    const dir = set.directory.users.find((u) => lower(u.id) === userKey);
    const direct = new Set((s.memberOf ?? []).map(lower));
    if (!groupIds.has(userKey)) for (const g of parents.get(userKey) ?? []) direct.add(g);
    const roles = new Set([...(s.roles ?? []), ...(dir?.roles ?? [])].map(lower).filter((r) => !enc.customRoles.has(r)));
    const guestType = s.guestType ?? dir?.guestType;
    const tenantId = s.homeTenantId ?? dir?.tenantId;

    const entities = [];
    const seen = new Set();
    const addGroup = (g) => {
        if (seen.has(g) || !groupIds.has(g)) return;
        seen.add(g);
        const ps = parents.get(g) ?? [];
        entities.push({ uid: { type: 'Group', id: g }, attrs: {}, parents: ps.map((p) => ({ type: 'Group', id: p })) });
        ps.forEach(addGroup);
    };
    direct.forEach(addGroup);
    entities.push({
        uid: { type: 'User', id: userKey },
        attrs: { isGuest: guestType !== undefined, guestType: lower(guestType ?? ''), tenantId: lower(tenantId ?? '') },
        parents: [...[...direct].map((g) => ({ type: 'Group', id: g })), ...[...roles].map((r) => ({ type: 'Role', id: r }))],
    });

    let action;
    let resource;
    const t = s.target;
    if (t.kind === 'application') {
        action = 'app';
        const id = lower(t.appId);
        resource = { type: 'App', id };
        const suiteParents = [];
        for (const [suite, members] of enc.suites) if (members.includes(id)) suiteParents.push({ type: 'App', id: suite });
        entities.push({ uid: resource, attrs: {}, parents: suiteParents });
    } else if (t.kind === 'userAction') {
        action = 'userAction';
        resource = { type: 'UserAction', id: lower(t.action) };
    } else {
        action = 'authContext';
        resource = { type: 'AuthContext', id: lower(t.id) };
    }

    // Named locations the sign-in is in.
    const ip = ipToBigInt(s.ipAddress);
    const country = s.country.toUpperCase();
    const locations = [];
    for (const l of set.namedLocations) {
        let inside = false;
        if (l.kind === 'ip') inside = ip !== undefined && (l.ipRanges ?? []).map(cidrToInterval).some((x) => x && ip >= x.lo && ip <= x.hi);
        else if (l.kind === 'country') inside = country === 'UNKNOWN' ? !!l.includeUnknownCountries : (l.countries ?? []).map((c) => c.toUpperCase()).includes(country);
        if (inside) locations.push(lower(l.id));
    }

    // Device filter properties (null semantics of the engine's reader: unregistered → all null; extension
    // attributes only for managed devices).
    const dev = {};
    const d = s.device;
    if (d?.registered) {
        const p = d.properties;
        const managed = p.isCompliant === true || (typeof p.isCompliant === 'string' && lower(p.isCompliant) === 'true')
            || (typeof p.trustType === 'string' && lower(p.trustType) === 'serverad') || (typeof p.mdmAppId === 'string' && p.mdmAppId.length > 0);
        for (const [k, v] of Object.entries(p)) {
            if (/^extensionAttribute([1-9]|1[0-5])$/.test(k) && !managed) continue;
            if (typeof v === 'string') dev[k] = lower(v);
            else if (typeof v === 'boolean') dev[k] = String(v);
            else if (Array.isArray(v)) dev[k] = v.map(lower);
        }
    }

    const platform = lower(s.devicePlatform);
    const context = {
        platform: PLATFORM_INDEX.has(platform) ? platform : 'unknown',
        clientApp: lower(s.clientAppType),
        signInRisk: lower(s.signInRisk),
        userRisk: lower(s.userRisk),
        insiderRisk: lower(s.insiderRisk),
        flow: lower(s.authenticationFlow),
        locations,
        dev,
        satisfied: [...satisfiedControls(s)].map(lower),
    };
    const instant = parseInstant(s.time);
    enc.zones.forEach((z, i) => {
        const c = localClock(instant, z);
        context[`z${i}_day`] = String(c.day);
        context[`z${i}_min`] = c.minute;
    });
    return { principal: { type: 'User', id: userKey }, action: { type: 'Action', id: action }, resource, context, entities };
}
