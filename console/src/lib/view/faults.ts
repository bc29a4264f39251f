/**
 * @module faults: fault injection from the console (`forex-mesh/faults/<service>`, shape and rules
 * in `@forex-mesh/routing`): added latency and an error ratio for one version, for a bounded time.
 * Every write stores the table pruned of expired entries and validated with the sidecars' own
 * `validateFaultTable`, so the console cannot write what they would refuse.
 */
import { type FaultTable, faultEntrySchema, pruneFaults, validateFaultTable } from "@forex-mesh/routing";
import { z } from "zod";

export const DEFAULT_FAULT_MINUTES = 10;
export const MAX_FAULT_MINUTES = 60;

export const faultRequest = z
  .strictObject({
    version: faultEntrySchema.shape.version,
    latencyMs: faultEntrySchema.shape.latencyMs.default(0),
    errorRatio: faultEntrySchema.shape.errorRatio.default(0),
    minutes: z.number().int("must be a whole number").min(1, "must be 1 or more").max(MAX_FAULT_MINUTES, `must be ${MAX_FAULT_MINUTES} or less`).default(DEFAULT_FAULT_MINUTES),
  })
  .refine((r) => r.latencyMs > 0 || r.errorRatio > 0, { message: "set an added latency or an error ratio (both 0 is no fault)", path: ["latencyMs"] });
export type FaultRequest = z.infer<typeof faultRequest>;

export type Planned<T> = { ok: true; value: T } | { ok: false; message: string };

function validated(table: FaultTable): Planned<FaultTable> {
  const r = validateFaultTable(table);
  return r.ok ? { ok: true, value: r.value } : { ok: false, message: r.error.message };
}

/** The table with `req`'s fault for its version (replacing one already there), expired entries dropped. */
export function planFault(table: FaultTable | null, req: FaultRequest, nowMs: number): Planned<FaultTable> {
  const kept = pruneFaults(table ?? { faults: [] }, nowMs).faults.filter((f) => f.version !== req.version);
  const expiresAt = new Date(nowMs + req.minutes * 60_000).toISOString();
  return validated({ faults: [...kept, { version: req.version, latencyMs: req.latencyMs, errorRatio: req.errorRatio, expiresAt }] });
}

/** The table without `version`'s fault (every fault when `version` is null), expired entries dropped. */
export function planClear(table: FaultTable | null, version: string | null, nowMs: number): Planned<FaultTable> {
  const kept = pruneFaults(table ?? { faults: [] }, nowMs).faults.filter((f) => version !== null && f.version !== version);
  return validated({ faults: kept });
}

export interface ActiveFault {
  service: string;
  version: string;
  latencyMs: number;
  errorRatio: number;
  expiresAt: string;
  secondsLeft: number;
}

/** The faults in force at `nowMs` (no-op entries are not faults: the sidecars ignore them too). */
export function activeFaults(service: string, table: FaultTable | null, nowMs: number): ActiveFault[] {
  return (table?.faults ?? [])
    .filter((f) => Date.parse(f.expiresAt) > nowMs && (f.latencyMs > 0 || f.errorRatio > 0))
    .map((f) => ({ service, version: f.version, latencyMs: f.latencyMs, errorRatio: f.errorRatio, expiresAt: f.expiresAt, secondsLeft: Math.ceil((Date.parse(f.expiresAt) - nowMs) / 1000) }))
    .sort((a, b) => a.version.localeCompare(b.version, undefined, { numeric: true }));
}

/** "+300 ms · 20% errors · 9 min left" */
export function describeFault(f: Pick<ActiveFault, "latencyMs" | "errorRatio" | "secondsLeft">): string {
  const parts: string[] = [];
  if (f.latencyMs > 0) parts.push(`+${f.latencyMs} ms`);
  if (f.errorRatio > 0) parts.push(`${Math.round(f.errorRatio * 1000) / 10}% errors`);
  const left = f.secondsLeft >= 120 ? `${Math.ceil(f.secondsLeft / 60)} min left` : `${Math.max(0, f.secondsLeft)} s left`;
  return `${parts.join(" · ")} · ${left}`;
}

/** "+300ms 20%err 9m": what fits on a topology badge. */
export function describeFaultShort(f: Pick<ActiveFault, "latencyMs" | "errorRatio" | "secondsLeft">): string {
  const parts: string[] = [];
  if (f.latencyMs > 0) parts.push(`+${f.latencyMs}ms`);
  if (f.errorRatio > 0) parts.push(`${Math.round(f.errorRatio * 1000) / 10}%err`);
  parts.push(f.secondsLeft >= 120 ? `${Math.ceil(f.secondsLeft / 60)}m left` : `${Math.max(0, f.secondsLeft)}s left`);
  return parts.join(" ");
}
