/**
 * @module server/routing-history: the stored routing history (`forex-mesh/routing-history/<service>`,
 * shape in `@forex-mesh/routing`). Every weight write by the console appends an entry after the
 * route table was written: read, append, check-and-set, a few tries on a conflict (the rollout
 * controller appends to the same key). Best effort: a failed append is logged, it never fails the
 * route change that already happened.
 */
import { appendHistory, type HistoryEntry, historyKey, parseRoutingHistory, type RoutingHistory } from "@forex-mesh/routing";
import type { Backends } from "./backends";

const TRIES = 4;

export async function readRoutingHistory(b: Backends, service: string): Promise<RoutingHistory | null> {
  const kv = await b.kvGet(historyKey(service));
  if (!kv) return null;
  const parsed = parseRoutingHistory(kv.value);
  return parsed.ok ? parsed.value : null;
}

export async function recordRouting(
  b: Backends,
  service: string,
  entry: Omit<HistoryEntry, "at" | "actor">,
  nowMs: number,
  log: (message: string) => void = (m) => console.warn(m),
): Promise<boolean> {
  const full: HistoryEntry = { at: new Date(nowMs).toISOString(), actor: "console", ...entry };
  try {
    for (let i = 0; i < TRIES; i++) {
      const kv = await b.kvGet(historyKey(service));
      const parsed = kv ? parseRoutingHistory(kv.value) : null;
      // An unreadable history cannot be appended to; starting afresh beats never recording again.
      if (parsed && !parsed.ok) log(`forex-console: routing history of ${service} was invalid (${parsed.error.message}); starting a new one`);
      const next = appendHistory(parsed?.ok ? parsed.value : null, full);
      if (await b.kvPut(historyKey(service), JSON.stringify(next), kv?.modifyIndex ?? 0)) return true;
    }
    log(`forex-console: routing history of ${service} not appended: ${TRIES} check-and-set conflicts`);
  } catch (error) {
    log(`forex-console: routing history of ${service} not appended: ${error instanceof Error ? error.message : String(error)}`);
  }
  return false;
}
