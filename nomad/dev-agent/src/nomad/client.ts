/**
 * @module nomad/client: the Nomad client half on this one node. Runs each placed allocation through
 * an `AllocRunner`, writes its task states back into the store (coalesced per alloc, one write per
 * burst), registers the alloc's services in the Consul half once its tasks run, deregisters them
 * before its tasks are killed, and tells the engine when an alloc's client status changes.
 */
import { readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { Allocation } from "@forex-mesh/scheduler";
import { restartDecision } from "@forex-mesh/scheduler";
import { AllocRunner, type AllocUpdate, allocContextFrom, type JobLike } from "@forex-mesh/task-runner";
import type { Core } from "./core.js";
import { allocJob, msToNs } from "./records.js";
import { allocRegistrations, serviceIdPrefix } from "./services.js";

const TERMINAL = new Set(["complete", "failed", "lost"]);
/** Allocs whose tasks the agent stopped on a clean shutdown; started afresh (not adopted) on return. */
const STOPPED_AT_SHUTDOWN = "nomad-stopped-at-shutdown.json";

export class AllocClient {
  readonly #runners = new Map<string, AllocRunner>();
  readonly #pending = new Map<string, AllocUpdate>();
  #flushing = false;
  #closed = false;

  constructor(
    private readonly core: Core,
    /** Called after an alloc's client status or task states were stored. */
    private readonly onChange: (alloc: Allocation, previousStatus: string) => void,
  ) {}

  get running(): number {
    return this.#runners.size;
  }

  start(alloc: Allocation): void {
    this.#runner(alloc)?.start();
  }

  /** After an agent restart: re-attach to the alloc's processes (see README, "Restart"). */
  async adopt(alloc: Allocation): Promise<void> {
    const runner = this.#runner(alloc);
    if (!runner) return;
    const report = await runner.adopt((alloc.TaskStates ?? {}) as never);
    this.core.deps.log(
      `nomad: alloc ${alloc.ID.slice(0, 8)} re-adopted (${report.adopted.length} running, ${report.exited.length} exited, ${report.lost.length} lost)`,
    );
  }

  /** Deregisters the alloc's services, then kills its tasks (Nomad's order). */
  async stop(allocId: string): Promise<void> {
    await this.deregister(allocId);
    const runner = this.#runners.get(allocId);
    if (runner) await runner.stop();
  }

  /**
   * Agent shutdown: stops every runner (a dev agent leaves nothing running behind it) and notes
   * which allocs it stopped, so the next start runs them again from scratch instead of counting
   * the shutdown against their restart policy. Their services stay registered (same ports).
   */
  async close(): Promise<void> {
    this.#closed = true;
    writeFileSync(join(this.core.deps.dataDir, STOPPED_AT_SHUTDOWN), JSON.stringify([...this.#runners.keys()]));
    await Promise.all([...this.#runners.values()].map((r) => r.stop()));
  }

  /** The allocs a clean shutdown stopped (read once: the note is removed). */
  takeStoppedAtShutdown(): Set<string> {
    const path = join(this.core.deps.dataDir, STOPPED_AT_SHUTDOWN);
    try {
      const ids = JSON.parse(readFileSync(path, "utf8")) as string[];
      rmSync(path, { force: true });
      return new Set(ids);
    } catch {
      return new Set();
    }
  }

  #runner(alloc: Allocation): AllocRunner | undefined {
    if (this.#runners.has(alloc.ID)) return undefined;
    const { deps } = this.core;
    const job = allocJob(deps.store.state.nomad, alloc);
    if (!job) return undefined;
    const { context, tasks } = allocContextFrom(alloc as never, job as unknown as JobLike, { dataDir: deps.dataDir, datacenter: deps.datacenter });
    const runner = new AllocRunner({
      alloc: context,
      tasks,
      taskOptions: { hostEnv: deps.hostEnv, node: deps.node, decide: restartDecision },
      onUpdate: (u) => this.#queue(u),
    });
    this.#runners.set(alloc.ID, runner);
    void runner.done.then(() => {
      if (this.#runners.get(alloc.ID) === runner) this.#runners.delete(alloc.ID);
    });
    return runner;
  }

  #queue(update: AllocUpdate): void {
    if (this.#closed) return;
    this.#pending.set(update.AllocID, update);
    if (this.#flushing) return;
    this.#flushing = true;
    setImmediate(() => void this.#flush());
  }

  async #flush(): Promise<void> {
    while (this.#pending.size > 0 && !this.#closed) {
      const batch = [...this.#pending.values()];
      this.#pending.clear();
      const { state } = this.core.deps.store;
      const before = new Map(batch.map((u) => [u.AllocID, state.nomad.allocs.get(u.AllocID)?.ClientStatus ?? ""]));
      const nowNs = msToNs(this.core.deps.now());
      try {
        await this.core.write({
          allocPatches: batch.map((u) => ({
            ID: u.AllocID,
            patch: { TaskStates: u.TaskStates as never, ClientStatus: u.ClientStatus, ClientDescription: u.ClientDescription, ModifyTime: nowNs },
          })),
        });
      } catch (error) {
        this.core.deps.log(`nomad: storing task states failed: ${(error as Error).message}`);
        continue;
      }
      for (const u of batch) {
        const alloc = state.nomad.allocs.get(u.AllocID);
        if (!alloc) continue;
        const previous = before.get(u.AllocID) ?? "";
        if (alloc.ClientStatus === "running" && alloc.DesiredStatus === "run" && previous !== "running") await this.register(alloc);
        if (TERMINAL.has(alloc.ClientStatus) && !TERMINAL.has(previous)) await this.deregister(alloc.ID);
        this.onChange(alloc, previous);
      }
    }
    this.#flushing = false;
  }

  /** Registers (or re-registers, after promotion) the alloc's services and checks in Consul. */
  async register(alloc: Allocation): Promise<void> {
    const { deps } = this.core;
    const job = allocJob(deps.store.state.nomad, alloc);
    if (!job) return;
    const regs = allocRegistrations(alloc, job, { dataDir: deps.dataDir, datacenter: deps.datacenter, node: deps.node });
    for (const { service, checks } of regs) {
      await deps.store.commit({ type: "service-register", service, checks, replaceExistingChecks: true, now: deps.now() });
    }
  }

  async deregister(allocId: string): Promise<void> {
    const { store } = this.core.deps;
    const prefix = serviceIdPrefix(allocId);
    for (const id of [...store.state.services.keys()]) {
      if (id.startsWith(prefix)) await store.commit({ type: "service-deregister", id });
    }
  }
}
