/**
 * @module A fake sidecar admin endpoint: a real prom-client registry with the sidecar metric names and
 * labels of the team's contract, fed by a timer, served on `/metrics`. Stands in for proxy/ so this
 * package's tests do not depend on it.
 */
import { createServer, type Server } from "node:http";
import { listenOn } from "@forex-mesh/test-utils";
import { Counter, Gauge, Histogram, Registry } from "prom-client";
import { METRIC } from "../names.js";

export interface Upstream {
  service: string;
  version: string;
  /** Share of calls answered 5xx, 0..1. */
  failureRatio: number;
  seconds: number;
}

export interface FakeSidecarSpec {
  service: string;
  /** How inbound requests end: share of 5xx and their duration. */
  inbound?: { failureRatio: number; seconds: number };
  upstreams?: Upstream[];
}

export interface FakeSidecar {
  port: number;
  close(): Promise<void>;
}

const LABELS = ["direction", "service", "dst_service", "dst_version", "code_class"] as const;

export async function startFakeSidecar(spec: FakeSidecarSpec, version: string): Promise<FakeSidecar> {
  const registry = new Registry();
  const registers = [registry];
  const requests = new Counter({ name: METRIC.requests, help: "requests", labelNames: LABELS, registers });
  const duration = new Histogram({ name: METRIC.duration, help: "duration", labelNames: LABELS, buckets: [0.01, 0.1, 0.5, 1], registers });
  const dst = ["service", "dst_service"] as const;
  const retries = new Counter({ name: METRIC.retries, help: "retries", labelNames: dst, registers });
  const budget = new Counter({ name: METRIC.retryBudgetExhausted, help: "budget", labelNames: dst, registers });
  const ejections = new Counter({ name: METRIC.ejections, help: "ejections", labelNames: [...dst, "dst_version"], registers });
  const healthy = new Gauge({ name: METRIC.healthyEndpoints, help: "healthy", labelNames: [...dst, "dst_version"], registers });
  const revision = new Gauge({ name: METRIC.routeRevision, help: "revision", labelNames: dst, registers });
  const stale = new Gauge({ name: METRIC.discoveryStale, help: "stale", labelNames: dst, registers });
  new Counter({ name: METRIC.configErrors, help: "config errors", labelNames: dst, registers });

  let tick = 0;
  const record = (direction: string, dstService: string, dstVersion: string, failureRatio: number, seconds: number): void => {
    // Deterministic mix: every n-th request fails, where n follows from the ratio.
    const fails = failureRatio > 0 && tick % Math.round(1 / failureRatio) === 0;
    const labels = { direction, service: spec.service, dst_service: dstService, dst_version: dstVersion, code_class: fails ? "5xx" : "2xx" };
    requests.inc(labels);
    duration.observe(labels, seconds);
  };
  for (const u of spec.upstreams ?? []) {
    healthy.set({ service: spec.service, dst_service: u.service, dst_version: u.version }, 1);
    revision.set({ service: spec.service, dst_service: u.service }, 7);
    stale.set({ service: spec.service, dst_service: u.service }, 0);
  }
  const timer = setInterval(() => {
    tick++;
    if (spec.inbound) record("inbound", spec.service, version, spec.inbound.failureRatio, spec.inbound.seconds);
    for (const u of spec.upstreams ?? []) {
      record("outbound", u.service, u.version, u.failureRatio, u.seconds);
      if (tick % 4 === 0) retries.inc({ service: spec.service, dst_service: u.service });
      if (tick % 8 === 0) budget.inc({ service: spec.service, dst_service: u.service });
      if (tick % 16 === 0) ejections.inc({ service: spec.service, dst_service: u.service, dst_version: u.version });
    }
  }, 50);

  const server: Server = createServer((req, res) => {
    if (req.url !== "/metrics") {
      res.writeHead(404, { "content-type": "application/json" }).end(JSON.stringify({ error: "not found" }));
      return;
    }
    registry.metrics().then((text) => {
      res.writeHead(200, { "content-type": registry.contentType }).end(text);
    });
  });
  const url = await listenOn(server);
  return {
    port: Number(new URL(url).port),
    close: async () => {
      clearInterval(timer);
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
