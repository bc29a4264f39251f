import assert from "node:assert/strict";
import { test } from "node:test";
import { loadPublicConfig, loadServerConfig } from "./config";

const random = (n: number) => "r".repeat(n * 2);

test("defaults: local agent addresses, a generated password and secret", () => {
  const c = loadServerConfig({}, random);
  assert.equal(c.nomad.address, "http://127.0.0.1:4646");
  assert.equal(c.consul.address, "http://127.0.0.1:8500");
  assert.equal(c.prometheus.address, "http://127.0.0.1:9090");
  assert.equal(c.password, "r".repeat(24));
  assert.equal(c.passwordGenerated, true);
  assert.equal(c.sessionSecret.length, 64);
  assert.equal(c.sessionTtlMs, 12 * 3_600_000);
});

test("configured values win; empty strings count as unset; CONSUL_HTTP_ADDR may omit the scheme", () => {
  const c = loadServerConfig({ CONSUL_HTTP_ADDR: "10.0.0.5:8500", NOMAD_ADDR: "https://nomad:4646/", NOMAD_TOKEN: "", FOREX_CONSOLE_PASSWORD: "correct horse", CONSUL_HTTP_TOKEN: "t" }, random);
  assert.equal(c.consul.address, "http://10.0.0.5:8500");
  assert.equal(c.consul.token, "t");
  assert.equal(c.nomad.address, "https://nomad:4646");
  assert.equal(c.nomad.token, undefined);
  assert.equal(c.password, "correct horse");
  assert.equal(c.passwordGenerated, false);
});

test("every invalid variable is reported at once", () => {
  assert.throws(() => loadServerConfig({ FOREX_CONSOLE_PASSWORD: "short", FOREX_CONSOLE_SESSION_SECRET: "tiny", PROMETHEUS_ADDR: "not a url" }, random), (e: Error) => {
    assert.match(e.message, /FOREX_CONSOLE_PASSWORD/);
    assert.match(e.message, /FOREX_CONSOLE_SESSION_SECRET/);
    assert.match(e.message, /PROMETHEUS_ADDR/);
    return true;
  });
});

test("public config is separate and bounded", () => {
  assert.deepEqual(loadPublicConfig({}), { pollMs: 3_000 });
  assert.deepEqual(loadPublicConfig({ NEXT_PUBLIC_FOREX_POLL_MS: "1500" }), { pollMs: 1_500 });
  assert.throws(() => loadPublicConfig({ NEXT_PUBLIC_FOREX_POLL_MS: "10" }));
});
