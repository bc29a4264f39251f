/**
 * @module The step window's figures from Prometheus' HTTP API (`/api/v1/query`), measured at the
 * serving sidecars' ingress: `proxy_requests_total` and `proxy_request_duration_seconds` with
 * `direction="inbound"`, whose `dst_version` is the instance's own version. The window is the
 * step's own (whole seconds since it started), so the raw counters are read, not the 30s/5m
 * recording rules.
 */
import { FAILURE_CODE_CLASSES, METRIC, promString } from "@forex-mesh/observability";
import { z } from "zod";
import { RolloutError, RolloutErrorCode } from "./errors.js";
import type { MetricsSample, VersionFigures } from "./logic/types.js";

const vectorSchema = z.object({
  status: z.literal("success"),
  data: z.object({
    resultType: z.literal("vector"),
    result: z.array(z.object({ metric: z.record(z.string(), z.string()), value: z.tuple([z.number(), z.string()]) })),
  }),
});

export interface WindowQuery {
  service: string;
  canary: string;
  stable: string;
  windowSeconds: number;
  /** The window's end, ms since the epoch (the step's start + windowSeconds). */
  endMs: number;
}

/** The three PromQL expressions for a window: requests, successes and p99 (seconds), by dst_version. */
export function windowQueries(q: Pick<WindowQuery, "service" | "canary" | "stable" | "windowSeconds">): { requests: string; successes: string; p99: string } {
  // Versions are [A-Za-z0-9._-]: only "." means something in a regex.
  const versions = [q.canary, q.stable].map((v) => v.replaceAll(".", "\\.")).join("|");
  const base = `direction="inbound",service=${promString(q.service)},dst_version=~${promString(versions)}`;
  const range = `[${q.windowSeconds}s]`;
  const failures = promString(FAILURE_CODE_CLASSES.join("|"));
  return {
    requests: `sum by (dst_version) (increase(${METRIC.requests}{${base}}${range}))`,
    successes: `sum by (dst_version) (increase(${METRIC.requests}{${base},code_class!~${failures}}${range}))`,
    p99: `histogram_quantile(0.99, sum by (dst_version, le) (increase(${METRIC.duration}_bucket{${base}}${range})))`,
  };
}

export interface PrometheusReader {
  sample(q: WindowQuery): Promise<MetricsSample>;
}

export function createPrometheusReader(address: string, fetchImpl: typeof fetch = fetch): PrometheusReader {
  async function vector(promql: string, endMs: number): Promise<Map<string, number>> {
    const params = new URLSearchParams({ query: promql, time: (endMs / 1000).toFixed(3) });
    let res: Response;
    try {
      res = await fetchImpl(`${address}/api/v1/query?${params}`, { signal: AbortSignal.timeout(5_000) });
    } catch (error) {
      throw new RolloutError(RolloutErrorCode.Metrics, `Prometheus unreachable at ${address}: ${(error as Error).message}`, { cause: error });
    }
    const text = await res.text();
    if (!res.ok) throw new RolloutError(RolloutErrorCode.Metrics, `Prometheus answered ${res.status}: ${text.slice(0, 200)}`);
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch {
      throw new RolloutError(RolloutErrorCode.Metrics, `Prometheus answered something that is not JSON: ${text.slice(0, 100)}`);
    }
    const parsed = vectorSchema.safeParse(body);
    if (!parsed.success) throw new RolloutError(RolloutErrorCode.Metrics, `Prometheus answered something that is not an instant vector: ${text.slice(0, 200)}`);
    const out = new Map<string, number>();
    for (const { metric, value } of parsed.data.data.result) out.set(metric.dst_version ?? "", Number.parseFloat(value[1]));
    return out;
  }
  return {
    async sample(q) {
      const queries = windowQueries(q);
      const [requests, successes, p99] = await Promise.all([vector(queries.requests, q.endMs), vector(queries.successes, q.endMs), vector(queries.p99, q.endMs)]);
      const figures = (version: string): VersionFigures => {
        const n = finite(requests.get(version)) ?? 0;
        if (n <= 0) return { requests: 0, successRatio: null, p99Ms: null };
        // No success series at all means every request failed.
        const ok = finite(successes.get(version)) ?? 0;
        const seconds = finite(p99.get(version));
        return { requests: n, successRatio: Math.min(1, ok / n), p99Ms: seconds === undefined ? null : seconds * 1000 };
      };
      return { windowSeconds: q.windowSeconds, canary: figures(q.canary), stable: figures(q.stable) };
    },
  };
}

const finite = (x: number | undefined): number | undefined => (x !== undefined && Number.isFinite(x) ? x : undefined);
