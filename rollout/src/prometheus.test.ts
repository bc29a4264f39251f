import assert from "node:assert/strict";
import { test } from "node:test";
import { RolloutError } from "./errors.js";
import { createPrometheusReader, windowQueries } from "./prometheus.js";
import { startPrometheusMock } from "./testing/prometheus-mock.js";

const query = { service: "forex-rate", canary: "v2", stable: "v1", windowSeconds: 64, endMs: Date.parse("2026-11-25T02:01:04.000Z") };

test("the queries read the serving sidecars' inbound counters over the step's window, by version", () => {
  const q = windowQueries({ service: "forex-rate", canary: "v2.1", stable: "v1", windowSeconds: 64 });
  assert.equal(q.requests, 'sum by (dst_version) (increase(proxy_requests_total{direction="inbound",service="forex-rate",dst_version=~"v2\\\\.1|v1"}[64s]))');
  assert.equal(q.successes, 'sum by (dst_version) (increase(proxy_requests_total{direction="inbound",service="forex-rate",dst_version=~"v2\\\\.1|v1",code_class!~"5xx|error"}[64s]))');
  assert.equal(q.p99, 'histogram_quantile(0.99, sum by (dst_version, le) (increase(proxy_request_duration_seconds_bucket{direction="inbound",service="forex-rate",dst_version=~"v2\\\\.1|v1"}[64s])))');
});

test("figures per version from a real HTTP answer, evaluated at the window's end", async (t) => {
  const mock = await startPrometheusMock();
  t.after(() => mock.close());
  mock.figures.set("v2", { requests: 200, successRatio: 0.79, p99Ms: 42 });
  mock.figures.set("v1", { requests: 1800, successRatio: 1, p99Ms: 12 });
  const sample = await createPrometheusReader(mock.url).sample(query);
  assert.equal(sample.windowSeconds, 64);
  assert.equal(sample.canary.requests, 200);
  assert.ok(Math.abs((sample.canary.successRatio ?? 0) - 0.79) < 1e-9);
  assert.ok(Math.abs((sample.canary.p99Ms ?? 0) - 42) < 1e-9);
  assert.deepEqual(sample.stable, { requests: 1800, successRatio: 1, p99Ms: 12 });
  assert.equal(mock.queries.length, 3);
  assert.ok(mock.queries.every((q) => q.time === "1795572064.000"));
});

test("a version with no series has no figures; NaN p99 is no figure", async (t) => {
  const mock = await startPrometheusMock();
  t.after(() => mock.close());
  mock.figures.set("v1", { requests: 10, successRatio: 1, p99Ms: Number.NaN });
  const sample = await createPrometheusReader(mock.url).sample(query);
  assert.deepEqual(sample.canary, { requests: 0, successRatio: null, p99Ms: null });
  assert.deepEqual(sample.stable, { requests: 10, successRatio: 1, p99Ms: null });
});

test("Prometheus down or unreachable is a RolloutError with the metrics code", async (t) => {
  const mock = await startPrometheusMock();
  t.after(() => mock.close());
  mock.down = true;
  await assert.rejects(createPrometheusReader(mock.url).sample(query), (e: unknown) => e instanceof RolloutError && e.code === "rollout_metrics_unavailable" && /503/.test(e.message));
  await assert.rejects(createPrometheusReader("http://127.0.0.1:9").sample(query), (e: unknown) => e instanceof RolloutError && /unreachable/.test(e.message));
});

test("an answer that is not an instant vector is refused", async (t) => {
  const { createServer } = await import("node:http");
  const server = createServer((_req, res) => {
    res.writeHead(200, { "content-type": "application/json" });
    res.end(JSON.stringify({ status: "success", data: { resultType: "matrix", result: [] } }));
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  t.after(() => server.close());
  const { port } = server.address() as { port: number };
  await assert.rejects(createPrometheusReader(`http://127.0.0.1:${port}`).sample(query), /not an instant vector/);
});
