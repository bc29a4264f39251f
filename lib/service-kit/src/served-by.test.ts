import assert from "node:assert/strict";
import { test } from "node:test";
import { formatServedBy, parseServedBy, SERVED_BY_MAX_LENGTH } from "./served-by.js";

test("a chain is this service first, then the upstream entries in order", () => {
  assert.equal(formatServedBy("forex-web=v1", ["forex-converter=v1", "forex-rate=v2"]), "forex-web=v1, forex-converter=v1, forex-rate=v2");
  assert.equal(formatServedBy("forex-rate=v2", []), "forex-rate=v2");
});

test("upstream values are split, trimmed, and entries that are not service=version are dropped", () => {
  assert.deepEqual(parseServedBy("forex-converter=v1,  forex-rate=v2"), ["forex-converter=v1", "forex-rate=v2"]);
  assert.deepEqual(parseServedBy(["a=v1", "b=v2"]), ["a=v1", "b=v2"]);
  assert.deepEqual(parseServedBy("Not Valid, x=<script>, ok=v3, =v1"), ["ok=v3"]);
  assert.deepEqual(parseServedBy(undefined), []);
});

test("the header is capped at an entry boundary and says it was cut", () => {
  const many = Array.from({ length: 100 }, (_, i) => `service-${i}=v${i}`);
  const value = formatServedBy("forex-web=v1", many);
  assert.ok(value.length <= SERVED_BY_MAX_LENGTH, `length ${value.length}`);
  assert.ok(value.endsWith(", ..."));
  assert.ok(value.startsWith("forex-web=v1, service-0=v0, service-1=v1"));
  // A cut chain passed on is not cut again into something misleading: the marker is dropped on parse.
  assert.equal(parseServedBy(value).length, value.split(", ").length - 1);
});

test("the cap holds at every length of the last entry that fits", () => {
  for (let n = 1; n <= 60; n++) {
    const entries = Array.from({ length: 200 }, (_, i) => `s${"x".repeat(n % 40)}-${i}=v${n}`);
    const value = formatServedBy("forex-web=v1", entries);
    assert.ok(value.length <= SERVED_BY_MAX_LENGTH, `n=${n}: length ${value.length}`);
  }
});

test("an oversized upstream value is ignored rather than scanned", () => {
  assert.deepEqual(parseServedBy(`a=v1,${"x".repeat(SERVED_BY_MAX_LENGTH * 2)}`), []);
});
