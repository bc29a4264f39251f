// A version with no healthy instance gives its share to the others (and the effective weight
// metric says so); with nothing healthy at all the answer is a JSON 503 no_healthy_endpoint.
import assert from "node:assert/strict";
import { test } from "node:test";
import { get, load, metricValue } from "../test/client.js";
import { instance, sidecarArgs, startProxy, startUpstream } from "../test/harness.js";
import { MemoryDiscovery } from "../test/memory-discovery.js";

test("shares move to the versions that are up", async (t) => {
  const discovery = new MemoryDiscovery();
  const v1 = await startUpstream("v1");
  const app = await startUpstream("app");
  discovery.setInstances("forex-rate", [instance(v1, "v1")]);
  discovery.setKey("forex-mesh/routes/forex-rate", JSON.stringify({ split: [{ version: "v1", weight: 20 }, { version: "v2", weight: 80 }] }));
  const proxy = await startProxy(sidecarArgs("forex-web", app.port, ["forex-rate"]), discovery);
  t.after(async () => {
    await proxy.close();
    await Promise.all([v1.close(), app.close()]);
  });
  const egress = `${proxy.url("egress")}/x`;

  const replies = await load(100, 8, () => get(egress, { host: "forex-rate" }));
  assert.ok(replies.every((r) => r.status === 200 && r.headers["x-served-by"] === "v1"));
  const metrics = (await get(`${proxy.url("admin")}/metrics`)).text;
  assert.equal(metricValue(metrics, "proxy_route_effective_weight", { dst_service: "forex-rate", dst_version: "v1" }), 100);

  discovery.setInstances("forex-rate", []);
  const none = await get(egress, { host: "forex-rate" });
  assert.equal(none.status, 503);
  assert.equal(none.json<{ error: { code: string } }>().error.code, "no_healthy_endpoint");
  const unknown = await get(egress, { host: "forex-nothing" });
  assert.equal(unknown.status, 404);
  assert.equal(unknown.json<{ error: { code: string } }>().error.code, "no_route");
});
