/**
 * @module restart: what to do when a task exits, after Nomad's client `RestartTracker.GetState`
 * (client/allocrunner/taskrunner/restarts). Within one `Interval` window a task may restart
 * `Attempts` times, each after `Delay` (plus optional jitter); past that, mode `fail` gives up
 * (the alloc fails and rescheduling takes over) and mode `delay` waits for the window to end.
 */
import { nsToMs } from "./time.js";
import type { RestartPolicy } from "./types.js";

/** The restart window of one task, kept by the caller between decisions. */
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
  /** The exit was successful (code 0). Batch tasks then complete instead of restarting. */
  exitSuccessful?: boolean;
  /** `service`/`system` tasks restart even after a clean exit, batch ones do not. */
  jobType?: string;
  /** A number in [0, 1) scaling the up-to-25% jitter Nomad adds to `Delay`; default 0 (none). */
  jitter?: number;
}

// Nomad's texts for the task event `RestartReason`.
export const RestartReason = {
  WithinPolicy: "Restart within policy",
  NoRestartsAllowed: "Policy allows no restarts",
  Delay: "Exceeded allowed attempts, applying a delay",
  Completed: "Task completed successfully",
} as const;

/** Go's `time.Duration.String()` for whole milliseconds and up: `30m0s`, `1h0m0s`, `1.5s`, `250ms`. */
export function goDuration(ns: number): string {
  if (ns === 0) return "0s";
  if (ns < 1_000_000_000) return `${ns / 1_000_000}ms`;
  const totalSeconds = ns / 1_000_000_000;
  const hours = Math.floor(totalSeconds / 3600);
  const minutes = Math.floor((totalSeconds - hours * 3600) / 60);
  const seconds = Number((totalSeconds - hours * 3600 - minutes * 60).toFixed(9));
  if (hours > 0) return `${hours}h${minutes}m${seconds}s`;
  if (minutes > 0) return `${minutes}m${seconds}s`;
  return `${seconds}s`;
}

function exceededReason(policy: RestartPolicy): string {
  return `Exceeded allowed attempts ${policy.Attempts} in interval ${goDuration(policy.Interval)} and mode is "fail"`;
}

export function restartDecision(
  policy: RestartPolicy,
  history: RestartHistory,
  nowMs: number,
  options: RestartOptions = {},
): RestartDecision {
  const batch = options.jobType === "batch" || options.jobType === "sysbatch";
  if (batch && options.exitSuccessful === true) {
    return { action: "complete", reason: RestartReason.Completed, history };
  }
  if (policy.Attempts === 0) {
    return { action: "fail", reason: RestartReason.NoRestartsAllowed, history };
  }
  const intervalMs = nsToMs(policy.Interval);
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
    return { action: "fail", reason: exceededReason(policy), history: next };
  }
  const delayMs = nsToMs(policy.Delay);
  const jitter = Math.floor(delayMs * 0.25 * Math.min(Math.max(options.jitter ?? 0, 0), 1));
  return { action: "restart", delayMs: delayMs + jitter, reason: RestartReason.WithinPolicy, history: next };
}
