/**
 * @module Endpoint choice: power of two choices on outstanding requests, peak-EWMA latency as the
 * tiebreaker (as Finagle/Linkerd do). Pure over a minimal view of an endpoint; the clock comes in.
 *
 * Peak EWMA in the style of Finagle's `PeakEwma` (tower's in Linkerd 2): a sample above the
 * estimate replaces it at once, a lower one pulls it down by a share, and while nothing is measured
 * the estimate decays toward 0, the value of an endpoint never measured, with a time constant. The decay is what keeps a slower endpoint in play at low concurrency: with a plain
 * EWMA, once it lost the tiebreak it was never picked again, so its estimate never changed and it
 * starved even after it got fast. Now its estimate sinks until it wins a tiebreak, one request
 * measures it afresh, and it stays (it is fast again) or climbs straight back (it is not).
 */

/** Finagle's and Linkerd's default decay time constant. */
export const DEFAULT_DECAY_MS = 10_000;

export interface LoadView {
  outstanding: number;
  /** Latency estimate in ms as of `ewmaAt`; 0 before the first response. */
  ewmaMs: number;
  /** Clock reading (ms) of the estimate's last update. */
  ewmaAt: number;
}

/** The estimate as of `now`: decayed toward 0 since its last update, with time constant `decayMs`. */
export function currentEwma(view: LoadView, now: number, decayMs = DEFAULT_DECAY_MS): number {
  if (view.ewmaMs === 0) return 0;
  const elapsed = now - view.ewmaAt;
  return elapsed <= 0 ? view.ewmaMs : view.ewmaMs * Math.exp(-elapsed / decayMs);
}

/** How far one lower sample pulls the estimate down (the smoothing the plain EWMA used). */
export const DEFAULT_ALPHA = 0.3;

/**
 * The estimate after a latency sample at `now`; the caller stores it with `ewmaAt = now`. It starts
 * from the estimate as of `now` (idle time has decayed it). A sample above that is taken as is
 * (react to a slowdown at once); a lower one pulls it down by `alpha`, so one quick answer does
 * not erase a slow streak. Unlike Finagle, which weighs a lower sample by the time since the last
 * one, a decayed estimate is not pulled back up by a sample equal to it: an endpoint that was slow
 * and is fast again is measured at its new speed by its first probe.
 */
export function observeLatency(view: LoadView, sampleMs: number, now: number, decayMs = DEFAULT_DECAY_MS, alpha = DEFAULT_ALPHA): number {
  const current = currentEwma(view, now, decayMs);
  if (current === 0 || sampleMs >= current) return sampleMs;
  return current + alpha * (sampleMs - current);
}

/**
 * Picks one of `candidates` (non-empty) using two random numbers in [0, 1). With two distinct picks
 * the one with fewer outstanding requests wins; equal outstanding → lower estimate as of `now`;
 * equal → the first.
 */
export function pickP2C<T extends LoadView>(candidates: readonly T[], r1: number, r2: number, now: number, decayMs = DEFAULT_DECAY_MS): T {
  const n = candidates.length;
  if (n === 1) return candidates[0]!;
  const i = Math.floor(r1 * n);
  // Draw the second from the other n-1 slots so the two picks are always distinct.
  let j = Math.floor(r2 * (n - 1));
  if (j >= i) j += 1;
  const a = candidates[i]!;
  const b = candidates[j]!;
  if (a.outstanding !== b.outstanding) return a.outstanding < b.outstanding ? a : b;
  return currentEwma(b, now, decayMs) < currentEwma(a, now, decayMs) ? b : a;
}
