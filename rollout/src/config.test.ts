import assert from "node:assert/strict";
import { test } from "node:test";
import { ConfigError } from "@forex-mesh/service-kit";
import { loadRolloutConfig } from "./config.js";

test("defaults: local Consul, Nomad and Prometheus, a 1 s tick, the repo's 5 s scrape interval", () => {
  const c = loadRolloutConfig({});
  assert.equal(c.CONSUL_HTTP_ADDR, "http://127.0.0.1:8500");
  assert.equal(c.NOMAD_ADDR, "http://127.0.0.1:4646");
  assert.equal(c.PROMETHEUS_ADDR, "http://127.0.0.1:9090");
  assert.equal(c.FOREX_ROLLOUT_TICK_MS, 1000);
  assert.equal(c.FOREX_ROLLOUT_SCRAPE_INTERVAL_SECONDS, 5);
  assert.equal(c.CONSUL_HTTP_TOKEN, undefined);
});

test("addresses lose a trailing slash; blank values count as unset", () => {
  const c = loadRolloutConfig({ PROMETHEUS_ADDR: "http://prom:9090/", NOMAD_TOKEN: "  " });
  assert.equal(c.PROMETHEUS_ADDR, "http://prom:9090");
  assert.equal(c.NOMAD_TOKEN, undefined);
});

test("every bad variable is named at once; a tick over a second is refused", () => {
  assert.throws(
    () => loadRolloutConfig({ CONSUL_HTTP_ADDR: "consul:8500", FOREX_ROLLOUT_TICK_MS: "5000" }),
    (e: unknown) => e instanceof ConfigError && /CONSUL_HTTP_ADDR/.test(e.message) && /FOREX_ROLLOUT_TICK_MS/.test(e.message),
  );
});
