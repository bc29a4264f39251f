/**
 * @module destructive: whether moving an allocation from one job version's group to another's
 * needs a new allocation (destructive) or can be done in place, after Nomad's `tasksUpdated`
 * (scheduler/util.go). Count, update, restart and reschedule policies, services and kill settings
 * change in place; anything a running task was started with (driver config, env, meta, resources,
 * artifacts, templates, lifecycle, networks, disk, volumes, the task set) is destructive.
 *
 * The jobspec package has a fuller `isDestructiveUpdate`; the reconciler takes any such function
 * through `ReconcileInput.isDestructive` and uses this one by default.
 */
import type { Job, Task, TaskGroup } from "./types.js";

export type IsDestructive = (from: { job: Job; group: TaskGroup }, to: { job: Job; group: TaskGroup }) => boolean;

const TASK_FIELDS = [
  "Driver",
  "User",
  "Config",
  "Env",
  "Artifacts",
  "Templates",
  "Vault",
  "Resources",
  "Lifecycle",
  "Leader",
  "LogConfig",
  "Identities",
  "Consul",
  "VolumeMounts",
  "DispatchPayload",
] as const;
const GROUP_FIELDS = ["Networks", "EphemeralDisk", "Volumes"] as const;

/** Canonical JSON: object keys sorted, so key order never makes two specs differ. */
export function stableJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) => {
    if (v === null || typeof v !== "object" || Array.isArray(v)) return v;
    const sorted: Record<string, unknown> = {};
    for (const k of Object.keys(v as object).sort()) sorted[k] = (v as Record<string, unknown>)[k];
    return sorted;
  });
}

function taskShape(job: Job, group: TaskGroup, task: Task): string {
  const picked: Record<string, unknown> = {};
  for (const field of TASK_FIELDS) picked[field] = task[field] ?? null;
  // Nomad compares the combined meta a task sees (job < group < task), since it lands in its env.
  picked["Meta"] = { ...(job.Meta ?? {}), ...((group["Meta"] as object | null) ?? {}), ...((task["Meta"] as object | null) ?? {}) };
  return stableJson(picked);
}

export const defaultIsDestructive: IsDestructive = (from, to) => {
  for (const field of GROUP_FIELDS) {
    if (stableJson(from.group[field] ?? null) !== stableJson(to.group[field] ?? null)) return true;
  }
  if (from.group.Tasks.length !== to.group.Tasks.length) return true;
  for (const task of to.group.Tasks) {
    const before = from.group.Tasks.find((t) => t.Name === task.Name);
    if (!before) return true;
    if (taskShape(from.job, from.group, before) !== taskShape(to.job, to.group, task)) return true;
  }
  return false;
};
