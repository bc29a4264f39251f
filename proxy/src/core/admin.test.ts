// The admin listener: /healthz always, /readyz only when the app answers its health path,
// /routes with the table in force, JSON 404/405 for anything else.
import assert from "node:assert/strict";
import { test } from "node:test";
import { freePort } from "@forex-mesh/test-utils";
import { get } from "../test/client.js";
import { sidecarArgs, startProxy, startUpstream } from "../test/harness.js";
import { MemoryDiscovery } from "../test/memory-discovery.js";

test("readiness follows the app; bad admin requests get JSON errors", async (t) => {
  const discovery = new MemoryDiscovery();
  let appReady = false;
  const app = await startUpstream("app", (req, res) => {
    res.writeHead(req.url === "/readyz" && appReady ? 200 : 503);
    res.end();
  });
  const proxy = await startProxy(sidecarArgs("forex-rate", app.port, []), discovery);
  t.after(async () => {
    await proxy.close();
    await app.close();
  });
  const admin = proxy.url("admin");

  assert.equal((await get(`${admin}/healthz`)).status, 200);
  const notReady = await get(`${admin}/readyz`);
  assert.equal(notReady.status, 503);
  assert.equal(notReady.json<{ checks: { app: string } }>().checks.app, "app answered 503");
  appReady = true;
  assert.equal((await get(`${admin}/readyz`)).status, 200);

  const missing = await get(`${admin}/nope`);
  assert.equal(missing.status, 404);
  assert.equal(missing.json<{ error: { code: string } }>().error.code, "not_found");
  const post = await get(`${admin}/routes`, {}, "POST", "{}");
  assert.equal(post.status, 405);
  assert.equal(post.json<{ error: { code: string } }>().error.code, "method_not_allowed");
});

test("readyz reports an unreachable app", async (t) => {
  const proxy = await startProxy(sidecarArgs("forex-rate", await freePort(), []), new MemoryDiscovery());
  t.after(() => proxy.close());
  const reply = await get(`${proxy.url("admin")}/readyz`);
  assert.equal(reply.status, 503);
  assert.match(reply.json<{ checks: { app: string } }>().checks.app, /^app unreachable: ECONNREFUSED/);
  const ingress = await get(`${proxy.url("ingress")}/x`);
  assert.equal(ingress.status, 502);
  assert.equal(ingress.json<{ error: { code: string } }>().error.code, "app_unavailable");
});
