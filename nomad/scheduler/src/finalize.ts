/**
 * @module finalize: turns the pending decisions of a pass into records: allocation records for
 * the placements that fit (their reschedule/destructive stops only then), placement failures,
 * and the follow-up evaluations for delayed reschedules, batched like Nomad's
 * `createRescheduleLaterEvals` (5 s windows).
 */
import { AllocDesc, RESCHEDULE_BATCH_WINDOW_MS, ZERO_TIME } from "./constants.js";
import type { GroupContext, PendingPlacement } from "./context.js";
import type { DelayedReschedule, Fits, StopRequest } from "./plan.js";
import { nextTracker } from "./reschedule.js";
import { msToNs, rfc3339 } from "./time.js";
import type { Allocation, AllocationMetric, Evaluation, Job } from "./types.js";

export interface Placed {
  place: Allocation[];
  stop: StopRequest[];
  queued: Record<string, number>;
  failed: Record<string, AllocationMetric>;
}

function failureMetric(): AllocationMetric {
  return {
    NodesEvaluated: 1,
    NodesFiltered: 0,
    NodesAvailable: {},
    NodesExhausted: 0,
    ClassFiltered: null,
    ConstraintFiltered: null,
    ClassExhausted: null,
    DimensionExhausted: {},
    QuotaExhausted: null,
    CoalescedFailures: -1,
    AllocationTime: 0,
  };
}

function newAlloc(ctx: GroupContext, p: PendingPlacement, id: string, deploymentId: string): Allocation {
  const nowNs = msToNs(ctx.nowMs);
  return {
    ID: id,
    EvalID: ctx.evalId,
    Name: p.name,
    Namespace: ctx.job.Namespace,
    JobID: ctx.job.ID,
    JobVersion: p.jobVersion,
    TaskGroup: p.group.Name,
    DeploymentID: deploymentId,
    DesiredStatus: "run",
    DesiredDescription: "",
    ClientStatus: "pending",
    ClientDescription: "",
    TaskStates: null,
    DeploymentStatus: p.canary ? { Healthy: null, Timestamp: ZERO_TIME, Canary: true } : null,
    RescheduleTracker: p.previous ? nextTracker(p.previous, p.group.ReschedulePolicy, ctx.nowMs) : null,
    FollowupEvalID: "",
    NextAllocation: "",
    PreviousAllocation: p.previous?.ID ?? p.replaces?.ID ?? "",
    CreateTime: nowNs,
    ModifyTime: nowNs,
  };
}

export function placeAll(ctx: GroupContext, deploymentId: string, newId: () => string, fits: Fits | undefined): Placed {
  const out: Placed = { place: [], stop: [], queued: {}, failed: {} };
  for (const g of ctx.job.TaskGroups) out.queued[g.Name] = 0;
  const placedPerGroup: Record<string, number> = {};
  for (const p of ctx.place) {
    const group = p.group.Name;
    const fit = fits ? fits(p.group, placedPerGroup[group] ?? 0) : { ok: true as const };
    if (!fit.ok) {
      out.queued[group] = (out.queued[group] ?? 0) + 1;
      const metric = out.failed[group] ?? failureMetric();
      metric.NodesExhausted = 1;
      metric.CoalescedFailures += 1;
      const dims = metric.DimensionExhausted ?? {};
      dims[fit.dimension] = (dims[fit.dimension] ?? 0) + 1;
      metric.DimensionExhausted = dims;
      out.failed[group] = metric;
      continue;
    }
    placedPerGroup[group] = (placedPerGroup[group] ?? 0) + 1;
    const id = newId();
    out.place.push(newAlloc(ctx, p, id, deploymentId));
    if (p.canary && deploymentId !== "") ctx.deployment?.TaskGroups[group]?.PlacedCanaries.push(id);
    const prev = p.previous ?? p.replaces;
    if (prev) {
      ctx.stopped.add(prev.ID);
      out.stop.push({
        AllocID: prev.ID,
        Name: prev.Name,
        TaskGroup: prev.TaskGroup,
        DesiredDescription: p.previous ? AllocDesc.Rescheduled : AllocDesc.Updating,
        ...(p.previous ? { NextAllocation: id } : {}),
      });
    }
  }
  return out;
}

export function baseEval(job: Job, id: string, nowMs: number): Evaluation {
  const nowNs = msToNs(nowMs);
  return {
    ID: id,
    Namespace: job.Namespace,
    Priority: job.Priority,
    Type: job.Type,
    TriggeredBy: "",
    JobID: job.ID,
    JobModifyIndex: job.JobModifyIndex ?? 0,
    DeploymentID: "",
    Status: "pending",
    StatusDescription: "",
    Wait: 0,
    WaitUntil: ZERO_TIME,
    NextEval: "",
    PreviousEval: "",
    BlockedEval: "",
    FailedTGAllocs: null,
    QueuedAllocations: null,
    CreateTime: nowNs,
    ModifyTime: nowNs,
  };
}

export interface Delayed {
  evals: Evaluation[];
  delayed: DelayedReschedule[];
}

export function delayedReschedules(ctx: GroupContext, priority: number, newId: () => string): Delayed {
  const out: Delayed = { evals: [], delayed: [] };
  const later = [...ctx.rescheduleLater].sort((a, b) => a.atMs - b.atMs);
  let batch: Evaluation | null = null;
  let batchStart = 0;
  for (const { alloc, atMs } of later) {
    if (!batch || atMs - batchStart >= RESCHEDULE_BATCH_WINDOW_MS) {
      batchStart = atMs;
      batch = {
        ...baseEval(ctx.job, newId(), ctx.nowMs),
        Priority: priority,
        TriggeredBy: "alloc-failure",
        StatusDescription: "created for delayed rescheduling",
        WaitUntil: rfc3339(atMs),
        PreviousEval: ctx.evalId,
      };
      out.evals.push(batch);
    }
    const group = ctx.job.TaskGroups.find((g) => g.Name === alloc.TaskGroup);
    out.delayed.push({
      AllocID: alloc.ID,
      Name: alloc.Name,
      TaskGroup: alloc.TaskGroup,
      WaitUntil: batch.WaitUntil,
      waitUntilMs: batchStart,
      FollowupEvalID: batch.ID,
      RescheduleTracker: nextTracker(alloc, group?.ReschedulePolicy, batchStart),
    });
  }
  return out;
}
