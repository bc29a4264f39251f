// Proof: a fault for v2 with errorRatio 1 in Consul KV makes every request to the v2 sidecar's
// ingress a 500 FAULT_INJECTED without reaching the app, counted as 5xx in proxy_requests_total;
// the v1 sidecar of the same service is untouched; deleting the key ends the fault.
import assert from "node:assert/strict";
import { test } from "node:test";
import { startDevAgent, waitFor } from "@forex-mesh/test-utils";
import { get, load, metricValue } from "../test/client.js";
import { startUpstream } from "../test/harness.js";
import { consul, type ProxyProcess, putFaults, startProxyProcess } from "./helpers.js";

test("errorRatio 1 for v2: the v2 sidecar answers 500 FAULT_INJECTED, v1 is untouched", async (t) => {
  const agent = await startDevAgent();
  const app1 = await startUpstream("v1");
  const app2 = await startUpstream("v2");
  const sidecars: ProxyProcess[] = [];
  t.after(async () => {
    await Promise.all(sidecars.map((s) => s.process.stop()));
    await agent.stop();
    await Promise.all([app1.close(), app2.close()]);
  });
  for (const [version, app] of [["v1", app1], ["v2", app2]] as const) {
    sidecars.push(await startProxyProcess(agent, ["--service", "forex-rate", "--version", version, "--app-port", String(app.port)]));
  }
  const [v1, v2] = sidecars as [ProxyProcess, ProxyProcess];
  const expiresAt = new Date(Date.now() + 600_000).toISOString();
  const revision = await putFaults(agent, "forex-rate", { faults: [{ version: "v2", latencyMs: 0, errorRatio: 1, expiresAt }] });
  for (const s of sidecars) await waitFor("fault table applied", async () => (await s.faults()).revision === revision);
  assert.equal((await v2.faults()).active?.version, "v2");
  assert.equal((await v1.faults()).active, null, "v1 sees an active fault");

  const seenBefore = app2.seen.length;
  const faulty = await load(50, 5, () => get(`${v2.url("ingress")}/rate`));
  for (const reply of faulty) {
    assert.equal(reply.status, 500);
    const error = reply.json<{ error: { code: string; message: string } }>().error;
    assert.equal(error.code, "FAULT_INJECTED");
    assert.equal(error.message, `fault injected by forex-mesh/faults/forex-rate (v2, error ratio 1, until ${expiresAt})`);
  }
  assert.equal(app2.seen.length, seenBefore, "the v2 app was called");
  const clean = await load(50, 5, () => get(`${v1.url("ingress")}/rate`));
  assert.ok(clean.every((r) => r.status === 200 && r.headers["x-served-by"] === "v1"), "v1 traffic changed");

  const m2 = (await get(`${v2.url("admin")}/metrics`)).text;
  const inbound5xx = { direction: "inbound", dst_service: "forex-rate", dst_version: "v2", code_class: "5xx" };
  assert.equal(metricValue(m2, "proxy_requests_total", inbound5xx), 50, "injected 500s are not counted as 5xx requests");
  assert.equal(metricValue(m2, "proxy_faults_injected_total", { kind: "error", dst_version: "v2" }), 50);
  assert.equal(metricValue(m2, "proxy_faults_injected_total", { kind: "latency", dst_version: "v2" }), 0);
  const m1 = (await get(`${v1.url("admin")}/metrics`)).text;
  assert.equal(metricValue(m1, "proxy_faults_injected_total", { kind: "error", dst_version: "v1" }), 0);
  assert.match(m1, /^proxy_faults_injected_total\{kind="error",service="forex-rate",dst_service="forex-rate",dst_version="v1"\} 0$/m);

  await consul(agent, "DELETE", "/v1/kv/forex-mesh/faults/forex-rate");
  await waitFor("fault key removal applied", async () => (await v2.faults()).revision === 0);
  const after = await load(50, 5, () => get(`${v2.url("ingress")}/rate`));
  assert.ok(after.every((r) => r.status === 200 && r.headers["x-served-by"] === "v2"), "v2 still faulty after the key was deleted");
});
