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

// Probe paths, exempt as in service-kit's app-level knob (lib/service-kit/src/faults.ts, exact
// path, any method): callers' readiness checks reach /readyz through the mesh, and a latency fault
// there would fail their readiness and empty the edge instead of testing this version.
const EXEMPT_PATHS = new Set(["/healthz", "/readyz"]);

/** Whether fault injection leaves this request alone: its path (query aside) is a health endpoint. */
export function isFaultExempt(url: string): boolean {
  const q = url.indexOf("?");
  return EXEMPT_PATHS.has(q === -1 ? url : url.slice(0, q));
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
