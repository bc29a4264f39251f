// Proof: kill -9 of one of two upstream instances during a 20 s GET load through a sidecar:
// at least 99.9% of requests succeed (retries on connect errors and resets, failure accrual, then
// discovery dropping the dead instance once its health check fails).
import assert from "node:assert/strict";
import { test } from "node:test";
import { startDevAgent, waitFor } from "@forex-mesh/test-utils";
import { get, loadFor } from "../test/client.js";
import { startUpstream } from "../test/harness.js";
import { type ProxyProcess, register, startProxyProcess, startUpstreamProcess, upstreamOf } from "./helpers.js";

test("losing an instance to kill -9 under load costs at most 0.1% of requests", async (t) => {
  const agent = await startDevAgent();
  const a = await startUpstreamProcess("v1");
  const b = await startUpstreamProcess("v1");
  const app = await startUpstream("app");
  let sidecar: ProxyProcess | undefined;
  t.after(async () => {
    await sidecar?.process.stop();
    await Promise.all([a.process.stop(), b.process.stop(), app.close()]);
    await agent.stop();
  });
  await register(agent, { id: "rate-a", name: "forex-rate", port: a.port, version: "v1" });
  await register(agent, { id: "rate-b", name: "forex-rate", port: b.port, version: "v1" });
  const proxy = await startProxyProcess(agent, ["--service", "forex-web", "--app-port", String(app.port), "--upstream", "forex-rate"]);
  sidecar = proxy;
  await waitFor("both instances discovered", async () => upstreamOf(await proxy.routes(), "forex-rate").endpoints.length === 2);

  const egress = `${proxy.url("egress")}/latest`;
  const killer = setTimeout(() => void a.process.kill9(), 5_000);
  const replies = await loadFor(20_000, 16, () =>
    get(egress, { host: "forex-rate" }).then(
      (r) => r.status,
      () => 0,
    ),
  );
  clearTimeout(killer);
  const ok = replies.filter((s) => s === 200).length;
  const ratio = ok / replies.length;
  process.stdout.write(`# ${replies.length} requests, ${replies.length - ok} failed (${((1 - ratio) * 100).toFixed(3)}%)\n`);
  assert.ok(replies.length > 5_000, `only ${replies.length} requests in 20 s`);
  assert.ok(ratio >= 0.999, `${replies.length - ok} of ${replies.length} failed`);
  const endpoints = upstreamOf(await proxy.routes(), "forex-rate").endpoints;
  assert.deepEqual(
    endpoints.map((e) => e.id),
    ["rate-b"],
    "discovery still lists the killed instance",
  );
});
