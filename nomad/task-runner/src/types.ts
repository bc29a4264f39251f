/**
 * @module types: the structural inputs and outputs of the task runner, a subset of Nomad's
 * `structs` (nomad-consul-api.md §A3, §A5, §A9). Field names are Nomad's so the dev agent can hand
 * its canonicalized job records straight in. Durations are integer nanoseconds as in Nomad's JSON;
 * the runner's own clock is Unix milliseconds.
 */

export interface RestartPolicy {
  Attempts: number;
  Interval: number;
  Delay: number;
  Mode: "fail" | "delay" | string;
}

export interface TaskLifecycle {
  Hook: "prestart" | "poststart" | "poststop" | string;
  Sidecar: boolean;
}

export interface LogConfig {
  MaxFiles: number;
  MaxFileSizeMB: number;
  Disabled?: boolean;
}

export interface TaskResources {
  CPU?: number;
  Cores?: number;
  MemoryMB?: number;
  MemoryMaxMB?: number;
}

/** A task as the server stores it (after canonicalization). Only raw_exec is run. */
export interface TaskSpec {
  Name: string;
  Driver: string;
  Config: { command?: unknown; args?: unknown; [key: string]: unknown };
  Env?: Record<string, string> | null;
  Meta?: Record<string, string> | null;
  /** ns; Nomad's default is 5 s. */
  KillTimeout?: number | null;
  /** Nomad's default for non-docker drivers is SIGINT. */
  KillSignal?: string | null;
  Lifecycle?: TaskLifecycle | null;
  LogConfig?: LogConfig | null;
  RestartPolicy?: RestartPolicy | null;
  Resources?: TaskResources | null;
}

/** One allocated port, as in `AllocatedResources.Shared.Ports`. */
export interface AllocatedPort {
  Label: string;
  Value: number;
  To?: number;
  HostIP: string;
}

/** What a task needs to know about the allocation it runs in. */
export interface AllocContext {
  AllocID: string;
  /** `<job>.<group>[<index>]` */
  AllocName: string;
  JobID: string;
  JobName?: string;
  JobParentID?: string;
  JobType?: string;
  TaskGroup: string;
  Namespace: string;
  Region: string;
  Datacenter: string;
  JobMeta?: Record<string, string> | null;
  GroupMeta?: Record<string, string> | null;
  Ports?: AllocatedPort[] | null;
  /** Host path of the allocation directory, `<data_dir>/alloc/<alloc_id>`. */
  AllocDir: string;
}

/** The dev node's identity, for `${node.*}` and `${attr.*}`. */
export interface NodeInfo {
  ID: string;
  Name: string;
  Datacenter: string;
  Region: string;
  NodeClass: string;
  NodePool: string;
  Attributes: Record<string, string>;
  Meta: Record<string, string>;
}

/** Nomad's TaskEvent (client/structs); `Time` is Unix ns, `Details` string-valued. */
export interface TaskEvent {
  Type: string;
  Time: number;
  Message: string;
  DisplayMessage: string;
  Details: Record<string, string>;
  FailsTask: boolean;
  RestartReason: string;
  ExitCode: number;
  Signal: number;
  KillTimeout: number;
  KillReason: string;
  StartDelay: number;
  DriverError: string;
  FailedSibling: string;
  SetupError: string;
}

export type TaskStateName = "pending" | "running" | "dead";

export interface TaskState {
  State: TaskStateName;
  Failed: boolean;
  Restarts: number;
  /** RFC 3339; `0001-01-01T00:00:00Z` when never. */
  LastRestart: string;
  StartedAt: string;
  FinishedAt: string;
  Events: TaskEvent[];
}

export type AllocClientStatus = "pending" | "running" | "complete" | "failed" | "lost";
