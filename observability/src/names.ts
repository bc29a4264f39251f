/**
 * @module The one vocabulary: metric names the sidecars expose (the team's contract), the scrape job,
 * and the names of every recording rule. Rule files, dashboards and the console's queries are all
 * built from these, so a rename happens here or nowhere.
 */

/** What every sidecar (and the edge) exposes on its admin `/metrics`. */
export const METRIC = {
  requests: "proxy_requests_total",
  duration: "proxy_request_duration_seconds",
  retries: "proxy_retries_total",
  retryBudgetExhausted: "proxy_retry_budget_exhausted_total",
  ejections: "proxy_endpoint_ejections_total",
  healthyEndpoints: "proxy_healthy_endpoints",
  effectiveWeight: "proxy_route_effective_weight",
  routeRevision: "proxy_route_revision",
  configErrors: "proxy_route_config_errors_total",
  faultsInjected: "proxy_faults_injected_total",
  discoveryStale: "proxy_discovery_staleness_seconds",
} as const;

/**
 * Bounds (seconds) of the sidecars' request duration histogram. Quantiles are interpolated inside
 * one bucket, so whoever compares latencies (the rollout's p99 gate) must know the same bounds.
 */
export const LATENCY_BUCKETS_SECONDS = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10] as const;

/** The scrape job of every sidecar found through Consul; `up{job=...}` counts answering instances. */
export const SIDECAR_JOB = "forex-mesh";

/** `code_class` values that count as failures; everything else (2xx, 3xx, 4xx) is a success. */
export const FAILURE_CODE_CLASSES = ["5xx", "error"] as const;

export const WINDOWS = ["30s", "5m"] as const;
export type Window = (typeof WINDOWS)[number];
/** A window, or a Grafana variable standing for one (`$window`) in dashboard queries. */
export type WindowOrVariable = Window | `$${string}`;

export const QUANTILES = { p50: 0.5, p95: 0.95, p99: 0.99 } as const;
export type Quantile = keyof typeof QUANTILES;

/**
 * Aggregation levels of the golden metrics. Per service and per version are measured where the
 * request lands (inbound at the serving sidecar, `version` is that instance's target label); edges
 * are measured by the caller (outbound), so a version that answers nothing still shows as failures.
 */
export const LEVELS = {
  service: { direction: "inbound", by: ["service"] },
  service_version: { direction: "inbound", by: ["service", "version"] },
  edge: { direction: "outbound", by: ["service", "dst_service"] },
  edge_version: { direction: "outbound", by: ["service", "dst_service", "dst_version"] },
} as const;
export type Level = keyof typeof LEVELS;

/** The statistics recorded for every level and window; the console and dashboards read only these. */
export const GOLDEN_STATS = ["rate", "success_ratio", "p50", "p95", "p99"] as const;
export type GoldenStat = (typeof GOLDEN_STATS)[number];

/** Name of a golden recording rule, e.g. `service_version:proxy_requests:success_ratio30s`. */
export function goldenRecord(level: Level, stat: GoldenStat, window: WindowOrVariable): string {
  switch (stat) {
    case "rate":
      return `${level}:proxy_requests:rate${window}`;
    case "success_ratio":
      return `${level}:proxy_requests:success_ratio${window}`;
    default:
      return `${level}:proxy_request_duration_seconds:${stat}_${window}`;
  }
}

/** Intermediate records the golden ones are computed from (kept: they are cheap and useful). */
export function helperRecord(level: Level, kind: "success_rate" | "bucket_rate", window: Window): string {
  return kind === "success_rate"
    ? `${level}:proxy_requests_success:rate${window}`
    : `${level}:proxy_request_duration_seconds_bucket:rate${window}`;
}

/** Mesh-health records; labels say whose view they are in. */
export const MESH_RECORD = {
  /** Healthy instances of `service` (a destination), the largest count any caller sees. */
  healthyInstances: "service:proxy_healthy_endpoints:max",
  /** The same per `service`, `version`. */
  healthyInstancesByVersion: "service_version:proxy_healthy_endpoints:max",
  /** Instances of `service` answering their scrape. */
  instancesUp: "service:up:sum",
  /** Newest routing revision (KV ModifyIndex) applied by any sidecar calling `dst_service`. */
  routeRevisionNewest: "dst_service:proxy_route_revision:max",
  /** Sidecars calling `dst_service` that have applied the newest revision. */
  routeRevisionCurrent: "dst_service:proxy_route_revision_current:count",
  /** Sidecars calling `dst_service` that report a revision at all. */
  routeRevisionSidecars: "dst_service:proxy_route_revision:count",
} as const;

export const RESILIENCE_KINDS = ["retries", "retry_budget_exhausted", "ejections"] as const;
export type ResilienceKind = (typeof RESILIENCE_KINDS)[number];

/** Per-edge (`service` → `dst_service`) rates of retries, budget refusals and ejections. */
export function resilienceRecord(kind: ResilienceKind, window: WindowOrVariable): string {
  return `edge:proxy_${kind}:rate${window}`;
}

export const ALERT = {
  successRatioLow: "ForexSuccessRatioLow",
  latencyP99High: "ForexLatencyP99High",
  noHealthyInstance: "ForexServiceNoHealthyInstance",
  routeRevisionLagging: "ForexRouteRevisionLagging",
  discoveryStale: "ForexDiscoveryStale",
} as const;
