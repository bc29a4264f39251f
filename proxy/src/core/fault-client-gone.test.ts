// A latency fault's wait ends when the client goes away: the app is never called and the request
// is counted as 499, as any request the client abandons.
import assert from "node:assert/strict";
import { test } from "node:test";
import { sleep } from "@forex-mesh/test-utils";
import { request } from "undici";
import { client, get, metricValue } from "../test/client.js";
import { startFaultyIngress } from "../test/harness.js";

test("a client that leaves during the added latency never reaches the app", async (t) => {
  const { proxy, app } = await startFaultyIngress(t, { latencyMs: 400, errorRatio: 1 });

  await assert.rejects(request(`${proxy.url("ingress")}/rate`, { dispatcher: client, signal: AbortSignal.timeout(100) }));
  await sleep(600);
  assert.equal(app.seen.length, 0, "the app was called after the client left");
  const metrics = (await get(`${proxy.url("admin")}/metrics`)).text;
  assert.equal(metricValue(metrics, "proxy_requests_total", { direction: "inbound", code_class: "4xx" }), 1);
  assert.equal(metricValue(metrics, "proxy_requests_total", { direction: "inbound", code_class: "5xx" }), 0, "the fault's 500 went out after the client left");
  assert.equal(metricValue(metrics, "proxy_faults_injected_total", { kind: "error" }), 0);
  assert.equal(metricValue(metrics, "proxy_faults_injected_total", { kind: "latency" }), 1);

  const view = (await get(`${proxy.url("admin")}/faults`)).json<{ active: { latencyMs: number } | null; key: string }>();
  assert.equal(view.key, "forex-mesh/faults/forex-rate");
  assert.equal(view.active?.latencyMs, 400);
});
