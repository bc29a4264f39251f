/**
 * @module server/faults: reads and writes `forex-mesh/faults/<service>` with check-and-set. A write
 * changes one version's entry only, so on a conflict it re-reads and re-plans (a few tries) instead
 * of asking the operator to retry: nobody else's entry is overwritten.
 */
import { type FaultTable, faultKey, parseFaultTable } from "@forex-mesh/routing";
import { type ActiveFault, activeFaults, type FaultRequest, type Planned, planClear, planFault } from "../view/faults";
import type { Backends } from "./backends";
import { ConsoleError, ConsoleErrorCode } from "./errors";

const TRIES = 4;

export async function readFaults(b: Backends, service: string): Promise<{ table: FaultTable | null; modifyIndex: number; error: string | null }> {
  const kv = await b.kvGet(faultKey(service));
  if (!kv) return { table: null, modifyIndex: 0, error: null };
  const parsed = parseFaultTable(kv.value);
  return parsed.ok ? { table: parsed.value, modifyIndex: kv.modifyIndex, error: null } : { table: null, modifyIndex: kv.modifyIndex, error: parsed.error.message };
}

export async function serviceFaults(b: Backends, service: string, nowMs: number): Promise<ActiveFault[]> {
  return activeFaults(service, (await readFaults(b, service)).table, nowMs);
}

async function write(b: Backends, service: string, plan: (table: FaultTable | null) => Planned<FaultTable>, nowMs: number): Promise<ActiveFault[]> {
  if ((await b.health(service)).length === 0) throw new ConsoleError(ConsoleErrorCode.NotFound, `no service "${service}" in Consul`);
  for (let i = 0; i < TRIES; i++) {
    // An invalid stored table is replaced: the sidecars ignore it anyway, and clearing must always work.
    const { table, modifyIndex } = await readFaults(b, service);
    const next = plan(table);
    if (!next.ok) throw new ConsoleError(ConsoleErrorCode.InvalidInput, `fault table: ${next.message}`);
    if (await b.kvPut(faultKey(service), JSON.stringify(next.value), modifyIndex)) return activeFaults(service, next.value, nowMs);
  }
  throw new ConsoleError(ConsoleErrorCode.Conflict, `the fault table of ${service} kept changing (${TRIES} check-and-set conflicts); retry`);
}

export function setFault(b: Backends, service: string, req: FaultRequest, nowMs: number): Promise<ActiveFault[]> {
  return write(b, service, (t) => planFault(t, req, nowMs), nowMs);
}

export function clearFault(b: Backends, service: string, version: string | null, nowMs: number): Promise<ActiveFault[]> {
  return write(b, service, (t) => planClear(t, version, nowMs), nowMs);
}
