import assert from "node:assert/strict";
import { test } from "node:test";
import { createAnswerCache } from "./answer-cache.js";

test("an answer is computed once per table and recomputed when the table is replaced", () => {
  const cache = createAnswerCache<object>();
  const first = {};
  const second = {};
  let computed = 0;
  const compute = () => `body ${++computed}`;
  assert.equal(cache.get(first, "/v1/latest?", compute), "body 1");
  assert.equal(cache.get(first, "/v1/latest?", compute), "body 1");
  assert.equal(cache.get(second, "/v1/latest?", compute), "body 2");
});

test("the cache is bounded and an unknown route is not kept", () => {
  const cache = createAnswerCache<object>(2);
  const table = {};
  let computed = 0;
  for (const key of ["a", "b", "c"]) cache.get(table, key, () => `${key}${++computed}`);
  assert.equal(cache.get(table, "a", () => "a again"), "a again", "the oldest entry was evicted");
  assert.equal(cache.get(table, "c", () => "not used"), "c3");
  let calls = 0;
  const miss = (): undefined => {
    calls++;
    return undefined;
  };
  cache.get(table, "/nope", miss);
  cache.get(table, "/nope", miss);
  assert.equal(calls, 2);
});
