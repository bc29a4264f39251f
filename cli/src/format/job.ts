/**
 * @module job: `nomad job status` without and with a job, as pure functions of the API answers.
 */
import type { AllocationListStub, Deployment, Job, JobListStub, JobSummary } from "@forex-mesh/nomad-client";
import { formatKV, formatList } from "./columns.js";
import { deploymentGroupsTable } from "./deployment.js";
import { formatNanos, prettyTimeDiff, shortId } from "./time.js";

function jobType(j: { Type?: string | null; Periodic?: unknown; ParameterizedJob?: unknown }): string {
  let t = j.Type ?? "";
  if (j.Periodic) t += "/periodic";
  if (j.ParameterizedJob) t += "/parameterized";
  return t;
}

/** `nomad job status`: one row per job, or `No running jobs`. */
export function jobListText(jobs: readonly JobListStub[]): string {
  if (jobs.length === 0) return "No running jobs";
  const rows = [...jobs]
    .sort((a, b) => (a.ID ?? "").localeCompare(b.ID ?? ""))
    .map((j) => [j.ID, jobType(j), j.Priority ?? 0, `${j.Status ?? ""}${j.Stop ? " (stopped)" : ""}`, formatNanos(j.SubmitTime)].join("|"));
  return formatList(["ID|Type|Priority|Status|Submit Date", ...rows]);
}

export interface JobStatusInput {
  job: Job;
  summary: JobSummary | null;
  deployment: Deployment | null;
  allocs: readonly AllocationListStub[];
  nowMs: number;
  verbose?: boolean;
}

export function summaryTable(summary: JobSummary | null): string {
  const groups = Object.entries(summary?.Summary ?? {}).sort(([a], [b]) => a.localeCompare(b));
  const rows = groups.map(([g, s]) => [g, s.Queued ?? 0, s.Starting ?? 0, s.Running ?? 0, s.Failed ?? 0, s.Complete ?? 0, s.Lost ?? 0, s.Unknown ?? 0].join("|"));
  return formatList(["Task Group|Queued|Starting|Running|Failed|Complete|Lost|Unknown", ...rows]);
}

export function allocationsTable(allocs: readonly AllocationListStub[], nowMs: number, verbose = false): string {
  if (allocs.length === 0) return "No allocations placed";
  const rows = [...allocs]
    .sort((a, b) => (b.CreateIndex ?? 0) - (a.CreateIndex ?? 0))
    .map((a) =>
      [
        shortId(a.ID, verbose),
        shortId(a.NodeID, verbose),
        a.TaskGroup ?? "",
        a.JobVersion ?? 0,
        a.DesiredStatus ?? "",
        a.ClientStatus ?? "",
        prettyTimeDiff(Math.floor((a.CreateTime ?? 0) / 1e6), nowMs),
        prettyTimeDiff(Math.floor((a.ModifyTime ?? 0) / 1e6), nowMs),
      ].join("|"),
    );
  return formatList(["ID|Node ID|Task Group|Version|Desired|Status|Created|Modified", ...rows]);
}

/** `nomad job status <job>`: header, Summary, Latest Deployment, Allocations. */
export function jobStatusText({ job, summary, deployment, allocs, nowMs, verbose = false }: JobStatusInput): string {
  const header = formatKV([
    `ID|${job.ID ?? ""}`,
    `Name|${job.Name ?? ""}`,
    `Submit Date|${formatNanos(job.SubmitTime ?? 0)}`,
    `Type|${job.Type ?? ""}`,
    `Priority|${job.Priority ?? 0}`,
    `Datacenters|${(job.Datacenters ?? []).join(",")}`,
    `Namespace|${job.Namespace ?? ""}`,
    `Node Pool|${job.NodePool ?? ""}`,
    `Status|${job.Status ?? ""}${job.Stop ? " (stopped)" : ""}`,
    `Periodic|${Boolean(job.Periodic)}`,
    `Parameterized|${Boolean(job.ParameterizedJob)}`,
  ]);
  const parts = [header, `Summary\n${summaryTable(summary)}`];
  if (deployment) {
    const kv = formatKV([`ID|${shortId(deployment.ID, verbose)}`, `Status|${deployment.Status ?? ""}`, `Description|${deployment.StatusDescription ?? ""}`]);
    parts.push(`Latest Deployment\n${kv}\n\nDeployed\n${deploymentGroupsTable(deployment)}`);
  }
  parts.push(`Allocations\n${allocationsTable(allocs, nowMs, verbose)}`);
  return parts.join("\n\n");
}
