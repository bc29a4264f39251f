/**
 * @module Pure weight arithmetic, shared by the proxy (what actually receives traffic) and the
 * console (what a slider or a button writes).
 */
import type { SplitEntry } from "./schema.js";

/**
 * The split that is actually in force when some versions have no healthy instance: their share goes
 * to the others in proportion to the others' weights. When every available version has weight 0
 * (e.g. 100 on a version that is down), they share evenly, because serving from a version the
 * operator kept in the table beats refusing the request. Returns [] when no named version is
 * available. The result's weights sum to 100 (largest-remainder rounding).
 */
export function effectiveSplit(split: readonly SplitEntry[], available: (version: string) => boolean): SplitEntry[] {
  const live = split.filter((entry) => available(entry.version));
  if (live.length === 0) return [];
  const total = live.reduce((sum, entry) => sum + entry.weight, 0);
  const raw = live.map((entry) => (total === 0 ? 100 / live.length : (entry.weight * 100) / total));
  const weights = roundTo100(raw);
  return live.map((entry, i) => ({ version: entry.version, weight: weights[i] ?? 0 }));
}

/**
 * Sets `version` to `weight` (0–100) and scales the other versions so the total stays 100, keeping
 * their proportions (even split when they were all 0). A version not in the split is added.
 *
 * @example rebalanceWeights([{version:"v1",weight:100},{version:"v2",weight:0}], "v2", 25)
 *   // → [{version:"v1",weight:75},{version:"v2",weight:25}]
 */
export function rebalanceWeights(split: readonly SplitEntry[], version: string, weight: number): SplitEntry[] {
  const target = Math.max(0, Math.min(100, Math.round(weight)));
  const entries = split.some((e) => e.version === version) ? [...split] : [...split, { version, weight: 0 }];
  const others = entries.filter((e) => e.version !== version);
  if (others.length === 0) return [{ version, weight: 100 }];
  const rest = 100 - target;
  const otherTotal = others.reduce((sum, e) => sum + e.weight, 0);
  const raw = others.map((e) => (otherTotal === 0 ? rest / others.length : (e.weight * rest) / otherTotal));
  const rounded = roundTo100([...raw, target]).slice(0, -1);
  let k = 0;
  return entries.map((e) => (e.version === version ? { version, weight: target } : { version: e.version, weight: rounded[k++] ?? 0 }));
}

/** Largest-remainder rounding of shares that add up to 100 into integers that add up to exactly 100. */
export function roundTo100(shares: readonly number[]): number[] {
  const floors = shares.map(Math.floor);
  let missing = 100 - floors.reduce((a, b) => a + b, 0);
  const order = shares.map((s, i) => ({ i, r: s - Math.floor(s) })).sort((a, b) => b.r - a.r || a.i - b.i);
  for (const { i } of order) {
    if (missing <= 0) break;
    floors[i] = (floors[i] ?? 0) + 1;
    missing -= 1;
  }
  return floors;
}
