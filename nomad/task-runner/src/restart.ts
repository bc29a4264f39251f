/**
 * @module restart: the runner's restart decision is the scheduler's pure `restartDecision`
 * (after Nomad's client `RestartTracker.GetState`), so the agent and the runner cannot disagree
 * about a policy. The decider stays injectable for tests that script exits.
 */
import { type RestartDecision, type RestartHistory, restartDecision } from "@forex-mesh/scheduler";
import type { RestartPolicy } from "./types.js";

export { emptyRestartHistory, type RestartDecision, type RestartHistory, RestartReason } from "@forex-mesh/scheduler";

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

/** Nomad's defaults for service jobs (§A4). */
export const DEFAULT_SERVICE_RESTART: RestartPolicy = {
  Attempts: 2,
  Interval: 30 * 60 * 1e9,
  Delay: 15e9,
  Mode: "fail",
};

export const defaultRestartDecision: RestartDecider = restartDecision;
