// An idempotent GET that gets 503 from one instance is retried on another and succeeds; a POST is
// not retried and the 503 reaches the caller as the upstream sent it.
import assert from "node:assert/strict";
import { test } from "node:test";
import { get, metricValue } from "../test/client.js";
import { instance, sidecarArgs, startProxy, startUpstream } from "../test/harness.js";
import { MemoryDiscovery } from "../test/memory-discovery.js";

test("GET is retried past a 503, POST is not", async (t) => {
  const discovery = new MemoryDiscovery();
  const failing = await startUpstream("v1", (_req, res) => {
    res.writeHead(503, { "content-type": "text/plain" });
    res.end("overloaded");
  });
  const healthy = await startUpstream("v1");
  const app = await startUpstream("app");
  discovery.setInstances("forex-rate", [instance(failing, "v1"), { ...instance(healthy, "v1"), id: "other" }]);
  const proxy = await startProxy(sidecarArgs("forex-web", app.port, ["forex-rate"]), discovery);
  t.after(async () => {
    await proxy.close();
    await Promise.all([failing.close(), healthy.close(), app.close()]);
  });

  for (let i = 0; i < 20; i++) {
    const reply = await get(`${proxy.url("egress")}/x`, { host: "forex-rate" });
    assert.equal(reply.status, 200, reply.text);
  }
  assert.ok(failing.seen.length > 0, "the failing instance was never tried, so nothing was retried");
  const metrics = (await get(`${proxy.url("admin")}/metrics`)).text;
  assert.equal(metricValue(metrics, "proxy_retries_total", { dst_service: "forex-rate" }), failing.seen.length);

  // Only the failing instance now (a fresh endpoint, so accrual from above does not apply).
  discovery.setInstances("forex-rate", [{ ...instance(failing, "v1"), id: "failing-again" }]);
  const seenBefore = failing.seen.length;
  for (let i = 0; i < 10; i++) {
    const post = await get(`${proxy.url("egress")}/x`, { host: "forex-rate" }, "POST", "{}");
    assert.equal(post.status, 503);
    assert.equal(post.text, "overloaded");
  }
  assert.equal(failing.seen.length - seenBefore, 10, "a POST was sent twice");
});
