import assert from "node:assert/strict";
import { test } from "node:test";
import { parseRenderEnv } from "./env.js";
import { ObservabilityErrorCode } from "./errors.js";

test("defaults: the dev agent's Consul on 127.0.0.1:8500 and the bridge on :9095", () => {
  assert.deepEqual(parseRenderEnv({}), {
    consul: { server: "127.0.0.1:8500", scheme: "http" },
    sdUrl: "http://127.0.0.1:9095/v1/targets",
    agentMetrics: false,
  });
});

test("CONSUL_HTTP_ADDR takes host:port or a URL; CONSUL_HTTP_SSL picks https for host:port", () => {
  assert.deepEqual(parseRenderEnv({ CONSUL_HTTP_ADDR: "https://consul.service:8501" }).consul, { server: "consul.service:8501", scheme: "https" });
  assert.deepEqual(parseRenderEnv({ CONSUL_HTTP_ADDR: "10.0.0.5:8500", CONSUL_HTTP_SSL: "true", CONSUL_HTTP_TOKEN: "s3cr3t" }).consul, {
    server: "10.0.0.5:8500",
    scheme: "https",
    token: "s3cr3t",
  });
  assert.equal(parseRenderEnv({ FOREX_PROMETHEUS_AGENT_METRICS: "1" }).agentMetrics, true);
});

test("a malformed address or flag is refused with a stable code naming the variable", () => {
  for (const env of [{ CONSUL_HTTP_ADDR: "consul" }, { CONSUL_HTTP_ADDR: "127.0.0.1:99999" }, { CONSUL_HTTP_ADDR: "ftp://x:1" }]) {
    assert.throws(() => parseRenderEnv(env), (e: Error & { code?: string }) => e.code === ObservabilityErrorCode.InvalidConfig && /CONSUL_HTTP_ADDR/.test(e.message));
  }
  assert.throws(() => parseRenderEnv({ CONSUL_HTTP_SSL: "yes" }), /CONSUL_HTTP_SSL/);
  assert.throws(() => parseRenderEnv({ FOREX_PROMETHEUS_SD_URL: "not a url" }), /FOREX_PROMETHEUS_SD_URL/);
});
