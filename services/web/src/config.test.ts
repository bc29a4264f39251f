import assert from "node:assert/strict";
import { test } from "node:test";
import { ConfigError } from "@forex-mesh/service-kit";
import { loadWebConfig } from "./config.js";

test("defaults: port 8083 (8080 is the edge's), converter on 8082, forex-rate on 8081", () => {
  const config = loadWebConfig({});
  assert.equal(config.PORT, 8083);
  assert.equal(config.FOREX_CONVERTER_URL, "http://127.0.0.1:8082");
  assert.equal(config.FOREX_RATE_URL, "http://127.0.0.1:8081");
  assert.equal(config.FOREX_VERSION, "dev");
});

test("both backends can go through one egress sidecar, told apart by Host", () => {
  const config = loadWebConfig({
    FOREX_CONVERTER_URL: "http://127.0.0.1:19002",
    FOREX_CONVERTER_HOST: "forex-converter",
    FOREX_RATE_URL: "http://127.0.0.1:19002",
    FOREX_RATE_HOST: "forex-rate",
    FOREX_VERSION: "v2",
  });
  assert.equal(config.FOREX_CONVERTER_HOST, "forex-converter");
  assert.equal(config.FOREX_RATE_HOST, "forex-rate");
  assert.equal(config.FOREX_VERSION, "v2");
});

test("invalid values are all reported", () => {
  assert.throws(
    () => loadWebConfig({ FOREX_CONVERTER_URL: "not a url", FOREX_CURRENCIES_TTL_MS: "-1" }),
    (error: unknown) => error instanceof ConfigError && error.issues.length === 2,
  );
});
