// Proof: a latency fault adds its latencyMs to every request through the faulty version's
// sidecar, measured end to end against the same sidecar before the fault; errorRatio 0 fails none.
import assert from "node:assert/strict";
import { test } from "node:test";
import { waitFor } from "@forex-mesh/test-utils";
import { get, metricValue } from "../test/client.js";
import { putFaults, startFaultySidecar } from "./helpers.js";

const LATENCY_MS = 300;

async function medianMs(url: string, n: number): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < n; i++) {
    const started = performance.now();
    const reply = await get(url);
    times.push(performance.now() - started);
    assert.equal(reply.status, 200);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(n / 2)]!;
}

test("a latency fault adds its latency to every request", async (t) => {
  const { agent, proxy } = await startFaultySidecar(t);
  const url = `${proxy.url("ingress")}/rate`;
  const before = await medianMs(url, 15);

  const expiresAt = new Date(Date.now() + 600_000).toISOString();
  const revision = await putFaults(agent, "forex-rate", { faults: [{ version: "v2", latencyMs: LATENCY_MS, errorRatio: 0, expiresAt }] });
  await waitFor("fault table applied", async () => (await proxy.faults()).revision === revision);
  const during = await medianMs(url, 15);
  const added = during - before;
  console.log(`# latency fault ${LATENCY_MS} ms: median ${before.toFixed(1)} ms before, ${during.toFixed(1)} ms during (+${added.toFixed(1)} ms)`);
  assert.ok(added >= LATENCY_MS - 5, `added ${added} ms, expected at least ${LATENCY_MS}`);
  assert.ok(added < LATENCY_MS + 200, `added ${added} ms, far more than ${LATENCY_MS}`);
  const metrics = (await get(`${proxy.url("admin")}/metrics`)).text;
  assert.equal(metricValue(metrics, "proxy_faults_injected_total", { kind: "latency" }), 15);
  assert.equal(metricValue(metrics, "proxy_faults_injected_total", { kind: "error" }), 0);
});
