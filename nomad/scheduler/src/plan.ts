/**
 * @module plan: what one reconcile pass decides. The caller applies it to its store (see
 * `applyPlan` for the reference semantics), then acts: start the placed allocs, stop the stopped
 * ones, store the evaluations, register the revert version, mark the job version stable.
 */
import type { RevertInstruction } from "./deployment.js";
import type { IsDestructive } from "./destructive.js";
import type { Allocation, Deployment, Evaluation, Job, RescheduleTracker, TaskGroup } from "./types.js";

/** Whether one more alloc of `group` fits on the node (`placedSoFar` already planned this pass). */
export type FitResult = { ok: true } | { ok: false; dimension: string };
export type Fits = (group: TaskGroup, placedSoFar: number) => FitResult;

export interface ReconcileInput {
  /** The job's current version. */
  job: Job;
  /** Every stored version of the job, any order (the current one may be included). */
  versions: Job[];
  /** Every allocation of the job, terminal ones included. */
  allocs: Allocation[];
  /** The job's latest deployment, if any. */
  deployment: Deployment | null;
  /** The evaluation being processed (created by the caller, usually `pending`). */
  eval: { ID: string; TriggeredBy: string; Priority?: number; JobModifyIndex?: number; CreateTime?: number };
  /** Unix milliseconds. */
  nowMs: number;
  newId: () => string;
  isDestructive?: IsDestructive;
  fits?: Fits;
}

export interface StopRequest {
  AllocID: string;
  Name: string;
  TaskGroup: string;
  DesiredDescription: string;
  /** The replacement's ID, when this alloc is being rescheduled. */
  NextAllocation?: string;
}

export interface InPlaceUpdate {
  AllocID: string;
  JobVersion: number;
  /** The deployment the alloc now belongs to; its health is judged afresh when this changes. */
  DeploymentID: string;
}

export interface DelayedReschedule {
  /** The failed alloc that will be replaced. */
  AllocID: string;
  Name: string;
  TaskGroup: string;
  WaitUntil: string;
  waitUntilMs: number;
  FollowupEvalID: string;
  /** The tracker the replacement will carry when placed at `WaitUntil`. */
  RescheduleTracker: RescheduleTracker;
}

/** Per group, what the plan does (Nomad's `DesiredUpdates`, shown by `nomad job plan`). */
export interface DesiredUpdates {
  Ignore: number;
  Place: number;
  Migrate: number;
  Stop: number;
  InPlaceUpdate: number;
  DestructiveUpdate: number;
  Canary: number;
  Preemptions: number;
}

export interface Plan {
  /** New allocation records (`DesiredStatus: run`, `ClientStatus: pending`). */
  place: Allocation[];
  stop: StopRequest[];
  inPlace: InPlaceUpdate[];
  /** Failed allocs annotated with the follow-up eval that will replace them. */
  annotate: Array<{ AllocID: string; FollowupEvalID: string }>;
  /** Canaries promoted in this pass (auto-promote): `DeploymentStatus.Canary` becomes false. */
  promotedCanaries: string[];
  delayed: DelayedReschedule[];
  /** Deployments created or changed, as full records to upsert. */
  deployments: Deployment[];
  /** The deployment this evaluation created or continued ("" when none). */
  deploymentId: string;
  /** The evaluation, now `complete`. */
  evaluation: Evaluation;
  /** Follow-up evals to store: delayed reschedules (`pending` with `WaitUntil`) and a blocked eval. */
  followupEvals: Evaluation[];
  /** Auto-revert: register this old version again as a new version. */
  revert: RevertInstruction | null;
  /** The deployment succeeded: mark this job version stable. */
  markStable: { JobID: string; Namespace: string; JobVersion: number } | null;
  desiredUpdates: Record<string, DesiredUpdates>;
}

export function emptyDesiredUpdates(): DesiredUpdates {
  return { Ignore: 0, Place: 0, Migrate: 0, Stop: 0, InPlaceUpdate: 0, DestructiveUpdate: 0, Canary: 0, Preemptions: 0 };
}
