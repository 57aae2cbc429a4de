// Values derived from a model object, computed once per object. Models (policies, directories, named locations) are
// plain data never changed once built, and the editor hands the analysis the same objects for what an edit left
// alone, so a key or a derived list made from one stays valid for as long as the object lives.

/** `compute`, remembered per argument object (its results are never undefined). */
export function perObject<K extends object, V>(compute: (k: K) => V): (k: K) => V {
    const kept = new WeakMap<K, V>();
    return (k) => {
        let v = kept.get(k);
        if (v === undefined) {
            v = compute(k);
            kept.set(k, v);
        }
        return v;
    };
}
