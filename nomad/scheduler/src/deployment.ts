/**
 * @module deployment: deployment records and the deployment watcher's decisions, after Nomad's
 * nomad/deploymentwatcher and the state store's deployment bookkeeping: counters from allocs,
 * progress deadline, failing (with auto-revert to the latest stable version), promotion and
 * auto-promotion.
 */
import { DeploymentDesc, noRollbackTargetDesc, rollbackDesc, rollbackNoopDesc, ZERO_TIME } from "./constants.js";
import { stableJson } from "./destructive.js";
import { msToNs, nsToMs, parseTime, rfc3339 } from "./time.js";
import type { Allocation, Deployment, DeploymentState, Job, TaskGroup } from "./types.js";

export function cloneDeployment(d: Deployment): Deployment {
  const groups: Record<string, DeploymentState> = {};
  for (const [name, s] of Object.entries(d.TaskGroups)) groups[name] = { ...s, PlacedCanaries: [...s.PlacedCanaries] };
  return { ...d, TaskGroups: groups };
}

export function newDeployment(job: Job, id: string, nowMs: number, evalPriority: number): Deployment {
  return {
    ID: id,
    Namespace: job.Namespace,
    JobID: job.ID,
    JobVersion: job.Version,
    JobModifyIndex: job.JobModifyIndex ?? 0,
    JobSpecModifyIndex: job.JobModifyIndex ?? 0,
    JobCreateIndex: job.CreateIndex ?? 0,
    IsMultiregion: false,
    TaskGroups: {},
    Status: "running",
    StatusDescription: DeploymentDesc.Running,
    EvalPriority: evalPriority,
    CreateTime: msToNs(nowMs),
    ModifyTime: msToNs(nowMs),
  };
}

export function newDeploymentState(group: TaskGroup): DeploymentState {
  const u = group.Update;
  const hasUpdate = !!u && u.MaxParallel > 0;
  return {
    AutoRevert: hasUpdate ? u.AutoRevert : false,
    AutoPromote: hasUpdate ? u.AutoPromote : false,
    ProgressDeadline: hasUpdate ? u.ProgressDeadline : 0,
    RequireProgressBy: ZERO_TIME,
    Promoted: false,
    PlacedCanaries: [],
    DesiredCanaries: 0,
    DesiredTotal: 0,
    PlacedAllocs: 0,
    HealthyAllocs: 0,
    UnhealthyAllocs: 0,
  };
}

export function requiresPromotion(d: Deployment): boolean {
  return Object.values(d.TaskGroups).some((s) => s.DesiredCanaries > 0 && !s.Promoted);
}

export function hasAutoPromote(d: Deployment): boolean {
  const groups = Object.values(d.TaskGroups);
  return groups.length > 0 && groups.every((s) => s.DesiredCanaries === 0 || s.AutoPromote);
}

/** The description a running deployment shows for its promotion state. */
export function runningDescription(d: Deployment): string {
  if (!requiresPromotion(d)) return DeploymentDesc.Running;
  return hasAutoPromote(d) ? DeploymentDesc.AutoPromotion : DeploymentDesc.NeedsPromotion;
}

/**
 * Recomputes the per-group counters from the allocs that carry this deployment's ID, the way the
 * state store accumulates them on every alloc update, and pushes `RequireProgressBy` forward to
 * `health timestamp + ProgressDeadline` for each healthy alloc.
 */
export function refreshCounters(d: Deployment, allocs: Allocation[]): void {
  for (const [group, state] of Object.entries(d.TaskGroups)) {
    const own = allocs.filter((a) => a.DeploymentID === d.ID && a.TaskGroup === group);
    state.PlacedAllocs = own.length;
    state.HealthyAllocs = own.filter((a) => a.DeploymentStatus?.Healthy === true).length;
    state.UnhealthyAllocs = own.filter((a) => a.DeploymentStatus?.Healthy === false).length;
    for (const alloc of own) {
      if (alloc.DeploymentStatus?.Canary && !state.PlacedCanaries.includes(alloc.ID)) state.PlacedCanaries.push(alloc.ID);
    }
    if (state.ProgressDeadline > 0) {
      let by = parseTime(state.RequireProgressBy);
      for (const alloc of own) {
        if (alloc.DeploymentStatus?.Healthy !== true) continue;
        const at = parseTime(alloc.DeploymentStatus.Timestamp);
        if (at !== null && (by === null || at + nsToMs(state.ProgressDeadline) > by)) by = at + nsToMs(state.ProgressDeadline);
      }
      if (by !== null) state.RequireProgressBy = rfc3339(by);
    }
  }
}

const VOLATILE_JOB_FIELDS = new Set([
  "Version",
  "Stable",
  "Status",
  "StatusDescription",
  "CreateIndex",
  "ModifyIndex",
  "JobModifyIndex",
  "SubmitTime",
  "VersionTag",
]);

/** Two job versions with the same specification (bookkeeping fields ignored). */
export function sameJobSpec(a: Job, b: Job): boolean {
  const strip = (job: Job) => Object.fromEntries(Object.entries(job).filter(([k]) => !VOLATILE_JOB_FIELDS.has(k)));
  return stableJson(strip(a)) === stableJson(strip(b));
}

/** The newest stable version of the job (versions in any order). */
export function latestStableVersion(versions: Job[]): Job | null {
  const stable = versions.filter((v) => v.Stable === true).sort((a, b) => b.Version - a.Version);
  return stable[0] ?? null;
}

/** "Register job version N as a new version": what the caller does to auto-revert. */
export interface RevertInstruction {
  JobID: string;
  Namespace: string;
  JobVersion: number;
  /** The version being replaced; refuse the revert if the job moved on meanwhile. */
  EnforcePriorVersion: number;
}

export interface FailOutcome {
  deployment: Deployment;
  revert: RevertInstruction | null;
}

/**
 * Marks the deployment failed with `base` as its description and, when a group wants it,
 * decides the auto-revert: `<base> - rolling back to job version N`, or the no-op / no-target texts.
 */
export function failDeployment(
  d: Deployment,
  job: Job,
  versions: Job[],
  base: string,
  nowMs: number,
  rollback = Object.values(d.TaskGroups).some((s) => s.AutoRevert),
): FailOutcome {
  const next = cloneDeployment(d);
  let description = base;
  let revert: RevertInstruction | null = null;
  if (rollback) {
    const target = latestStableVersion(versions.filter((v) => v.ID === job.ID));
    if (!target) description = noRollbackTargetDesc(base);
    else if (sameJobSpec(target, job)) description = rollbackNoopDesc(base, target.Version);
    else {
      description = rollbackDesc(base, target.Version);
      revert = { JobID: job.ID, Namespace: job.Namespace, JobVersion: target.Version, EnforcePriorVersion: job.Version };
    }
  }
  next.Status = "failed";
  next.StatusDescription = description;
  next.ModifyTime = msToNs(nowMs);
  return { deployment: next, revert };
}
