/**
 * @module reconcile: one scheduling pass for one job, as a pure function of a snapshot.
 *
 * It folds together what Nomad spreads over three places: the deployment watcher (fail on
 * unhealthy allocs or a missed progress deadline, auto-revert, auto-promote), the reconciler
 * (scheduler/reconcile.go: what to place, stop, update in place or replace) and the plan
 * applier's deployment bookkeeping (placed canaries, counters, progress deadline).
 *
 * @example
 * const plan = reconcile({ job, versions, allocs, deployment, eval: { ID: evalId, TriggeredBy: "job-register" },
 *   nowMs: clock(), newId: randomUUID });
 * store.apply(plan); runner.start(plan.place); runner.stop(plan.stop);
 */
import { AllocDesc, BLOCKED_EVAL_DESC, DeploymentDesc } from "./constants.js";
import { createContext } from "./context.js";
import { cloneDeployment, refreshCounters, runningDescription } from "./deployment.js";
import { defaultIsDestructive, stableJson } from "./destructive.js";
import { baseEval, delayedReschedules, placeAll } from "./finalize.js";
import { computeGroup } from "./group.js";
import { emptyDesiredUpdates, type Plan, type ReconcileInput } from "./plan.js";
import { isActiveDeployment, isTerminalAlloc } from "./status.js";
import { msToNs, nsToMs, parseTime, rfc3339 } from "./time.js";
import type { Allocation, Deployment } from "./types.js";
import { watchDeployment } from "./watch.js";

function cloneAlloc(a: Allocation): Allocation {
  return { ...a, DeploymentStatus: a.DeploymentStatus ? { ...a.DeploymentStatus } : null };
}

function setStatus(d: Deployment, status: string, description: string, nowMs: number): void {
  d.Status = status;
  d.StatusDescription = description;
  d.ModifyTime = msToNs(nowMs);
}

export function reconcile(input: ReconcileInput): Plan {
  const { job, nowMs, newId } = input;
  const priority = input.eval.Priority ?? job.Priority;
  const allocs = input.allocs.filter((a) => a.JobID === job.ID && a.Namespace === job.Namespace).map(cloneAlloc);
  const evaluation = {
    ...baseEval(job, input.eval.ID, nowMs),
    Priority: priority,
    TriggeredBy: input.eval.TriggeredBy,
    JobModifyIndex: input.eval.JobModifyIndex ?? job.JobModifyIndex ?? 0,
    CreateTime: input.eval.CreateTime ?? msToNs(nowMs),
    Status: "complete",
  };
  const plan: Plan = {
    place: [],
    stop: [],
    inPlace: [],
    annotate: [],
    promotedCanaries: [],
    delayed: [],
    deployments: [],
    deploymentId: "",
    evaluation,
    followupEvals: [],
    revert: null,
    markStable: null,
    desiredUpdates: {},
  };

  let current = input.deployment ? cloneDeployment(input.deployment) : null;
  if (current) refreshCounters(current, allocs);
  let old: Deployment | null = null;
  if (current && job.Stop === true) {
    if (isActiveDeployment(current)) setStatus(current, "cancelled", DeploymentDesc.StoppedJob, nowMs);
    old = current;
    current = null;
  } else if (current) {
    const stale = current.JobVersion !== job.Version || current.JobCreateIndex !== (job.CreateIndex ?? current.JobCreateIndex);
    if (stale && isActiveDeployment(current)) setStatus(current, "cancelled", DeploymentDesc.NewerJob, nowMs);
    if (stale || current.Status === "successful") {
      old = current;
      current = null;
    }
  }
  // The eval names a deployment it created or continued, not one that had already ended.
  const activeAtStart = current !== null && isActiveDeployment(current);
  if (current && activeAtStart) {
    const watched = watchDeployment(current, job, input.versions, allocs, nowMs);
    current = watched.deployment;
    plan.revert = watched.revert;
    plan.promotedCanaries = watched.promotedAllocIds;
    for (const alloc of allocs) {
      if (watched.promotedAllocIds.includes(alloc.ID) && alloc.DeploymentStatus) alloc.DeploymentStatus.Canary = false;
    }
  }

  if (job.Stop === true) {
    for (const g of job.TaskGroups) plan.desiredUpdates[g.Name] = emptyDesiredUpdates();
    for (const alloc of allocs.filter((a) => !isTerminalAlloc(a)).sort((a, b) => (a.Name < b.Name ? -1 : 1))) {
      plan.stop.push({ AllocID: alloc.ID, Name: alloc.Name, TaskGroup: alloc.TaskGroup, DesiredDescription: AllocDesc.NotNeeded });
      const desired = plan.desiredUpdates[alloc.TaskGroup] ?? emptyDesiredUpdates();
      desired.Stop += 1;
      plan.desiredUpdates[alloc.TaskGroup] = desired;
    }
    emitDeployments(plan, input.deployment, old, null, false, nowMs);
    evaluation.QueuedAllocations = Object.fromEntries(job.TaskGroups.map((g) => [g.Name, 0]));
    return plan;
  }

  const ctx = createContext({
    job,
    versions: input.versions,
    evalId: input.eval.ID,
    evalPriority: priority,
    nowMs,
    newId,
    isDestructive: input.isDestructive ?? defaultIsDestructive,
    deployment: current,
    oldDeployment: old,
  });
  const groupNames = [...new Set([...job.TaskGroups.map((g) => g.Name), ...allocs.map((a) => a.TaskGroup).sort()])];
  let complete = true;
  for (const name of groupNames) {
    const done = computeGroup(
      ctx,
      name,
      allocs.filter((a) => a.TaskGroup === name),
    );
    complete = complete && done;
  }

  const d = ctx.deployment;
  const deploymentId = d && isActiveDeployment(d) ? d.ID : "";
  const placed = placeAll(ctx, deploymentId, newId, input.fits);
  plan.place = placed.place;
  plan.stop = [...ctx.stop, ...placed.stop];
  plan.desiredUpdates = ctx.desired;
  for (const alloc of ctx.inPlace) {
    plan.inPlace.push({ AllocID: alloc.ID, JobVersion: job.Version, DeploymentID: deploymentId });
    if (alloc.DeploymentID !== deploymentId) alloc.DeploymentStatus = null;
    alloc.DeploymentID = deploymentId;
    alloc.JobVersion = job.Version;
  }

  if (d) {
    refreshCounters(d, [...allocs, ...placed.place]);
    for (const s of Object.values(d.TaskGroups)) {
      if (s.ProgressDeadline > 0 && s.PlacedAllocs > 0 && parseTime(s.RequireProgressBy) === null) {
        s.RequireProgressBy = rfc3339(nowMs + nsToMs(s.ProgressDeadline));
      }
    }
    if (ctx.created && d.Status === "running") d.StatusDescription = runningDescription(d);
    if (complete && d.Status === "running") {
      setStatus(d, "successful", DeploymentDesc.Successful, nowMs);
      plan.markStable = { JobID: job.ID, Namespace: job.Namespace, JobVersion: job.Version };
    }
    if (ctx.created || activeAtStart) plan.deploymentId = d.ID;
  }
  emitDeployments(plan, input.deployment, old, d, ctx.created, nowMs);
  evaluation.DeploymentID = plan.deploymentId;

  const later = delayedReschedules(ctx, priority, newId);
  plan.delayed = later.delayed;
  plan.followupEvals = later.evals;
  plan.annotate = later.delayed.map((r) => ({ AllocID: r.AllocID, FollowupEvalID: r.FollowupEvalID }));
  evaluation.QueuedAllocations = placed.queued;
  if (Object.keys(placed.failed).length > 0) {
    evaluation.FailedTGAllocs = placed.failed;
    const blocked = {
      ...baseEval(job, newId(), nowMs),
      Priority: priority,
      TriggeredBy: input.eval.TriggeredBy,
      Status: "blocked",
      StatusDescription: BLOCKED_EVAL_DESC,
      PreviousEval: evaluation.ID,
      QueuedAllocations: { ...placed.queued },
    };
    evaluation.BlockedEval = blocked.ID;
    plan.followupEvals.push(blocked);
  }
  return plan;
}

/** Deployments that differ from what the caller has: the old one cancelled, the current one changed or new. */
function emitDeployments(
  plan: Plan,
  before: Deployment | null,
  old: Deployment | null,
  current: Deployment | null,
  created: boolean,
  nowMs: number,
): void {
  const changed = (d: Deployment) => {
    if (!before || before.ID !== d.ID) return true;
    return stableJson({ ...before, ModifyTime: 0 }) !== stableJson({ ...d, ModifyTime: 0 });
  };
  for (const d of [old, current]) {
    if (!d) continue;
    if (created && d === current) {
      plan.deployments.push(d);
      continue;
    }
    if (!changed(d)) continue;
    d.ModifyTime = msToNs(nowMs);
    plan.deployments.push(d);
  }
}
