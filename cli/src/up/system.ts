/**
 * @module system: the running system as `up` sees it: the jobs it submitted, polled together
 * (Nomad allocations and latest deployment, Consul health of each service) into one JobHealth each.
 */
import type { NomadClient } from "@forex-mesh/nomad-client";
import { type HealthEntry, type JobHealth, type JobShape, judgeJob } from "./health.js";

export interface SubmittedJob {
  name: string;
  shape: JobShape;
  evalId: string;
}

async function consulHealth(consulAddr: string, service: string): Promise<HealthEntry[]> {
  const res = await fetch(`${consulAddr}/v1/health/service/${encodeURIComponent(service)}`, { signal: AbortSignal.timeout(5_000) });
  if (!res.ok) throw new Error(`Consul ${res.status} for ${service}: ${await res.text()}`);
  return (await res.json()) as HealthEntry[];
}

export async function pollJob(client: NomadClient, consulAddr: string, job: SubmittedJob): Promise<JobHealth> {
  const [allocs, deployment] = await Promise.all([client.jobs.allocations(job.name), client.jobs.latestDeployment(job.name)]);
  const names = [...new Set(Object.values(job.shape.services).flat())];
  const entries = await Promise.all(names.map((n) => consulHealth(consulAddr, n)));
  return judgeJob(job.shape, allocs.data, deployment.data, Object.fromEntries(names.map((n, i) => [n, entries[i]!])));
}

/** Allocations of these jobs that still run (or are about to); `up` waits for none before stopping the agent. */
export async function liveAllocations(client: NomadClient, jobs: readonly string[]): Promise<number> {
  let live = 0;
  for (const job of jobs) {
    try {
      const { data } = await client.jobs.allocations(job);
      live += data.filter((a) => a.ClientStatus === "running" || a.ClientStatus === "pending").length;
    } catch {
      // A purged or unknown job has nothing left to wait for.
    }
  }
  return live;
}
