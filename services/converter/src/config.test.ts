import assert from "node:assert/strict";
import { test } from "node:test";
import { ConfigError } from "@forex-mesh/service-kit";
import { loadConverterConfig } from "./config.js";

test("defaults: port 8082, forex-rate on 8081, no Host override, 2 s deadline", () => {
  const config = loadConverterConfig({});
  assert.equal(config.PORT, 8082);
  assert.equal(config.FOREX_RATE_URL, "http://127.0.0.1:8081");
  assert.equal(config.FOREX_RATE_HOST, undefined);
  assert.equal(config.FOREX_RATE_TIMEOUT_MS, 2000);
  assert.ok(Object.isFrozen(config));
});

test("the egress sidecar setup: its address plus Host: forex-rate; empty strings count as unset", () => {
  const config = loadConverterConfig({ FOREX_RATE_URL: "http://127.0.0.1:19001", FOREX_RATE_HOST: "forex-rate", PORT: "" });
  assert.equal(config.FOREX_RATE_URL, "http://127.0.0.1:19001");
  assert.equal(config.FOREX_RATE_HOST, "forex-rate");
  assert.equal(config.PORT, 8082);
});

test("every invalid variable is reported at once", () => {
  assert.throws(
    () => loadConverterConfig({ FOREX_RATE_URL: "ftp://x", FOREX_RATE_TIMEOUT_MS: "soon", PORT: "70000" }),
    (error: unknown) => error instanceof ConfigError && error.issues.length === 3,
  );
});
