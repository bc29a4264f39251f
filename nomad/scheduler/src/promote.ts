/**
 * @module promote: promoting a deployment's canaries, after the state store's
 * `UpdateDeploymentPromotion`: refused on a terminal deployment or while a targeted group lacks
 * `DesiredCanaries` healthy canaries; otherwise the groups are marked promoted, their progress
 * deadline restarts, and the healthy canaries stop being canaries.
 */
import { DeploymentDesc } from "./constants.js";
import { cloneDeployment, type FailOutcome, failDeployment, requiresPromotion } from "./deployment.js";
import { multiErrorText, type SchedulerError, SchedulerErrorCode } from "./errors.js";
import { isActiveDeployment, isTerminalAlloc } from "./status.js";
import { msToNs, nsToMs, rfc3339 } from "./time.js";
import type { Allocation, Deployment, Job } from "./types.js";

export interface PromoteInput {
  deployment: Deployment;
  /** The deployment's allocations (others are ignored). */
  allocs: Allocation[];
  /** `All: true` promotes every group; otherwise `groups` names them. */
  all: boolean;
  groups: string[];
  nowMs: number;
}

export type PromoteResult =
  | {
      ok: true;
      deployment: Deployment;
      /** Allocs whose `DeploymentStatus.Canary` becomes false. */
      promotedAllocIds: string[];
    }
  | { ok: false; error: SchedulerError };

export function promoteDeployment(input: PromoteInput): PromoteResult {
  const { deployment: d, nowMs } = input;
  if (!isActiveDeployment(d)) {
    return { ok: false, error: { code: SchedulerErrorCode.DeploymentTerminal, message: "can't promote terminal deployment" } };
  }
  const unknown = input.all ? [] : input.groups.filter((g) => !(g in d.TaskGroups));
  if (unknown.length > 0) {
    const message = multiErrorText(unknown.map((g) => `Deployment does not have task group "${g}"`));
    return { ok: false, error: { code: SchedulerErrorCode.UnknownGroup, message } };
  }
  const targeted = (group: string) => input.all || input.groups.includes(group);
  const canaryIds = new Set(Object.values(d.TaskGroups).flatMap((s) => s.PlacedCanaries));
  const promotable = input.allocs.filter(
    (a) =>
      a.DeploymentID === d.ID &&
      canaryIds.has(a.ID) &&
      targeted(a.TaskGroup) &&
      !isTerminalAlloc(a) &&
      a.DeploymentStatus?.Healthy === true,
  );
  const shortfalls: string[] = [];
  for (const [group, s] of Object.entries(d.TaskGroups)) {
    if (!targeted(group) || s.DesiredCanaries === 0) continue;
    const have = promotable.filter((a) => a.TaskGroup === group).length;
    if (have < s.DesiredCanaries) shortfalls.push(`Task group "${group}" has ${have}/${s.DesiredCanaries} healthy allocations`);
  }
  if (shortfalls.length > 0) {
    return { ok: false, error: { code: SchedulerErrorCode.CanariesUnhealthy, message: multiErrorText(shortfalls) } };
  }
  const next = cloneDeployment(d);
  for (const [group, s] of Object.entries(next.TaskGroups)) {
    if (!targeted(group)) continue;
    s.Promoted = true;
    if (s.ProgressDeadline > 0) s.RequireProgressBy = rfc3339(nowMs + nsToMs(s.ProgressDeadline));
  }
  if (!requiresPromotion(next) && next.Status === "running") next.StatusDescription = DeploymentDesc.Running;
  next.ModifyTime = msToNs(nowMs);
  return { ok: true, deployment: next, promotedAllocIds: promotable.map((a) => a.ID) };
}

export type FailResult = { ok: true; outcome: FailOutcome } | { ok: false; error: SchedulerError };

/** `PUT /v1/deployment/fail/:id`: "Deployment marked as failed", with auto-revert when a group asks. */
export function failDeploymentByUser(d: Deployment, job: Job, versions: Job[], nowMs: number): FailResult {
  if (!isActiveDeployment(d)) {
    return { ok: false, error: { code: SchedulerErrorCode.DeploymentTerminal, message: "can't fail terminal deployment" } };
  }
  return { ok: true, outcome: failDeployment(d, job, versions, DeploymentDesc.FailedByUser, nowMs) };
}
