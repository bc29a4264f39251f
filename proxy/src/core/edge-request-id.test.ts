// The edge gives a request without a usable x-request-id a fresh one (16 hex characters, as the
// services mint them), sends it on and logs it; a usable one passes unchanged; a sidecar's egress
// mints nothing (the service behind it already did).
import assert from "node:assert/strict";
import { test } from "node:test";
import { get } from "../test/client.js";
import { instance, sidecarArgs, startProxy, startUpstream } from "../test/harness.js";
import { MemoryDiscovery } from "../test/memory-discovery.js";

test("the edge mints x-request-id when the client sent none (or an unusable one)", async (t) => {
  const discovery = new MemoryDiscovery();
  const web = await startUpstream("v1");
  discovery.setInstances("forex-web", [instance(web, "v1")]);
  const lines: string[] = [];
  const args = ["--mode", "edge", "--public-port", "0", "--public-bind", "127.0.0.1", "--upstream", "forex-web", "--access-log"];
  const edge = await startProxy(args, discovery, (l) => lines.push(l));
  t.after(async () => {
    await edge.close();
    await web.close();
  });
  const url = `${edge.url("public")}/`;

  await get(url);
  await get(url);
  const minted = web.seen.map((h) => h["x-request-id"]);
  assert.equal(minted.length, 2);
  for (const id of minted) assert.match(String(id), /^[0-9a-f]{16}$/);
  assert.notEqual(minted[0], minted[1], "two requests got the same id");
  assert.equal(JSON.parse(lines[0]!).request_id, minted[0], "the access log names another id");

  await get(url, { "x-request-id": "client-req.42" });
  assert.equal(web.seen.at(-1)!["x-request-id"], "client-req.42");

  await get(url, { "x-request-id": "not ok; <script>" });
  assert.match(String(web.seen.at(-1)!["x-request-id"]), /^[0-9a-f]{16}$/, "an unusable id was passed on");
});

test("a sidecar's egress does not mint one", async (t) => {
  const discovery = new MemoryDiscovery();
  const rate = await startUpstream("v1");
  const app = await startUpstream("app");
  discovery.setInstances("forex-rate", [instance(rate, "v1")]);
  const sidecar = await startProxy(sidecarArgs("forex-web", app.port, ["forex-rate"]), discovery);
  t.after(async () => {
    await sidecar.close();
    await Promise.all([rate.close(), app.close()]);
  });
  await get(`${sidecar.url("egress")}/x`, { host: "forex-rate" });
  assert.equal(rate.seen.at(-1)!["x-request-id"], undefined);
});
