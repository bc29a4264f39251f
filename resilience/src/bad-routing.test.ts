// Issue 8, resilience scenario 4: bad values written to forex-rate's routing key under steady load
// (not JSON, then weights summing to 110) leave traffic unaffected: every request through the edge
// succeeds, each sidecar that routes to forex-rate (forex-web's and forex-converter's) counts each
// refused value in proxy_route_config_errors_total and keeps the last good table in force (its
// revision in /routes is still the good write's ModifyIndex).
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { startSystem, type System } from "@forex-mesh/e2e";
import { routeKey } from "@forex-mesh/routing";
import { sleep, waitFor } from "@forex-mesh/test-utils";
import { fetchGet, timedLoad } from "./load.js";
import { instances, kvPut, metricSum, sidecarMetrics, sidecarUpstream } from "./mesh.js";
import { LOAD_PATH, meshReady, report } from "./scenario.js";
import { failuresByStatus, summarize } from "./stats.js";

const RPS = 20;
const LOAD_MS = 20_000;
const KEY = routeKey("forex-rate");
const GOOD = JSON.stringify({ split: [{ version: "v1", weight: 100 }], timeoutMs: 3000 });
const BAD = [
  { what: "not JSON", value: '{"split": [{"version": "v1", "weight": 100}' },
  { what: "weights summing to 110", value: JSON.stringify({ split: [{ version: "v1", weight: 90 }, { version: "v2", weight: 20 }] }) },
];

let system: System;
before(async () => {
  system = await startSystem();
});
after(async () => {
  await system?.stop();
});

test("bad routing values under load: traffic unaffected, every caller's sidecar counts them and keeps the last good table", { timeout: 150_000 }, async (t) => {
  await meshReady(system);
  const callers = [...(await instances(system.consulAddr, "forex-web")), ...(await instances(system.consulAddr, "forex-converter"))].map((i) => i.adminPort);
  assert.equal(callers.length, 4);
  const good = await kvPut(system.consulAddr, KEY, GOOD);
  await waitFor("every caller to apply the good table", async () => (await Promise.all(callers.map((p) => sidecarUpstream(p, "forex-rate")))).every((u) => u.revision === good));
  const errors = async () => Promise.all(callers.map(async (p) => metricSum(await sidecarMetrics(p), "proxy_route_config_errors_total", { dst_service: "forex-rate", document: "routes" })));
  const errorsBefore = await errors();

  const loading = timedLoad({ send: fetchGet(`${system.edgeUrl}${LOAD_PATH}`), rps: RPS, durationMs: LOAD_MS });
  const refusedAfterMs: number[] = [];
  for (const [n, bad] of BAD.entries()) {
    await sleep(LOAD_MS / (BAD.length + 1));
    const written = Date.now();
    await kvPut(system.consulAddr, KEY, bad.value);
    // Every caller refused it (its counter moved) and still has the good table in force.
    await waitFor(`every caller to refuse ${bad.what}`, async () => (await errors()).every((e, i) => e === errorsBefore[i]! + n + 1));
    refusedAfterMs.push(Date.now() - written);
    for (const p of callers) {
      const view = await sidecarUpstream(p, "forex-rate");
      assert.equal(view.revision, good, `sidecar :${p} after ${bad.what}: revision`);
      assert.deepEqual(view.table, JSON.parse(GOOD), `sidecar :${p} after ${bad.what}: table in force`);
      assert.notEqual(view.lastConfigError, null, `sidecar :${p} after ${bad.what}: the refusal is shown`);
    }
  }
  const { samples } = await loading;
  const all = summarize(samples);
  const errorsAfter = await errors();
  report(t, "bad routing value", all, `${BAD.map((b) => b.what).join(", then ")}; refused by all 4 callers within ${refusedAfterMs.map((ms) => `${ms} ms`).join(" / ")}; config errors per sidecar ${errorsBefore.join(",")} → ${errorsAfter.join(",")}`);
  assert.deepEqual(
    errorsAfter,
    errorsBefore.map((e) => e + BAD.length),
  );
  assert.equal(all.failures, 0, `${all.failures} of ${all.requests} requests failed: ${JSON.stringify(failuresByStatus(samples))}`);
});
