/**
 * @module status: a job's `Status` and its `JobSummary`, by the server's rules (§A2).
 */
import type { Allocation, Deployment, Evaluation, Job, JobSummary, TaskGroupSummary } from "./types.js";

const TERMINAL_DEPLOYMENT = new Set(["successful", "failed", "cancelled"]);
const TERMINAL_EVAL = new Set(["complete", "failed", "canceled"]);

export function isTerminalAlloc(alloc: Allocation): boolean {
  if (alloc.DesiredStatus === "stop" || alloc.DesiredStatus === "evict") return true;
  return alloc.ClientStatus === "complete" || alloc.ClientStatus === "failed" || alloc.ClientStatus === "lost";
}

/** Whether the client has finished with the alloc (what `all=false` listings and summaries care about). */
export function isClientTerminal(alloc: Allocation): boolean {
  return alloc.ClientStatus === "complete" || alloc.ClientStatus === "failed" || alloc.ClientStatus === "lost";
}

export function isActiveDeployment(d: Deployment): boolean {
  return !TERMINAL_DEPLOYMENT.has(d.Status);
}

export type JobStatus = "pending" | "running" | "dead";

/**
 * - system, periodic and parameterized jobs: `running`, or `dead` when stopped;
 * - otherwise `running` with a non-terminal deployment or a non-terminal alloc;
 * - otherwise `pending` with a non-terminal eval;
 * - otherwise `dead` with terminal evals or when stopped, else `pending`.
 */
export function jobStatus(job: Job, allocs: Allocation[], deployments: Deployment[], evals: Evaluation[]): JobStatus {
  const periodic = job.Periodic != null && job.Periodic.Enabled !== false;
  const parameterized = job.ParameterizedJob != null;
  if (job.Type === "system" || periodic || parameterized) return job.Stop ? "dead" : "running";
  const own = <T extends { JobID: string; Namespace: string }>(r: T) => r.JobID === job.ID && r.Namespace === job.Namespace;
  if (deployments.some((d) => own(d) && isActiveDeployment(d))) return "running";
  if (allocs.some((a) => own(a) && !isTerminalAlloc(a))) return "running";
  const jobEvals = evals.filter(own);
  if (jobEvals.some((e) => !TERMINAL_EVAL.has(e.Status))) return "pending";
  if (jobEvals.length > 0 || job.Stop) return "dead";
  return "pending";
}

function emptyGroupSummary(): TaskGroupSummary {
  return { Queued: 0, Complete: 0, Failed: 0, Running: 0, Starting: 0, Lost: 0, Unknown: 0 };
}

const SUMMARY_FIELD: Record<string, keyof TaskGroupSummary> = {
  pending: "Starting",
  running: "Running",
  complete: "Complete",
  failed: "Failed",
  lost: "Lost",
  unknown: "Unknown",
};

export interface SummaryOptions {
  /** Per-group allocations not yet placed (the latest eval's `QueuedAllocations`). */
  queued?: Record<string, number> | null;
  createIndex?: number;
  modifyIndex?: number;
}

/** Counts every alloc of the job by client status, per group of the current job version. */
export function summarize(job: Job, allocs: Allocation[], options: SummaryOptions = {}): JobSummary {
  const summary: Record<string, TaskGroupSummary> = {};
  for (const group of job.TaskGroups) {
    summary[group.Name] = { ...emptyGroupSummary(), Queued: options.queued?.[group.Name] ?? 0 };
  }
  for (const alloc of allocs) {
    if (alloc.JobID !== job.ID || alloc.Namespace !== job.Namespace) continue;
    const group = summary[alloc.TaskGroup];
    const field = SUMMARY_FIELD[alloc.ClientStatus];
    if (group && field) group[field] += 1;
  }
  return {
    JobID: job.ID,
    Namespace: job.Namespace,
    Summary: summary,
    Children: { Pending: 0, Running: 0, Dead: 0 },
    CreateIndex: options.createIndex ?? job.CreateIndex ?? 0,
    ModifyIndex: options.modifyIndex ?? job.JobModifyIndex ?? 0,
  };
}
