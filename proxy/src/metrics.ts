/**
 * @module The proxy's Prometheus metrics. Names and buckets are the observability package's
 * contract (its constants-only `names` entry); the registry is passed in (no global state, so tests
 * and several proxies in one process do not collide). Labels never carry paths or ids. The
 * request path touches only a cached RequestSeries per destination version.
 */
import { LATENCY_BUCKETS_SECONDS as BUCKETS, METRIC } from "@forex-mesh/observability/names";
import { Counter, Gauge, Histogram, type Registry } from "./deps.js";

export { METRIC };

export type Direction = "inbound" | "outbound";
const REQUEST_LABELS = ["direction", "service", "dst_service", "dst_version", "code_class"] as const;
const CODE_CLASSES = ["1xx", "2xx", "3xx", "4xx", "5xx"] as const;
/**
 * Exported at 0 on inbound series before the first such answer: Prometheus' `increase()` needs two
 * samples of a series, so a 5xx series born with its first error hides that error (and a fresh
 * canary's first requests) from the rollout's success ratio for a scrape.
 */
const ALWAYS_INBOUND = new Set<number>([1, 3, 4]);
const exported = (s: RequestSeries, k: number) => s.counts[k] !== 0 || (s.labels.direction === "inbound" && ALWAYS_INBOUND.has(k));

/**
 * The request counter and duration histogram of one (direction, dst_service, dst_version), per
 * code class, kept as plain numbers. prom-client's label children validate and hash the label set
 * on every call (about 1 µs per request for both); these are read only when Prometheus scrapes.
 */
export class RequestSeries {
  readonly counts = new Float64Array(CODE_CLASSES.length);
  readonly sums = new Float64Array(CODE_CLASSES.length);
  /** Per code class, non-cumulative counts per bucket (the last slot is above the top bound). */
  readonly buckets = Array.from({ length: CODE_CLASSES.length }, () => new Float64Array(BUCKETS.length + 1));

  constructor(readonly labels: { direction: Direction; service: string; dst_service: string; dst_version: string }) {}

  record(status: number, seconds: number): void {
    const k = Math.min(4, Math.max(0, Math.floor(status / 100) - 1));
    this.counts[k]! += 1;
    this.sums[k]! += seconds;
    let b = 0;
    while (b < BUCKETS.length && seconds > BUCKETS[b]!) b++;
    this.buckets[k]![b]! += 1;
  }
}

type Values = Array<{ value: number; labels: Record<string, string | number>; metricName?: string }>;

/** Registers a counter and a histogram whose values come from the RequestSeries at scrape time. */
function registerRequestMetrics(registry: Registry, series: () => Iterable<RequestSeries>): void {
  const counterHelp = "Requests through the proxy, by outcome class.";
  const histogramHelp = "Time from request received to response finished, seconds.";
  const counter = new Counter({ name: METRIC.requests, help: counterHelp, labelNames: REQUEST_LABELS, registers: [] });
  const histogram = new Histogram({ name: METRIC.duration, help: histogramHelp, labelNames: REQUEST_LABELS, buckets: [...BUCKETS], registers: [] });
  const counterValues = (): Values => {
    const values: Values = [];
    for (const s of series()) {
      for (let k = 0; k < CODE_CLASSES.length; k++) {
        if (exported(s, k)) values.push({ value: s.counts[k]!, labels: { ...s.labels, code_class: CODE_CLASSES[k]! } });
      }
    }
    return values;
  };
  const histogramValues = (): Values => {
    const values: Values = [];
    for (const s of series()) {
      for (let k = 0; k < CODE_CLASSES.length; k++) {
        if (!exported(s, k)) continue;
        const labels = { ...s.labels, code_class: CODE_CLASSES[k]! };
        let cumulative = 0;
        for (let b = 0; b < BUCKETS.length; b++) {
          cumulative += s.buckets[k]![b]!;
          values.push({ value: cumulative, labels: { ...labels, le: BUCKETS[b]! }, metricName: `${METRIC.duration}_bucket` });
        }
        values.push({ value: s.counts[k]!, labels: { ...labels, le: "+Inf" }, metricName: `${METRIC.duration}_bucket` });
        values.push({ value: s.sums[k]!, labels, metricName: `${METRIC.duration}_sum` });
        values.push({ value: s.counts[k]!, labels, metricName: `${METRIC.duration}_count` });
      }
    }
    return values;
  };
  // The registry renders whatever get() answers; prom-client keeps the exposition format right.
  const override = (metric: Counter | Histogram, name: string, help: string, type: "counter" | "histogram", values: () => Values) => {
    const get = async () => ({ name, help, type, aggregator: "sum" as const, values: values() });
    Object.assign(metric, { get, getForPromString: get });
    registry.registerMetric(metric);
  };
  override(counter, METRIC.requests, counterHelp, "counter", counterValues);
  override(histogram, METRIC.duration, histogramHelp, "histogram", histogramValues);
}

export class ProxyMetrics {
  readonly retries: Counter<"service" | "dst_service">;
  readonly budgetExhausted: Counter<"service" | "dst_service">;
  readonly ejections: Counter<"service" | "dst_service" | "dst_version">;
  readonly healthyEndpoints: Gauge<"service" | "dst_service" | "dst_version">;
  readonly effectiveWeight: Gauge<"service" | "dst_service" | "dst_version">;
  readonly routeRevision: Gauge<"service" | "dst_service">;
  /** `document`: which KV document was refused, "routes" (a routing table) or "faults" (a fault table). */
  readonly configErrors: Counter<"service" | "dst_service" | "document">;
  /** Ingress faults applied; dst_service/dst_version name this sidecar's own app, as its inbound requests do. */
  readonly faultsInjected: Counter<"kind" | "service" | "dst_service" | "dst_version">;
  readonly staleness: Gauge<"service" | "dst_service">;
  readonly #series = new Map<string, RequestSeries>();
  #stalenessSource: () => Iterable<[dstService: string, seconds: number]> = () => [];

  constructor(
    readonly registry: Registry,
    readonly service: string,
  ) {
    const registers = [registry];
    registerRequestMetrics(registry, () => this.#series.values());
    const dst = ["service", "dst_service"] as const;
    const dstVersion = ["service", "dst_service", "dst_version"] as const;
    this.retries = new Counter({ name: METRIC.retries, help: "Retries sent to upstreams.", labelNames: dst, registers });
    this.budgetExhausted = new Counter({ name: METRIC.retryBudgetExhausted, help: "Retries not sent because the retry budget was spent.", labelNames: dst, registers });
    this.ejections = new Counter({ name: METRIC.ejections, help: "Endpoints ejected by failure accrual.", labelNames: dstVersion, registers });
    this.healthyEndpoints = new Gauge({ name: METRIC.healthyEndpoints, help: "Passing instances known from discovery, per version.", labelNames: dstVersion, registers });
    this.effectiveWeight = new Gauge({ name: METRIC.effectiveWeight, help: "Share (0-100) of traffic a version actually gets after redistributing the share of versions without healthy instances.", labelNames: dstVersion, registers });
    this.routeRevision = new Gauge({ name: METRIC.routeRevision, help: "Consul KV ModifyIndex of the routing table in force (0: no table).", labelNames: dst, registers });
    this.configErrors = new Counter({
      name: METRIC.configErrors,
      help: "Consul KV values refused as invalid, by document (routes: routing table, faults: fault table).",
      labelNames: [...dst, "document"],
      registers,
    });
    this.faultsInjected = new Counter({
      name: METRIC.faultsInjected,
      help: "Faults applied on ingress: added latency, or a 500 FAULT_INJECTED instead of the app's answer.",
      labelNames: ["kind", ...dstVersion],
      registers,
    });
    const metrics = this;
    this.staleness = new Gauge({
      name: METRIC.discoveryStale,
      help: "Seconds since discovery last heard from Consul while it is failing (0 when fresh).",
      labelNames: dst,
      registers,
      collect() {
        for (const [dstService, seconds] of metrics.#stalenessSource()) this.set({ service: metrics.service, dst_service: dstService }, seconds);
      },
    });
  }

  series(direction: Direction, dstService: string, dstVersion: string): RequestSeries {
    const key = `${direction}\u0000${dstService}\u0000${dstVersion}`;
    let series = this.#series.get(key);
    if (series === undefined) {
      series = new RequestSeries({ direction, service: this.service, dst_service: dstService, dst_version: dstVersion });
      this.#series.set(key, series);
    }
    return series;
  }

  setStalenessSource(source: () => Iterable<[string, number]>): void {
    this.#stalenessSource = source;
  }
}
