// Proof: the Consul API stopped for 30 s under load: no request fails (the last known endpoints
// and table stay in force), staleness is reported while it is down, and when it returns the
// sidecar picks up changes made in the meantime.
import assert from "node:assert/strict";
import { test } from "node:test";
import { sleep, startDevAgent, waitFor } from "@forex-mesh/test-utils";
import { get, loadFor, metricValue } from "../test/client.js";
import { startUpstream } from "../test/harness.js";
import { type ProxyProcess, putRoutes, register, startProxyProcess, upstreamOf } from "./helpers.js";

test("a 30 s Consul outage under load fails no request, and discovery recovers", async (t) => {
  const agent = await startDevAgent();
  const v1 = await startUpstream("v1");
  const v2 = await startUpstream("v2");
  const app = await startUpstream("app");
  let sidecar: ProxyProcess | undefined;
  t.after(async () => {
    await sidecar?.process.stop();
    await agent.stop();
    await Promise.all([v1.close(), v2.close(), app.close()]);
  });
  await register(agent, { id: "rate-v1", name: "forex-rate", port: v1.port, version: "v1" });
  await register(agent, { id: "rate-v2", name: "forex-rate", port: v2.port, version: "v2" });
  const before = await putRoutes(agent, "forex-rate", { split: [{ version: "v1", weight: 100 }, { version: "v2", weight: 0 }] });
  const proxy = await startProxyProcess(agent, ["--service", "forex-web", "--app-port", String(app.port), "--upstream", "forex-rate"]);
  sidecar = proxy;
  await waitFor("table applied", async () => upstreamOf(await proxy.routes(), "forex-rate").revision === before);

  const egress = `${proxy.url("egress")}/latest`;
  const send = () =>
    get(egress, { host: "forex-rate" }).then(
      (r) => (r.status === 200 && r.headers["x-served-by"] === "v1" ? 200 : r.status),
      () => 0,
    );
  const outage = (async () => {
    await sleep(2_000);
    await agent.stop();
    await sleep(15_000);
    const during = upstreamOf(await proxy.routes(), "forex-rate");
    const metrics = (await get(`${proxy.url("admin")}/metrics`)).text;
    await sleep(15_000);
    await agent.restart();
    return { during, staleMetric: metricValue(metrics, "proxy_discovery_staleness_seconds", { dst_service: "forex-rate" }) };
  })();
  const statuses = await loadFor(36_000, 4, send);
  const { during, staleMetric } = await outage;

  const failed = statuses.filter((s) => s !== 200).length;
  assert.equal(failed, 0, `${failed} of ${statuses.length} requests failed or left v1`);
  assert.ok(statuses.length > 1_000);
  assert.ok(during.staleSeconds >= 10, `staleness during the outage was ${during.staleSeconds} s`);
  assert.ok(staleMetric >= 10, `the staleness metric said ${staleMetric}`);
  assert.equal(during.revision, before);
  assert.equal(during.endpoints.length, 2, "endpoints were dropped while Consul was down");

  // Recovery: the data dir kept the registrations; a change made now is picked up.
  const after = await putRoutes(agent, "forex-rate", { split: [{ version: "v1", weight: 0 }, { version: "v2", weight: 100 }] });
  await waitFor("the change after the outage", async () => upstreamOf(await proxy.routes(), "forex-rate").revision === after, { timeoutMs: 15_000 });
  await waitFor("staleness cleared", async () => upstreamOf(await proxy.routes(), "forex-rate").staleSeconds === 0);
  const reply = await get(egress, { host: "forex-rate" });
  assert.equal(reply.headers["x-served-by"], "v2");
});
