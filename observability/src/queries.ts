/**
 * @module PromQL the console (and anyone else) sends to Prometheus. Every query reads a recording rule
 * from `rules/`, so the expensive and subtle parts (rates, success ratio, quantiles) are computed in one
 * place and the console only selects.
 */
import {
  type GoldenStat,
  goldenRecord,
  type Level,
  MESH_RECORD,
  METRIC,
  type ResilienceKind,
  resilienceRecord,
  type Window,
} from "./names.js";
import { type Matchers, selector } from "./promql.js";

/** A golden statistic at one level, optionally narrowed by exact label matches. */
export function goldenQuery(level: Level, stat: GoldenStat, window: Window, matchers: Matchers = {}): string {
  return selector(goldenRecord(level, stat, window), matchers);
}

/** One service's versions side by side (labels `service`, `version`). */
export function serviceVersionsQuery(service: string, stat: GoldenStat, window: Window): string {
  return goldenQuery("service_version", stat, window, { service });
}

/** Every edge of the topology, per destination version (labels `service`, `dst_service`, `dst_version`). */
export function edgesQuery(stat: GoldenStat, window: Window, perVersion = true): string {
  return goldenQuery(perVersion ? "edge_version" : "edge", stat, window);
}

/** Healthy instances per service (or per service and version) as callers see them in Consul. */
export function healthyInstancesQuery(byVersion = false, matchers: Matchers = {}): string {
  return selector(byVersion ? MESH_RECORD.healthyInstancesByVersion : MESH_RECORD.healthyInstances, matchers);
}

/** Instances of each service answering their scrape. */
export function instancesUpQuery(matchers: Matchers = {}): string {
  return selector(MESH_RECORD.instancesUp, matchers);
}

/** The routing revision each sidecar applied for `dstService` (labels `instance`, `alloc`, `service`). */
export function routeRevisionsQuery(dstService: string): string {
  return selector(METRIC.routeRevision, { dst_service: dstService });
}

/** How many sidecars calling each destination run its newest routing table, and how many there are. */
export function routeConvergenceQueries(matchers: Matchers = {}): { current: string; total: string; newest: string } {
  return {
    current: selector(MESH_RECORD.routeRevisionCurrent, matchers),
    total: selector(MESH_RECORD.routeRevisionSidecars, matchers),
    newest: selector(MESH_RECORD.routeRevisionNewest, matchers),
  };
}

/** Retries, retry-budget refusals or ejections per edge (labels `service`, `dst_service`). */
export function resilienceQuery(kind: ResilienceKind, window: Window, matchers: Matchers = {}): string {
  return selector(resilienceRecord(kind, window), matchers);
}

/** Alerts firing now (ours carry `service`; any other rule Prometheus runs shows too), from Prometheus' built-in `ALERTS` series. */
export function firingAlertsQuery(): string {
  return selector("ALERTS", { alertstate: "firing" });
}
