import assert from "node:assert/strict";
import { test } from "node:test";
import { parseDuration } from "./duration.js";

test("Go duration strings become milliseconds", () => {
  assert.equal(parseDuration("10s"), 10_000);
  assert.equal(parseDuration("1m30s"), 90_000);
  assert.equal(parseDuration("250ms"), 250);
  assert.equal(parseDuration("1.5h"), 5_400_000);
  assert.equal(parseDuration("0"), 0);
  assert.equal(parseDuration(2_000_000_000), 2000, "a bare number is nanoseconds");
});

test("malformed durations are rejected", () => {
  for (const bad of ["", "10", "s", "10x", "1m 30s", null, {}]) assert.equal(parseDuration(bad), undefined, String(bad));
});
