/**
 * @module task-runner: one raw_exec task through its life, Nomad style: Received → Task Setup →
 * Started → Terminated → Restarting/Not Restarting …, or Killing → Killed on stop. The restart
 * decision is injected (`decide`), the clock and sleeps too; process I/O lives in executor.ts.
 *
 * @example
 * const runner = new TaskRunner({ alloc, task, onUpdate: (name, state) => store.put(name, state) });
 * runner.start();
 * await runner.kill();
 */
import { mkdirSync } from "node:fs";
import { setTimeout as delay } from "node:timers/promises";
import { buildTaskEnv, isSafeName, taskDirs } from "./env.js";
import { TaskRunnerError, TaskRunnerErrorCode } from "./errors.js";
import { initialTaskState, rfc3339, TaskEventType, taskEvent, withEvent } from "./events.js";
import { type ExecutorHandle, type ExitRecord, launch, waitForExit } from "./executor.js";
import { interpolateString, interpolateValue } from "./interpolate.js";
import { signalGroup } from "./proc.js";
import {
  DEFAULT_SERVICE_RESTART,
  defaultRestartDecision,
  emptyRestartHistory,
  type RestartDecider,
  type RestartHistory,
} from "./restart.js";
import type { AllocContext, NodeInfo, TaskEvent, TaskSpec, TaskState } from "./types.js";

export const DEFAULT_KILL_TIMEOUT_NS = 5e9;
/** Nomad sends SIGINT unless `kill_signal` says otherwise (docker is the SIGTERM exception). */
export const DEFAULT_KILL_SIGNAL = "SIGINT";

export type TaskUpdate = (task: string, state: TaskState, event: TaskEvent | null) => void;

export interface TaskRunnerOptions {
  alloc: AllocContext;
  task: TaskSpec;
  onUpdate?: TaskUpdate;
  decide?: RestartDecider;
  hostEnv?: Record<string, string | undefined>;
  node?: NodeInfo;
  now?: () => number;
  sleep?: (ms: number, signal: AbortSignal) => Promise<void>;
  /** In [0, 1): the restart jitter draw. */
  random?: () => number;
  nodePath?: string;
  pollMs?: number;
}

interface Run {
  handle: ExecutorHandle;
  shimExited: Promise<void> | null;
}

const abortableSleep = (ms: number, signal: AbortSignal): Promise<void> =>
  delay(ms, undefined, { signal }).catch(() => undefined);

export class TaskRunner {
  readonly name: string;
  readonly done: Promise<TaskState>;
  private current: TaskState = initialTaskState();
  private history: RestartHistory = emptyRestartHistory;
  private run: Run | null = null;
  private killing = false;
  private signalled = false;
  private finished = false;
  private started = false;
  private received = false;
  private readonly stopSleep = new AbortController();
  private resolveDone!: (state: TaskState) => void;
  private readonly now: () => number;
  private readonly sleep: (ms: number, signal: AbortSignal) => Promise<void>;

  constructor(private readonly opts: TaskRunnerOptions) {
    this.name = opts.task.Name;
    this.now = opts.now ?? Date.now;
    this.sleep = opts.sleep ?? abortableSleep;
    this.done = new Promise((resolve) => {
      this.resolveDone = resolve;
    });
  }

  get state(): TaskState {
    return this.current;
  }

  get pid(): number | null {
    return this.run?.handle.task.pid ?? null;
  }

  get lifecycle(): { hook: string; sidecar: boolean } | null {
    const lc = this.opts.task.Lifecycle;
    return lc ? { hook: lc.Hook, sidecar: lc.Sidecar } : null;
  }

  /** Records `Received`: the task is known and pending (e.g. waiting for its lifecycle phase). */
  receive(): void {
    if (this.received) return;
    this.received = true;
    this.update(TaskEventType.Received, {});
  }

  /** Starts the task's life loop; `done` resolves when it is dead for good. */
  start(): void {
    this.begin();
    this.receive();
    void this.loop(null).catch((error) => this.crash(error));
  }

  /**
   * Continues a run found after an agent restart (see adopt.ts): watches the same processes, or, if
   * the run already ended, handles its recorded exit as if just observed. Never starts a second copy.
   */
  resume(handle: ExecutorHandle, prior: TaskState | null): void {
    this.begin();
    this.received = true;
    this.current = prior
      ? { ...prior, State: "running" }
      : { ...initialTaskState(), State: "running", StartedAt: rfc3339(handle.startedAtMs) };
    void this.loop({ handle, shimExited: null }).catch((error) => this.crash(error));
  }

  /** Marks the task dead without running it: lost across an agent restart, never reached, or restored as finished. */
  markDead(failed: boolean, event: TaskEvent | null, prior: TaskState | null = null): void {
    this.begin();
    if (prior) this.current = prior;
    this.finish(failed, event);
  }

  /**
   * Stops the task: `KillSignal` to its process group, SIGKILL after `KillTimeout`. `reason` is an
   * extra event recorded first (e.g. `Sibling Task Failed`).
   */
  async kill(reason: TaskEvent | null = null): Promise<TaskState> {
    if (!this.started) this.markDead(false, reason);
    if (this.finished || this.killing) return this.done;
    this.killing = true;
    if (reason) this.push(reason, {});
    this.stopSleep.abort();
    // No run yet (shim still starting): the loop signals it as soon as the handshake arrives.
    if (this.run) this.signalRun(this.run);
    return this.done;
  }

  private signalRun(run: Run): void {
    if (this.signalled) return;
    this.signalled = true;
    const timeoutNs = this.opts.task.KillTimeout ?? DEFAULT_KILL_TIMEOUT_NS;
    this.update(TaskEventType.Killing, { KillTimeout: timeoutNs });
    const signal = (this.opts.task.KillSignal || DEFAULT_KILL_SIGNAL) as NodeJS.Signals;
    signalGroup(run.handle.task.pid, signal);
    const escalate = setTimeout(() => signalGroup(run.handle.task.pid, "SIGKILL"), timeoutNs / 1e6);
    void this.done.then(() => clearTimeout(escalate));
  }

  private begin(): void {
    if (this.started) throw new TaskRunnerError(TaskRunnerErrorCode.InvalidState, `task ${this.name} already started`);
    this.started = true;
  }

  private async loop(adopted: Run | null): Promise<void> {
    const dirs = taskDirs(this.opts.alloc.AllocDir, this.name);
    if (!adopted) {
      if (!isSafeName(this.name)) {
        const error = `invalid task name ${JSON.stringify(this.name)}`;
        return this.finish(true, taskEvent(TaskEventType.SetupFailure, this.now(), { SetupError: error, FailsTask: true }));
      }
      try {
        for (const dir of [dirs.local, dirs.secrets, dirs.tmp, dirs.logs, dirs.runner]) mkdirSync(dir, { recursive: true });
        this.update(TaskEventType.Setup, { Message: "Building Task Directory" });
      } catch (error) {
        this.finish(true, taskEvent(TaskEventType.SetupFailure, this.now(), { SetupError: String(error), FailsTask: true }));
        return;
      }
    }
    let next = adopted;
    for (;;) {
      if (this.killing) return this.finish(false, taskEvent(TaskEventType.Killed, this.now()));
      let exit: ExitRecord | null;
      try {
        if (next) {
          this.run = next;
          next = null;
        } else {
          this.run = await this.launchOnce(dirs.runner);
          this.update(TaskEventType.Started, {}, { State: "running", StartedAt: rfc3339(this.run.handle.startedAtMs) });
        }
        if (this.killing) this.signalRun(this.run);
        exit = await waitForExit(dirs.runner, this.run.handle, this.run.shimExited, { pollMs: this.opts.pollMs ?? 200 });
      } catch (error) {
        this.run = null;
        const message = error instanceof Error ? error.message : String(error);
        // A command that cannot be executed will not start on a retry either (Nomad: unrecoverable).
        this.update(TaskEventType.DriverFailure, { DriverError: message });
        const reason = "Error was unrecoverable";
        return this.finish(true, taskEvent(TaskEventType.NotRestarting, this.now(), { RestartReason: reason, FailsTask: true }));
      }
      this.run = null;
      this.update(TaskEventType.Terminated, {
        ExitCode: exit?.exitCode ?? -1,
        Signal: exit?.signum ?? 0,
        Message: exit ? "" : "executor lost: exit status unknown",
      });
      if (this.killing) return this.finish(false, taskEvent(TaskEventType.Killed, this.now()));
      if (!(await this.afterExit(exit))) return;
    }
  }

  private async launchOnce(runnerDir: string): Promise<Run> {
    const { alloc, task, hostEnv, node } = this.opts;
    if (task.Driver !== "raw_exec" || typeof task.Config.command !== "string" || task.Config.command === "") {
      throw new TaskRunnerError(
        TaskRunnerErrorCode.InvalidTask,
        task.Driver !== "raw_exec" ? `driver ${JSON.stringify(task.Driver)} is not supported by the dev agent` : "missing command",
      );
    }
    const env = buildTaskEnv({ alloc, task, hostEnv: hostEnv ?? {}, ...(node ? { node } : {}) });
    const rawArgs = Array.isArray(task.Config.args) ? task.Config.args : [];
    const dirs = taskDirs(alloc.AllocDir, task.Name);
    const log = task.LogConfig ?? { MaxFiles: 10, MaxFileSizeMB: 10 };
    const launched = await launch(
      runnerDir,
      {
        command: interpolateString(task.Config.command, env, node),
        args: (interpolateValue(rawArgs, env, node) as unknown[]).map(String),
        env,
        // raw_exec's `work_dir` (absolute) overrides the task directory.
        cwd: typeof task.Config.work_dir === "string" && task.Config.work_dir.startsWith("/") ? task.Config.work_dir : dirs.taskDir,
        taskName: task.Name,
        logDir: dirs.logs,
        maxFiles: Math.max(1, log.MaxFiles),
        maxFileBytes: Math.max(1, Math.round(log.MaxFileSizeMB * 1024 * 1024)),
      },
      this.opts.nodePath,
    );
    return launched;
  }

  /** Applies the restart policy after an exit; false when the task is finished. */
  private async afterExit(exit: ExitRecord | null): Promise<boolean> {
    const { task, alloc } = this.opts;
    const successful = exit !== null && exit.exitCode === 0;
    const ephemeral = task.Lifecycle != null && !task.Lifecycle.Sidecar;
    // Nomad's restart tracker never restarts a lifecycle (non-sidecar) task after a clean exit.
    if (ephemeral && successful) {
      this.finish(false, null);
      return false;
    }
    const policy = task.RestartPolicy ?? DEFAULT_SERVICE_RESTART;
    const decide = this.opts.decide ?? defaultRestartDecision;
    const now = this.now();
    const decision = decide(policy, this.history, now, {
      exitSuccessful: successful,
      jobType: alloc.JobType ?? "service",
      jitter: this.opts.random ? this.opts.random() : 0,
    });
    this.history = decision.history;
    if (decision.action === "complete") {
      this.finish(false, null);
      return false;
    }
    if (decision.action === "fail") {
      this.finish(true, taskEvent(TaskEventType.NotRestarting, now, { RestartReason: decision.reason, FailsTask: true }));
      return false;
    }
    const delayMs = decision.action === "restart" ? decision.delayMs : Math.max(0, decision.untilMs - now);
    this.update(
      TaskEventType.Restarting,
      { RestartReason: decision.reason, StartDelay: delayMs * 1e6 },
      { State: "pending", Restarts: this.current.Restarts + 1, LastRestart: rfc3339(now) },
    );
    await this.sleep(delayMs, this.stopSleep.signal);
    return true;
  }

  /** A bug or an injected `decide` throwing must not leave the task half-alive: kill it and fail it. */
  private crash(error: unknown): void {
    if (this.run) signalGroup(this.run.handle.task.pid, "SIGKILL");
    const message = error instanceof Error ? error.message : String(error);
    this.finish(true, taskEvent(TaskEventType.DriverFailure, this.now(), { DriverError: `task runner error: ${message}`, FailsTask: true }));
  }

  private finish(failed: boolean, event: TaskEvent | null): void {
    if (this.finished) return;
    this.finished = true;
    const finishedAt = this.current.State === "dead" ? this.current.FinishedAt : rfc3339(this.now());
    this.push(event, { State: "dead", Failed: failed, FinishedAt: finishedAt });
    this.resolveDone(this.current);
  }

  private update(type: string, fields: Parameters<typeof taskEvent>[2], patch: Partial<TaskState> = {}): void {
    this.push(taskEvent(type, this.now(), fields), patch);
  }

  private push(event: TaskEvent | null, patch: Partial<TaskState>): void {
    this.current = withEvent(this.current, event, patch);
    this.opts.onUpdate?.(this.name, this.current, event);
  }
}
