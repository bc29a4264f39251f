/**
 * Test fixtures: server-shape jobs and allocations with the §A4 defaults, built small.
 */
import type { Allocation, Job, TaskGroup, UpdateStrategy } from "../types.js";

export const S = 1_000_000_000;
export const MIN = 60 * S;
export const T0 = Date.UTC(2026, 7, 21, 10, 0, 0);

export interface JobOptions {
  id?: string;
  version?: number;
  count?: number;
  appVersion?: string;
  update?: Partial<UpdateStrategy> | null;
  groups?: string[];
  type?: string;
  stop?: boolean;
  stable?: boolean;
}

export function updateStrategy(over: Partial<UpdateStrategy> = {}): UpdateStrategy {
  return {
    MaxParallel: 1,
    HealthCheck: "checks",
    MinHealthyTime: 10 * S,
    HealthyDeadline: 5 * MIN,
    ProgressDeadline: 10 * MIN,
    AutoRevert: false,
    AutoPromote: false,
    Canary: 0,
    Stagger: 30 * S,
    ...over,
  };
}

export function group(name: string, count: number, update: UpdateStrategy | null): TaskGroup {
  return {
    Name: name,
    Count: count,
    Update: update,
    ReschedulePolicy: { Attempts: 0, Interval: 0, Delay: 30 * S, DelayFunction: "exponential", MaxDelay: 60 * MIN, Unlimited: true },
    RestartPolicy: { Attempts: 2, Interval: 30 * MIN, Delay: 15 * S, Mode: "fail" },
    Networks: [{ Mode: "host", DynamicPorts: [{ Label: "http", Value: 0, To: 0 }] }],
    Tasks: [
      { Name: "app", Driver: "raw_exec", Config: { command: "node", args: ["app.js"] }, Lifecycle: null },
      { Name: "sidecar", Driver: "raw_exec", Config: { command: "node", args: ["proxy.js"] }, Lifecycle: { Hook: "prestart", Sidecar: true } },
    ],
  };
}

export function job(o: JobOptions = {}): Job {
  const update = o.update === null ? null : updateStrategy(o.update ?? {});
  return {
    ID: o.id ?? "web",
    Name: o.id ?? "web",
    Namespace: "default",
    Type: o.type ?? "service",
    Priority: 50,
    Version: o.version ?? 0,
    Stop: o.stop ?? false,
    Stable: o.stable ?? false,
    CreateIndex: 10,
    JobModifyIndex: 10 + (o.version ?? 0),
    Meta: { version: o.appVersion ?? "v1" },
    TaskGroups: (o.groups ?? ["web"]).map((g) => group(g, o.count ?? 2, update)),
  };
}

let seq = 0;
export function alloc(over: Partial<Allocation> & { Name: string }): Allocation {
  seq += 1;
  return {
    ID: `alloc-${seq}`,
    EvalID: "eval-0",
    Namespace: "default",
    JobID: "web",
    JobVersion: 0,
    TaskGroup: "web",
    DeploymentID: "",
    DesiredStatus: "run",
    DesiredDescription: "",
    ClientStatus: "running",
    ClientDescription: "Tasks are running",
    TaskStates: null,
    DeploymentStatus: null,
    RescheduleTracker: null,
    FollowupEvalID: "",
    NextAllocation: "",
    PreviousAllocation: "",
    CreateTime: T0 * 1e6,
    ModifyTime: T0 * 1e6,
    ...over,
  };
}

export function counter(prefix: string): () => string {
  let n = 0;
  return () => `${prefix}-${++n}`;
}
