/**
 * @module The three Consul reads discovery needs, validated with zod: the datacenter
 * (`/v1/agent/self`), the service names (`/v1/catalog/services`) and every instance with its checks
 * (`/v1/health/service/<name>`, all states, as Prometheus' consul SD asks).
 */
import { z } from "zod";
import { ObservabilityError, ObservabilityErrorCode } from "../errors.js";
import type { HealthEntry } from "./targets.js";

const stringMap = z.record(z.string(), z.string()).nullish();
const healthEntries = z.array(
  z.object({
    Node: z.object({ Node: z.string(), Address: z.string(), Meta: stringMap, TaggedAddresses: stringMap }),
    Service: z.object({
      ID: z.string(),
      Service: z.string(),
      Address: z.string(),
      Port: z.number().int(),
      Tags: z.array(z.string()).nullish(),
      Meta: stringMap,
    }),
    Checks: z.array(z.object({ CheckID: z.string(), Status: z.string() })),
  }),
);
const services = z.record(z.string(), z.array(z.string()).nullable());
const agentSelf = z.object({ Config: z.object({ Datacenter: z.string() }) });

export interface ConsulReader {
  datacenter(): Promise<string>;
  serviceNames(): Promise<string[]>;
  healthService(name: string): Promise<HealthEntry[]>;
}

export interface ConsulReaderOptions {
  /** `http://host:port` */
  baseUrl: string;
  token?: string;
  timeoutMs: number;
  fetch?: typeof fetch;
}

export function consulReader({ baseUrl, token, timeoutMs, fetch: doFetch = fetch }: ConsulReaderOptions): ConsulReader {
  async function get<T>(path: string, schema: z.ZodType<T>): Promise<T> {
    const headers: Record<string, string> = { accept: "application/json" };
    if (token) headers["x-consul-token"] = token;
    let response: Response;
    try {
      response = await doFetch(`${baseUrl}${path}`, { headers, signal: AbortSignal.timeout(timeoutMs) });
    } catch (error) {
      throw new ObservabilityError(ObservabilityErrorCode.ConsulUnavailable, `GET ${path}: ${(error as Error).message}`);
    }
    const text = await response.text();
    if (!response.ok) {
      throw new ObservabilityError(ObservabilityErrorCode.ConsulUnavailable, `GET ${path}: ${response.status} ${text.slice(0, 200)}`);
    }
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch {
      throw new ObservabilityError(ObservabilityErrorCode.ConsulBadResponse, `GET ${path}: not JSON`);
    }
    const parsed = schema.safeParse(body);
    if (!parsed.success) {
      throw new ObservabilityError(ObservabilityErrorCode.ConsulBadResponse, `GET ${path}: ${parsed.error.issues[0]?.message ?? "invalid"}`);
    }
    return parsed.data;
  }
  return {
    datacenter: async () => (await get("/v1/agent/self", agentSelf)).Config.Datacenter,
    serviceNames: async () => Object.keys(await get("/v1/catalog/services?stale=", services)).sort(),
    healthService: (name) => get(`/v1/health/service/${encodeURIComponent(name)}?stale=`, healthEntries) as Promise<HealthEntry[]>,
  };
}
