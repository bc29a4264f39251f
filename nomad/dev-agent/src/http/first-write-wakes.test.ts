// A client that reads a fresh agent gets X-Consul-Index 1 and blocks at index 1; the agent's first
// write must wake it (it did not when the first write was itself index 1: the query slept out its wait).
import assert from "node:assert/strict";
import { test } from "node:test";
import { startApp } from "./test-app.js";

test("a blocking query at a fresh agent's index wakes on the first write", async (t) => {
  const base = await startApp(t, Date.now);

  for (const path of ["/v1/health/service/web", "/v1/kv/forex-mesh/routes/web"]) {
    const first = await fetch(`${base}${path}`);
    await first.text();
    const index = first.headers.get("x-consul-index");
    assert.equal(index, "1", `${path} on an empty store`);
    const started = Date.now();
    const blocked = fetch(`${base}${path}?index=${index}&wait=10s`);
    await new Promise((r) => setTimeout(r, 100));
    const write =
      path.startsWith("/v1/kv/")
        ? await fetch(`${base}${path}`, { method: "PUT", body: "{}" })
        : await fetch(`${base}/v1/agent/service/register`, { method: "PUT", body: JSON.stringify({ Name: "web", Port: 1 }) });
    assert.equal(write.status, 200);
    await write.text();
    const woken = await blocked;
    await woken.text();
    assert.ok(Date.now() - started < 5_000, `${path} woke after ${Date.now() - started} ms, not on the write`);
    assert.ok(Number(woken.headers.get("x-consul-index")) > 1);
  }
});
