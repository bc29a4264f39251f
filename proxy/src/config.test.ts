import assert from "node:assert/strict";
import { test } from "node:test";
import { loadConfig } from "./config.js";

test("ports come from Nomad's environment when no flag is given", () => {
  const result = loadConfig(["--service", "forex-rate"], {
    NOMAD_PORT_ingress: "21001",
    NOMAD_PORT_egress: "21002",
    NOMAD_PORT_admin: "21003",
    NOMAD_PORT_app: "21004",
    NOMAD_META_version: "v7",
    CONSUL_HTTP_ADDR: "127.0.0.1:8501",
    CONSUL_HTTP_TOKEN: "secret",
  });
  assert.equal(result.ok, true);
  if (result.ok !== true) return;
  const c = result.config;
  assert.deepEqual([c.ingressPort, c.egressPort, c.adminPort, c.appPort], [21001, 21002, 21003, 21004]);
  assert.equal(c.version, "v7");
  assert.equal(c.consulAddr, "127.0.0.1:8501");
  assert.equal(c.consulToken, "secret");
  assert.equal(c.allowOverride, true, "sidecars always honour overrides");
  assert.ok(Object.isFrozen(c));
});

test("a flag wins over the environment, and empty variables count as unset", () => {
  const result = loadConfig(
    ["--service", "forex-rate", "--ingress-port", "1", "--egress-port", "2", "--upstream", "a,b", "--upstream", "c"],
    { NOMAD_PORT_ingress: "9", NOMAD_PORT_app: "3", CONSUL_HTTP_ADDR: "" },
  );
  assert.equal(result.ok, true);
  if (result.ok !== true) return;
  assert.equal(result.config.ingressPort, 1);
  assert.deepEqual(result.config.upstreams, ["a", "b", "c"]);
  assert.equal(result.config.consulAddr, "http://127.0.0.1:8500");
});

test("every problem is reported at once", () => {
  const result = loadConfig(["--service", "Bad Name", "--log-level", "loud"], {});
  assert.equal(result.ok, false);
  if (result.ok !== false) return;
  for (const field of ["service", "ingressPort", "egressPort", "appPort", "logLevel"]) {
    assert.match(result.message, new RegExp(`^${field}: `, "m"));
  }
});

test("edge mode needs a public port and exactly one upstream; overrides are off unless asked", () => {
  const bad = loadConfig(["--mode", "edge"], {});
  assert.equal(bad.ok, false);
  const good = loadConfig(["--mode", "edge", "--public-port", "8080", "--upstream", "forex-web"], {});
  assert.equal(good.ok, true);
  if (good.ok === true) {
    assert.equal(good.config.service, "forex-edge");
    assert.equal(good.config.allowOverride, false);
  }
  const allowed = loadConfig(["--mode", "edge", "--public-port", "8080", "--upstream", "forex-web", "--allow-override"], {});
  assert.equal(allowed.ok === true && allowed.config.allowOverride, true);
});

test("unknown flags are refused and --help is recognised", () => {
  const unknown = loadConfig(["--servic", "x"], {});
  assert.equal(unknown.ok, false);
  assert.deepEqual(loadConfig(["--help"], {}), { ok: "help" });
});

test("the access log is off by default, on with --access-log or FOREX_PROXY_ACCESS_LOG; alloc from NOMAD_ALLOC_ID", () => {
  const base = ["--service", "forex-rate", "--ingress-port", "1", "--egress-port", "2", "--app-port", "3"];
  const on = (argv: string[], env: Record<string, string>): boolean | undefined => {
    const r = loadConfig([...base, ...argv], env);
    return r.ok === true ? r.config.accessLog : undefined;
  };
  assert.equal(on([], {}), false);
  assert.equal(on(["--access-log"], {}), true);
  assert.equal(on([], { FOREX_PROXY_ACCESS_LOG: "1" }), true);
  assert.equal(on([], { FOREX_PROXY_ACCESS_LOG: "true" }), true);
  assert.equal(on([], { FOREX_PROXY_ACCESS_LOG: "0" }), false);
  const r = loadConfig(base, { NOMAD_ALLOC_ID: "8d3f-alloc" });
  assert.equal(r.ok === true && r.config.alloc, "8d3f-alloc");
});
