import { type ControlLabel, namedControlLabel, type PolicySet } from '@latch/engine';
import { CONTROL } from '../lowering/vocabulary.js';

const LATCH_NAME = new Map(Object.entries(CONTROL).map(([latch, graph]) => [graph as string, latch]));

/** Controls in Latch spelling for people: `strength PhishingResistantMfa`, `terms ToU2026`, `hybridJoinedDevice`. */
export function latchControlLabel(set: PolicySet): ControlLabel {
    const named = namedControlLabel(set);
    return (control) => LATCH_NAME.get(control) ?? named(control);
}
