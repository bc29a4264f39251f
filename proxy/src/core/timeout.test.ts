// A slow upstream is cut at the table's timeoutMs with a JSON 504, and no retry goes past it.
import assert from "node:assert/strict";
import { test } from "node:test";
import { get } from "../test/client.js";
import { instance, sidecarArgs, startProxy, startUpstream } from "../test/harness.js";
import { MemoryDiscovery } from "../test/memory-discovery.js";

test("the request timeout answers 504 upstream_timeout", async (t) => {
  const discovery = new MemoryDiscovery();
  const slow = await startUpstream("v1", (_req, res) => {
    setTimeout(() => res.end("late"), 2_000).unref();
  });
  const app = await startUpstream("app");
  discovery.setInstances("forex-rate", [instance(slow, "v1")]);
  discovery.setKey("forex-mesh/routes/forex-rate", JSON.stringify({ split: [{ version: "v1", weight: 100 }], timeoutMs: 300 }));
  const proxy = await startProxy(sidecarArgs("forex-web", app.port, ["forex-rate"]), discovery);
  t.after(async () => {
    await proxy.close();
    await Promise.all([slow.close(), app.close()]);
  });

  const started = Date.now();
  const reply = await get(`${proxy.url("egress")}/x`, { host: "forex-rate" });
  const took = Date.now() - started;
  assert.equal(reply.status, 504);
  assert.equal(reply.json<{ error: { code: string } }>().error.code, "upstream_timeout");
  assert.ok(took >= 290 && took < 1_500, `took ${took} ms`);
  assert.equal(slow.seen.length, 1, "a timed-out request was retried");
});
