/**
 * @module constants: Nomad's exact status strings. Clients (the `nomad` CLI, our console) print
 * and compare these, so they are copied verbatim from nomad `structs` and the scheduler.
 */

/** `Allocation.DesiredDescription` texts (nomad scheduler/structs `StatusAlloc*`). */
export const AllocDesc = {
  NotNeeded: "alloc not needed due to job update",
  Updating: "alloc is being updated due to job update",
  Rescheduled: "alloc was rescheduled because it failed",
  InPlace: "alloc updating in-place",
} as const;

/** `Deployment.StatusDescription` texts (nomad structs `DeploymentStatusDescription*`). */
export const DeploymentDesc = {
  Running: "Deployment is running",
  NeedsPromotion: "Deployment is running but requires manual promotion",
  AutoPromotion: "Deployment is running pending automatic promotion",
  Paused: "Deployment is paused",
  Successful: "Deployment completed successfully",
  StoppedJob: "Cancelled because job is stopped",
  NewerJob: "Cancelled due to newer version of job",
  FailedAllocations: "Failed due to unhealthy allocations",
  ProgressDeadline: "Failed due to progress deadline",
  FailedByUser: "Deployment marked as failed",
} as const;

export function rollbackDesc(base: string, version: number): string {
  return `${base} - rolling back to job version ${version}`;
}

export function rollbackNoopDesc(base: string, version: number): string {
  return `${base} - not rolling back to stable job version ${version} as current job has same specification`;
}

export function noRollbackTargetDesc(base: string): string {
  return `${base} - no stable job version to auto revert to`;
}

/** Description of the blocked eval created when some placements did not fit. */
export const BLOCKED_EVAL_DESC = "created to place remaining allocations";

/** Nomad batches delayed reschedules whose times fall within this window into one follow-up eval. */
export const RESCHEDULE_BATCH_WINDOW_MS = 5_000;
/** A failed alloc whose reschedule time is this close is rescheduled now rather than later. */
export const RESCHEDULE_NOW_WINDOW_MS = 1_000;
/** With `Unlimited` reschedules Nomad keeps only the most recent events in the tracker. */
export const MAX_PAST_RESCHEDULE_EVENTS = 5;

export const ZERO_TIME = "0001-01-01T00:00:00Z";
