// Graph spellings → Latch keywords: the inverse of lowering/vocabulary.ts (LANGUAGE.md §8), for printing.

import type { CaeMode, ClientAppType, Platform, PolicyState, TransferMethod } from '@latch/engine';
import { CAE as CAE_IN, CLIENT, CLOUD_APP_SECURITY as CAS_IN, CONTROL as CONTROL_IN, FLOW as FLOW_IN, PLATFORM as PLATFORM_IN, STATE as STATE_IN } from '../lowering/vocabulary.js';

function invert<V extends string>(table: Record<string, V>): Record<V, string> {
    return Object.fromEntries(Object.entries(table).map(([latch, graph]) => [graph, latch])) as Record<V, string>;
}

export const STATE: Record<PolicyState, string> = invert(STATE_IN);
export const PLATFORM: Record<Platform, string> = invert(PLATFORM_IN);
export const CLIENT_TYPE: Record<ClientAppType, string> = invert(CLIENT);
export const FLOW: Record<TransferMethod, string> = invert(FLOW_IN);
export const CONTROL: Record<string, string> = invert(CONTROL_IN);
export const CAE_MODE: Record<CaeMode, string> = invert(CAE_IN);
export const CLOUD_APP_SECURITY: Record<string, string> = invert(CAS_IN);
