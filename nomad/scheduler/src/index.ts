/** @module @forex-mesh/scheduler: Nomad's scheduling decisions as pure functions for the dev agent. */
export { applyPlan, type SchedulerState } from "./apply.js";
export { AllocDesc, DeploymentDesc } from "./constants.js";
export { failDeployment, latestStableVersion, type RevertInstruction, sameJobSpec } from "./deployment.js";
export { defaultIsDestructive, type IsDestructive } from "./destructive.js";
export { type SchedulerError, SchedulerErrorCode } from "./errors.js";
export { type AllocHealth, type AllocHealthInput, allocHealth, type CheckStatus, HealthReason } from "./health.js";
export { allocIndex, allocName } from "./names.js";
export type { DelayedReschedule, DesiredUpdates, FitResult, Fits, InPlaceUpdate, Plan, ReconcileInput, StopRequest } from "./plan.js";
export { type FailResult, failDeploymentByUser, type PromoteInput, type PromoteResult, promoteDeployment } from "./promote.js";
export { reconcile } from "./reconcile.js";
export { nextDelayNs, nextRescheduleTime } from "./reschedule.js";
export { emptyRestartHistory, goDuration, type RestartDecision, type RestartHistory, RestartReason, restartDecision } from "./restart.js";
export { isActiveDeployment, isTerminalAlloc, type JobStatus, jobStatus, summarize } from "./status.js";
export type * from "./types.js";
