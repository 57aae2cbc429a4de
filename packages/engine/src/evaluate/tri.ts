// Kleene three-valued logic: a condition whose input is missing may be Unknown. Unknown only survives when the
// missing input could change the result, which is exactly when strict mode must report notEnoughInformation.
export const F = 0;
export const T = 1;
export const U = 2;
export type Tri = typeof F | typeof T | typeof U;

export function or3(a: Tri, b: Tri): Tri {
    if (a === T || b === T) return T;
    if (a === U || b === U) return U;
    return F;
}

export function and3(a: Tri, b: Tri): Tri {
    if (a === F || b === F) return F;
    if (a === U || b === U) return U;
    return T;
}

export function not3(a: Tri): Tri {
    return a === U ? U : a === T ? F : T;
}

/** include ∧ ¬exclude — the shape of every include/exclude condition (exclude wins). */
export function includeExclude(include: Tri, exclude: Tri): Tri {
    return and3(include, not3(exclude));
}
