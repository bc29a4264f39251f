// The edge ignores (and strips) the override header and cookie unless started with
// --allow-override, so the public cannot pick versions by default.
import assert from "node:assert/strict";
import { test } from "node:test";
import { get, load } from "../test/client.js";
import { instance, startProxy, startUpstream } from "../test/harness.js";
import { MemoryDiscovery } from "../test/memory-discovery.js";

async function edge(allow: boolean) {
  const discovery = new MemoryDiscovery();
  const v1 = await startUpstream("v1");
  const v2 = await startUpstream("v2");
  discovery.setInstances("forex-web", [instance(v1, "v1"), instance(v2, "v2")]);
  discovery.setKey("forex-mesh/routes/forex-web", JSON.stringify({ split: [{ version: "v1", weight: 100 }, { version: "v2", weight: 0 }] }));
  const args = ["--mode", "edge", "--public-port", "0", "--public-bind", "127.0.0.1", "--upstream", "forex-web"];
  const proxy = await startProxy(allow ? [...args, "--allow-override"] : args, discovery);
  return { proxy, v1, v2, close: async () => Promise.all([proxy.close(), v1.close(), v2.close()]) };
}

test("by default the edge neither honours nor forwards an override", async (t) => {
  const e = await edge(false);
  t.after(e.close);
  const url = `${e.proxy.url("public")}/`;
  await load(50, 5, () => get(url, { "x-forex-version": "v2" }));
  await load(50, 5, () => get(url, { cookie: "forex-version=v2" }));
  assert.equal(e.v2.seen.length, 0);
  assert.ok(e.v1.seen.every((h) => h["x-forex-version"] === undefined), "the override header was forwarded");
});

test("with --allow-override the header and the cookie pin the version and travel on", async (t) => {
  const e = await edge(true);
  t.after(e.close);
  const url = `${e.proxy.url("public")}/`;
  const byHeader = await get(url, { "x-forex-version": "v2" });
  const byCookie = await get(url, { cookie: "theme=dark; forex-version=v2" });
  assert.equal(byHeader.headers["x-served-by"], "v2");
  assert.equal(byCookie.headers["x-served-by"], "v2");
  assert.deepEqual(
    e.v2.seen.map((h) => h["x-forex-version"]),
    ["v2", "v2"],
  );
});
