/**
 * @module adopt: what to do with one task after an agent restart, decided from what the executor
 * shim left in `<task>/.runner/` and the task state the agent persisted. A process is only
 * re-attached when both its pid and its start time match (a reused pid is never mistaken for it);
 * a task process whose shim is gone is killed, since nothing supervises it or drains its output.
 */
import { taskDirs } from "./env.js";
import { type ExecutorHandle, type ExitRecord, readJson, runnerFiles } from "./executor.js";
import { isSameProcess, signalGroup } from "./proc.js";
import type { TaskState } from "./types.js";

export type AdoptOutcome =
  /** Watch this run again; `exited` when it ended while the agent was away (its exit is recorded). */
  | { kind: "resume"; handle: ExecutorHandle; exited: boolean }
  /** The task had already finished before the restart: keep its final state. */
  | { kind: "finished"; state: TaskState }
  /** A poststop task that has not run yet: leave it for the stop sequence. */
  | { kind: "not-started" }
  /** Nothing to re-attach to: report it lost so the scheduler replaces the allocation. */
  | { kind: "lost"; reason: string };

export function adoptTask(allocDir: string, task: string, prior: TaskState | null, poststop = false): AdoptOutcome {
  if (prior?.State === "dead") return { kind: "finished", state: prior };
  const files = runnerFiles(taskDirs(allocDir, task).runner);
  const handle = readJson<ExecutorHandle>(files.handle);
  if (!handle) {
    if (poststop) return { kind: "not-started" };
    return { kind: "lost", reason: "no executor handle" };
  }
  if (isSameProcess(handle.shim)) return { kind: "resume", handle, exited: false };
  const exit = readJson<ExitRecord>(files.exit);
  if (exit && exit.finishedAtMs >= handle.startedAtMs) return { kind: "resume", handle, exited: true };
  if (isSameProcess(handle.task)) signalGroup(handle.task.pid, "SIGKILL");
  return { kind: "lost", reason: "executor gone without an exit record" };
}
