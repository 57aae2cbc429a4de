// Three-valued verdicts: a condition whose input is missing may be Unknown. Unknown only arises when the missing
// input could change the result (every completion of it is tried), which is when strict mode reports
// notEnoughInformation.
export const F = 0;
export const T = 1;
export const U = 2;
export type Tri = typeof F | typeof T | typeof U;
