/** @module merge: Go-style `Merge` of optional-pointer structs. */

/** Fields of `over` that are set (not null/undefined) replace those of `base`, as Go's `Merge` does. */
export function merge<T extends object>(base: T | null | undefined, over: T | null | undefined): T {
  const out = { ...(base ?? {}) } as Record<string, unknown>;
  for (const [k, v] of Object.entries(over ?? {})) if (v !== null && v !== undefined) out[k] = v;
  return out as T;
}
