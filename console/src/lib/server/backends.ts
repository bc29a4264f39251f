/**
 * @module backends: the console's only I/O: Consul (catalog health, KV), Prometheus (instant and
 * range queries), Nomad (allocations, through the typed client) and each sidecar's admin `/routes`.
 * Tokens are attached here and never leave the server.
 */
import { createNomadClient, type Job } from "@forex-mesh/nomad-client";
import type { ServerConfig } from "./config";
import { ConsoleError, ConsoleErrorCode } from "./errors";

export interface ConsulHealthEntry {
  Node?: { Address?: string };
  Service: { ID: string; Service: string; Address?: string; Port: number; Tags?: string[] | null; Meta?: Record<string, string> | null };
  Checks: Array<{ Status: string; ServiceID?: string }>;
}
export interface PromSample {
  metric: Record<string, string>;
  value: [number, string];
}
export interface PromSeries {
  metric: Record<string, string>;
  values: Array<[number, string]>;
}
export interface KvEntry {
  value: string;
  modifyIndex: number;
}

type Fetch = typeof fetch;

export const MESH_TAG = "forex-mesh";

/** Nomad's 404 (no such job) stays a 404 for the browser; anything else is an upstream failure. */
function nomadError(error: unknown): ConsoleError {
  const message = `Nomad: ${error instanceof Error ? error.message : String(error)}`;
  const status = (error as { statusCode?: unknown } | null)?.statusCode;
  return new ConsoleError(status === 404 ? ConsoleErrorCode.NotFound : ConsoleErrorCode.Upstream, message, undefined, { cause: error });
}

export function createBackends(config: ServerConfig, fetchImpl: Fetch = fetch) {
  async function call(what: string, url: string, init: RequestInit = {}): Promise<Response> {
    try {
      return await fetchImpl(url, { ...init, signal: AbortSignal.timeout(5_000) });
    } catch (error) {
      throw new ConsoleError(ConsoleErrorCode.Upstream, `${what} unreachable at ${new URL(url).origin}`, undefined, { cause: error });
    }
  }
  async function json<T>(what: string, url: string, init: RequestInit = {}): Promise<T> {
    const res = await call(what, url, init);
    if (!res.ok) throw new ConsoleError(ConsoleErrorCode.Upstream, `${what} answered ${res.status}: ${(await res.text()).slice(0, 200)}`);
    return (await res.json()) as T;
  }
  const consulHeaders = (): Record<string, string> => (config.consul.token ? { "x-consul-token": config.consul.token } : {});
  const nomad = createNomadClient({ address: config.nomad.address, token: config.nomad.token, timeoutMs: 5_000 });

  async function prom<T>(path: string, params: Record<string, string>): Promise<T> {
    const body = await json<{ status: string; data: { result: T }; error?: string }>(
      "Prometheus",
      `${config.prometheus.address}${path}?${new URLSearchParams(params)}`,
    );
    if (body.status !== "success") throw new ConsoleError(ConsoleErrorCode.Upstream, `Prometheus: ${body.error ?? body.status}`);
    return body.data.result;
  }

  return {
    /** Services in the mesh: those tagged `forex-mesh` (Prometheus and the console itself are tools, not the mesh). */
    async services(): Promise<string[]> {
      const all = await json<Record<string, string[]>>("Consul", `${config.consul.address}/v1/catalog/services`, { headers: consulHeaders() });
      return Object.entries(all)
        .filter(([, tags]) => tags.includes(MESH_TAG))
        .map(([name]) => name)
        .sort();
    },
    health(service: string): Promise<ConsulHealthEntry[]> {
      return json("Consul", `${config.consul.address}/v1/health/service/${encodeURIComponent(service)}`, { headers: consulHeaders() });
    },
    async kvGet(key: string): Promise<KvEntry | null> {
      const res = await call("Consul", `${config.consul.address}/v1/kv/${key}`, { headers: consulHeaders() });
      if (res.status === 404) return null;
      if (!res.ok) throw new ConsoleError(ConsoleErrorCode.Upstream, `Consul KV answered ${res.status}`);
      const [entry] = (await res.json()) as Array<{ Value: string | null; ModifyIndex: number }>;
      if (!entry) return null;
      return { value: entry.Value === null ? "" : Buffer.from(entry.Value, "base64").toString("utf8"), modifyIndex: entry.ModifyIndex };
    },
    /** Check-and-set write (`cas` 0 = the key must not exist); false when someone else wrote first. */
    async kvPut(key: string, value: string, cas: number): Promise<boolean> {
      const res = await call("Consul", `${config.consul.address}/v1/kv/${key}?cas=${cas}`, { method: "PUT", body: value, headers: consulHeaders() });
      if (!res.ok) throw new ConsoleError(ConsoleErrorCode.Upstream, `Consul KV answered ${res.status}`);
      return (await res.text()).trim() === "true";
    },
    query(promql: string): Promise<PromSample[]> {
      return prom("/api/v1/query", { query: promql });
    },
    queryRange(promql: string, start: number, end: number, step: number): Promise<PromSeries[]> {
      return prom("/api/v1/query_range", { query: promql, start: String(start), end: String(end), step: String(step) });
    },
    async allocations(job: string) {
      try {
        return (await nomad.jobs.allocations(job)).data;
      } catch (error) {
        throw new ConsoleError(ConsoleErrorCode.Upstream, `Nomad: ${error instanceof Error ? error.message : String(error)}`, undefined, { cause: error });
      }
    },
    async latestDeployment(job: string) {
      try {
        return (await nomad.jobs.latestDeployment(job)).data;
      } catch (error) {
        throw new ConsoleError(ConsoleErrorCode.Upstream, `Nomad: ${error instanceof Error ? error.message : String(error)}`, undefined, { cause: error });
      }
    },
    async deploymentAction(id: string, action: "promote" | "fail"): Promise<void> {
      try {
        if (action === "promote") await nomad.deployments.promoteAll(id);
        else await nomad.deployments.fail(id);
      } catch (error) {
        throw new ConsoleError(ConsoleErrorCode.Upstream, `Nomad refused to ${action} deployment ${id.slice(0, 8)}: ${error instanceof Error ? error.message : String(error)}`, undefined, { cause: error });
      }
    },
    /**
     * Follows a task's log as raw bytes, starting `tailBytes` before the end; the Nomad request is
     * cancelled through `signal` when the browser goes away.
     */
    async *followLog(alloc: string, task: string, type: "stdout" | "stderr", tailBytes: number, signal: AbortSignal): AsyncGenerator<Uint8Array> {
      // Opening the stream separately so a refusal (unknown alloc or task) surfaces before any byte is sent.
      const stream = nomad.allocations.logsPlain(alloc, { task, type, follow: true, origin: "end", offset: tailBytes, signal });
      try {
        yield* stream;
      } catch (error) {
        if (signal.aborted) return;
        throw new ConsoleError(ConsoleErrorCode.Upstream, `Nomad logs: ${error instanceof Error ? error.message : String(error)}`, undefined, { cause: error });
      }
    },
    async jobVersions(job: string, diffs = true) {
      try {
        return (await nomad.jobs.versions(job, { diffs })).data;
      } catch (error) {
        throw nomadError(error);
      }
    },
    /** Reverts to `version` only if the job is still at `priorVersion` (Nomad's check-and-set for reverts). */
    async revertJob(job: string, version: number, priorVersion: number) {
      try {
        return (await nomad.jobs.revert(job, version, { enforcePriorVersion: priorVersion })).data;
      } catch (error) {
        throw nomadError(error);
      }
    },
    async jobInfo(job: string): Promise<Job> {
      try {
        return (await nomad.jobs.info(job)).data;
      } catch (error) {
        throw nomadError(error);
      }
    },
    /** Registers `job` only if its JobModifyIndex is still `modifyIndex` (Nomad's check-and-set): a concurrent change is a 409. */
    async registerJob(job: Job, modifyIndex: number) {
      try {
        return (await nomad.jobs.register(job, { enforceIndex: true, modifyIndex })).data;
      } catch (error) {
        const body = (error as { body?: unknown } | null)?.body;
        if (typeof body === "string" && body.startsWith("Enforcing job modify index")) {
          throw new ConsoleError(ConsoleErrorCode.Conflict, `the job changed while you were deploying (${body.trim()}); look again and retry`, undefined, { cause: error });
        }
        throw nomadError(error);
      }
    },
    /** Every deployment of the job, newest first as Nomad lists them. */
    async jobDeployments(job: string) {
      try {
        return (await nomad.jobs.deployments(job, { all: true })).data;
      } catch (error) {
        throw nomadError(error);
      }
    },
    /** A sidecar's admin `/routes`; null when it does not answer (it is then "not applied"). */
    async sidecarRoutes(address: string, port: string): Promise<unknown | null> {
      try {
        const res = await fetchImpl(`http://${address}:${port}/routes`, { signal: AbortSignal.timeout(2_000) });
        return res.ok ? await res.json() : null;
      } catch {
        return null;
      }
    },
  };
}
export type Backends = ReturnType<typeof createBackends>;
