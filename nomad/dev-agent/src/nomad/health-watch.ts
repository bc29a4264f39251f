/**
 * @module nomad/health-watch: the client's deployment health tracker. For each alloc of an active
 * deployment whose health is undecided, asks the scheduler's pure `allocHealth` (task states + the
 * Consul checks of the alloc's services, held for MinHealthyTime within HealthyDeadline), stores
 * the first decided answer (Nomad decides once per deployment), re-checks at `recheckAtMs`, and
 * asks the engine for a `deployment-watcher` evaluation of every job whose allocs were decided.
 * When a check entered its status is observed here (the Consul half only keeps the status).
 */
import { allocHealth, type CheckStatus, isActiveDeployment, type Task } from "@forex-mesh/scheduler";
import type { Core } from "./core.js";
import { allocJob, nsToMs, rfc3339 } from "./records.js";
import { allocRegistrations } from "./services.js";

export class HealthWatch {
  readonly #checkSince = new Map<string, { status: string; sinceMs: number }>();
  #queued = false;

  constructor(
    private readonly core: Core,
    private readonly onDecided: (namespace: string, jobId: string) => void,
  ) {}

  /** The Consul half changed checks: note when each one entered its current status. */
  observeChecks(): void {
    const now = this.core.deps.now();
    for (const c of this.core.deps.store.state.checks.values()) {
      const seen = this.#checkSince.get(c.id);
      if (!seen || seen.status !== c.status) this.#checkSince.set(c.id, { status: c.status, sinceMs: now });
    }
    this.kick();
  }

  /** Coalesces bursts of changes into one pass in the engine's queue. */
  kick(): void {
    if (this.#queued) return;
    this.#queued = true;
    setImmediate(() => {
      this.#queued = false;
      void this.core.serial.run(() => this.#pass()).catch((e: unknown) => this.core.deps.log(`nomad: health pass failed: ${String(e)}`));
    });
  }

  async #pass(): Promise<void> {
    const { deps } = this.core;
    const s = deps.store.state.nomad;
    const nowMs = deps.now();
    const patches: { ID: string; patch: Record<string, unknown> }[] = [];
    const jobs = new Map<string, [string, string]>();
    for (const a of s.allocs.values()) {
      if (a.DesiredStatus !== "run" || !a.DeploymentID || a.DeploymentStatus?.Healthy != null) continue;
      const d = s.deployments.get(a.DeploymentID);
      if (!d || !isActiveDeployment(d)) continue;
      const job = allocJob(s, a);
      const group = job?.TaskGroups.find((g) => g.Name === a.TaskGroup);
      if (!job || !group?.Update) continue;
      const checks: CheckStatus[] = [];
      const trackingSinceMs = nsToMs(a.CreateTime);
      for (const reg of allocRegistrations(a, job, { dataDir: deps.dataDir, datacenter: deps.datacenter, node: deps.node })) {
        for (const c of reg.checks) {
          const stored = deps.store.state.checks.get(c.id);
          const since = this.#checkSince.get(c.id);
          checks.push({ Status: stored?.status ?? "critical", sinceMs: stored && since?.status === stored.status ? since.sinceMs : trackingSinceMs });
        }
      }
      const verdict = allocHealth({
        update: group.Update,
        tasks: group.Tasks as Task[],
        taskStates: a.TaskStates,
        checks,
        trackingSinceMs,
        nowMs,
      });
      if (verdict.healthy === null) {
        if (verdict.recheckAtMs !== null) this.core.timers.at(`health:${a.ID}`, verdict.recheckAtMs + 5, () => this.kick());
        continue;
      }
      patches.push({ ID: a.ID, patch: { DeploymentStatus: { Healthy: verdict.healthy, Timestamp: rfc3339(nowMs), Canary: a.DeploymentStatus?.Canary ?? false } } });
      jobs.set(`${a.Namespace}/${a.JobID}`, [a.Namespace, a.JobID]);
    }
    if (patches.length === 0) return;
    await this.core.write({ allocPatches: patches });
    for (const [ns, id] of jobs.values()) this.onDecided(ns, id);
  }
}
