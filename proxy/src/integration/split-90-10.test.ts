// Proof: a 90/10 split in Consul KV, measured over 10,000 requests through a sidecar process,
// lands within ±1.5 points; 0/100 then sends nothing to the version weighted 0.
import assert from "node:assert/strict";
import { test } from "node:test";
import { startDevAgent, waitFor } from "@forex-mesh/test-utils";
import { get, load } from "../test/client.js";
import { startUpstream } from "../test/harness.js";
import { type ProxyProcess, putRoutes, register, startProxyProcess, upstreamOf } from "./helpers.js";

test("90/10 over 10,000 requests is within ±1.5 points, and 0/100 sends nothing to the 0", async (t) => {
  const agent = await startDevAgent();
  const v1 = await startUpstream("v1");
  const v2 = await startUpstream("v2");
  const app = await startUpstream("app");
  let proxy: ProxyProcess | undefined;
  t.after(async () => {
    await proxy?.process.stop();
    await agent.stop();
    await Promise.all([v1.close(), v2.close(), app.close()]);
  });
  await register(agent, { id: "rate-v1", name: "forex-rate", port: v1.port, version: "v1" });
  await register(agent, { id: "rate-v2", name: "forex-rate", port: v2.port, version: "v2" });
  const revision = await putRoutes(agent, "forex-rate", { split: [{ version: "v1", weight: 90 }, { version: "v2", weight: 10 }] });
  const sidecar = await startProxyProcess(agent, ["--service", "forex-web", "--app-port", String(app.port), "--upstream", "forex-rate"]);
  proxy = sidecar;
  await waitFor("the split and both instances applied", async () => {
    const u = upstreamOf(await sidecar.routes(), "forex-rate");
    return u.revision === revision && u.endpoints.length === 2;
  });

  const egress = `${sidecar.url("egress")}/latest`;
  const replies = await load(10_000, 32, () => get(egress, { host: "forex-rate" }));
  assert.equal(replies.filter((r) => r.status !== 200).length, 0);
  const share = (replies.filter((r) => r.headers["x-served-by"] === "v2").length / replies.length) * 100;
  assert.ok(Math.abs(share - 10) <= 1.5, `v2 got ${share.toFixed(2)}% instead of 10 ± 1.5`);

  const zero = await putRoutes(agent, "forex-rate", { split: [{ version: "v1", weight: 0 }, { version: "v2", weight: 100 }] });
  await waitFor("0/100 applied", async () => upstreamOf(await sidecar.routes(), "forex-rate").revision === zero);
  const before = v1.seen.length;
  const after = await load(2_000, 32, () => get(egress, { host: "forex-rate" }));
  assert.ok(after.every((r) => r.status === 200 && r.headers["x-served-by"] === "v2"));
  // Health checks of v1 still arrive; only proxied requests would carry the mesh's traceparent.
  const proxied = v1.seen.slice(before).filter((h) => h["x-forwarded-for"] !== undefined);
  assert.equal(proxied.length, 0, "the version weighted 0 received requests");
});
