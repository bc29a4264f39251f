/**
 * @module The fault table of one service, at Consul KV `forex-mesh/faults/<service>`: added latency
 * and a share of errors per version, applied by that version's sidecars on ingress, so any
 * version can be made bad on purpose (to watch a rollout catch it). Every entry expires: a fault
 * left behind by a forgotten demo must not stay in force.
 *
 * @example
 * { "faults": [{ "version": "v3", "latencyMs": 0, "errorRatio": 0.2,
 *                "expiresAt": "2026-11-25T03:00:00.000Z" }] }
 */
import { z } from "zod";

export const FAULTS_PREFIX = "forex-mesh/faults/";
/** The longest a fault may be set for: one hour. */
export const MAX_FAULT_MS = 3_600_000;

export function faultKey(service: string): string {
  return `${FAULTS_PREFIX}${service}`;
}

// Health endpoints are never faulted, by the sidecars' injection nor the services' own knob (exact
// path, any method): callers' readiness checks reach /readyz through the mesh, and a latency fault
// there would fail their readiness and empty the edge instead of testing this version.
const EXEMPT_PATHS: ReadonlySet<string> = new Set(["/healthz", "/readyz"]);

/** Whether fault injection leaves a request alone: its path (query aside) is a health endpoint. */
export function isFaultExempt(pathAndQuery: string): boolean {
  const q = pathAndQuery.indexOf("?");
  return EXEMPT_PATHS.has(q === -1 ? pathAndQuery : pathAndQuery.slice(0, q));
}

export const faultEntrySchema = z.strictObject({
  version: z
    .string()
    .min(1, "must name a version")
    .max(64)
    .regex(/^[A-Za-z0-9._-]+$/, "may hold only letters, digits, '.', '_' and '-'"),
  latencyMs: z.number().int("must be a whole number").min(0, "must be 0 or more").max(30_000, "must be 30000 or less"),
  errorRatio: z.number().min(0, "must be between 0 and 1").max(1, "must be between 0 and 1"),
  expiresAt: z.iso.datetime({ offset: true, message: "must be an ISO 8601 date-time" }),
});

export const faultTableSchema = z
  .strictObject({ faults: z.array(faultEntrySchema).max(16) })
  .superRefine((table, ctx) => {
    const seen = new Set<string>();
    for (const [i, entry] of table.faults.entries()) {
      if (seen.has(entry.version)) {
        ctx.addIssue({ code: "custom", path: ["faults", i, "version"], message: `version "${entry.version}" appears twice` });
      }
      seen.add(entry.version);
    }
  });

export type FaultEntry = z.infer<typeof faultEntrySchema>;
export type FaultTable = z.infer<typeof faultTableSchema>;

/** The fault in force for `version` at `nowMs`, or null (none, expired, or a no-op entry). */
export function activeFault(table: FaultTable | null, version: string, nowMs: number): FaultEntry | null {
  const entry = table?.faults.find((f) => f.version === version);
  if (!entry) return null;
  if (Date.parse(entry.expiresAt) <= nowMs) return null;
  if (entry.latencyMs === 0 && entry.errorRatio === 0) return null;
  return entry;
}

/** The table without expired entries: what a writer stores back so old entries do not pile up. */
export function pruneFaults(table: FaultTable, nowMs: number): FaultTable {
  return { faults: table.faults.filter((f) => Date.parse(f.expiresAt) > nowMs) };
}
