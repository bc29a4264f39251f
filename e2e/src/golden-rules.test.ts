// Issue 6's proof, part 1: steady traffic through the edge (20 req/s for 40 s), then real Prometheus
// (scraping every sidecar found through Consul) answers every recording rule it loaded for every
// service and every edge of the mesh, each rule evaluates with health ok, and the request rate it
// measured at the edge (and at forex-web's sidecars) agrees with the load sent within 15%.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { goldenRecord, recordedNames } from "@forex-mesh/observability";
import { waitFor } from "@forex-mesh/test-utils";
import { missingKeys } from "./coverage.js";
import { driveLoad, rateIn } from "./load.js";
import { CONVERT_PATH, INSTANCES, SCRAPED } from "./mesh.js";
import { type System, startSystem } from "./system.js";

const RPS = 20;
const LOAD_MS = 40_000;
const WINDOW_S = 30;

let system: System;
before(async () => {
  system = await startSystem();
});
after(async () => {
  await system?.stop();
});

test("every recording rule has series for every service and edge; the edge's rate matches the load", { timeout: 120_000 }, async (t) => {
  const prom = system.prometheus;
  await waitFor(
    "Prometheus to scrape every proxy",
    async () => {
      const up = await prom.query('count by (service) (up{job="forex-mesh"} == 1)');
      return SCRAPED.every((s) => up.some((r) => r.metric.service === s && Number(r.value[1]) === INSTANCES[s]));
    },
    { timeoutMs: 20_000, intervalMs: 500 },
  );

  const load = await driveLoad({ url: `${system.edgeUrl}${CONVERT_PATH}`, rps: RPS, durationMs: LOAD_MS });
  const failed = load.done.filter((d) => d.status !== 200);
  assert.equal(failed.length, 0, `${failed.length} of ${load.done.length} requests failed: ${JSON.stringify(failed.slice(0, 5))}`);

  // The rules Prometheus runs are the ones the observability package generates, all healthy.
  const rules = await prom.rules();
  const recording = rules.filter((r) => r.type === "recording");
  assert.deepEqual(recording.map((r) => r.name).sort(), recordedNames().sort());
  const unhealthy = await waitFor("every rule to have evaluated", async () => {
    const now = await prom.rules();
    return now.every((r) => r.health !== "unknown") ? now.filter((r) => r.health !== "ok") : undefined;
  });
  assert.deepEqual(unhealthy, [], JSON.stringify(unhealthy));

  const gaps: string[] = [];
  for (const record of new Set(recording.map((r) => r.name))) {
    const missing = missingKeys(record, (await prom.query(record)).map((s) => s.metric));
    if (missing.length > 0) gaps.push(`${record}: ${missing.join("; ")}`);
  }
  assert.deepEqual(gaps, [], `recording rules without series:\n${gaps.join("\n")}`);

  // Rate agreement: evaluations whose whole 30 s window lies inside the steady load, compared with
  // the answers the load got in that same window.
  const checks = [
    { what: "edge forex-edge → forex-web", selector: `${goldenRecord("edge", "rate", "30s")}{service="forex-edge",dst_service="forex-web"}` },
    { what: "forex-web's sidecars (inbound)", selector: `${goldenRecord("service", "rate", "30s")}{service="forex-web"}` },
  ];
  for (const { what, selector } of checks) {
    const [series] = await prom.samples(`${selector}[2m]`);
    assert.ok(series !== undefined, `${selector}: no samples`);
    const inside = series.values.filter(([t]) => t * 1000 - WINDOW_S * 1000 >= load.startedAt + 1_000 && t * 1000 <= load.endedAt);
    assert.ok(inside.length > 0, `${what}: no evaluation with its window inside the load (${series.values.map(([t]) => t).join(", ")}; load ${load.startedAt}–${load.endedAt})`);
    for (const [at, value] of inside) {
      const sent = rateIn(load.done, at * 1000 - WINDOW_S * 1000, at * 1000);
      const measured = Number(value);
      const error = Math.abs(measured - sent) / sent;
      t.diagnostic(`${what} at ${at}: measured ${measured.toFixed(2)} req/s, sent ${sent.toFixed(2)} (${(error * 100).toFixed(1)}% off)`);
      assert.ok(error <= 0.15, `${what} at ${at}: Prometheus measured ${measured.toFixed(2)} req/s, the load got ${sent.toFixed(2)} answers/s (${(error * 100).toFixed(1)}% off)`);
    }
  }
});
