import assert from "node:assert/strict";
import { test } from "node:test";
import { Registry } from "prom-client";
import { METRIC, ProxyMetrics } from "./metrics.js";

test("request series render as a Prometheus counter and histogram", async () => {
  const registry = new Registry();
  const metrics = new ProxyMetrics(registry, "forex-web");
  const series = metrics.series("outbound", "forex-rate", "v2");
  assert.equal(metrics.series("outbound", "forex-rate", "v2"), series, "series are cached");
  series.record(200, 0.0007);
  series.record(204, 0.003);
  series.record(503, 20);
  const text = await registry.metrics();
  const labels = 'direction="outbound",service="forex-web",dst_service="forex-rate",dst_version="v2"';
  assert.match(text, new RegExp(`^${METRIC.requests}\\{${labels},code_class="2xx"\\} 2$`, "m"));
  assert.match(text, new RegExp(`^${METRIC.requests}\\{${labels},code_class="5xx"\\} 1$`, "m"));
  assert.match(text, new RegExp(`^${METRIC.duration}_bucket\\{${labels},code_class="2xx",le="0.001"\\} 1$`, "m"));
  assert.match(text, new RegExp(`^${METRIC.duration}_bucket\\{${labels},code_class="2xx",le="0.005"\\} 2$`, "m"));
  assert.match(text, new RegExp(`^${METRIC.duration}_bucket\\{${labels},code_class="5xx",le="10"\\} 0$`, "m"));
  assert.match(text, new RegExp(`^${METRIC.duration}_bucket\\{${labels},code_class="5xx",le="\\+Inf"\\} 1$`, "m"));
  assert.match(text, new RegExp(`^${METRIC.duration}_count\\{${labels},code_class="2xx"\\} 2$`, "m"));
  assert.match(text, new RegExp(`^${METRIC.duration}_sum\\{${labels},code_class="5xx"\\} 20$`, "m"));
  assert.doesNotMatch(text, /code_class="4xx"/, "empty classes are not exported");
  assert.match(text, /# TYPE proxy_request_duration_seconds histogram/);
});

test("two proxies in one process keep separate registries", async () => {
  const a = new ProxyMetrics(new Registry(), "a");
  const b = new ProxyMetrics(new Registry(), "b");
  a.series("inbound", "a", "v1").record(200, 0.01);
  assert.doesNotMatch(await b.registry.metrics(), /proxy_requests_total\{/);
});
