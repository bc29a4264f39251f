import assert from "node:assert/strict";
import { test } from "node:test";
import { parseRouteTable, validateRouteTable } from "./parse.js";

const good = {
  split: [
    { version: "v1", weight: 90 },
    { version: "v2", weight: 10 },
  ],
  override: { header: "x-forex-version", cookie: "forex-version" },
  timeoutMs: 2000,
  retry: { attempts: 2, budgetPercent: 20, minPerSecond: 10 },
};

function refused(text: string): { code: string; message: string } {
  const result = parseRouteTable(text);
  assert.equal(result.ok, false, `expected ${text} to be refused`);
  return result.ok ? { code: "", message: "" } : result.error;
}

test("a complete table parses to the same value", () => {
  const result = parseRouteTable(JSON.stringify(good));
  assert.deepEqual(result, { ok: true, value: good });
});

test("only the split is required", () => {
  const result = parseRouteTable('{"split":[{"version":"v1","weight":100}]}');
  assert.equal(result.ok, true);
});

test("weights summing to 150 are refused with the sum in the message", () => {
  const error = refused('{"split":[{"version":"v1","weight":100},{"version":"v2","weight":50}]}');
  assert.equal(error.code, "route_table_invalid");
  assert.match(error.message, /split: weights sum to 150; they must sum to 100/);
});

test("a negative weight is refused and named by its path", () => {
  const error = refused('{"split":[{"version":"v1","weight":110},{"version":"v2","weight":-10}]}');
  assert.match(error.message, /split\.1\.weight: must be 0 or more/);
});

test("a fractional weight is refused", () => {
  const error = refused('{"split":[{"version":"v1","weight":50.5},{"version":"v2","weight":49.5}]}');
  assert.match(error.message, /split\.0\.weight: must be a whole number/);
});

test("unknown fields are refused, at the top and inside entries", () => {
  assert.match(refused('{"split":[{"version":"v1","weight":100}],"mirror":"v2"}').message, /unknown field "mirror"/);
  assert.match(refused('{"split":[{"version":"v1","weight":100,"sticky":true}]}').message, /split\.0: unknown field "sticky"/);
});

test("text that is not JSON is refused with its own code", () => {
  const error = refused("{split: v1=100}");
  assert.equal(error.code, "route_table_not_json");
  assert.match(error.message, /^not JSON: /);
});

test("a version named twice is refused", () => {
  const error = refused('{"split":[{"version":"v1","weight":50},{"version":"v1","weight":50}]}');
  assert.match(error.message, /version "v1" appears twice/);
});

test("an empty split, a bad header name and a wrong type are each refused", () => {
  assert.match(refused('{"split":[]}').message, /must name at least one version/);
  const badHeader = { split: [{ version: "v1", weight: 100 }], override: { header: "X Version" } };
  assert.match(refused(JSON.stringify(badHeader)).message, /override\.header: must be a lower-case HTTP header name/);
  assert.equal(validateRouteTable("v1=100").ok, false);
  assert.equal(validateRouteTable(null).ok, false);
});
