/**
 * @module types: the server-shape records the scheduler reads and writes, a structural subset of
 * Nomad's `structs` (docs: nomad-consul-api.md §A3–§A5). Field names are Nomad's so the dev agent
 * can hand its own records straight in; the index signatures let richer records through unchanged.
 *
 * Units, as in Nomad's JSON: durations are integer nanoseconds, `*Time` fields are Unix
 * nanoseconds, Go `time.Time` fields (`Timestamp`, `RequireProgressBy`, `StartedAt`, `FinishedAt`,
 * `WaitUntil`) are RFC 3339 strings. The clock passed to the scheduler is `nowMs` (Unix ms).
 */

export type JobType = "service" | "batch" | "system" | "sysbatch";

export interface UpdateStrategy {
  MaxParallel: number;
  HealthCheck: "checks" | "task_states" | "manual" | string;
  MinHealthyTime: number;
  HealthyDeadline: number;
  ProgressDeadline: number;
  AutoRevert: boolean;
  AutoPromote: boolean;
  Canary: number;
  Stagger?: number;
}

export interface ReschedulePolicy {
  Attempts: number;
  Interval: number;
  Delay: number;
  DelayFunction: "constant" | "exponential" | "fibonacci" | string;
  MaxDelay: number;
  Unlimited: boolean;
}

export interface RestartPolicy {
  Attempts: number;
  Interval: number;
  Delay: number;
  Mode: "fail" | "delay" | string;
  RenderTemplates?: boolean;
}

export interface TaskLifecycle {
  Hook: "prestart" | "poststart" | "poststop" | string;
  Sidecar: boolean;
}

export interface Task {
  Name: string;
  Driver?: string;
  Lifecycle?: TaskLifecycle | null;
  [field: string]: unknown;
}

export interface TaskGroup {
  Name: string;
  Count: number;
  Update?: UpdateStrategy | null;
  ReschedulePolicy?: ReschedulePolicy | null;
  RestartPolicy?: RestartPolicy | null;
  Tasks: Task[];
  [field: string]: unknown;
}

export interface Job {
  ID: string;
  Name?: string;
  Namespace: string;
  Type: JobType | string;
  Priority: number;
  Version: number;
  Stop?: boolean;
  Stable?: boolean;
  CreateIndex?: number;
  JobModifyIndex?: number;
  Meta?: Record<string, string> | null;
  Periodic?: { Enabled?: boolean } | null;
  ParameterizedJob?: unknown;
  TaskGroups: TaskGroup[];
  [field: string]: unknown;
}

export type DesiredStatus = "run" | "stop" | "evict";
export type ClientStatus = "pending" | "running" | "complete" | "failed" | "lost" | "unknown";

export interface TaskState {
  State: "pending" | "running" | "dead" | string;
  Failed: boolean;
  Restarts?: number;
  StartedAt?: string;
  FinishedAt?: string;
  [field: string]: unknown;
}

export interface AllocDeploymentStatus {
  Healthy: boolean | null;
  Timestamp: string;
  Canary: boolean;
  ModifyIndex?: number;
}

export interface RescheduleEvent {
  RescheduleTime: number;
  PrevAllocID: string;
  PrevNodeID: string;
  Delay: number;
}

export interface RescheduleTracker {
  Events: RescheduleEvent[];
}

export interface Allocation {
  ID: string;
  EvalID: string;
  Name: string;
  Namespace: string;
  JobID: string;
  JobVersion: number;
  TaskGroup: string;
  DeploymentID: string;
  DesiredStatus: DesiredStatus | string;
  DesiredDescription: string;
  ClientStatus: ClientStatus | string;
  ClientDescription: string;
  TaskStates: Record<string, TaskState> | null;
  DeploymentStatus: AllocDeploymentStatus | null;
  RescheduleTracker: RescheduleTracker | null;
  FollowupEvalID: string;
  NextAllocation: string;
  PreviousAllocation: string;
  CreateTime: number;
  ModifyTime: number;
  [field: string]: unknown;
}

export type DeploymentStatusValue =
  | "running"
  | "paused"
  | "failed"
  | "successful"
  | "cancelled"
  | "pending"
  | "blocked"
  | "unblocking"
  | "initializing";

export interface DeploymentState {
  AutoRevert: boolean;
  AutoPromote: boolean;
  ProgressDeadline: number;
  RequireProgressBy: string;
  Promoted: boolean;
  PlacedCanaries: string[];
  DesiredCanaries: number;
  DesiredTotal: number;
  PlacedAllocs: number;
  HealthyAllocs: number;
  UnhealthyAllocs: number;
}

export interface Deployment {
  ID: string;
  Namespace: string;
  JobID: string;
  JobVersion: number;
  JobModifyIndex: number;
  JobSpecModifyIndex: number;
  JobCreateIndex: number;
  IsMultiregion: boolean;
  TaskGroups: Record<string, DeploymentState>;
  Status: DeploymentStatusValue | string;
  StatusDescription: string;
  EvalPriority: number;
  CreateTime: number;
  ModifyTime: number;
  [field: string]: unknown;
}

export type EvalStatus = "pending" | "complete" | "failed" | "canceled" | "blocked";

export interface AllocationMetric {
  NodesEvaluated: number;
  NodesFiltered: number;
  NodesAvailable: Record<string, number>;
  NodesExhausted: number;
  ClassFiltered: Record<string, number> | null;
  ConstraintFiltered: Record<string, number> | null;
  ClassExhausted: Record<string, number> | null;
  DimensionExhausted: Record<string, number> | null;
  QuotaExhausted: string[] | null;
  CoalescedFailures: number;
  AllocationTime: number;
}

export interface Evaluation {
  ID: string;
  Namespace: string;
  Priority: number;
  Type: string;
  TriggeredBy: string;
  JobID: string;
  JobModifyIndex: number;
  DeploymentID: string;
  Status: EvalStatus | string;
  StatusDescription: string;
  Wait: number;
  WaitUntil: string;
  NextEval: string;
  PreviousEval: string;
  BlockedEval: string;
  FailedTGAllocs: Record<string, AllocationMetric> | null;
  QueuedAllocations: Record<string, number> | null;
  CreateTime: number;
  ModifyTime: number;
  [field: string]: unknown;
}

export interface TaskGroupSummary {
  Queued: number;
  Complete: number;
  Failed: number;
  Running: number;
  Starting: number;
  Lost: number;
  Unknown: number;
}

export interface JobSummary {
  JobID: string;
  Namespace: string;
  Summary: Record<string, TaskGroupSummary>;
  Children: { Pending: number; Running: number; Dead: number };
  CreateIndex: number;
  ModifyIndex: number;
}
