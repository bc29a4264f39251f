/**
 * @module apply: the reference meaning of a `Plan`, applied to an in-memory list of allocations
 * and deployments. The dev agent's store does the same against its own records (and bumps its
 * indexes); the tests use this to drive whole lifecycles.
 */
import type { Plan } from "./plan.js";
import { msToNs } from "./time.js";
import type { Allocation, Deployment } from "./types.js";

export interface SchedulerState {
  allocs: Allocation[];
  deployments: Deployment[];
}

export function applyPlan(state: SchedulerState, plan: Plan, nowMs: number): SchedulerState {
  const nowNs = msToNs(nowMs);
  const stops = new Map(plan.stop.map((s) => [s.AllocID, s]));
  const inPlace = new Map(plan.inPlace.map((u) => [u.AllocID, u]));
  const followups = new Map(plan.annotate.map((a) => [a.AllocID, a.FollowupEvalID]));
  const promoted = new Set(plan.promotedCanaries);
  const allocs = state.allocs.map((original) => {
    let alloc = original;
    const touch = (patch: Partial<Allocation>) => {
      alloc = { ...alloc, ...patch, ModifyTime: nowNs };
    };
    const stop = stops.get(alloc.ID);
    if (stop) {
      touch({ DesiredStatus: "stop", DesiredDescription: stop.DesiredDescription });
      if (stop.NextAllocation) touch({ NextAllocation: stop.NextAllocation });
    }
    const update = inPlace.get(alloc.ID);
    if (update) {
      const moved = update.DeploymentID !== alloc.DeploymentID;
      touch({ JobVersion: update.JobVersion, DeploymentID: update.DeploymentID, ...(moved ? { DeploymentStatus: null } : {}) });
    }
    const followup = followups.get(alloc.ID);
    if (followup) touch({ FollowupEvalID: followup });
    if (promoted.has(alloc.ID) && alloc.DeploymentStatus) {
      touch({ DeploymentStatus: { ...alloc.DeploymentStatus, Canary: false } });
    }
    return alloc;
  });
  const deployments = [...state.deployments];
  for (const d of plan.deployments) {
    const i = deployments.findIndex((x) => x.ID === d.ID);
    if (i >= 0) deployments[i] = d;
    else deployments.push(d);
  }
  return { allocs: [...allocs, ...plan.place], deployments };
}
