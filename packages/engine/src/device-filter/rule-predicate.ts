// A rule's predicate, parsed and compiled once per rule text: every compile of a policy set (the analysis
// compiles one per witness subset and per editor keystroke) would otherwise parse the same rules again.

import { type DevicePredicate, compileDeviceFilter } from './evaluate.js';
import { parseDeviceFilter } from './parser.js';

const MAX_ENTRIES = 4096;
const memo = new Map<string, DevicePredicate>();
const never: DevicePredicate = () => false;

/** The predicate of a rule; an unparsable rule never matches (validation reports it). */
export function rulePredicate(rule: string): DevicePredicate {
    let p = memo.get(rule);
    if (p) return p;
    const parsed = parseDeviceFilter(rule);
    p = parsed.expr ? compileDeviceFilter(parsed.expr) : never;
    if (memo.size >= MAX_ENTRIES) memo.clear();
    memo.set(rule, p);
    return p;
}
