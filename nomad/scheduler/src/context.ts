/**
 * @module context: the working state of one reconcile pass, shared by the per-group steps.
 */
import { newDeployment } from "./deployment.js";
import type { IsDestructive } from "./destructive.js";
import type { DesiredUpdates, StopRequest } from "./plan.js";
import type { Allocation, Deployment, Job, TaskGroup } from "./types.js";

export interface PendingPlacement {
  name: string;
  group: TaskGroup;
  canary: boolean;
  jobVersion: number;
  /** The failed alloc this one reschedules (stopped only if the placement fits). */
  previous: Allocation | null;
  /** The alloc this one replaces in a destructive update (stopped only if the placement fits). */
  replaces: Allocation | null;
}

export interface GroupContext {
  job: Job;
  versions: Map<number, Job>;
  evalId: string;
  nowMs: number;
  isDestructive: IsDestructive;
  destructiveCache: Map<string, boolean>;
  /** The deployment of the current job version: continued, or created during this pass. */
  deployment: Deployment | null;
  oldDeployment: Deployment | null;
  created: boolean;
  place: PendingPlacement[];
  stop: StopRequest[];
  stopped: Set<string>;
  inPlace: Allocation[];
  rescheduleLater: Array<{ alloc: Allocation; atMs: number }>;
  desired: Record<string, DesiredUpdates>;
  ensureDeployment(): Deployment;
}

export function createContext(init: {
  job: Job;
  versions: Job[];
  evalId: string;
  evalPriority: number;
  nowMs: number;
  newId: () => string;
  isDestructive: IsDestructive;
  deployment: Deployment | null;
  oldDeployment: Deployment | null;
}): GroupContext {
  const versions = new Map<number, Job>();
  for (const v of init.versions) if (v.ID === init.job.ID) versions.set(v.Version, v);
  versions.set(init.job.Version, init.job);
  const ctx: GroupContext = {
    job: init.job,
    versions,
    evalId: init.evalId,
    nowMs: init.nowMs,
    isDestructive: init.isDestructive,
    destructiveCache: new Map(),
    deployment: init.deployment,
    oldDeployment: init.oldDeployment,
    created: false,
    place: [],
    stop: [],
    stopped: new Set(),
    inPlace: [],
    rescheduleLater: [],
    desired: {},
    ensureDeployment() {
      if (!ctx.deployment) {
        ctx.deployment = newDeployment(init.job, init.newId(), init.nowMs, init.evalPriority);
        ctx.created = true;
      }
      return ctx.deployment;
    },
  };
  return ctx;
}
