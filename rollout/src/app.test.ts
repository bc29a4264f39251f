import assert from "node:assert/strict";
import type { AddressInfo } from "node:net";
import { test } from "node:test";
import { createApp } from "./app.js";
import type { ControllerHealth } from "./controller.js";

async function serve(t: import("node:test").TestContext, health: ControllerHealth): Promise<string> {
  const server = createApp({ health: () => health });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  t.after(() => server.close());
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

const healthy: ControllerHealth = {
  watching: true,
  lastWatchAt: "2026-11-25T02:00:00.000Z",
  lastError: null,
  rollouts: [{ service: "forex-rate", id: "r-abcd", phase: "stepping", step: 1, weight: 25, message: "step 2/4" }],
};

test("GET /healthz answers 200 JSON with every rollout's phase while the keys are watched", async (t) => {
  const url = await serve(t, healthy);
  const res = await fetch(`${url}/healthz`);
  assert.equal(res.status, 200);
  assert.match(res.headers.get("content-type") ?? "", /application\/json/);
  assert.deepEqual(await res.json(), { status: "ok", ...healthy });
});

test("503 when Consul cannot be watched, with the last error", async (t) => {
  const lastError = { service: null, code: "rollout_consul_failed", message: "Consul unreachable", at: "2026-11-25T02:00:00.000Z" };
  const url = await serve(t, { ...healthy, watching: false, lastError });
  const res = await fetch(`${url}/healthz`);
  assert.equal(res.status, 503);
  const body = (await res.json()) as { status: string; lastError: unknown };
  assert.equal(body.status, "not watching");
  assert.deepEqual(body.lastError, lastError);
});

test("any other path is a JSON 404, any other method a JSON 405", async (t) => {
  const url = await serve(t, healthy);
  const missing = await fetch(`${url}/metrics`);
  assert.equal(missing.status, 404);
  assert.deepEqual(await missing.json(), { error: { code: "rollout_not_found", message: "no route /metrics; the controller serves GET /healthz only" } });
  const post = await fetch(`${url}/healthz`, { method: "POST", body: "{}" });
  assert.equal(post.status, 405);
  assert.equal(post.headers.get("allow"), "GET, HEAD");
  assert.equal(((await post.json()) as { error: { code: string } }).error.code, "rollout_method_not_allowed");
});
