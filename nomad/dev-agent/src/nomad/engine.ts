/**
 * @module nomad/engine: the Nomad server on this node. Every write the API asks for (register,
 * deregister, revert, scale, evaluate, promote, fail, alloc stop) is decided here, stored with its
 * pending evaluation in one durable write (so the eval is readable as soon as the answer is sent),
 * and the evaluation then runs in the serial queue (`evaluate.ts`). The client half (`client.ts`)
 * and the health watcher (`health-watch.ts`) feed changes back in as new evaluations.
 */
import { canonicalizeJob, type Job as ApiJob } from "@forex-mesh/jobspec";
import { failDeploymentByUser, type Job, promoteDeployment, type RevertInstruction, sameJobSpec } from "@forex-mesh/scheduler";
import { badRequest, notFound, rpcError } from "../errors.js";
import { AllocClient } from "./client.js";
import type { Core } from "./core.js";
import { armDeadlines, type EvalEffects, processEval } from "./evaluate.js";
import { HealthWatch } from "./health-watch.js";
import { PortAllocator } from "./ports.js";
import { jobAllocs, jobVersions, msToNs, newEval } from "./records.js";
import { jobKey, type JobWrite } from "./state.js";

export interface RegisterInput {
  job: ApiJob;
  enforceIndex: boolean;
  jobModifyIndex: number;
  submission?: JobWrite["submission"];
  evalPriority?: number;
}

export interface WriteAnswer {
  EvalID: string;
  EvalCreateIndex: number;
  JobModifyIndex: number;
  Index: number;
}

export class NomadEngine {
  readonly client: AllocClient;
  readonly health: HealthWatch;
  readonly #fx: EvalEffects;

  constructor(readonly core: Core) {
    this.client = new AllocClient(core, (alloc, previous) => {
      this.health.kick();
      const failed = alloc.ClientStatus === "failed" || alloc.ClientStatus === "lost";
      if (failed && previous !== alloc.ClientStatus) this.#evaluateJob(alloc.Namespace, alloc.JobID, "alloc-failure");
      if ((failed || alloc.ClientStatus === "complete") && previous !== alloc.ClientStatus) this.#unblock();
    });
    this.health = new HealthWatch(core, (ns, id) => this.#evaluateJob(ns, id, "deployment-watcher"));
    this.#fx = {
      core,
      client: this.client,
      ports: new PortAllocator(core.deps.random),
      schedule: (evalId, atMs) => core.timers.at(`eval:${evalId}`, atMs, () => void this.#run(evalId)),
      onDeadline: (ns, id) => this.#evaluateJob(ns, id, "deployment-watcher"),
    };
  }

  get #s() {
    return this.core.deps.store.state.nomad;
  }

  /**
   * After a restart: allocs a clean shutdown stopped start again; every other live alloc is
   * re-adopted (its processes kept running under their shims) or, if they are gone, reported lost
   * and replaced by the scheduler. Then unfinished stops, pending evals and timers resume.
   */
  async recover(): Promise<void> {
    const stoppedAtShutdown = this.client.takeStoppedAtShutdown();
    for (const a of this.#s.allocs.values()) {
      if (a.ClientStatus === "complete" || a.ClientStatus === "failed" || a.ClientStatus === "lost") continue;
      if (a.DesiredStatus === "run" && stoppedAtShutdown.has(a.ID)) {
        this.client.start(a);
        continue;
      }
      await this.client.adopt(a);
      if (a.DesiredStatus !== "run") void this.client.stop(a.ID);
    }
    for (const e of this.#s.evals.values()) {
      if (e.Status !== "pending") continue;
      const at = Date.parse(String(e.WaitUntil));
      if (!Number.isNaN(at) && at > 0) this.#fx.schedule(e.ID, at);
      else void this.#run(e.ID);
    }
    for (const job of this.#s.jobs.values()) armDeadlines(this.#fx, job);
    this.health.kick();
  }

  async close(): Promise<void> {
    this.core.timers.close();
    await this.client.close();
  }

  register(input: RegisterInput): Promise<WriteAnswer> {
    return this.core.serial.run(async () => {
      if (input.evalPriority !== undefined && (input.evalPriority < 1 || input.evalPriority > 100)) {
        throw badRequest("Eval priority must be between 1 and 100 inclusively");
      }
      const job = canonicalizeJob(input.job) as unknown as Job;
      const existing = this.#s.jobs.get(jobKey(job.Namespace, job.ID));
      if (input.enforceIndex) {
        const n = input.jobModifyIndex;
        if (existing && n === 0) throw rpcError(`Enforcing job modify index ${n}: job already exists`, "ENFORCE_INDEX");
        if (existing && n !== existing.JobModifyIndex) {
          throw rpcError(`Enforcing job modify index ${n}: job exists with conflicting job modify index: ${existing.JobModifyIndex}`, "ENFORCE_INDEX");
        }
        if (!existing && n !== 0) throw rpcError(`Enforcing job modify index ${n}: job does not exist`, "ENFORCE_INDEX");
      }
      const unchanged = existing !== undefined && existing.Stop !== true && sameJobSpec(existing, { ...job, Version: existing.Version });
      const write: JobWrite = unchanged
        ? { job: existing, newVersion: false, specChanged: false }
        : { job: this.#nextVersion(job, existing), newVersion: true, specChanged: true, submission: input.submission ?? null };
      return this.#writeWithEval(write, "job-register", input.evalPriority);
    });
  }

  deregister(namespace: string, id: string, purge: boolean): Promise<WriteAnswer> {
    return this.core.serial.run(async () => {
      const existing = this.#s.jobs.get(jobKey(namespace, id));
      if (!existing) throw rpcError("job not found");
      const answer = await this.#writeWithEval(
        { job: this.#nextVersion({ ...existing, Stop: true }, existing), newVersion: true, specChanged: true },
        "job-deregister",
      );
      await this.#process(answer.EvalID);
      if (purge) await this.core.write({ purgeJobs: [{ Namespace: namespace, ID: id }] });
      return answer;
    });
  }

  revert(namespace: string, id: string, version: number, enforcePrior?: number): Promise<WriteAnswer> {
    return this.core.serial.run(async () => {
      const current = this.#s.jobs.get(jobKey(namespace, id));
      if (!current) throw rpcError("job not found");
      if (enforcePrior !== undefined && current.Version !== enforcePrior) {
        throw rpcError(`current job has version ${current.Version}; enforcing version ${enforcePrior}`);
      }
      if (version === current.Version) throw rpcError(`can't revert to current version`);
      const target = jobVersions(this.#s, namespace, id).find((v) => v.Version === version);
      if (!target) throw rpcError(`job ${id} at version ${version} not found`);
      return this.#writeWithEval({ job: this.#nextVersion(target, current), newVersion: true, specChanged: true }, "job-register");
    });
  }

  scale(namespace: string, id: string, group: string, count: number | null): Promise<WriteAnswer> {
    return this.core.serial.run(async () => {
      const current = this.#s.jobs.get(jobKey(namespace, id));
      if (!current) throw rpcError("job not found");
      if (!current.TaskGroups.some((g) => g.Name === group)) throw rpcError(`task group "${group}" specified for scaling does not exist in job`);
      if (count === null) return this.#writeWithEval({ job: current, newVersion: false, specChanged: false }, "job-scaling");
      const next = { ...current, TaskGroups: current.TaskGroups.map((g) => (g.Name === group ? { ...g, Count: count } : g)) };
      return this.#writeWithEval({ job: this.#nextVersion(next, current), newVersion: true, specChanged: true }, "job-scaling");
    });
  }

  evaluate(namespace: string, id: string): Promise<WriteAnswer> {
    return this.core.serial.run(async () => {
      const current = this.#s.jobs.get(jobKey(namespace, id));
      if (!current) throw notFound("job not found");
      return this.#writeWithEval({ job: current, newVersion: false, specChanged: false }, "job-register");
    });
  }

  promote(deploymentId: string, all: boolean, groups: string[]) {
    return this.core.serial.run(async () => {
      const d = this.#s.deployments.get(deploymentId);
      if (!d) throw rpcError("deployment not found");
      const allocs = jobAllocs(this.#s, d.Namespace, d.JobID);
      const result = promoteDeployment({ deployment: d, allocs, all, groups, nowMs: this.core.deps.now() });
      if (!result.ok) throw rpcError(result.error.message);
      const job = this.#s.jobs.get(jobKey(d.Namespace, d.JobID)) ?? ({ ID: d.JobID, Namespace: d.Namespace, Priority: 50, Type: "service" } as Job);
      const ev = newEval(job, { id: this.core.deps.newId(), triggeredBy: "deployment-watcher", nowMs: this.core.deps.now(), deploymentId: d.ID });
      const promoted = new Set(result.promotedAllocIds);
      await this.core.write({
        deployments: [result.deployment],
        evals: [ev],
        allocPatches: allocs
          .filter((a) => promoted.has(a.ID) && a.DeploymentStatus)
          .map((a) => ({ ID: a.ID, patch: { DeploymentStatus: { ...(a.DeploymentStatus as NonNullable<typeof a.DeploymentStatus>), Canary: false } } })),
      });
      for (const id of promoted) {
        const a = this.#s.allocs.get(id);
        if (a?.ClientStatus === "running") await this.client.register(a);
      }
      const answer = this.#deploymentAnswer(ev.ID, d.ID, null);
      void this.#run(ev.ID);
      return answer;
    });
  }

  fail(deploymentId: string) {
    return this.core.serial.run(async () => {
      const d = this.#s.deployments.get(deploymentId);
      if (!d) throw rpcError("deployment not found");
      const job = this.#s.jobs.get(jobKey(d.Namespace, d.JobID));
      if (!job) throw rpcError("job not found");
      const result = failDeploymentByUser(d, job, jobVersions(this.#s, d.Namespace, d.JobID), this.core.deps.now());
      if (!result.ok) throw rpcError(result.error.message);
      const ev = newEval(job, { id: this.core.deps.newId(), triggeredBy: "deployment-watcher", nowMs: this.core.deps.now(), deploymentId: d.ID });
      await this.core.write({ deployments: [result.outcome.deployment], evals: [ev] });
      let evalId = ev.ID;
      const revert = result.outcome.revert;
      if (revert) {
        const r = await this.#revertInternal(revert);
        if (r) evalId = r.EvalID;
      }
      void this.#run(ev.ID);
      return this.#deploymentAnswer(evalId, d.ID, revert?.JobVersion ?? null);
    });
  }

  stopAlloc(allocId: string): Promise<{ EvalID: string; Index: number }> {
    return this.core.serial.run(async () => {
      const a = this.#s.allocs.get(allocId);
      if (!a) throw notFound("alloc not found");
      const job = this.#s.jobs.get(jobKey(a.Namespace, a.JobID));
      const ev = newEval(job ?? { ID: a.JobID, Namespace: a.Namespace, Priority: 50, Type: "service" }, {
        id: this.core.deps.newId(),
        triggeredBy: "alloc-stop",
        nowMs: this.core.deps.now(),
      });
      const index = await this.core.write({
        evals: [ev],
        allocPatches: [
          {
            ID: a.ID,
            patch: {
              DesiredStatus: "stop",
              DesiredDescription: "alloc is being stopped by user",
              DesiredTransition: { Migrate: true, Reschedule: null, ForceReschedule: null, NoShutdownDelay: null },
            },
          },
        ],
      });
      void this.client.stop(a.ID);
      void this.#run(ev.ID);
      return { EvalID: ev.ID, Index: index };
    });
  }

  #deploymentAnswer(evalId: string, deploymentId: string, reverted: number | null) {
    const s = this.#s;
    return {
      EvalID: evalId,
      EvalCreateIndex: (s.evals.get(evalId)?.CreateIndex as number) ?? 0,
      DeploymentModifyIndex: (s.deployments.get(deploymentId)?.ModifyIndex as number) ?? 0,
      RevertedJobVersion: reverted,
      Index: this.core.deps.store.state.index,
    };
  }

  #nextVersion(job: Job, existing: Job | undefined): Job {
    return {
      ...job,
      Version: existing ? (existing.Version ?? 0) + 1 : 0,
      Stable: false,
      Stop: job.Stop === true,
      Status: "pending",
      SubmitTime: msToNs(this.core.deps.now()),
    };
  }

  async #writeWithEval(write: JobWrite, triggeredBy: string, priority?: number): Promise<WriteAnswer> {
    const { deps } = this.core;
    const ev = newEval({ ...write.job, Priority: priority ?? write.job.Priority }, { id: deps.newId(), triggeredBy, nowMs: deps.now() });
    const index = await this.core.write({ jobs: [write], evals: [ev] });
    const stored = this.#s.jobs.get(jobKey(write.job.Namespace, write.job.ID));
    void this.#run(ev.ID);
    return {
      EvalID: ev.ID,
      EvalCreateIndex: (this.#s.evals.get(ev.ID)?.CreateIndex as number) ?? index,
      JobModifyIndex: (stored?.JobModifyIndex as number) ?? index,
      Index: index,
    };
  }

  async #revertInternal(r: RevertInstruction): Promise<WriteAnswer | null> {
    const current = this.#s.jobs.get(jobKey(r.Namespace, r.JobID));
    const target = jobVersions(this.#s, r.Namespace, r.JobID).find((v) => v.Version === r.JobVersion);
    if (!current || !target || current.Version !== r.EnforcePriorVersion) return null;
    return this.#writeWithEval({ job: this.#nextVersion(target, current), newVersion: true, specChanged: true }, "job-register");
  }

  /** Queues an eval to run in the serial queue. */
  #run(evalId: string): Promise<void> {
    return this.core.serial.run(() => this.#process(evalId)).catch((error: unknown) => {
      this.core.deps.log(`nomad: eval ${evalId.slice(0, 8)} failed: ${(error as Error).stack ?? String(error)}`);
    });
  }

  async #process(evalId: string): Promise<void> {
    const { revert } = await processEval(this.#fx, evalId);
    if (revert) await this.#revertInternal(revert);
    this.health.kick();
  }

  /** An alloc let go of its ports: placements that did not fit (blocked evals) get another try. */
  #unblock(): void {
    void this.core.serial.run(async () => {
      for (const ev of [...this.#s.evals.values()]) {
        if (ev.Status !== "blocked") continue;
        await this.core.write({ evals: [{ ...ev, Status: "pending", ModifyTime: msToNs(this.core.deps.now()) }] });
        await this.#process(ev.ID);
      }
    });
  }

  #evaluateJob(namespace: string, jobId: string, triggeredBy: string): void {
    void this.core.serial.run(async () => {
      const job = this.#s.jobs.get(jobKey(namespace, jobId));
      if (!job) return;
      const ev = newEval(job, { id: this.core.deps.newId(), triggeredBy, nowMs: this.core.deps.now() });
      await this.core.write({ evals: [ev] });
      await this.#process(ev.ID);
    });
  }
}
