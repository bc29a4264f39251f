import assert from "node:assert/strict";
import { test } from "node:test";
import { GOLDEN_STATS, LEVELS, type Level, METRIC, RESILIENCE_KINDS, WINDOWS } from "./names.js";
import { promString, selector } from "./promql.js";
import {
  edgesQuery,
  firingAlertsQuery,
  goldenQuery,
  healthyInstancesQuery,
  instancesUpQuery,
  resilienceQuery,
  routeConvergenceQueries,
  routeRevisionsQuery,
  serviceVersionsQuery,
} from "./queries.js";
import { recordedNames } from "./rules.js";
import { metricNames } from "./dashboard-exprs.js";

const recorded = new Set(recordedNames());

test("every query the console can build reads a recording rule (or a sidecar gauge / ALERTS)", () => {
  const queries: string[] = [healthyInstancesQuery(), healthyInstancesQuery(true), instancesUpQuery(), firingAlertsQuery(), routeRevisionsQuery("forex-rate")];
  queries.push(...Object.values(routeConvergenceQueries()));
  for (const window of WINDOWS) {
    for (const stat of GOLDEN_STATS) {
      for (const level of Object.keys(LEVELS) as Level[]) queries.push(goldenQuery(level, stat, window));
      queries.push(serviceVersionsQuery("forex-rate", stat, window), edgesQuery(stat, window), edgesQuery(stat, window, false));
    }
    for (const kind of RESILIENCE_KINDS) queries.push(resilienceQuery(kind, window));
  }
  for (const q of queries) {
    for (const name of metricNames(q)) assert.ok(recorded.has(name) || name === METRIC.routeRevision || name === "ALERTS", `${q} reads ${name}`);
  }
  assert.equal(serviceVersionsQuery("forex-rate", "p99", "30s"), 'service_version:proxy_request_duration_seconds:p99_30s{service="forex-rate"}');
  assert.equal(edgesQuery("success_ratio", "5m"), "edge_version:proxy_requests:success_ratio5m");
});

test("label values are escaped as PromQL strings, so a name cannot break out of its matcher", () => {
  assert.equal(promString('a"b\\c\nd'), '"a\\"b\\\\c\\nd"');
  assert.equal(selector("m", { service: 'x"} or vector(1) #' }), 'm{service="x\\"} or vector(1) #"}');
  assert.equal(selector("m"), "m");
});
