/**
 * @module The proxy's Prometheus metrics. Names are constants here; the registry is passed in (no
 * global state, so tests and several proxies in one process do not collide). Labels never carry
 * paths or ids. The request path uses cached label children: looking a child up by labels on every
 * request would hash the label set each time.
 */
import { Counter, Gauge, Histogram, type Registry } from "prom-client";

export const METRIC = {
  requests: "proxy_requests_total",
  duration: "proxy_request_duration_seconds",
  retries: "proxy_retries_total",
  budgetExhausted: "proxy_retry_budget_exhausted_total",
  ejections: "proxy_endpoint_ejections_total",
  healthyEndpoints: "proxy_healthy_endpoints",
  effectiveWeight: "proxy_route_effective_weight",
  routeRevision: "proxy_route_revision",
  configErrors: "proxy_route_config_errors_total",
  staleness: "proxy_discovery_staleness_seconds",
} as const;

export type Direction = "inbound" | "outbound";
const REQUEST_LABELS = ["direction", "service", "dst_service", "dst_version", "code_class"] as const;
const CODE_CLASSES = ["1xx", "2xx", "3xx", "4xx", "5xx"] as const;

/** The counter and histogram children of one (direction, dst_service, dst_version), per code class. */
export class RequestSeries {
  readonly #counters: Array<Counter.Internal | undefined> = [];
  readonly #histograms: Array<Histogram.Internal<string> | undefined> = [];
  constructor(
    private readonly metrics: ProxyMetrics,
    private readonly labels: { direction: Direction; service: string; dst_service: string; dst_version: string },
  ) {}

  record(status: number, seconds: number): void {
    const k = Math.min(4, Math.max(0, Math.floor(status / 100) - 1));
    let counter = this.#counters[k];
    let histogram = this.#histograms[k];
    if (counter === undefined || histogram === undefined) {
      const labels = { ...this.labels, code_class: CODE_CLASSES[k]! };
      counter = this.metrics.requests.labels(labels);
      histogram = this.metrics.duration.labels(labels);
      this.#counters[k] = counter;
      this.#histograms[k] = histogram;
    }
    counter.inc();
    histogram.observe(seconds);
  }
}

export class ProxyMetrics {
  readonly requests: Counter<(typeof REQUEST_LABELS)[number]>;
  readonly duration: Histogram<(typeof REQUEST_LABELS)[number]>;
  readonly retries: Counter<"service" | "dst_service">;
  readonly budgetExhausted: Counter<"service" | "dst_service">;
  readonly ejections: Counter<"service" | "dst_service" | "dst_version">;
  readonly healthyEndpoints: Gauge<"service" | "dst_service" | "dst_version">;
  readonly effectiveWeight: Gauge<"service" | "dst_service" | "dst_version">;
  readonly routeRevision: Gauge<"service" | "dst_service">;
  readonly configErrors: Counter<"service" | "dst_service">;
  readonly staleness: Gauge<"service" | "dst_service">;
  readonly #series = new Map<string, RequestSeries>();
  #stalenessSource: () => Iterable<[dstService: string, seconds: number]> = () => [];

  constructor(
    readonly registry: Registry,
    readonly service: string,
  ) {
    const registers = [registry];
    this.requests = new Counter({ name: METRIC.requests, help: "Requests through the proxy, by outcome class.", labelNames: REQUEST_LABELS, registers });
    this.duration = new Histogram({
      name: METRIC.duration,
      help: "Time from request received to response finished, seconds.",
      labelNames: REQUEST_LABELS,
      buckets: [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers,
    });
    const dst = ["service", "dst_service"] as const;
    const dstVersion = ["service", "dst_service", "dst_version"] as const;
    this.retries = new Counter({ name: METRIC.retries, help: "Retries sent to upstreams.", labelNames: dst, registers });
    this.budgetExhausted = new Counter({ name: METRIC.budgetExhausted, help: "Retries not sent because the retry budget was spent.", labelNames: dst, registers });
    this.ejections = new Counter({ name: METRIC.ejections, help: "Endpoints ejected by failure accrual.", labelNames: dstVersion, registers });
    this.healthyEndpoints = new Gauge({ name: METRIC.healthyEndpoints, help: "Passing instances known from discovery, per version.", labelNames: dstVersion, registers });
    this.effectiveWeight = new Gauge({ name: METRIC.effectiveWeight, help: "Share (0-100) of traffic a version actually gets after redistributing the share of versions without healthy instances.", labelNames: dstVersion, registers });
    this.routeRevision = new Gauge({ name: METRIC.routeRevision, help: "Consul KV ModifyIndex of the routing table in force (0: no table).", labelNames: dst, registers });
    this.configErrors = new Counter({ name: METRIC.configErrors, help: "Routing table values refused as invalid.", labelNames: dst, registers });
    const metrics = this;
    this.staleness = new Gauge({
      name: METRIC.staleness,
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
      series = new RequestSeries(this, { direction, service: this.service, dst_service: dstService, dst_version: dstVersion });
      this.#series.set(key, series);
    }
    return series;
  }

  setStalenessSource(source: () => Iterable<[string, number]>): void {
    this.#stalenessSource = source;
  }
}
