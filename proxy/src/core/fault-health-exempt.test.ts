// Health endpoints pass through a faulty sidecar untouched (no added latency, no injected 500),
// as service-kit's own fault knob does, while every other path still gets the fault.
import assert from "node:assert/strict";
import { test } from "node:test";
import { get, metricValue } from "../test/client.js";
import { startFaultyIngress } from "../test/harness.js";

const LATENCY_MS = 1_000;

test("/healthz and /readyz skip fault injection; /rate does not", async (t) => {
  const { proxy, app } = await startFaultyIngress(t, { latencyMs: LATENCY_MS, errorRatio: 1 });

  for (const path of ["/healthz", "/readyz", "/readyz?from=forex-web"]) {
    const started = performance.now();
    const reply = await get(`${proxy.url("ingress")}${path}`);
    const took = performance.now() - started;
    assert.equal(reply.status, 200, `${path}: ${reply.text}`);
    assert.ok(took < LATENCY_MS / 2, `${path} took ${took.toFixed(0)} ms: the latency fault was applied`);
  }
  assert.equal(app.seen.length, 3);

  const started = performance.now();
  const faulty = await get(`${proxy.url("ingress")}/rate`);
  assert.ok(performance.now() - started >= LATENCY_MS - 5, "the latency fault was not applied to /rate");
  assert.equal(faulty.status, 500);
  assert.equal(faulty.json<{ error: { code: string } }>().error.code, "FAULT_INJECTED");
  assert.equal(app.seen.length, 3, "/rate reached the app despite errorRatio 1");
  const metrics = (await get(`${proxy.url("admin")}/metrics`)).text;
  assert.equal(metricValue(metrics, "proxy_faults_injected_total", { kind: "latency" }), 1);
  assert.equal(metricValue(metrics, "proxy_faults_injected_total", { kind: "error" }), 1);
});
