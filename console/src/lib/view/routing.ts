/**
 * @module routing: the routing panel's decisions: which split a button writes, which version the
 * buttons move, and how many sidecars have applied the table in Consul KV.
 */
import { type RouteTable, rebalanceWeights, type SplitEntry, validateRouteTable } from "@forex-mesh/routing";

export const WEIGHT_STEPS = [0, 10, 25, 50, 75, 100] as const;

const byVersion = (a: string, b: string) => a.localeCompare(b, undefined, { numeric: true });

/** The version the buttons move: the newest one running (or named in the table). */
export function targetVersion(running: readonly string[], table: RouteTable | null): string | null {
  const all = [...new Set([...running, ...(table?.split.map((e) => e.version) ?? [])])].sort(byVersion);
  return all.at(-1) ?? null;
}

/**
 * The split in force before a change. Without a table the sidecars spread evenly over the stable
 * (non-canary) instances, so that is what the buttons start from.
 */
export function currentSplit(table: RouteTable | null, stableVersions: readonly string[]): SplitEntry[] {
  if (table) return table.split;
  const versions = [...new Set(stableVersions)].sort(byVersion);
  if (versions.length === 0) return [];
  const share = Math.floor(100 / versions.length);
  return versions.map((version, i) => ({ version, weight: i === 0 ? 100 - share * (versions.length - 1) : share }));
}

export type Planned = { ok: true; table: RouteTable } | { ok: false; message: string; issues: Array<{ path: string; message: string }> };

/** The table a button (version → weight) writes, validated with the sidecars' own schema. */
export function planWeight(table: RouteTable | null, stableVersions: readonly string[], version: string, weight: number): Planned {
  const base = currentSplit(table, stableVersions);
  const split = base.length === 0 ? [{ version, weight }] : rebalanceWeights(base, version, weight);
  const result = validateRouteTable({ ...(table ?? {}), split });
  return result.ok ? { ok: true, table: result.value } : { ok: false, message: result.error.message, issues: result.error.issues };
}

export interface SidecarReport {
  /** The calling service and its allocation. */
  service: string;
  instance: string;
  /** The revision (KV ModifyIndex) it applied for the destination; null if it does not answer. */
  revision: number | null;
  /** Wall-clock ms when that revision came into force there (the sidecar's `appliedAt`), if it says. */
  appliedAt: number | null;
}
export interface Convergence {
  applied: number;
  total: number;
  lagging: string[];
  /** Once every sidecar runs `revision`: ms from the write (`writtenAt`) to the last sidecar applying it (null past 60 s: a restart, not a spread). */
  spreadMs: number | null;
}

/** Changes reach every sidecar within a blocking query's wake-up; much later means a restart. */
const SPREAD_BOUND_MS = 60_000;

/**
 * How many of the sidecars calling a destination run the table at `revision`, and, when all do and
 * the write's time is known (routing history), how long the slowest took.
 */
export function convergence(reports: readonly SidecarReport[], revision: number | null, writtenAt: number | null = null): Convergence {
  const lagging = reports.filter((r) => revision === null || r.revision !== revision).map((r) => `${r.service}/${r.instance}`);
  const times = reports.map((r) => r.appliedAt ?? null);
  const all = lagging.length === 0 && reports.length > 0 && writtenAt !== null && times.every((t) => t !== null);
  const spread = all ? Math.max(0, Math.max(...(times as number[])) - writtenAt) : null;
  // A sidecar started after the write applies it at its own start: that is its age, not how fast
  // the change spread, so a "spread" past this bound is not shown.
  const spreadMs = spread !== null && spread <= SPREAD_BOUND_MS ? spread : null;
  return { applied: reports.length - lagging.length, total: reports.length, lagging: lagging.sort(), spreadMs };
}

/** When a sidecar's `/routes` says the table for `dst` came into force (ms), or null. */
export function appliedAtFor(routes: unknown, dst: string): number | null {
  const at = upstreamEntry(routes, dst)?.appliedAt;
  const t = typeof at === "string" ? Date.parse(at) : Number.NaN;
  return Number.isFinite(t) ? t : null;
}

/** A sidecar's `/routes` entry for `dst`: null when the answer is not a routes report, undefined when it does not call `dst`. */
function upstreamEntry(routes: unknown, dst: string): { revision?: unknown; appliedAt?: unknown } | null | undefined {
  const upstreams = (routes as { upstreams?: unknown } | null)?.upstreams;
  if (!Array.isArray(upstreams)) return null;
  return upstreams.find((u) => typeof u === "object" && u !== null && (u as { service?: unknown }).service === dst);
}

/**
 * The revision a sidecar's `/routes` document reports for `dst`, or undefined when that sidecar does
 * not call `dst` at all (it is then not counted). Revision 0 means "no key" (the default table).
 */
export function revisionFor(routes: unknown, dst: string): number | null | undefined {
  const entry = upstreamEntry(routes, dst);
  if (entry === null || entry === undefined) return entry;
  return typeof entry.revision === "number" ? entry.revision : null;
}
