/**
 * @module nomad/apply-nomad: applies a `nomad-write` at one index. Like the Consul half it is
 * deterministic (records, times and IDs ride inside the event); what only the store knows, the
 * indexes, is filled in here: CreateIndex/ModifyIndex, a job's JobModifyIndex when its spec
 * changed, an eval's JobModifyIndex, and DeploymentStatus.ModifyIndex.
 */
import type { Allocation, Job } from "@forex-mesh/scheduler";
import type { ApplyResult } from "../store/events.js";
import {
  jobKey,
  type NomadState,
  type NomadWrite,
  TOPIC_NOMAD_ALLOCS,
  TOPIC_NOMAD_DEPLOYMENTS,
  TOPIC_NOMAD_EVALS,
  TOPIC_NOMAD_JOBS,
  TRACKED_VERSIONS,
} from "./state.js";

export function applyNomad(s: NomadState, index: number, e: NomadWrite): ApplyResult {
  const topics = new Set<string>();
  for (const w of e.jobs ?? []) {
    const key = jobKey(w.job.Namespace, w.job.ID);
    const previous = s.jobs.get(key);
    const job: Job = {
      ...w.job,
      CreateIndex: previous?.CreateIndex ?? index,
      ModifyIndex: index,
      JobModifyIndex: w.specChanged || previous === undefined ? index : (previous.JobModifyIndex ?? index),
    };
    const versions = (s.versions.get(key) ?? []).filter((v) => v.Version !== job.Version);
    if (w.newVersion || !versions.some((v) => v.Version === job.Version)) versions.unshift(job);
    else versions.splice(0, 0, job);
    versions.sort((a, b) => b.Version - a.Version);
    s.versions.set(key, versions.slice(0, TRACKED_VERSIONS));
    // A write of an older version (marking it stable) leaves the current job as it is.
    if (previous === undefined || job.Version >= (previous.Version ?? 0)) s.jobs.set(key, job);
    if (w.submission) s.submissions.set(`${key}@${job.Version}`, { ...w.submission, JobIndex: index, Version: job.Version });
    topics.add(TOPIC_NOMAD_JOBS);
  }
  for (const p of e.purgeJobs ?? []) {
    const key = jobKey(p.Namespace, p.ID);
    s.jobs.delete(key);
    s.versions.delete(key);
    for (const k of [...s.submissions.keys()]) if (k.startsWith(`${key}@`)) s.submissions.delete(k);
    topics.add(TOPIC_NOMAD_JOBS);
  }
  for (const d of e.deployments ?? []) {
    const previous = s.deployments.get(d.ID);
    s.deployments.set(d.ID, { ...d, CreateIndex: previous?.CreateIndex ?? index, ModifyIndex: index });
    topics.add(TOPIC_NOMAD_DEPLOYMENTS);
  }
  for (const a of e.allocs ?? []) {
    const previous = s.allocs.get(a.ID);
    s.allocs.set(a.ID, stamp({ ...a, CreateIndex: previous?.CreateIndex ?? index }, index));
    topics.add(TOPIC_NOMAD_ALLOCS);
  }
  for (const { ID, patch } of e.allocPatches ?? []) {
    const previous = s.allocs.get(ID);
    if (previous === undefined) continue;
    s.allocs.set(ID, stamp({ ...previous, ...patch }, index));
    topics.add(TOPIC_NOMAD_ALLOCS);
  }
  for (const ev of e.evals ?? []) {
    const previous = s.evals.get(ev.ID);
    const job = s.jobs.get(jobKey(ev.Namespace, ev.JobID));
    s.evals.set(ev.ID, {
      ...ev,
      JobModifyIndex: ev.JobModifyIndex || (job?.JobModifyIndex ?? 0),
      CreateIndex: previous?.CreateIndex ?? index,
      ModifyIndex: index,
    });
    topics.add(TOPIC_NOMAD_EVALS);
  }
  if (topics.has(TOPIC_NOMAD_JOBS)) s.jobsIndex = index;
  if (topics.has(TOPIC_NOMAD_EVALS)) s.evalsIndex = index;
  if (topics.has(TOPIC_NOMAD_ALLOCS)) s.allocsIndex = index;
  if (topics.has(TOPIC_NOMAD_DEPLOYMENTS)) s.deploymentsIndex = index;
  return { ok: true, kvKeys: [], topics: [...topics] };
}

function stamp(a: Allocation, index: number): Allocation {
  const out: Allocation = { ...a, ModifyIndex: index, AllocModifyIndex: a.AllocModifyIndex ?? index };
  if (out.DeploymentStatus) out.DeploymentStatus = { ...out.DeploymentStatus, ModifyIndex: index };
  return out;
}
