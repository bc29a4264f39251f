/**
 * @module health: an allocation's deployment health, after Nomad's client health tracker
 * (client/allochealth/tracker.go) as summarised in §A5:
 *
 * - tasks: every main task and every sidecar (`Lifecycle.Sidecar`) must be running; ephemeral
 *   prestart/poststart tasks must have finished without failure; poststop tasks are ignored. A task
 *   that failed, or a long-running task that exited, makes the alloc unhealthy at once;
 * - checks (`HealthCheck = "checks"`, the default): additionally every service check is passing;
 * - both conditions must have held for `MinHealthyTime`, counted from the latest task start and the
 *   latest check status change; not reached by `HealthyDeadline` (counted from `trackingSinceMs`)
 *   → unhealthy;
 * - `task_states` ignores checks; `manual` never decides (set through the deployment API).
 *
 * Pure: the caller keeps the decided value (Nomad decides once per deployment) and calls again at
 * `recheckAtMs`.
 */
import { nsToMs, parseTime } from "./time.js";
import type { Task, TaskState, UpdateStrategy } from "./types.js";

export interface CheckStatus {
  Name?: string;
  Status: "passing" | "warning" | "critical" | string;
  /** Unix ms when the check entered this status. */
  sinceMs: number;
}

export interface AllocHealthInput {
  update: Pick<UpdateStrategy, "HealthCheck" | "MinHealthyTime" | "HealthyDeadline">;
  tasks: Task[];
  taskStates: Record<string, TaskState> | null;
  checks: CheckStatus[];
  /** Unix ms when health tracking started for this alloc (placement or joining the deployment). */
  trackingSinceMs: number;
  nowMs: number;
}

export interface AllocHealth {
  healthy: boolean | null;
  reason: string;
  /** When calling again may change the answer (null: decided, or only an event can change it). */
  recheckAtMs: number | null;
}

export const HealthReason = {
  Manual: "health is set manually through the deployment API",
  Healthy: "all tasks running and all checks passing for min_healthy_time",
  HealthyTasks: "all tasks running for min_healthy_time",
  TaskFailed: "Unhealthy because of failed task",
  TasksNotRunning: "Task not running by deadline",
  ChecksNotHealthy: "Services not healthy by deadline",
  MinHealthyTime: "Task not running for min_healthy_time by healthy_deadline",
  Waiting: "waiting for tasks to run and checks to pass",
} as const;

type TaskVerdict = { kind: "failed"; task: string } | { kind: "pending" } | { kind: "running"; sinceMs: number };

function isEphemeral(task: Task): boolean {
  const hook = task.Lifecycle?.Hook;
  return (hook === "prestart" || hook === "poststart") && task.Lifecycle?.Sidecar !== true;
}

function taskVerdict(tasks: Task[], states: Record<string, TaskState>): TaskVerdict {
  let sinceMs = 0;
  let pending = false;
  for (const task of tasks) {
    if (task.Lifecycle?.Hook === "poststop") continue;
    const state = states[task.Name];
    if (state?.Failed) return { kind: "failed", task: task.Name };
    if (isEphemeral(task)) {
      // An ephemeral poststart task may still be running or not yet started; only a prestart one gates.
      if (task.Lifecycle?.Hook === "prestart" && state?.State !== "dead") pending = true;
      continue;
    }
    if (state?.State === "dead") return { kind: "failed", task: task.Name };
    if (state?.State !== "running") {
      pending = true;
      continue;
    }
    sinceMs = Math.max(sinceMs, parseTime(state.StartedAt) ?? 0);
  }
  return pending ? { kind: "pending" } : { kind: "running", sinceMs };
}

export function allocHealth(input: AllocHealthInput): AllocHealth {
  const { update, nowMs } = input;
  if (update.HealthCheck === "manual") return { healthy: null, reason: HealthReason.Manual, recheckAtMs: null };
  const deadlineMs = input.trackingSinceMs + nsToMs(update.HealthyDeadline);
  const minHealthyMs = nsToMs(update.MinHealthyTime);
  const tasks = taskVerdict(input.tasks, input.taskStates ?? {});
  if (tasks.kind === "failed") return { healthy: false, reason: HealthReason.TaskFailed, recheckAtMs: null };

  const useChecks = update.HealthCheck !== "task_states";
  const checksPassing = !useChecks || input.checks.every((c) => c.Status === "passing");
  const checksSince = useChecks ? Math.max(0, ...input.checks.map((c) => c.sinceMs)) : 0;

  if (tasks.kind === "running" && checksPassing) {
    const healthyAt = Math.max(tasks.sinceMs, checksSince) + minHealthyMs;
    if (nowMs >= healthyAt) {
      return { healthy: true, reason: useChecks ? HealthReason.Healthy : HealthReason.HealthyTasks, recheckAtMs: null };
    }
    if (nowMs >= deadlineMs) return { healthy: false, reason: HealthReason.MinHealthyTime, recheckAtMs: null };
    return { healthy: null, reason: HealthReason.Waiting, recheckAtMs: Math.min(healthyAt, deadlineMs) };
  }
  if (nowMs >= deadlineMs) {
    const reason = tasks.kind === "pending" ? HealthReason.TasksNotRunning : HealthReason.ChecksNotHealthy;
    return { healthy: false, reason, recheckAtMs: null };
  }
  return { healthy: null, reason: HealthReason.Waiting, recheckAtMs: deadlineMs };
}
