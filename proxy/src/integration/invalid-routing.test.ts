// Proof: invalid routing values (weights summing to 150, a negative weight, unknown fields, text
// that is not JSON) are refused: each is counted and logged, /routes names the reason, the last
// good table stays in force and traffic is unaffected.
import assert from "node:assert/strict";
import { test } from "node:test";
import { startDevAgent, waitFor } from "@forex-mesh/test-utils";
import { get, load, metricValue } from "../test/client.js";
import { startUpstream } from "../test/harness.js";
import { type ProxyProcess, putRoutes, register, startProxyProcess, upstreamOf } from "./helpers.js";

const invalid: Array<[string, string, RegExp]> = [
  ["sum 150", '{"split":[{"version":"v1","weight":100},{"version":"v2","weight":50}]}', /weights sum to 150/],
  ["negative", '{"split":[{"version":"v1","weight":110},{"version":"v2","weight":-10}]}', /must be 0 or more/],
  ["unknown field", '{"split":[{"version":"v1","weight":100}],"mirror":"v2"}', /unknown field "mirror"/],
  ["not JSON", "v1=100", /^not JSON/],
];

test("invalid routing values are refused and traffic is unaffected", async (t) => {
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
  const good = await putRoutes(agent, "forex-rate", { split: [{ version: "v1", weight: 100 }, { version: "v2", weight: 0 }] });
  const proxy = await startProxyProcess(agent, ["--service", "forex-web", "--app-port", String(app.port), "--upstream", "forex-rate"]);
  sidecar = proxy;
  await waitFor("good table applied", async () => upstreamOf(await proxy.routes(), "forex-rate").revision === good);
  const egress = `${proxy.url("egress")}/x`;

  for (const [i, [name, value, reason]] of invalid.entries()) {
    const revision = await putRoutes(agent, "forex-rate", value);
    const u = await waitFor(`${name} refused`, async () => {
      const view = upstreamOf(await proxy.routes(), "forex-rate");
      return view.lastConfigError?.revision === revision ? view : undefined;
    });
    assert.match(u.lastConfigError!.message, reason, name);
    assert.equal(u.revision, good, `${name}: the table in force changed`);
    const metrics = (await get(`${proxy.url("admin")}/metrics`)).text;
    assert.equal(metricValue(metrics, "proxy_route_config_errors_total", { dst_service: "forex-rate" }), i + 1);
    assert.equal(metricValue(metrics, "proxy_route_revision", { dst_service: "forex-rate" }), good);
    const replies = await load(100, 8, () => get(egress, { host: "forex-rate" }));
    assert.ok(
      replies.every((r) => r.status === 200 && r.headers["x-served-by"] === "v1"),
      `${name}: traffic changed`,
    );
  }
  const stderr = proxy.process.output();
  assert.match(stderr, /routing table refused; the last good table stays in force/);
});
