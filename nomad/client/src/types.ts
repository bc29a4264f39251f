/**
 * @module types: Nomad HTTP response shapes (API reference Part A). Every field is optional because
 * Nomad omits zero values on several structs and a dev agent may fill fewer fields than a cluster.
 * Times named `*Time` are Unix nanoseconds; Go `time.Time` fields are RFC 3339 strings.
 */
import type { Job, JobDiff } from "@forex-mesh/jobspec";

export type { Job, JobDiff };

export interface JobRegisterResponse {
  EvalID?: string;
  EvalCreateIndex?: number;
  JobModifyIndex?: number;
  Warnings?: string;
  Index?: number;
}

export interface JobDeregisterResponse {
  EvalID?: string;
  EvalCreateIndex?: number;
  JobModifyIndex?: number;
  Index?: number;
}

export interface TaskGroupSummary {
  Queued?: number;
  Complete?: number;
  Failed?: number;
  Running?: number;
  Starting?: number;
  Lost?: number;
  Unknown?: number;
}

export interface JobSummary {
  JobID?: string;
  Namespace?: string;
  Summary?: Record<string, TaskGroupSummary>;
  Children?: { Pending?: number; Running?: number; Dead?: number } | null;
  CreateIndex?: number;
  ModifyIndex?: number;
}

export interface JobListStub {
  ID?: string;
  ParentID?: string;
  Name?: string;
  Namespace?: string;
  Datacenters?: string[] | null;
  Type?: string;
  Priority?: number;
  Periodic?: boolean;
  ParameterizedJob?: boolean;
  Stop?: boolean;
  Status?: "pending" | "running" | "dead" | string;
  StatusDescription?: string;
  JobSummary?: JobSummary | null;
  Meta?: Record<string, string> | null;
  CreateIndex?: number;
  ModifyIndex?: number;
  JobModifyIndex?: number;
  SubmitTime?: number;
}

export interface JobVersionsResponse {
  Versions?: Job[];
  Diffs?: JobDiff[] | null;
}

export interface DesiredUpdates {
  Ignore?: number;
  Place?: number;
  Migrate?: number;
  Stop?: number;
  InPlaceUpdate?: number;
  DestructiveUpdate?: number;
  Canary?: number;
  Preemptions?: number;
}

export interface JobPlanResponse {
  JobModifyIndex?: number;
  CreatedEvals?: Evaluation[] | null;
  Diff?: JobDiff | null;
  Annotations?: { DesiredTGUpdates?: Record<string, DesiredUpdates>; PreemptedAllocs?: AllocationListStub[] | null } | null;
  FailedTGAllocs?: Record<string, AllocationMetric> | null;
  NextPeriodicLaunch?: string;
  Warnings?: string;
  Index?: number;
}

export interface JobScaleStatusResponse {
  JobID?: string;
  Namespace?: string;
  JobCreateIndex?: number;
  JobModifyIndex?: number;
  JobStopped?: boolean;
  TaskGroups?: Record<string, { Desired?: number; Placed?: number; Running?: number; Healthy?: number; Unhealthy?: number; Events?: unknown[] | null }>;
}

export interface AllocationMetric {
  NodesEvaluated?: number;
  NodesFiltered?: number;
  NodesAvailable?: Record<string, number>;
  ClassFiltered?: Record<string, number> | null;
  ConstraintFiltered?: Record<string, number> | null;
  NodesExhausted?: number;
  DimensionExhausted?: Record<string, number> | null;
  CoalescedFailures?: number;
}

export interface Evaluation {
  ID?: string;
  Priority?: number;
  Type?: string;
  TriggeredBy?: string;
  Namespace?: string;
  JobID?: string;
  JobModifyIndex?: number;
  NodeID?: string;
  DeploymentID?: string;
  Status?: "pending" | "complete" | "failed" | "canceled" | "blocked" | string;
  StatusDescription?: string;
  Wait?: number;
  WaitUntil?: string;
  NextEval?: string;
  PreviousEval?: string;
  BlockedEval?: string;
  RelatedEvals?: Evaluation[] | null;
  FailedTGAllocs?: Record<string, AllocationMetric> | null;
  QueuedAllocations?: Record<string, number> | null;
  CreateIndex?: number;
  ModifyIndex?: number;
  CreateTime?: number;
  ModifyTime?: number;
}

export interface TaskEvent {
  Type?: string;
  Time?: number;
  DisplayMessage?: string;
  Message?: string;
  Details?: Record<string, string> | null;
  FailsTask?: boolean;
  ExitCode?: number;
  Signal?: number;
  RestartReason?: string;
  KillReason?: string;
  DriverError?: string;
}

export interface TaskState {
  State?: "pending" | "running" | "dead" | string;
  Failed?: boolean;
  Restarts?: number;
  LastRestart?: string;
  StartedAt?: string;
  FinishedAt?: string;
  Events?: TaskEvent[] | null;
}

export interface AllocDeploymentStatus {
  Healthy?: boolean | null;
  Timestamp?: string;
  Canary?: boolean;
  ModifyIndex?: number;
}

export interface AllocatedPort {
  Label?: string;
  Value?: number;
  To?: number;
  HostIP?: string;
}

export interface AllocationListStub {
  ID?: string;
  EvalID?: string;
  Name?: string;
  Namespace?: string;
  NodeID?: string;
  NodeName?: string;
  JobID?: string;
  JobType?: string;
  JobVersion?: number;
  TaskGroup?: string;
  DesiredStatus?: "run" | "stop" | "evict" | string;
  DesiredDescription?: string;
  ClientStatus?: "pending" | "running" | "complete" | "failed" | "lost" | "unknown" | string;
  ClientDescription?: string;
  DesiredTransition?: { Migrate?: boolean | null; Reschedule?: boolean | null; ForceReschedule?: boolean | null; NoShutdownDelay?: boolean | null };
  TaskStates?: Record<string, TaskState> | null;
  DeploymentStatus?: AllocDeploymentStatus | null;
  FollowupEvalID?: string;
  NextAllocation?: string;
  PreviousAllocation?: string;
  RescheduleTracker?: { Events?: unknown[] | null } | null;
  CreateIndex?: number;
  ModifyIndex?: number;
  CreateTime?: number;
  ModifyTime?: number;
}

export interface Allocation extends AllocationListStub {
  Job?: Job | null;
  DeploymentID?: string;
  AllocModifyIndex?: number;
  AllocatedResources?: {
    Shared?: { DiskMB?: number; Networks?: unknown[] | null; Ports?: AllocatedPort[] | null };
    Tasks?: Record<string, unknown> | null;
  } | null;
  Metrics?: AllocationMetric | null;
}

export interface DeploymentState {
  AutoRevert?: boolean;
  AutoPromote?: boolean;
  ProgressDeadline?: number;
  RequireProgressBy?: string;
  Promoted?: boolean;
  PlacedCanaries?: string[] | null;
  DesiredCanaries?: number;
  DesiredTotal?: number;
  PlacedAllocs?: number;
  HealthyAllocs?: number;
  UnhealthyAllocs?: number;
}

export interface Deployment {
  ID?: string;
  Namespace?: string;
  JobID?: string;
  JobVersion?: number;
  JobModifyIndex?: number;
  JobSpecModifyIndex?: number;
  JobCreateIndex?: number;
  IsMultiregion?: boolean;
  TaskGroups?: Record<string, DeploymentState> | null;
  Status?: "running" | "paused" | "failed" | "successful" | "cancelled" | "pending" | "blocked" | string;
  StatusDescription?: string;
  EvalPriority?: number;
  CreateIndex?: number;
  ModifyIndex?: number;
  CreateTime?: number;
  ModifyTime?: number;
}

export interface DeploymentUpdateResponse {
  EvalID?: string;
  EvalCreateIndex?: number;
  DeploymentModifyIndex?: number;
  RevertedJobVersion?: number | null;
  Index?: number;
}

export interface NodeListStub {
  ID?: string;
  Name?: string;
  Address?: string;
  Datacenter?: string;
  NodeClass?: string;
  NodePool?: string;
  Version?: string;
  Drain?: boolean;
  SchedulingEligibility?: string;
  Status?: string;
  StatusDescription?: string;
  Drivers?: Record<string, { Detected?: boolean; Healthy?: boolean; HealthDescription?: string }> | null;
  CreateIndex?: number;
  ModifyIndex?: number;
}

export interface Node extends NodeListStub {
  HTTPAddr?: string;
  Attributes?: Record<string, string> | null;
  Meta?: Record<string, string> | null;
}

/** `GET /v1/agent/self`: lower-case top-level keys, as the Nomad agent sends them. */
export interface AgentSelf {
  config?: { Region?: string; Datacenter?: string; NodeName?: string; Version?: unknown; UI?: { ShowCLIHints?: boolean } } & Record<string, unknown>;
  member?: { Name?: string; Addr?: string; Port?: number; Status?: string; Tags?: Record<string, string> } & Record<string, unknown>;
  stats?: Record<string, unknown>;
}
