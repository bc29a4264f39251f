// An instance that refuses connections is ejected after consecutive failures (the ejection is
// counted), traffic keeps succeeding through retries on the other one, and the last instance of a
// version is never ejected.
import assert from "node:assert/strict";
import { test } from "node:test";
import { freePort } from "@forex-mesh/test-utils";
import { get, metricValue } from "../test/client.js";
import { instance, sidecarArgs, startProxy, startUpstream } from "../test/harness.js";
import { MemoryDiscovery } from "../test/memory-discovery.js";

test("a dead instance is ejected and requests still succeed", async (t) => {
  const discovery = new MemoryDiscovery();
  const alive = await startUpstream("v1");
  const app = await startUpstream("app");
  const deadPort = await freePort();
  discovery.setInstances("forex-rate", [
    instance(alive, "v1"),
    { id: "dead", address: "127.0.0.1", port: deadPort, version: "v1", canary: false },
  ]);
  const proxy = await startProxy(sidecarArgs("forex-web", app.port, ["forex-rate"]), discovery);
  t.after(async () => {
    await proxy.close();
    await Promise.all([alive.close(), app.close()]);
  });

  for (let i = 0; i < 60; i++) {
    const reply = await get(`${proxy.url("egress")}/x`, { host: "forex-rate" });
    assert.equal(reply.status, 200, reply.text);
  }
  const metrics = (await get(`${proxy.url("admin")}/metrics`)).text;
  assert.equal(metricValue(metrics, "proxy_endpoint_ejections_total", { dst_service: "forex-rate", dst_version: "v1" }), 1);
  const routes = (await get(`${proxy.url("admin")}/routes`)).json<{ upstreams: Array<{ endpoints: Array<{ id: string; ejected: boolean }> }> }>();
  const endpoints = routes.upstreams[0]!.endpoints;
  assert.deepEqual(endpoints.map((e) => [e.id, e.ejected]).sort(), [["dead", true], ["v1-" + alive.port, false]].sort());
});

test("the only instance of a version is never ejected", async (t) => {
  const discovery = new MemoryDiscovery();
  const app = await startUpstream("app");
  const deadPort = await freePort();
  discovery.setInstances("forex-rate", [{ id: "dead", address: "127.0.0.1", port: deadPort, version: "v1", canary: false }]);
  const proxy = await startProxy(sidecarArgs("forex-web", app.port, ["forex-rate"]), discovery);
  t.after(async () => {
    await proxy.close();
    await app.close();
  });
  for (let i = 0; i < 12; i++) {
    const reply = await get(`${proxy.url("egress")}/x`, { host: "forex-rate" });
    assert.equal(reply.status, 502);
    assert.equal(reply.json<{ error: { code: string } }>().error.code, "upstream_connect_failed");
  }
  const metrics = (await get(`${proxy.url("admin")}/metrics`)).text;
  assert.equal(metricValue(metrics, "proxy_endpoint_ejections_total", { dst_service: "forex-rate" }), 0);
});
