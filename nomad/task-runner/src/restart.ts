/**
 * @module restart: the default restart decision, after Nomad's client `RestartTracker.GetState`.
 * Within one `Interval` window a task may restart `Attempts` times, each after `Delay` plus up to
 * 25 % jitter; past that, mode `fail` gives up and mode `delay` waits for the window to end.
 * The signature matches `@forex-mesh/scheduler`'s `restartDecision`, so the dev agent can pass
 * that one in instead.
 */
import type { RestartPolicy } from "./types.js";

export interface RestartHistory {
  /** Unix ms when the current window opened; null before the first exit. */
  windowStartMs: number | null;
  /** Restarts counted in the current window. */
  count: number;
}

export const emptyRestartHistory: RestartHistory = { windowStartMs: null, count: 0 };

export type RestartDecision =
  | { action: "restart"; delayMs: number; reason: string; history: RestartHistory }
  | { action: "wait"; untilMs: number; reason: string; history: RestartHistory }
  | { action: "fail"; reason: string; history: RestartHistory }
  | { action: "complete"; reason: string; history: RestartHistory };

export interface RestartOptions {
  exitSuccessful?: boolean;
  /** `service`/`system` tasks restart even after a clean exit; batch ones complete. */
  jobType?: string;
  /** In [0, 1): scales the up-to-25 % jitter Nomad adds to `Delay`. */
  jitter?: number;
}

export type RestartDecider = (
  policy: RestartPolicy,
  history: RestartHistory,
  nowMs: number,
  options?: RestartOptions,
) => RestartDecision;

export const RestartReason = {
  WithinPolicy: "Restart within policy",
  NoRestartsAllowed: "Policy allows no restarts",
  Delay: "Exceeded allowed attempts, applying a delay",
  Completed: "Restart unnecessary as task terminated successfully",
} as const;

/** Nomad's defaults for service jobs (§A4). */
export const DEFAULT_SERVICE_RESTART: RestartPolicy = {
  Attempts: 2,
  Interval: 30 * 60 * 1e9,
  Delay: 15e9,
  Mode: "fail",
};

function goNs(ns: number): string {
  const s = ns / 1e9;
  const h = Math.floor(s / 3600);
  const m = Math.floor((s - h * 3600) / 60);
  const sec = Number((s - h * 3600 - m * 60).toFixed(3));
  if (h > 0) return `${h}h${m}m${sec}s`;
  if (m > 0) return `${m}m${sec}s`;
  return `${sec}s`;
}

export const defaultRestartDecision: RestartDecider = (policy, history, nowMs, options = {}) => {
  const batch = options.jobType === "batch" || options.jobType === "sysbatch";
  if (batch && options.exitSuccessful === true) {
    return { action: "complete", reason: RestartReason.Completed, history };
  }
  if (policy.Attempts === 0) return { action: "fail", reason: RestartReason.NoRestartsAllowed, history };
  const intervalMs = policy.Interval / 1e6;
  let { windowStartMs, count } = history;
  if (windowStartMs === null || nowMs > windowStartMs + intervalMs) {
    windowStartMs = nowMs;
    count = 0;
  }
  count += 1;
  const next: RestartHistory = { windowStartMs, count };
  if (count > policy.Attempts) {
    if (policy.Mode === "delay") {
      return { action: "wait", untilMs: windowStartMs + intervalMs, reason: RestartReason.Delay, history: next };
    }
    const reason = `Exceeded allowed attempts ${policy.Attempts} in interval ${goNs(policy.Interval)} and mode is "fail"`;
    return { action: "fail", reason, history: next };
  }
  const delayMs = policy.Delay / 1e6;
  const jitter = Math.floor(delayMs * 0.25 * Math.min(Math.max(options.jitter ?? 0, 0), 0.999));
  return { action: "restart", delayMs: delayMs + jitter, reason: RestartReason.WithinPolicy, history: next };
};
