/**
 * @module The running mesh through its own APIs: service instances from Consul's health endpoint
 * (each sidecar's admin port is its `metrics_port` meta), Consul KV, and a sidecar's admin
 * `/routes` and `/metrics`. Answers are validated with zod; a wrong shape names the endpoint.
 */
import type { NomadClient } from "@forex-mesh/nomad-client";
import { z } from "zod";
import { ResilienceError, ResilienceErrorCode } from "./errors.js";

const healthEntry = z.object({
  Service: z.object({ ID: z.string(), Port: z.number(), Tags: z.array(z.string()).nullable().optional(), Meta: z.record(z.string(), z.string()).nullable().optional() }),
  Checks: z.array(z.object({ Status: z.string() })),
});

export interface Instance {
  serviceId: string;
  allocId: string;
  version: string;
  canary: boolean;
  /** The sidecar's ingress (what callers reach). */
  port: number;
  /** The sidecar's admin listener: /routes, /metrics. */
  adminPort: number;
  passing: boolean;
}

async function getJson(url: string, timeoutMs = 5_000): Promise<unknown> {
  const res = await fetch(url, { signal: AbortSignal.timeout(timeoutMs) });
  if (!res.ok) throw new ResilienceError(ResilienceErrorCode.BadAnswer, `GET ${url}: HTTP ${res.status} ${await res.text()}`);
  return res.json();
}

/** Every registered instance of `service`, passing or not. */
export async function instances(consulAddr: string, service: string): Promise<Instance[]> {
  const parsed = z.array(healthEntry).safeParse(await getJson(`${consulAddr}/v1/health/service/${encodeURIComponent(service)}`));
  if (!parsed.success) throw new ResilienceError(ResilienceErrorCode.BadAnswer, `Consul health of ${service}: ${parsed.error.message}`);
  return parsed.data.map((e) => ({
    serviceId: e.Service.ID,
    allocId: e.Service.Meta?.["alloc_id"] ?? "",
    version: e.Service.Meta?.["version"] ?? "",
    canary: (e.Service.Tags ?? []).includes("canary"),
    port: e.Service.Port,
    adminPort: Number(e.Service.Meta?.["metrics_port"]),
    passing: e.Checks.every((c) => c.Status === "passing"),
  }));
}

const kvEntry = z.object({ Key: z.string(), ModifyIndex: z.number(), Value: z.string().nullable() });
export type KvEntry = { key: string; modifyIndex: number; value: string };

/** Every KV entry (recurse from the root), values decoded, sorted by key. */
export async function kvAll(consulAddr: string): Promise<KvEntry[]> {
  const res = await fetch(`${consulAddr}/v1/kv/?recurse=true`, { signal: AbortSignal.timeout(5_000) });
  if (res.status === 404) return [];
  if (!res.ok) throw new ResilienceError(ResilienceErrorCode.BadAnswer, `KV recurse: HTTP ${res.status}`);
  const entries = z.array(kvEntry).parse(await res.json());
  return entries.map((e) => ({ key: e.Key, modifyIndex: e.ModifyIndex, value: Buffer.from(e.Value ?? "", "base64").toString("utf8") })).sort((a, b) => a.key.localeCompare(b.key));
}

/**
 * Writes `value` (any bytes, valid or not: the scenarios write bad values on purpose), with `cas` as
 * Consul's check-and-set (0: only if the key does not exist); resolves with the key's new ModifyIndex.
 */
export async function kvPut(consulAddr: string, key: string, value: string, { cas }: { cas?: number } = {}): Promise<number> {
  const query = cas === undefined ? "" : `?cas=${cas}`;
  const res = await fetch(`${consulAddr}/v1/kv/${key}${query}`, { method: "PUT", body: value, signal: AbortSignal.timeout(5_000) });
  const ok = (await res.text()).trim();
  if (!res.ok || ok !== "true") throw new ResilienceError(ResilienceErrorCode.ConsulWrite, `PUT ${key}: HTTP ${res.status} ${ok}`);
  const entries = z.array(kvEntry).parse(await getJson(`${consulAddr}/v1/kv/${key}`));
  return entries[0]!.ModifyIndex;
}

const upstreamView = z.object({
  service: z.string(),
  revision: z.number(),
  table: z.unknown(),
  lastConfigError: z.unknown(),
  staleSeconds: z.number(),
  settings: z.object({ timeoutMs: z.number() }).loose(),
  endpoints: z.array(z.object({ id: z.string(), version: z.string(), ejected: z.boolean() }).loose()),
});
const routesView = z.object({ service: z.string(), upstreams: z.array(upstreamView) });
export type UpstreamView = z.infer<typeof upstreamView>;

/** What one sidecar (or the edge) has in force for `upstream`, from its admin `/routes`. */
export async function sidecarUpstream(adminPort: number, upstream: string): Promise<UpstreamView> {
  const url = `http://127.0.0.1:${adminPort}/routes`;
  const parsed = routesView.safeParse(await getJson(url));
  if (!parsed.success) throw new ResilienceError(ResilienceErrorCode.BadAnswer, `${url}: ${parsed.error.message}`);
  const found = parsed.data.upstreams.find((u) => u.service === upstream);
  if (!found) throw new ResilienceError(ResilienceErrorCode.BadAnswer, `${url}: no upstream ${upstream}`);
  return found;
}

const faultsView = z.object({ revision: z.number(), active: z.object({ version: z.string(), latencyMs: z.number(), errorRatio: z.number() }).loose().nullable() });
export type FaultsView = z.infer<typeof faultsView>;

/** The fault a sidecar applies to its own version now (its admin `/faults`). */
export async function sidecarFaults(adminPort: number): Promise<FaultsView> {
  const url = `http://127.0.0.1:${adminPort}/faults`;
  const parsed = faultsView.safeParse(await getJson(url));
  if (!parsed.success) throw new ResilienceError(ResilienceErrorCode.BadAnswer, `${url}: ${parsed.error.message}`);
  return parsed.data;
}

export async function sidecarMetrics(adminPort: number): Promise<string> {
  const res = await fetch(`http://127.0.0.1:${adminPort}/metrics`, { signal: AbortSignal.timeout(5_000) });
  if (!res.ok) throw new ResilienceError(ResilienceErrorCode.BadAnswer, `metrics on :${adminPort}: HTTP ${res.status}`);
  return res.text();
}

/**
 * Sum of every sample of `name` (exact metric name, so `_bucket`/`_count` are separate names) whose
 * labels include `labels`; 0 when there is none (a counter not yet incremented is not exported).
 */
export function metricSum(text: string, name: string, labels: Record<string, string> = {}): number {
  let sum = 0;
  for (const line of text.split("\n")) {
    if (line.startsWith("#")) continue;
    const m = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})?\s+(\S+)/.exec(line);
    if (!m || m[1] !== name) continue;
    const have = new Map([...(m[2] ?? "").matchAll(/([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"/g)].map((l) => [l[1]!, l[2]!]));
    if (Object.entries(labels).every(([k, v]) => have.get(k) === v)) sum += Number(m[3]);
  }
  return sum;
}

/** The host port Nomad gave `label` in an allocation (e.g. a sidecar's `egress`). */
export async function allocPort(nomad: NomadClient, allocId: string, label: string): Promise<number> {
  const ports = (await nomad.allocations.info(allocId)).data.AllocatedResources?.Shared?.Ports ?? [];
  const port = ports.find((p) => p.Label === label)?.Value;
  if (port === undefined) throw new ResilienceError(ResilienceErrorCode.BadAnswer, `allocation ${allocId} has no port ${label}`);
  return port;
}
