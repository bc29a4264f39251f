/**
 * @module nomad/evaluate: one evaluation, end to end. Reads the job, its versions, allocs and latest
 * deployment from the store, asks the scheduler's pure `reconcile` for a plan, assigns host ports to
 * the placements, stores the whole plan in one write (in the order the scheduler's README gives),
 * then acts on it: kill stopped allocs, start placed ones, arm timers for follow-up evals and
 * progress deadlines, and hand back an auto-revert for the engine to register.
 */
import { isDestructiveUpdate, type Job as ApiJob, type TaskGroup as ApiGroup } from "@forex-mesh/jobspec";
import {
  type Allocation,
  type Fits,
  isActiveDeployment,
  type Job,
  type Plan,
  type RevertInstruction,
  reconcile,
} from "@forex-mesh/scheduler";
import type { AllocClient } from "./client.js";
import type { Core } from "./core.js";
import { type AllocatedPort, groupPorts, type PortAllocator, portsInUse } from "./ports.js";
import { jobAllocs, jobDeployments, msToNs, rfc3339 } from "./records.js";
import { jobKey, type NomadWrite } from "./state.js";

export interface EvalEffects {
  core: Core;
  client: AllocClient;
  ports: PortAllocator;
  /** Queue an eval to run later (follow-ups, deadlines). */
  schedule: (evalId: string, atMs: number) => void;
  /** A deadline passed: create and run a `deployment-watcher` eval for the job. */
  onDeadline: (namespace: string, jobId: string) => void;
}

/** Runs inside the engine's serial queue. Returns the auto-revert to perform, if any. */
export async function processEval(fx: EvalEffects, evalId: string): Promise<{ plan: Plan | null; revert: RevertInstruction | null }> {
  const { core } = fx;
  const { deps } = core;
  const s = deps.store.state.nomad;
  const ev = s.evals.get(evalId);
  if (ev?.Status !== "pending") return { plan: null, revert: null };
  const nowMs = deps.now();
  const job = s.jobs.get(jobKey(ev.Namespace, ev.JobID));
  if (!job) {
    await core.write({ evals: [{ ...ev, Status: "complete", StatusDescription: "job not found", ModifyTime: msToNs(nowMs) }] });
    return { plan: null, revert: null };
  }
  const allocs = jobAllocs(s, job.Namespace, job.ID);
  const versions = s.versions.get(jobKey(job.Namespace, job.ID)) ?? [];
  const plan = reconcile({
    job,
    versions,
    allocs,
    deployment: jobDeployments(s, job.Namespace, job.ID)[0] ?? null,
    eval: { ID: ev.ID, TriggeredBy: ev.TriggeredBy, Priority: ev.Priority, JobModifyIndex: ev.JobModifyIndex, CreateTime: ev.CreateTime },
    nowMs,
    newId: deps.newId,
    isDestructive: (from, to) =>
      isDestructiveUpdate(from.group as unknown as ApiGroup, to.group as unknown as ApiGroup, {
        oldJob: from.job as unknown as ApiJob,
        newJob: to.job as unknown as ApiJob,
      }),
    fits: staticPortsFit(job, [...s.allocs.values()]),
  });
  const placed = await withPorts(fx, job, plan.place);
  const write: Omit<NomadWrite, "type"> = {
    deployments: plan.deployments,
    allocs: placed,
    allocPatches: planPatches(plan, s.allocs, msToNs(nowMs)),
    evals: [plan.evaluation, ...plan.followupEvals],
  };
  if (plan.markStable) {
    const v = versions.find((x) => x.Version === plan.markStable?.JobVersion);
    if (v) write.jobs = [{ job: { ...v, Stable: true }, newVersion: false, specChanged: false }];
  }
  await core.write(write);

  const stops = plan.stop.map((st) => fx.client.stop(st.AllocID));
  // A placement holding a static port waits for the allocs it replaces to let go of it.
  const needsStops = placed.some((a) => groupPorts(groupOf(job, a)).reserved.length > 0);
  const startAll = (): void => {
    for (const a of placed) {
      const stored = s.allocs.get(a.ID);
      if (stored) fx.client.start(stored);
    }
  };
  if (needsStops) void Promise.all(stops).then(startAll);
  else startAll();
  for (const id of plan.promotedCanaries) {
    const a = s.allocs.get(id);
    if (a && a.ClientStatus === "running") await fx.client.register(a);
  }
  for (const f of plan.followupEvals) {
    if (f.Status !== "pending") continue;
    const at = Date.parse(String(f.WaitUntil));
    fx.schedule(f.ID, Number.isNaN(at) || at < 0 ? nowMs : at);
  }
  armDeadlines(fx, job);
  return { plan, revert: plan.revert };
}

function groupOf(job: Job, alloc: Allocation) {
  const g = job.TaskGroups.find((x) => x.Name === alloc.TaskGroup);
  if (!g) throw new Error(`job ${job.ID} has no group ${alloc.TaskGroup}`);
  return g;
}

/** Static ports collide with live allocs of other jobs; one group's allocs share them only one at a time. */
function staticPortsFit(job: Job, all: Allocation[]): Fits {
  const used = portsInUse(all.filter((a) => a.JobID !== job.ID || a.Namespace !== job.Namespace));
  return (group, placedSoFar) => {
    const reserved = groupPorts(group).reserved;
    for (const p of reserved) if (used.has(p.Value)) return { ok: false, dimension: `network: reserved port collision ${p.Label}=${p.Value}` };
    if (reserved.length > 0 && placedSoFar > 0) return { ok: false, dimension: "network: reserved port collision" };
    return { ok: true };
  };
}

async function withPorts(fx: EvalEffects, job: Job, place: Allocation[]): Promise<Allocation[]> {
  const { deps } = fx.core;
  const used = new Set(portsInUse(deps.store.state.nomad.allocs.values()).keys());
  const out: Allocation[] = [];
  for (const a of place) {
    const group = groupOf(job, a);
    const { reserved, dynamic } = groupPorts(group);
    const values = await fx.ports.take(dynamic.length, used);
    const dyn = dynamic.map((p, i) => ({ ...p, Value: values[i] as number }));
    const ports: AllocatedPort[] = [...reserved, ...dyn].map((p) => ({ Label: p.Label, Value: p.Value, To: p.To, HostIP: "127.0.0.1" }));
    const tasks = Object.fromEntries(
      group.Tasks.map((t) => {
        const r = (t.Resources as { CPU?: number; MemoryMB?: number; MemoryMaxMB?: number } | null) ?? {};
        return [t.Name, { Cpu: { CpuShares: r.CPU ?? 100 }, Memory: { MemoryMB: r.MemoryMB ?? 300, MemoryMaxMB: r.MemoryMaxMB ?? 0 }, Networks: null }];
      }),
    );
    out.push({
      ...a,
      NodeID: deps.nodeId,
      NodeName: deps.nodeName,
      JobVersion: a.JobVersion ?? job.Version,
      AllocatedResources: {
        Shared: {
          DiskMB: (group.EphemeralDisk as { SizeMB?: number } | null)?.SizeMB ?? 300,
          Networks: [{ Mode: "host", IP: "127.0.0.1", ReservedPorts: reserved.length ? reserved : null, DynamicPorts: dyn.length ? dyn : null }],
          Ports: ports,
        },
        Tasks: tasks,
      },
      DesiredTransition: { Migrate: null, Reschedule: null, ForceReschedule: null, NoShutdownDelay: null },
      TaskStates: a.TaskStates ?? null,
      ClientDescription: a.ClientDescription || "No tasks have started",
    });
  }
  return out;
}

function planPatches(plan: Plan, allocs: Map<string, Allocation>, nowNs: number): NonNullable<NomadWrite["allocPatches"]> {
  const patches = new Map<string, Partial<Allocation>>();
  const patch = (id: string, p: Partial<Allocation>): void => {
    patches.set(id, { ...patches.get(id), ...p, ModifyTime: nowNs });
  };
  for (const st of plan.stop) patch(st.AllocID, { DesiredStatus: "stop", DesiredDescription: st.DesiredDescription, ...(st.NextAllocation ? { NextAllocation: st.NextAllocation } : {}) });
  for (const u of plan.inPlace) {
    const moved = allocs.get(u.AllocID)?.DeploymentID !== u.DeploymentID;
    patch(u.AllocID, { JobVersion: u.JobVersion, DeploymentID: u.DeploymentID, ...(moved ? { DeploymentStatus: null } : {}) });
  }
  for (const a of plan.annotate) patch(a.AllocID, { FollowupEvalID: a.FollowupEvalID });
  for (const id of plan.promotedCanaries) {
    const ds = allocs.get(id)?.DeploymentStatus;
    if (ds) patch(id, { DeploymentStatus: { ...ds, Canary: false } });
  }
  return [...patches].map(([ID, p]) => ({ ID, patch: p }));
}

/** The next progress deadline of the job's active deployment wakes a `deployment-watcher` eval. */
export function armDeadlines(fx: EvalEffects, job: Job): void {
  const d = jobDeployments(fx.core.deps.store.state.nomad, job.Namespace, job.ID)[0];
  if (!d || !isActiveDeployment(d)) return;
  for (const g of Object.values(d.TaskGroups)) {
    const at = Date.parse(g.RequireProgressBy);
    if (Number.isNaN(at) || at <= 0 || g.ProgressDeadline === 0) continue;
    fx.core.timers.at(`progress:${d.ID}:${rfc3339(at)}`, at + 5, () => fx.onDeadline(job.Namespace, job.ID));
  }
}
