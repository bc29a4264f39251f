/**
 * @module http/nomad/views: Nomad's JSON shapes from the stored records: job status and summary
 * (computed from allocs, deployments and evals by the scheduler's rules), `JobListStub`,
 * `AllocationListStub`, the full `Allocation` with its embedded Job.
 */
import { type Allocation, type Job, type JobSummary, jobStatus, summarize } from "@forex-mesh/scheduler";
import { allocJob, jobAllocs, jobDeployments, jobEvals } from "../../nomad/records.js";
import type { NomadState } from "../../nomad/state.js";

export function jobView(s: NomadState, job: Job): Job {
  return { ...job, Status: jobStatus(job, jobAllocs(s, job.Namespace, job.ID), jobDeployments(s, job.Namespace, job.ID), jobEvals(s, job.Namespace, job.ID)) };
}

export function jobSummary(s: NomadState, job: Job): JobSummary {
  const evals = jobEvals(s, job.Namespace, job.ID).sort((a, b) => ((b.CreateIndex as number) ?? 0) - ((a.CreateIndex as number) ?? 0));
  const allocs = jobAllocs(s, job.Namespace, job.ID);
  const modify = Math.max(job.ModifyIndex as number, ...allocs.map((a) => a.ModifyIndex as number));
  return summarize(job, allocs, { queued: evals[0]?.QueuedAllocations ?? null, createIndex: job.CreateIndex as number, modifyIndex: modify });
}

export function jobStub(s: NomadState, job: Job, withMeta: boolean): Record<string, unknown> {
  const view = jobView(s, job);
  return {
    ID: job.ID,
    ParentID: job.ParentID ?? "",
    Name: job.Name ?? job.ID,
    Namespace: job.Namespace,
    Datacenters: job.Datacenters ?? ["*"],
    NodePool: job.NodePool ?? "default",
    Type: job.Type,
    Priority: job.Priority,
    Periodic: job.Periodic != null,
    ParameterizedJob: job.ParameterizedJob != null,
    Stop: job.Stop === true,
    Status: view.Status,
    StatusDescription: job.StatusDescription ?? "",
    JobSummary: jobSummary(s, job),
    CreateIndex: job.CreateIndex,
    ModifyIndex: job.ModifyIndex,
    JobModifyIndex: job.JobModifyIndex,
    SubmitTime: job.SubmitTime,
    ...(withMeta ? { Meta: job.Meta ?? null } : {}),
  };
}

export function allocStub(s: NomadState, a: Allocation, opts: { taskStates?: boolean } = {}): Record<string, unknown> {
  const job = allocJob(s, a);
  return {
    ID: a.ID,
    EvalID: a.EvalID,
    Name: a.Name,
    Namespace: a.Namespace,
    NodeID: a.NodeID,
    NodeName: a.NodeName,
    JobID: a.JobID,
    JobType: job?.Type ?? "service",
    JobVersion: a.JobVersion,
    TaskGroup: a.TaskGroup,
    AllocatedResources: a.AllocatedResources ?? null,
    DesiredStatus: a.DesiredStatus,
    DesiredDescription: a.DesiredDescription,
    ClientStatus: a.ClientStatus,
    ClientDescription: a.ClientDescription,
    DesiredTransition: a.DesiredTransition ?? { Migrate: null, Reschedule: null, ForceReschedule: null, NoShutdownDelay: null },
    TaskStates: opts.taskStates === false ? null : (a.TaskStates ?? null),
    DeploymentStatus: a.DeploymentStatus ?? null,
    FollowupEvalID: a.FollowupEvalID ?? "",
    NextAllocation: a.NextAllocation ?? "",
    RescheduleTracker: a.RescheduleTracker ?? null,
    PreemptedAllocations: null,
    PreemptedByAllocation: "",
    CreateIndex: a.CreateIndex,
    ModifyIndex: a.ModifyIndex,
    CreateTime: a.CreateTime,
    ModifyTime: a.ModifyTime,
  };
}

export function allocFull(s: NomadState, a: Allocation): Record<string, unknown> {
  const job = allocJob(s, a);
  return {
    ...a,
    Job: job ? jobView(s, job) : null,
    DeploymentID: a.DeploymentID ?? "",
    PreviousAllocation: a.PreviousAllocation ?? "",
    AllocModifyIndex: a.AllocModifyIndex ?? a.ModifyIndex,
    Metrics: null,
    AllocStates: null,
    NetworkStatus: null,
  };
}

/** Nomad's UUID prefix match: hex digits compared, dashes ignored. */
export function idPrefixMatch(id: string, prefix: string): boolean {
  return id.replace(/-/g, "").startsWith(prefix.replace(/-/g, ""));
}
