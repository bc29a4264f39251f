/**
 * A small in-memory stand-in for the dev agent's store and client, for driving whole lifecycles
 * through `reconcile`: job versions, allocs, deployments and evals, a clock, a "client" that
 * starts placed allocs and finishes stopped ones, and health judged by `allocHealth` from task
 * states plus a check status chosen per job version.
 */
import { applyPlan } from "../apply.js";
import { sameJobSpec } from "../deployment.js";
import { allocHealth } from "../health.js";
import type { Plan } from "../plan.js";
import { failDeploymentByUser, promoteDeployment } from "../promote.js";
import { reconcile } from "../reconcile.js";
import { msToNs, rfc3339 } from "../time.js";
import type { Allocation, Deployment, Evaluation, Job } from "../types.js";
import { counter, T0 } from "./fixtures.js";

export class Sim {
  now = T0;
  versions: Job[] = [];
  allocs: Allocation[] = [];
  deployments: Deployment[] = [];
  evals: Evaluation[] = [];
  plans: Plan[] = [];
  newId = counter("id");
  /** Whether the service check of an alloc of this job version passes. */
  checkPasses: (version: number) => boolean = () => true;
  private tracking = new Map<string, number>();

  get job(): Job {
    return this.versions[this.versions.length - 1]!;
  }

  get deployment(): Deployment | null {
    return this.deployments[this.deployments.length - 1] ?? null;
  }

  /** Registers a spec; a changed spec becomes a new version, as the server does. */
  register(spec: Job): Plan {
    const latest = this.versions[this.versions.length - 1];
    if (!latest || !sameJobSpec({ ...spec, Version: latest.Version }, latest)) {
      const version = latest ? latest.Version + 1 : 0;
      this.versions.push({ ...structuredClone(spec), Version: version, Stable: false, JobModifyIndex: 100 + version });
    }
    return this.evaluate("job-register");
  }

  /** Runs one evaluation: a fresh one, or a stored follow-up eval by its ID. */
  evaluate(triggeredBy: string, evalId = this.newId()): Plan {
    const plan = reconcile({
      job: this.job,
      versions: this.versions,
      allocs: this.allocs,
      deployment: this.deployment,
      eval: { ID: evalId, TriggeredBy: triggeredBy },
      nowMs: this.now,
      newId: this.newId,
    });
    this.plans.push(plan);
    const state = applyPlan({ allocs: this.allocs, deployments: this.deployments }, plan, this.now);
    this.allocs = state.allocs;
    this.deployments = state.deployments;
    this.evals.push(plan.evaluation, ...plan.followupEvals);
    if (plan.markStable) {
      const v = plan.markStable.JobVersion;
      this.versions = this.versions.map((j) => (j.Version === v ? { ...j, Stable: true } : j));
    }
    if (plan.revert) {
      const target = this.versions.find((j) => j.Version === plan.revert!.JobVersion)!;
      this.register({ ...target, Stable: false });
    }
    return plan;
  }

  /** The client: placed allocs start running; stopped ones finish. */
  clientTick(): void {
    this.allocs = this.allocs.map((a) => {
      if (a.DesiredStatus === "run" && a.ClientStatus === "pending") {
        const started = { State: "running", Failed: false, StartedAt: rfc3339(this.now) };
        return { ...a, ClientStatus: "running", TaskStates: { app: { ...started }, sidecar: { ...started } } };
      }
      if (a.DesiredStatus === "stop" && (a.ClientStatus === "running" || a.ClientStatus === "pending")) {
        return { ...a, ClientStatus: "complete", ModifyTime: msToNs(this.now) };
      }
      return a;
    });
  }

  /** The client's health watcher for allocs of the active deployment. Returns true if any changed. */
  healthTick(): boolean {
    const d = this.deployment;
    if (!d || ["successful", "failed", "cancelled"].includes(d.Status)) return false;
    const group = this.job.TaskGroups[0]!;
    let changed = false;
    this.allocs = this.allocs.map((a) => {
      if (a.DeploymentID !== d.ID || a.DesiredStatus !== "run" || a.DeploymentStatus?.Healthy != null) return a;
      const key = `${a.ID}/${d.ID}`;
      if (!this.tracking.has(key)) this.tracking.set(key, this.now);
      const started = this.tracking.get(key)!;
      const health = allocHealth({
        update: group.Update!,
        tasks: group.Tasks,
        taskStates: a.TaskStates,
        checks: [{ Status: this.checkPasses(a.JobVersion) ? "passing" : "critical", sinceMs: started }],
        trackingSinceMs: started,
        nowMs: this.now,
      });
      if (health.healthy === null) return a;
      changed = true;
      const canary = a.DeploymentStatus?.Canary ?? false;
      return { ...a, DeploymentStatus: { Healthy: health.healthy, Timestamp: rfc3339(this.now), Canary: canary } };
    });
    return changed;
  }

  advance(ms: number): void {
    this.now += ms;
  }

  /** Client and health watcher run, then the scheduler is told, as the agent's loop would. */
  step(ms: number): Plan {
    this.advance(ms);
    this.clientTick();
    this.healthTick();
    return this.evaluate("deployment-watcher");
  }

  promote(groups: string[] | null = null): ReturnType<typeof promoteDeployment> {
    const result = promoteDeployment({
      deployment: this.deployment!,
      allocs: this.allocs,
      all: groups === null,
      groups: groups ?? [],
      nowMs: this.now,
    });
    if (!result.ok) return result;
    this.deployments = this.deployments.map((d) => (d.ID === result.deployment.ID ? result.deployment : d));
    const promoted = new Set(result.promotedAllocIds);
    this.allocs = this.allocs.map((a) =>
      promoted.has(a.ID) && a.DeploymentStatus ? { ...a, DeploymentStatus: { ...a.DeploymentStatus, Canary: false } } : a,
    );
    this.evaluate("deployment-watcher");
    return result;
  }

  fail(): ReturnType<typeof failDeploymentByUser> {
    const result = failDeploymentByUser(this.deployment!, this.job, this.versions, this.now);
    if (!result.ok) return result;
    this.deployments = this.deployments.map((d) => (d.ID === result.outcome.deployment.ID ? result.outcome.deployment : d));
    if (result.outcome.revert) {
      const target = this.versions.find((j) => j.Version === result.outcome.revert!.JobVersion)!;
      this.register({ ...target, Stable: false });
    } else {
      this.evaluate("deployment-watcher");
    }
    return result;
  }

  running(): Allocation[] {
    return this.allocs.filter((a) => a.DesiredStatus === "run" && a.ClientStatus !== "complete" && a.ClientStatus !== "failed");
  }
}
