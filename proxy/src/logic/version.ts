/**
 * @module Version choice: which version of an upstream serves this request. Pure; the random
 * number comes in, so a test can pin it.
 */

/** The table-derived part of the choice, computed once per routing or discovery change. */
export interface VersionPlan {
  /** Versions in weighted order with cumulative weights (0–100], e.g. [["v1",90],["v2",100]]. */
  readonly cumulative: ReadonlyArray<readonly [version: string, upTo: number]>;
  /** True when the table named no version with a healthy instance, so stable instances serve. */
  readonly fallback: boolean;
}

export type VersionChoice =
  /** Serve from this version's pool. */
  | { kind: "version"; version: string; reason: "override" | "split" }
  /** No table (or nothing named is healthy): spread over all stable (non-canary) instances. */
  | { kind: "stable" }
  | { kind: "none" };

/**
 * @param plan the precomputed split, or null when the service has no routing table
 * @param override the version asked for by header/cookie, or undefined
 * @param hasHealthy whether a version has at least one healthy instance (canaries included)
 * @param hasStable whether any stable instance exists
 * @param rand a number in [0, 1)
 */
export function chooseVersion(
  plan: VersionPlan | null,
  override: string | undefined,
  hasHealthy: (version: string) => boolean,
  hasStable: boolean,
  rand: number,
): VersionChoice {
  if (override !== undefined && override !== "" && hasHealthy(override)) {
    return { kind: "version", version: override, reason: "override" };
  }
  if (plan === null || plan.fallback || plan.cumulative.length === 0) {
    return hasStable ? { kind: "stable" } : { kind: "none" };
  }
  const point = rand * 100;
  const entries = plan.cumulative;
  for (let i = 0; i < entries.length; i++) {
    const entry = entries[i]!;
    if (point < entry[1]) return { kind: "version", version: entry[0], reason: "split" };
  }
  return { kind: "version", version: entries[entries.length - 1]![0], reason: "split" };
}

/** Builds the plan from an effective split (weights already redistributed, summing to 100). */
export function planFromSplit(effective: ReadonlyArray<{ version: string; weight: number }>): VersionPlan {
  let upTo = 0;
  const cumulative: Array<readonly [string, number]> = [];
  for (const entry of effective) {
    if (entry.weight <= 0) continue;
    upTo += entry.weight;
    cumulative.push([entry.version, upTo] as const);
  }
  return { cumulative, fallback: cumulative.length === 0 };
}
