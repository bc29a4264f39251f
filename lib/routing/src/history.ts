/**
 * @module The routing history of one service, at Consul KV `forex-mesh/routing-history/<service>`:
 * every weight change a writer made (the console, the rollout controller), newest last, capped.
 * The route table itself keeps only the present, and the sidecars must not have to skip a past
 * they do not use; charts and the history page read this key for their markers.
 *
 * @example
 * { "entries": [{ "at": "2026-11-25T02:10:00.000Z", "split": [{ "version": "v1", "weight": 90 },
 *   { "version": "v2", "weight": 10 }], "actor": "console", "reason": "weight button" }] }
 */
import { z } from "zod";
import { splitEntrySchema } from "./schema.js";

export const HISTORY_PREFIX = "forex-mesh/routing-history/";
export const HISTORY_CAP = 200;

export function historyKey(service: string): string {
  return `${HISTORY_PREFIX}${service}`;
}

export const historyEntrySchema = z.strictObject({
  at: z.iso.datetime({ offset: true, message: "must be an ISO 8601 date-time" }),
  split: z.array(splitEntrySchema).min(1).max(16),
  /** Who changed it: "console", "rollout", "cli"… */
  actor: z.string().min(1).max(64),
  /** Why, in a few words: "weight button", "rollout step 2 of 4 passed", "rollback: canary success 0.79 < 0.99". */
  reason: z.string().max(500).optional(),
  /** The route table key's ModifyIndex after the change, when known: ties the entry to a revision. */
  revision: z.number().int().min(0).optional(),
});

export const routingHistorySchema = z.strictObject({ entries: z.array(historyEntrySchema).max(HISTORY_CAP) });

export type HistoryEntry = z.infer<typeof historyEntrySchema>;
export type RoutingHistory = z.infer<typeof routingHistorySchema>;

/** The history with `entry` appended, oldest entries dropped beyond `cap`. */
export function appendHistory(history: RoutingHistory | null, entry: HistoryEntry, cap = HISTORY_CAP): RoutingHistory {
  const entries = [...(history?.entries ?? []), entry];
  return { entries: entries.slice(Math.max(0, entries.length - cap)) };
}
