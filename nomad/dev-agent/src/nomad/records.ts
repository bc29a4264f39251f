/**
 * @module nomad/records: small pure helpers over the Nomad state: a job's allocs, its latest
 * deployment, a new evaluation record, time units.
 */
import type { Allocation, Deployment, Evaluation, Job } from "@forex-mesh/scheduler";
import { jobKey, type NomadState } from "./state.js";

export const ZERO_TIME = "0001-01-01T00:00:00Z";
export const msToNs = (ms: number): number => Math.round(ms) * 1_000_000;
export const nsToMs = (ns: number): number => Math.floor(ns / 1_000_000);
/** RFC 3339 the way Go writes it (no trailing zeros in the fraction). */
export const rfc3339 = (ms: number): string =>
  new Date(ms).toISOString().replace(/\.(\d*?)0*Z$/, (_m, digits: string) => (digits ? `.${digits}Z` : "Z"));

export function jobAllocs(s: NomadState, namespace: string, jobId: string): Allocation[] {
  return [...s.allocs.values()].filter((a) => a.JobID === jobId && a.Namespace === namespace);
}

export function jobDeployments(s: NomadState, namespace: string, jobId: string): Deployment[] {
  return [...s.deployments.values()]
    .filter((d) => d.JobID === jobId && d.Namespace === namespace)
    .sort((a, b) => ((b.CreateIndex as number) ?? 0) - ((a.CreateIndex as number) ?? 0));
}

export function jobEvals(s: NomadState, namespace: string, jobId: string): Evaluation[] {
  return [...s.evals.values()].filter((e) => e.JobID === jobId && e.Namespace === namespace);
}

export function jobVersions(s: NomadState, namespace: string, jobId: string): Job[] {
  return s.versions.get(jobKey(namespace, jobId)) ?? [];
}

/** The job version an alloc runs (falls back to the current job once its version was trimmed). */
export function allocJob(s: NomadState, alloc: Allocation): Job | undefined {
  const versions = jobVersions(s, alloc.Namespace, alloc.JobID);
  return versions.find((v) => v.Version === alloc.JobVersion) ?? s.jobs.get(jobKey(alloc.Namespace, alloc.JobID)) ?? versions[0];
}

export function newEval(
  job: Pick<Job, "ID" | "Namespace" | "Priority" | "Type">,
  o: { id: string; triggeredBy: string; nowMs: number; deploymentId?: string; previousEval?: string },
): Evaluation {
  const t = msToNs(o.nowMs);
  return {
    ID: o.id,
    Namespace: job.Namespace,
    Priority: job.Priority,
    Type: job.Type,
    TriggeredBy: o.triggeredBy,
    JobID: job.ID,
    JobModifyIndex: 0,
    NodeID: "",
    NodeModifyIndex: 0,
    DeploymentID: o.deploymentId ?? "",
    Status: "pending",
    StatusDescription: "",
    Wait: 0,
    WaitUntil: ZERO_TIME,
    NextEval: "",
    PreviousEval: o.previousEval ?? "",
    BlockedEval: "",
    RelatedEvals: null,
    FailedTGAllocs: null,
    ClassEligibility: null,
    EscapedComputedClass: false,
    QuotaLimitReached: "",
    QueuedAllocations: null,
    SnapshotIndex: 0,
    CreateTime: t,
    ModifyTime: t,
  };
}
