import assert from "node:assert/strict";
import { test } from "node:test";
import { parseConfig } from "./config.js";
import { AgentStartupError } from "./errors.js";

test("defaults: Consul on 127.0.0.1:8500, data in .data/agent under the repo root", () => {
  const config = parseConfig([]);
  assert.equal(config.consulPort, 8500);
  assert.equal(config.nomadPort, 4646);
  assert.equal(config.bind, "127.0.0.1");
  assert.match(config.dataDir, /\/\.data\/agent$/);
  assert.ok(Object.isFrozen(config));
});

test("flags override the defaults; empty values count as unset", () => {
  const config = parseConfig(["--data-dir", "/tmp/x", "--consul-port", "0", "--nomad-port", "", "--datacenter", "dc2"]);
  assert.deepEqual([config.dataDir, config.consulPort, config.nomadPort, config.datacenter], ["/tmp/x", 0, 4646, "dc2"]);
});

test("bad flags are reported together, with the usage", () => {
  assert.throws(
    () => parseConfig(["--consul-port", "99999", "--bind", "localhost"]),
    (e: unknown) =>
      e instanceof AgentStartupError && /--consul-port/.test(e.message) && /--bind/.test(e.message) && /usage:/.test(e.message),
  );
  assert.throws(() => parseConfig(["--frobnicate"]), (e: unknown) => e instanceof AgentStartupError && e.code === "INVALID_FLAGS");
});
