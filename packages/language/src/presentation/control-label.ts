import type { ControlLabel, PolicySet } from '@latch/engine';
import { CONTROL } from '../lowering/vocabulary.js';

const LATCH_NAME = new Map(Object.entries(CONTROL).map(([latch, graph]) => [graph as string, latch]));

/** Controls in Latch spelling for people: `strength PhishingResistantMfa`, `terms ToU2026`, `hybridJoinedDevice`. */
export function latchControlLabel(set: PolicySet): ControlLabel {
    const strengths = new Map(set.directory.strengths.map((s) => [s.id.toLowerCase(), s.name]));
    const terms = new Map(set.directory.terms.map((t) => [t.id.toLowerCase(), t.name]));
    return (control) => {
        const [kind, id] = control.split(/:(.*)/s);
        if (kind === 'authenticationStrength') return `strength ${strengths.get(id.toLowerCase()) ?? id}`;
        if (kind === 'termsOfUse') return `terms ${terms.get(id.toLowerCase()) ?? id}`;
        return LATCH_NAME.get(control) ?? control;
    };
}
