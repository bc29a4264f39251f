/**
 * @module Fault injection decision for one ingress request: pure over the fault entry in force and
 * one random number, so a test can pin both the entry and the dice.
 */
import type { FaultEntry } from "@forex-mesh/routing";

export interface FaultDecision {
  /** Added latency before the request goes on (or fails). */
  delayMs: number;
  /** Answer 500 FAULT_INJECTED instead of calling the app. */
  fail: boolean;
}

/** What to do to a request given the entry for this version (null: none in force) and `rand` in [0, 1). */
export function decideFault(entry: FaultEntry | null, rand: number): FaultDecision | null {
  if (entry === null) return null;
  // rand < ratio: a ratio of 1 always fails (rand < 1), a ratio of 0 never does.
  return { delayMs: entry.latencyMs, fail: rand < entry.errorRatio };
}

/** The injected 500's message: names the key, so whoever sees it knows where the fault came from. */
export function faultMessage(key: string, entry: FaultEntry): string {
  return `fault injected by ${key} (${entry.version}, error ratio ${entry.errorRatio}, until ${entry.expiresAt})`;
}
