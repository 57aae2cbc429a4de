// `grantControls` and `sessionControls` of a Graph policy → Grant and SessionControls. Unmodelled parts (disabled
// controls, strength definitions, SIF authenticationType, Global Secure Access profiles) go to extra.

import { BUILT_IN_CONTROLS, type CaeMode, type Control, type Grant, type SessionControls } from '../model.js';
import {
  canonical, isRecord, nonObject, prop, pushUnique, readEnumList, readIdList, stringList, warn,
  type JsonRecord, type ReadContext,
} from './values.js';

const CAE_MODES: readonly CaeMode[] = ['strictEnforcement', 'strictLocation', 'disabled'];
const CLOUD_APP_SECURITY = ['mcasConfigured', 'monitorOnly', 'blockDownloads'] as const;

export function readGrant(ctx: ReadContext, g: unknown): Grant | undefined {
  const path = ['grantControls'];
  if (g === null || g === undefined) return undefined;
  if (!isRecord(g)) {
    nonObject(ctx, path, g);
    return undefined;
  }
  ctx.extra.copyUnknown(g, ['operator', 'builtInControls', 'authenticationStrength', 'termsOfUse', 'customAuthenticationFactors'], path);

  const builtInsRaw = stringList(prop(g, 'builtInControls')).items;
  const operatorRaw = prop(g, 'operator');
  const operator = typeof operatorRaw === 'string' ? canonical(operatorRaw, ['AND', 'OR'] as const) : undefined;

  if (builtInsRaw.some((c) => c.toLowerCase() === 'block')) {
    // Block stands alone; anything next to it is kept for export but has no effect.
    const others = builtInsRaw.filter((c) => c.toLowerCase() !== 'block');
    if (others.length > 0) {
      warn(ctx, [...path, 'builtInControls'], 'controls next to block are ignored; kept in extra');
      ctx.extra.set([...path, 'builtInControls'], prop(g, 'builtInControls'));
    }
    for (const key of ['authenticationStrength', 'termsOfUse', 'customAuthenticationFactors']) {
      const v = prop(g, key);
      if (v === null || v === undefined || (Array.isArray(v) && v.length === 0)) continue;
      warn(ctx, [...path, key], 'ignored next to block; kept in extra');
      ctx.extra.set([...path, key], v);
    }
    // Graph exports pair block with OR; only an unusual operator is worth keeping.
    if (operatorRaw !== null && operatorRaw !== undefined && operator !== 'OR') ctx.extra.set([...path, 'operator'], operatorRaw);
    return { kind: 'block' };
  }

  const controls: Control[] = [...readEnumList(ctx, g, 'builtInControls', path, BUILT_IN_CONTROLS)];
  const strength = prop(g, 'authenticationStrength');
  if (isRecord(strength)) {
    const id = prop(strength, 'id');
    // Only the id is modelled; a read-back strength object carries its full definition, kept in extra.
    ctx.extra.copyUnknown(strength, ['id'], [...path, 'authenticationStrength']);
    if (typeof id === 'string' && id !== '') pushUnique(controls, `authenticationStrength:${id}`);
    else warn(ctx, [...path, 'authenticationStrength'], 'has no id; kept in extra');
  } else if (strength !== null && strength !== undefined) nonObject(ctx, [...path, 'authenticationStrength'], strength);
  for (const id of readIdList(ctx, g, 'termsOfUse', path)) pushUnique(controls, `termsOfUse:${id}`);
  for (const id of readIdList(ctx, g, 'customAuthenticationFactors', path)) pushUnique(controls, `customFactor:${id}`);

  if (controls.length === 0) return undefined;
  if (operatorRaw !== null && operatorRaw !== undefined && !operator) {
    warn(ctx, [...path, 'operator'], `unknown operator ${JSON.stringify(operatorRaw)}; read as AND, kept in extra`);
    ctx.extra.set([...path, 'operator'], operatorRaw);
  }
  return { kind: 'controls', operator: operator ?? 'AND', controls };
}

export function readSession(ctx: ReadContext, s: unknown): SessionControls | undefined {
  const path = ['sessionControls'];
  if (s === null || s === undefined) return undefined;
  if (!isRecord(s)) {
    nonObject(ctx, path, s);
    return undefined;
  }
  ctx.extra.copyUnknown(
    s,
    ['signInFrequency', 'persistentBrowser', 'applicationEnforcedRestrictions', 'cloudAppSecurity',
      'continuousAccessEvaluation', 'secureSignInSession', 'disableResilienceDefaults'],
    path,
  );
  const session: SessionControls = {};

  const sif = enabledControl(ctx, s, 'signInFrequency', ['value', 'type', 'frequencyInterval']);
  if (sif) {
    const minutes = signInFrequencyMinutes(sif);
    if (minutes !== undefined) {
      session.signInFrequency = minutes;
      // Keep Graph's unit: 24 hours and 1 day are the same minutes but not the same policy text.
      const type = typeof sif.type === 'string' ? canonical(sif.type, ['hours', 'days'] as const) : undefined;
      if (typeof minutes === 'number' && type) session.signInFrequencyUnit = type;
    }
    else {
      warn(ctx, [...path, 'signInFrequency'], 'needs frequencyInterval everyTime or a positive value with type hours|days; kept in extra');
      ctx.extra.set([...path, 'signInFrequency'], prop(s, 'signInFrequency'));
    }
  }

  const pb = enabledControl(ctx, s, 'persistentBrowser', ['mode']);
  if (pb) {
    const mode = typeof pb.mode === 'string' ? canonical(pb.mode, ['always', 'never'] as const) : undefined;
    if (mode) session.persistentBrowser = mode;
    else invalidControl(ctx, s, 'persistentBrowser', 'mode', pb.mode);
  }

  if (enabledControl(ctx, s, 'applicationEnforcedRestrictions', [])) session.applicationEnforcedRestrictions = true;

  const cas = enabledControl(ctx, s, 'cloudAppSecurity', ['cloudAppSecurityType']);
  if (cas) {
    const type = typeof cas.cloudAppSecurityType === 'string' ? canonical(cas.cloudAppSecurityType, CLOUD_APP_SECURITY) : undefined;
    if (type) session.cloudAppSecurity = type;
    else invalidControl(ctx, s, 'cloudAppSecurity', 'cloudAppSecurityType', cas.cloudAppSecurityType);
  }

  const cae = enabledControl(ctx, s, 'continuousAccessEvaluation', ['mode']);
  if (cae) {
    const mode = typeof cae.mode === 'string' ? canonical(cae.mode, CAE_MODES) : undefined;
    if (mode) session.continuousAccessEvaluation = mode;
    else invalidControl(ctx, s, 'continuousAccessEvaluation', 'mode', cae.mode);
  }

  if (enabledControl(ctx, s, 'secureSignInSession', [])) session.secureSignInSession = true;

  // The model can only say "true"; an explicit false stays in extra so an export writes it back.
  const drd = prop(s, 'disableResilienceDefaults');
  if (drd === true) session.disableResilienceDefaults = true;
  else if (drd === false) ctx.extra.set([...path, 'disableResilienceDefaults'], false);
  else if (drd !== null && drd !== undefined) {
    warn(ctx, [...path, 'disableResilienceDefaults'], 'not a boolean; kept in extra');
    ctx.extra.set([...path, 'disableResilienceDefaults'], drd);
  }

  return Object.keys(session).length > 0 ? session : undefined;
}

/**
 * A session control object when it is on (`isEnabled` not false). A disabled control has no effect but is kept in
 * extra verbatim; properties other than isEnabled and `known` go to extra too.
 */
function enabledControl(ctx: ReadContext, s: JsonRecord, key: string, known: readonly string[]): Record<string, unknown> | undefined {
  const path = ['sessionControls', key];
  const v = prop(s, key);
  if (v === null || v === undefined) return undefined;
  if (!isRecord(v)) {
    nonObject(ctx, path, v);
    return undefined;
  }
  if (prop(v, 'isEnabled') === false) {
    ctx.extra.set(path, v);
    return undefined;
  }
  ctx.extra.copyUnknown(v, ['isEnabled', ...known], path);
  const out: Record<string, unknown> = {};
  for (const k of known) out[k] = prop(v, k);
  return out;
}

function invalidControl(ctx: ReadContext, s: JsonRecord, key: string, field: string, value: unknown): void {
  warn(ctx, ['sessionControls', key, field], `unknown or missing value ${JSON.stringify(value ?? null)}; kept in extra`);
  ctx.extra.set(['sessionControls', key], prop(s, key));
}

function signInFrequencyMinutes(sif: Record<string, unknown>): number | 'everyTime' | undefined {
  const interval = sif.frequencyInterval;
  if (typeof interval === 'string' && interval.toLowerCase() === 'everytime') return 'everyTime';
  const value = sif.value;
  const type = typeof sif.type === 'string' ? canonical(sif.type, ['hours', 'days'] as const) : undefined;
  if (typeof value !== 'number' || !Number.isInteger(value) || value <= 0 || !type) return undefined;
  return type === 'hours' ? value * 60 : value * 1440;
}
