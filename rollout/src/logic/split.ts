/**
 * @module The route tables a rollout writes. Only `split` changes; override, timeoutMs and retry
 * are kept as the operator set them.
 */
import { type ParseResult, type RouteTable, type SplitEntry, validateRouteTable } from "@forex-mesh/routing";

/**
 * `weight`% to the canary, the rest to stable, every other version named in the table kept at 0
 * (named, so nobody's entry silently disappears, but out of the rollout's way). Versions keep their
 * order; stable, then canary, are appended when missing.
 */
export function rolloutTable(table: RouteTable | null, stable: string, canary: string, weight: number): ParseResult {
  const entries: SplitEntry[] = (table?.split ?? []).map((e) => ({ version: e.version, weight: 0 }));
  for (const version of [stable, canary]) {
    if (!entries.some((e) => e.version === version)) entries.push({ version, weight: 0 });
  }
  const split = entries.map((e) => ({
    version: e.version,
    weight: e.version === canary ? weight : e.version === stable ? 100 - weight : 0,
  }));
  return validateRouteTable({ ...(table ?? {}), split });
}

/** After promotion the canary's version is the only one: the table collapses to it. */
export function collapsedTable(table: RouteTable | null, version: string): ParseResult {
  return validateRouteTable({ ...(table ?? {}), split: [{ version, weight: 100 }] });
}

/** Whether two splits route the same (order aside): a rewrite would change nothing, so it is skipped. */
export function sameSplit(a: readonly SplitEntry[], b: readonly SplitEntry[]): boolean {
  if (a.length !== b.length) return false;
  return a.every((e) => b.some((f) => f.version === e.version && f.weight === e.weight));
}

/** The canary's weight in a table (0 when not named or no table). */
export function canaryWeight(table: RouteTable | null, canary: string): number {
  return table?.split.find((e) => e.version === canary)?.weight ?? 0;
}
