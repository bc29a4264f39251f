import assert from "node:assert/strict";
import { test } from "node:test";
import { metricSum } from "./mesh.js";

const text = `# HELP proxy_route_config_errors_total Routing table values refused as invalid.
# TYPE proxy_route_config_errors_total counter
proxy_route_config_errors_total{service="forex-web",dst_service="forex-rate"} 2
proxy_route_config_errors_total{service="forex-web",dst_service="forex-converter"} 1
proxy_request_duration_seconds_bucket{direction="outbound",dst_service="forex-rate",code_class="5xx",le="2.5"} 7
proxy_request_duration_seconds_count{direction="outbound",dst_service="forex-rate",code_class="5xx"} 9
up 1
`;

test("metricSum adds the samples whose labels match, by exact name", () => {
  assert.equal(metricSum(text, "proxy_route_config_errors_total"), 3);
  assert.equal(metricSum(text, "proxy_route_config_errors_total", { dst_service: "forex-rate" }), 2);
  assert.equal(metricSum(text, "proxy_request_duration_seconds_bucket", { le: "2.5", code_class: "5xx" }), 7);
  assert.equal(metricSum(text, "proxy_request_duration_seconds_count"), 9);
  assert.equal(metricSum(text, "up"), 1);
  assert.equal(metricSum(text, "proxy_retries_total"), 0);
  assert.equal(metricSum(text, "proxy_route_config_errors_total", { dst_service: "forex-web" }), 0);
});
