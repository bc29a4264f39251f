// Canaries are safe by default: with no routing table only stable instances serve; a canary gets
// traffic once the table names its version, or when a request overrides to it.
import assert from "node:assert/strict";
import { test } from "node:test";
import { get, load } from "../test/client.js";
import { instance, sidecarArgs, startProxy, startUpstream } from "../test/harness.js";
import { MemoryDiscovery } from "../test/memory-discovery.js";

test("a canary-tagged instance gets traffic only when named", async (t) => {
  const discovery = new MemoryDiscovery();
  const stable = await startUpstream("v1");
  const canary = await startUpstream("v2");
  const app = await startUpstream("app");
  discovery.setInstances("forex-rate", [instance(stable, "v1"), instance(canary, "v2", true)]);
  const proxy = await startProxy(sidecarArgs("forex-web", app.port, ["forex-rate"]), discovery);
  t.after(async () => {
    await proxy.close();
    await Promise.all([stable.close(), canary.close(), app.close()]);
  });
  const egress = `${proxy.url("egress")}/x`;

  await load(200, 8, () => get(egress, { host: "forex-rate" }));
  assert.equal(canary.seen.length, 0, "the canary got traffic without being named");

  const pinned = await get(egress, { host: "forex-rate", "x-forex-version": "v2" });
  assert.equal(pinned.headers["x-served-by"], "v2", "an override could not reach the canary");

  discovery.setKey("forex-mesh/routes/forex-rate", JSON.stringify({ split: [{ version: "v1", weight: 50 }, { version: "v2", weight: 50 }] }));
  const replies = await load(400, 8, () => get(egress, { host: "forex-rate" }));
  const toCanary = replies.filter((r) => r.headers["x-served-by"] === "v2").length;
  assert.ok(toCanary > 120 && toCanary < 280, `canary got ${toCanary}/400 at 50%`);
});
