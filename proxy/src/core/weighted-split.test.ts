// A 90/10 split over 10,000 requests lands within ±1.5 points; 0/100 sends nothing to the 0.
// Upstreams are real node:http servers; discovery is the in-memory double.
import assert from "node:assert/strict";
import { test } from "node:test";
import { get, load } from "../test/client.js";
import { instance, sidecarArgs, startProxy, startUpstream } from "../test/harness.js";
import { MemoryDiscovery } from "../test/memory-discovery.js";

test("weights split traffic by version, and a 0 weight gets nothing", async (t) => {
  const discovery = new MemoryDiscovery();
  const v1 = await startUpstream("v1");
  const v2 = await startUpstream("v2");
  const app = await startUpstream("app");
  discovery.setInstances("forex-rate", [instance(v1, "v1"), instance(v2, "v2")]);
  discovery.setKey("forex-mesh/routes/forex-rate", JSON.stringify({ split: [{ version: "v1", weight: 90 }, { version: "v2", weight: 10 }] }));
  const proxy = await startProxy(sidecarArgs("forex-web", app.port, ["forex-rate"]), discovery);
  t.after(async () => {
    await proxy.close();
    await Promise.all([v1.close(), v2.close(), app.close()]);
  });

  const egress = `${proxy.url("egress")}/latest`;
  const replies = await load(10_000, 32, () => get(egress, { host: "forex-rate" }));
  assert.ok(replies.every((r) => r.status === 200));
  const share = (replies.filter((r) => r.headers["x-served-by"] === "v2").length / replies.length) * 100;
  assert.ok(Math.abs(share - 10) <= 1.5, `v2 got ${share.toFixed(2)}% instead of 10 ± 1.5`);

  discovery.setKey("forex-mesh/routes/forex-rate", JSON.stringify({ split: [{ version: "v1", weight: 0 }, { version: "v2", weight: 100 }] }));
  const before = v1.seen.length;
  const after = await load(2_000, 32, () => get(egress, { host: "forex-rate" }));
  assert.ok(after.every((r) => r.status === 200 && r.headers["x-served-by"] === "v2"));
  assert.equal(v1.seen.length, before, "the version weighted 0 received requests");
});
