/**
 * Shared by the Nomad integration tests: a real dev agent process, plain HTTP helpers that read
 * Nomad's headers, and waits on the agent's state. Every test stops its agent (SIGTERM stops every
 * task it runs) in `t.after`.
 */
import { readdir, readFile, readlink } from "node:fs/promises";
import { join } from "node:path";
import type { TestContext } from "node:test";
import type { AllocationListStub, Deployment } from "@forex-mesh/nomad-client";
import { type DevAgent, startDevAgent, waitFor } from "@forex-mesh/test-utils";
import { type TestJobOptions, testJobRequest } from "./jobs.js";

export interface Api {
  agent: DevAgent;
  nomad: string;
  consul: string;
}

export async function startNomadAgent(t: TestContext, dataDir?: string): Promise<Api> {
  const agent = await startDevAgent(dataDir === undefined ? {} : { dataDir });
  t.after(() => agent.stop());
  return { agent, nomad: agent.nomadAddr, consul: agent.consulAddr };
}

export interface Reply<T> {
  status: number;
  index: number;
  body: T;
  text: string;
}

/** A service as `GET /v1/agent/services` shows it. */
export interface ConsulService {
  ID: string;
  Service: string;
  Tags: string[];
  Meta: Record<string, string>;
  Port: number;
  Address: string;
}

export interface ConsulCheck {
  CheckID: string;
  Name: string;
  ServiceID: string;
  Status: string;
}

export async function call<T = unknown>(url: string, init: { method?: string; body?: unknown; signal?: AbortSignal } = {}): Promise<Reply<T>> {
  const res = await fetch(url, {
    method: init.method ?? "GET",
    ...(init.body === undefined ? {} : { body: JSON.stringify(init.body) }),
    ...(init.signal ? { signal: init.signal } : {}),
  });
  const text = await res.text();
  let body: unknown = text;
  if ((res.headers.get("content-type") ?? "").includes("json")) body = JSON.parse(text);
  return { status: res.status, index: Number(res.headers.get("x-nomad-index") ?? 0), body: body as T, text };
}

export async function registerJob(api: Api, o: TestJobOptions): Promise<{ EvalID: string; JobModifyIndex: number }> {
  const r = await call(`${api.nomad}/v1/jobs`, { method: "PUT", body: testJobRequest(o) });
  if (r.status !== 200) throw new Error(`register ${o.id}: ${r.status} ${r.text}`);
  return r.body as { EvalID: string; JobModifyIndex: number };
}

export const allocs = async (api: Api, job: string): Promise<AllocationListStub[]> =>
  (await call<AllocationListStub[]>(`${api.nomad}/v1/job/${job}/allocations`)).body;
export const latestDeployment = async (api: Api, job: string): Promise<Deployment | null> =>
  (await call<Deployment | null>(`${api.nomad}/v1/job/${job}/deployment`)).body;

/** Waits until the job's (newest) deployment of `version` has `status`; a newer one may follow it. */
export function deploymentReaches(api: Api, job: string, version: number, status: string, timeoutMs = 30_000): Promise<Deployment> {
  return waitFor(
    `deployment of ${job} v${version} to be ${status}`,
    async () => {
      const all = (await call<Deployment[]>(`${api.nomad}/v1/job/${job}/deployments`)).body;
      const d = all.filter((x) => x.JobVersion === version).sort((a, b) => (b.CreateIndex ?? 0) - (a.CreateIndex ?? 0))[0];
      return d?.Status === status ? d : undefined;
    },
    { timeoutMs, intervalMs: 100 },
  );
}

/** The Consul services of a job's allocs, by alloc ID. */
export async function consulServices(api: Api, name: string): Promise<Map<string, ConsulService>> {
  const all = (await call<Record<string, ConsulService>>(`${api.consul}/v1/agent/services`)).body;
  return new Map(
    Object.values(all)
      .filter((s) => s.Service === name)
      .map((s) => [s.Meta.alloc_id ?? "", s]),
  );
}

export async function consulChecks(api: Api, service: string): Promise<ConsulCheck[]> {
  return (await call<ConsulCheck[]>(`${api.consul}/v1/health/checks/${service}`)).body;
}

export const live = (as: AllocationListStub[]): AllocationListStub[] => as.filter((a) => a.DesiredStatus === "run" && a.ClientStatus === "running");

/** pids of the task processes running in this data dir (cwd inside `<data>/alloc/`). */
export async function taskPids(dataDir: string): Promise<number[]> {
  const out: number[] = [];
  for (const name of await readdir("/proc")) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const cwd = await readlink(`/proc/${name}/cwd`);
      const cmd = await readFile(`/proc/${name}/cmdline`, "utf8");
      if (cwd.startsWith(join(dataDir, "alloc")) && cmd.includes("task.mjs")) out.push(Number(name));
    } catch {
      // gone, or not ours to read
    }
  }
  return out.sort((a, b) => a - b);
}
