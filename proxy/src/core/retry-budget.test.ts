// When every instance fails, retries stop once the budget is spent and the exhaustion is counted,
// so a failing upstream gets a bounded extra load.
import assert from "node:assert/strict";
import { test } from "node:test";
import { get, metricValue } from "../test/client.js";
import { instance, sidecarArgs, startProxy, startUpstream } from "../test/harness.js";
import { MemoryDiscovery } from "../test/memory-discovery.js";

test("retries are bounded by the budget", async (t) => {
  const discovery = new MemoryDiscovery();
  const down = await startUpstream("v1", (_req, res) => {
    res.writeHead(502);
    res.end();
  });
  const app = await startUpstream("app");
  discovery.setInstances("forex-rate", [instance(down, "v1")]);
  // 0% of requests plus a floor of 1 retry/s over the 10 s window: at most 10 retries.
  const table = { split: [{ version: "v1", weight: 100 }], retry: { attempts: 2, budgetPercent: 0, minPerSecond: 1 } };
  discovery.setKey("forex-mesh/routes/forex-rate", JSON.stringify(table));
  const proxy = await startProxy(sidecarArgs("forex-web", app.port, ["forex-rate"]), discovery);
  t.after(async () => {
    await proxy.close();
    await Promise.all([down.close(), app.close()]);
  });

  for (let i = 0; i < 40; i++) {
    const reply = await get(`${proxy.url("egress")}/x`, { host: "forex-rate" });
    assert.ok(reply.status === 502 || reply.status === 503, `got ${reply.status}`);
  }
  const metrics = (await get(`${proxy.url("admin")}/metrics`)).text;
  const retries = metricValue(metrics, "proxy_retries_total", { dst_service: "forex-rate" });
  assert.equal(retries, 10);
  assert.equal(down.seen.length, 40 + retries);
  assert.ok(metricValue(metrics, "proxy_retry_budget_exhausted_total", { dst_service: "forex-rate" }) >= 25);
});
