import assert from "node:assert/strict";
import { test } from "node:test";
import { ConsulError } from "../errors.js";
import { DEFAULT_WAIT_MS, MAX_WAIT_MS, parseBlockingParams } from "./blocking.js";

const q = (s: string): URLSearchParams => new URLSearchParams(s);

test("wait defaults to 5m, is capped at 10m, and gets up to wait/16 of jitter", () => {
  assert.equal(parseBlockingParams(q("index=3"), () => 0).waitMs, DEFAULT_WAIT_MS);
  assert.equal(parseBlockingParams(q("index=3&wait=1h"), () => 0).waitMs, MAX_WAIT_MS);
  assert.equal(parseBlockingParams(q("index=3&wait=16s"), () => 0.5).waitMs, 16_500);
  assert.equal(parseBlockingParams(q("index=3&wait=120000ms"), () => 0).minIndex, 3);
});

test("bad index, bad wait and stale+consistent are 400s", () => {
  for (const [query, message] of [
    ["index=abc", "Invalid index"],
    ["index=-1", "Invalid index"],
    ["wait=soon", "Invalid wait time"],
    ["stale&consistent", "Cannot specify ?stale with ?consistent, conflicting semantics."],
  ]) {
    assert.throws(
      () => parseBlockingParams(q(query as string), () => 0),
      (e: unknown) => e instanceof ConsulError && e.status === 400 && e.message === message,
    );
  }
});
