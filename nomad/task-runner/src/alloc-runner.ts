/**
 * @module alloc-runner: an allocation's tasks in Nomad's lifecycle order (task hook coordinator):
 * prestart tasks first (non-sidecars must exit 0, sidecars must be running), then main tasks, then
 * poststart once the main tasks run; poststop after the main tasks are dead. A task failing for
 * good kills its siblings (`Sibling Task Failed`); stop kills main/ephemeral tasks first, then
 * sidecars, then runs poststop. Status is recomputed on every task update (status.ts).
 *
 * @example
 * const runner = new AllocRunner({ alloc, tasks: group.Tasks, onUpdate: (u) => store.updateAlloc(u) });
 * runner.start();
 * await runner.stop();
 */
import { adoptTask } from "./adopt.js";
import { TaskEventType, taskEvent, ZERO_TIME } from "./events.js";
import { allocClientStatus, type ClientStatus } from "./status.js";
import { TaskRunner, type TaskRunnerOptions } from "./task-runner.js";
import type { AllocContext, TaskEvent, TaskSpec, TaskState } from "./types.js";

export interface AllocUpdate extends ClientStatus {
  AllocID: string;
  TaskStates: Record<string, TaskState>;
  /** The task and event behind this update. */
  task: string;
  event: TaskEvent | null;
}

export interface AllocRunnerOptions {
  alloc: AllocContext;
  tasks: TaskSpec[];
  onUpdate?: (update: AllocUpdate) => void;
  /** Passed to every TaskRunner (decide, hostEnv, node, clock, pollMs …). */
  taskOptions?: Omit<TaskRunnerOptions, "alloc" | "task" | "onUpdate">;
}

export interface AdoptReport {
  adopted: string[];
  /** Runs that ended while the agent was down; their recorded exit went through the restart policy. */
  exited: string[];
  /** Tasks whose processes could not be re-attached; the alloc is then reported `lost`. */
  lost: string[];
}

type Role = "prestart" | "prestart-sidecar" | "main" | "poststart" | "poststart-sidecar" | "poststop";

function roleOf(task: TaskSpec): Role {
  const lc = task.Lifecycle;
  if (!lc) return "main";
  if (lc.Hook === "prestart") return lc.Sidecar ? "prestart-sidecar" : "prestart";
  if (lc.Hook === "poststart") return lc.Sidecar ? "poststart-sidecar" : "poststart";
  return "poststop";
}

export class AllocRunner {
  readonly done: Promise<ClientStatus>;
  private readonly runners = new Map<string, TaskRunner>();
  private readonly roles = new Map<string, Role>();
  private readonly waiters = new Set<() => void>();
  private stopping = false;
  private failedTask: string | null = null;
  private lostTasks: string[] = [];
  private resolveDone!: (status: ClientStatus) => void;
  private stopped: Promise<void> | null = null;

  constructor(private readonly opts: AllocRunnerOptions) {
    this.done = new Promise((resolve) => {
      this.resolveDone = resolve;
    });
    for (const task of opts.tasks) {
      this.roles.set(task.Name, roleOf(task));
      const runner = new TaskRunner({
        ...opts.taskOptions,
        alloc: opts.alloc,
        task,
        onUpdate: (name, state, event) => this.onTaskUpdate(name, state, event),
      });
      this.runners.set(task.Name, runner);
    }
  }

  get taskStates(): Record<string, TaskState> {
    return Object.fromEntries([...this.runners].map(([name, r]) => [name, r.state]));
  }

  get status(): ClientStatus {
    if (this.lostTasks.length > 0) {
      return { ClientStatus: "lost", ClientDescription: `Tasks lost across an agent restart: ${this.lostTasks.join(", ")}` };
    }
    return allocClientStatus(this.taskStates);
  }

  /** The runner of one task (pids, states), mostly for the agent's debugging endpoints and tests. */
  task(name: string): TaskRunner | undefined {
    return this.runners.get(name);
  }

  start(): void {
    for (const runner of this.runners.values()) runner.receive();
    void this.coordinate();
  }

  /** Stops the alloc the way Nomad does: main and ephemeral tasks, then sidecars, then poststop. */
  stop(): Promise<ClientStatus> {
    this.stopping = true;
    this.wake();
    this.stopped ??= this.shutdown(null);
    return this.done;
  }

  /**
   * Re-attaches to an allocation's processes after an agent restart, instead of `start()`.
   * `prior` are the task states the agent persisted. If any task cannot be re-attached, every
   * surviving task is killed and the alloc reports `lost`, so a replacement never runs beside it.
   */
  async adopt(prior: Record<string, TaskState> = {}): Promise<AdoptReport> {
    const report: AdoptReport = { adopted: [], exited: [], lost: [] };
    for (const [name, runner] of this.runners) {
      const outcome = adoptTask(this.opts.alloc.AllocDir, name, prior[name] ?? null, this.roles.get(name) === "poststop");
      if (outcome.kind === "resume") {
        runner.resume(outcome.handle, prior[name] ?? null);
        (outcome.exited ? report.exited : report.adopted).push(name);
      } else if (outcome.kind === "finished") {
        runner.markDead(outcome.state.Failed, null, outcome.state);
      } else if (outcome.kind === "not-started") {
        runner.receive();
      } else {
        report.lost.push(name);
      }
    }
    if (report.lost.length > 0) {
      this.lostTasks = report.lost;
      for (const name of report.lost) {
        const lost = taskEvent(TaskEventType.DriverFailure, Date.now(), {
          DriverError: "task process could not be re-attached after an agent restart",
          FailsTask: true,
        });
        this.runners.get(name)?.markDead(true, lost, prior[name] ?? null);
      }
      this.stopping = true;
      this.stopped = this.shutdown(null);
    } else {
      void this.watchMain();
    }
    return report;
  }

  private async coordinate(): Promise<void> {
    const of = (...roles: Role[]) => [...this.runners].filter(([n]) => roles.includes(this.roles.get(n) as Role)).map(([, r]) => r);
    // A stop or failure can land between a phase's gate opening and its tasks starting.
    const launch = (runners: TaskRunner[]): void => {
      if (!this.stopping && !this.failedTask) for (const r of runners) r.start();
    };
    const prestart = of("prestart", "prestart-sidecar");
    launch(prestart);
    const ready = await this.until(() =>
      prestart.every((r) =>
        this.roles.get(r.name) === "prestart" ? r.state.State === "dead" && !r.state.Failed : r.state.State === "running",
      ),
    );
    if (!ready) return;
    const main = of("main");
    launch(main);
    // Poststart waits until every main task has started (one may already have finished).
    if (!(await this.until(() => main.every((r) => r.state.StartedAt !== ZERO_TIME)))) return;
    launch(of("poststart", "poststart-sidecar"));
    await this.watchMain();
  }

  /**
   * Once every non-sidecar task (main, prestart, poststart) is dead, only sidecars are left: Nomad
   * kills them with `Main Tasks Dead`, then poststop runs.
   */
  private async watchMain(): Promise<void> {
    const workers = [...this.runners].filter(([n]) => ["main", "prestart", "poststart"].includes(this.roles.get(n) as Role));
    if (!(await this.until(() => workers.every(([, r]) => r.state.State === "dead")))) return;
    this.stopping = true;
    this.stopped ??= this.shutdown(null, TaskEventType.MainDead);
  }

  /** Resolves true when `predicate` holds, false when the alloc is stopping or has failed first. */
  private until(predicate: () => boolean): Promise<boolean> {
    return new Promise((resolve) => {
      const check = (): void => {
        if (this.stopping || this.failedTask) {
          this.waiters.delete(check);
          resolve(false);
        } else if (predicate()) {
          this.waiters.delete(check);
          resolve(true);
        }
      };
      this.waiters.add(check);
      check();
    });
  }

  private wake(): void {
    for (const waiter of [...this.waiters]) waiter();
  }

  private onTaskUpdate(name: string, state: TaskState, event: TaskEvent | null): void {
    this.opts.onUpdate?.({ AllocID: this.opts.alloc.AllocID, TaskStates: this.taskStates, ...this.status, task: name, event });
    if (state.State === "dead" && state.Failed && !this.failedTask && !this.stopping && this.lostTasks.length === 0) {
      this.failedTask = name;
      this.stopped ??= this.shutdown(name);
    }
    this.wake();
  }

  private async shutdown(failedSibling: string | null, why: string | null = null): Promise<void> {
    this.wake();
    const reason = (): TaskEvent | null => {
      if (failedSibling) return taskEvent(TaskEventType.SiblingFailed, Date.now(), { FailedSibling: failedSibling });
      return why ? taskEvent(why, Date.now()) : null;
    };
    const group = (roles: Role[]) =>
      [...this.runners].filter(([n]) => roles.includes(this.roles.get(n) as Role) && n !== failedSibling).map(([, r]) => r);
    await Promise.all(group(["main", "prestart", "poststart"]).map((r) => r.kill(reason())));
    await Promise.all(group(["prestart-sidecar", "poststart-sidecar"]).map((r) => r.kill(reason())));
    const poststop = group(["poststop"]);
    if (this.lostTasks.length === 0) for (const r of poststop) r.start();
    else for (const r of poststop) r.markDead(false, null);
    await Promise.all(poststop.map((r) => r.done));
    await Promise.all([...this.runners.values()].map((r) => r.done));
    this.resolveDone(this.status);
  }
}
