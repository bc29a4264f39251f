/**
 * @module health: is a job up? A pure judgement over what Nomad and Consul report: every wanted
 * allocation running, and every service instance it registered passing its Consul checks (what the
 * sidecars route by). A job is "failed" when its deployment failed or a task failed for good;
 * otherwise it is still starting, with a short reason to show.
 */
import type { AllocationListStub, Deployment, Job } from "@forex-mesh/nomad-client";

/** One entry of Consul's `GET /v1/health/service/:name`, the fields we read. */
export interface HealthEntry {
  Service?: { ID?: string; Service?: string };
  Checks?: { CheckID?: string; Name?: string; Status?: string; ServiceID?: string; Output?: string }[];
}

export interface JobShape {
  name: string;
  /** Allocations wanted: the sum of the groups' counts. */
  desired: number;
  /** Consul service names per group (group and task services). */
  services: Record<string, string[]>;
}

export type JobState = "starting" | "healthy" | "failed";

export interface JobHealth {
  state: JobState;
  running: number;
  desired: number;
  checksPassing: number;
  checksTotal: number;
  /** Why it is not healthy yet (or why it failed). */
  reason: string;
  /** Allocations that need a look: not running, or with failing checks. */
  suspects: string[];
}

const TERMINAL = new Set(["complete", "failed", "lost"]);

export function judgeJob(shape: JobShape, allocs: readonly AllocationListStub[], deployment: Deployment | null, health: Readonly<Record<string, readonly HealthEntry[]>>): JobHealth {
  const live = allocs.filter((a) => a.DesiredStatus === "run" && !TERMINAL.has(a.ClientStatus ?? ""));
  const running = live.filter((a) => a.ClientStatus === "running");
  const suspects = new Set(live.filter((a) => a.ClientStatus !== "running").map((a) => a.ID ?? ""));
  let checksTotal = 0;
  let checksPassing = 0;
  const failingChecks: string[] = [];
  for (const a of running) {
    for (const service of shape.services[a.TaskGroup ?? ""] ?? []) {
      checksTotal++;
      // Nomad's Consul service ids embed the allocation id: _nomad-task-<alloc>-<group>-<service>-<port>.
      const mine = (health[service] ?? []).filter((e) => (e.Service?.ID ?? "").includes(a.ID ?? "\0"));
      const checks = mine.flatMap((e) => (e.Checks ?? []).filter((c) => c.ServiceID));
      if (mine.length > 0 && checks.every((c) => c.Status === "passing")) {
        checksPassing++;
      } else {
        suspects.add(a.ID ?? "");
        const bad = checks.find((c) => c.Status !== "passing");
        failingChecks.push(mine.length === 0 ? `${service} not registered yet` : `${service} check "${bad?.Name ?? ""}" ${bad?.Status ?? ""}`);
      }
    }
  }
  const failedAllocs = allocs.filter((a) => a.DesiredStatus === "run" && a.ClientStatus === "failed");
  const base = { running: running.length, desired: shape.desired, checksPassing, checksTotal, suspects: [...suspects, ...failedAllocs.map((a) => a.ID ?? "")] };
  if (deployment?.Status === "failed") return { ...base, state: "failed", reason: `deployment failed: ${deployment.StatusDescription ?? ""}` };
  if (running.length >= shape.desired && checksPassing === checksTotal) return { ...base, state: "healthy", reason: "", suspects: [] };
  // A failed allocation may still be rescheduled by its policy, so it is a reason, not the verdict.
  const troubled = troubledTask(live);
  const reason =
    failedAllocs.length > 0
      ? `${failedAllocs.length} allocation(s) failed`
      : troubled
        ? troubled
      : live.length < shape.desired
      ? `${live.length}/${shape.desired} allocations placed`
      : running.length < shape.desired
        ? `${shape.desired - running.length} allocation(s) starting`
        : (failingChecks[0] ?? "waiting for checks");
  return { ...base, state: "starting", reason };
}

/** A task that has exited and is restarting (or waiting to): the most telling reason there is. */
function troubledTask(allocs: readonly AllocationListStub[]): string | undefined {
  for (const a of allocs) {
    for (const [task, state] of Object.entries(a.TaskStates ?? {}).sort(([x], [y]) => x.localeCompare(y))) {
      if (!state.Restarts && !state.Failed) continue;
      const exit = [...(state.Events ?? [])].reverse().find((e) => e.Type === "Terminated");
      const how = exit ? `: ${exit.DisplayMessage || exit.Message || "terminated"}` : "";
      return `task ${task} of ${(a.ID ?? "").slice(0, 8)} ${state.Failed ? "failed" : `restarted ${state.Restarts}×`}${how}`;
    }
  }
  return undefined;
}

/** One progress line: name, counts, and a mark or the reason. */
export function progressLine(name: string, h: JobHealth | undefined, width = 16): string {
  if (!h) return `  ${name.padEnd(width)} submitting`;
  const counts = `running ${h.running}/${h.desired}, checks ${h.checksPassing}/${h.checksTotal} passing`;
  const mark = h.state === "healthy" ? "✓ healthy" : h.state === "failed" ? `✗ ${h.reason}` : `… ${h.reason}`;
  return `  ${name.padEnd(width)} ${counts.padEnd(40)} ${mark}`;
}

/** What `judgeJob` needs from a parsed job: counts and the Consul service names of each group. */
export function jobShape(job: Job): JobShape {
  const services: Record<string, string[]> = {};
  let desired = 0;
  for (const g of job.TaskGroups ?? []) {
    desired += g.Count ?? 1;
    const names = [...(g.Services ?? []), ...(g.Tasks ?? []).flatMap((t) => t.Services ?? [])].map((s) => s.Name ?? "").filter(Boolean);
    services[g.Name ?? ""] = names;
  }
  return { name: job.ID ?? "", desired, services };
}
