// Case-insensitive string tests that allocate nothing per call (device filters run once per policy per sign-in in
// analysis loops). Folding is per UTF-16 unit, like .NET's ordinal-ignore-case comparison Entra is built on: a
// character whose lower case is longer than one unit (e.g. 'İ') compares as itself.

/** Lazily filled fold table for non-ASCII units; 0 = not computed yet (unit 0 folds to itself anyway). */
const FOLD = new Uint16Array(0x10000);

function fold(unit: number): number {
  if (unit < 0x80) return unit >= 0x41 && unit <= 0x5a ? unit + 0x20 : unit;
  let folded = FOLD[unit]!;
  if (folded === 0) {
    const lower = String.fromCharCode(unit).toLowerCase();
    folded = lower.length === 1 ? lower.charCodeAt(0) : unit;
    FOLD[unit] = folded;
  }
  return folded;
}

function matchesAt(text: string, at: number, part: string): boolean {
  for (let i = 0; i < part.length; i++) {
    const a = text.charCodeAt(at + i);
    const b = part.charCodeAt(i);
    if (a !== b && fold(a) !== fold(b)) return false;
  }
  return true;
}

export function foldEquals(a: string, b: string): boolean {
  return a.length === b.length && matchesAt(a, 0, b);
}

export function foldStartsWith(text: string, prefix: string): boolean {
  return prefix.length <= text.length && matchesAt(text, 0, prefix);
}

export function foldEndsWith(text: string, suffix: string): boolean {
  return suffix.length <= text.length && matchesAt(text, text.length - suffix.length, suffix);
}

export function foldIncludes(text: string, part: string): boolean {
  for (let at = 0; at + part.length <= text.length; at++) {
    if (matchesAt(text, at, part)) return true;
  }
  return false;
}
