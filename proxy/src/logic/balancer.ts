/**
 * @module Endpoint choice: power of two choices on outstanding requests, EWMA latency as the
 * tiebreaker (as Finagle/Linkerd 1 do). Pure over a minimal view of an endpoint.
 */

export interface LoadView {
  outstanding: number;
  /** Smoothed latency in ms; 0 before the first response. */
  ewmaMs: number;
}

/**
 * Picks one of `candidates` (non-empty) using two random numbers in [0, 1). With two distinct picks
 * the one with fewer outstanding requests wins; equal outstanding → lower EWMA; equal → the first.
 */
export function pickP2C<T extends LoadView>(candidates: readonly T[], r1: number, r2: number): T {
  const n = candidates.length;
  if (n === 1) return candidates[0]!;
  const i = Math.floor(r1 * n);
  // Draw the second from the other n-1 slots so the two picks are always distinct.
  let j = Math.floor(r2 * (n - 1));
  if (j >= i) j += 1;
  const a = candidates[i]!;
  const b = candidates[j]!;
  if (a.outstanding !== b.outstanding) return a.outstanding < b.outstanding ? a : b;
  return b.ewmaMs < a.ewmaMs ? b : a;
}

/** Moves the EWMA towards `sampleMs`; the first sample sets it. `alpha` in (0, 1]. */
export function updateEwma(previousMs: number, sampleMs: number, alpha = 0.3): number {
  return previousMs === 0 ? sampleMs : previousMs + alpha * (sampleMs - previousMs);
}
