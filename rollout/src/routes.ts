/**
 * @module Route table writes: read-modify-CAS-write of `forex-mesh/routes/<service>` (only the split
 * changes), then a best-effort append to `forex-mesh/routing-history/<service>` with actor "rollout".
 * A write that would change nothing is skipped, so re-asserting a weight after a restart leaves
 * neither a new revision nor a history entry.
 */
import { appendHistory, historyKey, parseRouteTable, parseRoutingHistory, type ParseResult, type RouteTable, routeKey } from "@forex-mesh/routing";
import { type ConsulKv, indexOfWrite } from "./consul.js";
import { RolloutError, RolloutErrorCode } from "./errors.js";
import { sameSplit } from "./logic/split.js";

const CAS_ATTEMPTS = 5;

export interface RouteWriteResult {
  /** False when the table already had this split. */
  changed: boolean;
  table: RouteTable;
  /** The route key's ModifyIndex after the write (or as found). */
  revision: number;
}

export interface RouteWriterDeps {
  kv: ConsulKv;
  now: () => number;
  /** Told about a history append that failed; the route change stands. */
  onHistoryError: (error: unknown) => void;
}

/**
 * Applies `plan` (current table or null → new table) with CAS, retrying on a concurrent write.
 * An existing table that does not parse is replaced: the sidecars ignore it anyway, and the rollout
 * must be able to move traffic back.
 */
export async function writeRoutes(deps: RouteWriterDeps, service: string, plan: (table: RouteTable | null) => ParseResult, reason: string): Promise<RouteWriteResult> {
  const key = routeKey(service);
  for (let attempt = 0; attempt < CAS_ATTEMPTS; attempt++) {
    const current = await deps.kv.get(key);
    const parsed = current ? parseRouteTable(current.value) : null;
    const table = parsed?.ok ? parsed.value : null;
    const planned = plan(table);
    if (!planned.ok) throw new RolloutError(RolloutErrorCode.Invalid, `the route table for ${service} would be invalid: ${planned.error.message}`);
    if (table && current && sameSplit(table.split, planned.value.split)) return { changed: false, table, revision: current.modifyIndex };
    const text = JSON.stringify(planned.value);
    // The history says when the write was made (the console measures the sidecars' apply time from it).
    const writtenAt = deps.now();
    if (await deps.kv.put(key, text, current?.modifyIndex ?? 0)) {
      const revision = await indexOfWrite(deps.kv, key, text);
      await appendRoutingHistory(deps, service, planned.value, reason, revision, writtenAt);
      return { changed: true, table: planned.value, revision: revision ?? 0 };
    }
  }
  throw new RolloutError(RolloutErrorCode.Conflict, `the route table for ${service} kept changing under ${CAS_ATTEMPTS} check-and-set writes`);
}

async function appendRoutingHistory(deps: RouteWriterDeps, service: string, table: RouteTable, reason: string, revision: number | undefined, writtenAt: number): Promise<void> {
  const key = historyKey(service);
  const entry = { at: new Date(writtenAt).toISOString(), split: table.split, actor: "rollout", reason: reason.slice(0, 500), ...(revision === undefined ? {} : { revision }) };
  try {
    for (let attempt = 0; attempt < CAS_ATTEMPTS; attempt++) {
      const current = await deps.kv.get(key);
      const parsed = current ? parseRoutingHistory(current.value) : null;
      // Someone else's unreadable history is left for a person to look at, not overwritten.
      if (parsed && !parsed.ok) throw new RolloutError(RolloutErrorCode.Invalid, `routing history of ${service} is unreadable (${parsed.error.message}); entry not appended`);
      const next = appendHistory(parsed?.ok ? parsed.value : null, entry);
      if (await deps.kv.put(key, JSON.stringify(next), current?.modifyIndex ?? 0)) return;
    }
    throw new RolloutError(RolloutErrorCode.Conflict, `routing history of ${service} kept changing under ${CAS_ATTEMPTS} check-and-set writes`);
  } catch (error) {
    deps.onHistoryError(error);
  }
}
