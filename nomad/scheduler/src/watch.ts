/**
 * @module watch: one pass of Nomad's deployment watcher (nomad/deploymentwatcher) over the
 * job's active deployment: fail on unhealthy allocs or a missed progress deadline (with
 * auto-revert), auto-promote when every canary is healthy.
 */
import { DeploymentDesc } from "./constants.js";
import { failDeployment, hasAutoPromote, type RevertInstruction, requiresPromotion } from "./deployment.js";
import { promoteDeployment } from "./promote.js";
import { isActiveDeployment, isTerminalAlloc } from "./status.js";
import { parseTime } from "./time.js";
import type { Allocation, Deployment, DeploymentState, Job } from "./types.js";

export type WatchEvent = "unhealthy" | "progress-deadline" | "auto-promote";

export interface WatchOutcome {
  deployment: Deployment;
  revert: RevertInstruction | null;
  event: WatchEvent | null;
  /** Canaries promoted by auto-promotion (their `DeploymentStatus.Canary` becomes false). */
  promotedAllocIds: string[];
}

/** Whether a missed progress deadline fails the group: not when enough healthy allocs exist. */
function groupFallsShort(s: DeploymentState): boolean {
  if (s.DesiredCanaries > 0 && !s.Promoted) return s.HealthyAllocs < s.DesiredCanaries;
  return s.HealthyAllocs < s.DesiredTotal;
}

/**
 * One pass of the deployment watcher over an active deployment of the current job version:
 * an unhealthy alloc fails a group without a progress deadline at once (a group with one gets
 * time to replace it); a missed `RequireProgressBy` fails the deployment; all canaries healthy in
 * auto-promote groups promotes it.
 */
export function watchDeployment(d: Deployment, job: Job, versions: Job[], allocs: Allocation[], nowMs: number): WatchOutcome {
  const unchanged: WatchOutcome = { deployment: d, revert: null, event: null, promotedAllocIds: [] };
  if (!isActiveDeployment(d) || d.Status === "paused") return unchanged;
  const own = allocs.filter((a) => a.DeploymentID === d.ID);

  const unhealthyGroups = Object.entries(d.TaskGroups).filter(
    ([group, s]) => s.ProgressDeadline === 0 && own.some((a) => a.TaskGroup === group && a.DeploymentStatus?.Healthy === false),
  );
  if (unhealthyGroups.length > 0) {
    const rollback = unhealthyGroups.some(([, s]) => s.AutoRevert);
    const out = failDeployment(d, job, versions, DeploymentDesc.FailedAllocations, nowMs, rollback);
    return { ...out, event: "unhealthy", promotedAllocIds: [] };
  }

  let deadlineMissed = false;
  let rollback = false;
  for (const [group, s] of Object.entries(d.TaskGroups)) {
    const by = parseTime(s.RequireProgressBy);
    if (s.ProgressDeadline === 0 || by === null || nowMs <= by || !groupFallsShort(s)) continue;
    deadlineMissed = true;
    const update = job.TaskGroups.find((g) => g.Name === group)?.Update;
    if (update?.AutoRevert) rollback = true;
  }
  if (deadlineMissed) {
    const out = failDeployment(d, job, versions, DeploymentDesc.ProgressDeadline, nowMs, rollback);
    return { ...out, event: "progress-deadline", promotedAllocIds: [] };
  }

  if (requiresPromotion(d) && hasAutoPromote(d)) {
    const ready = Object.values(d.TaskGroups).every((s) => {
      if (s.DesiredCanaries === 0) return true;
      if (s.PlacedCanaries.length !== s.DesiredCanaries) return false;
      const healthy = own.filter((a) => s.PlacedCanaries.includes(a.ID) && !isTerminalAlloc(a) && a.DeploymentStatus?.Healthy === true);
      return healthy.length === s.DesiredCanaries;
    });
    if (ready) {
      const promoted = promoteDeployment({ deployment: d, allocs, all: true, groups: [], nowMs });
      if (promoted.ok) {
        return { deployment: promoted.deployment, revert: null, event: "auto-promote", promotedAllocIds: promoted.promotedAllocIds };
      }
    }
  }
  return unchanged;
}
