import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { configFromEnv } from "./config.js";
import { NomadError } from "./errors.js";

describe("configFromEnv", () => {
  it("defaults to the local agent, like the nomad CLI", () => {
    assert.deepEqual(configFromEnv({}), { address: "http://127.0.0.1:4646", token: undefined, namespace: undefined, region: undefined, timeoutMs: 30_000 });
  });

  it("reads NOMAD_ADDR, NOMAD_TOKEN, NOMAD_NAMESPACE and NOMAD_REGION, trimming a trailing slash", () => {
    const c = configFromEnv({ NOMAD_ADDR: "https://nomad.example:4646/", NOMAD_TOKEN: "s3cret", NOMAD_NAMESPACE: "prod", NOMAD_REGION: "eu" });
    assert.equal(c.address, "https://nomad.example:4646");
    assert.equal(c.token, "s3cret");
    assert.equal(c.namespace, "prod");
    assert.equal(c.region, "eu");
    assert.ok(Object.isFrozen(c));
  });

  it("treats blank values as unset", () => {
    const c = configFromEnv({ NOMAD_ADDR: " ", NOMAD_TOKEN: "" });
    assert.equal(c.address, "http://127.0.0.1:4646");
    assert.equal(c.token, undefined);
  });

  it("rejects an address that is not an http(s) URL", () => {
    for (const bad of ["127.0.0.1:4646", "ftp://x", "http://"]) {
      assert.throws(() => configFromEnv({ NOMAD_ADDR: bad }), (e: unknown) => e instanceof NomadError && e.code === "NOMAD_CONFIG" && /NOMAD_ADDR/.test(e.message), bad);
    }
  });
});
