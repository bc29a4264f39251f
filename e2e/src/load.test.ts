import assert from "node:assert/strict";
import { test } from "node:test";
import { rateIn, schedule } from "./load.js";

test("schedule spaces rps requests a second evenly over the duration", () => {
  assert.deepEqual(schedule(4, 1000), [0, 250, 500, 750]);
  assert.equal(schedule(20, 40_000).length, 800);
  assert.equal(schedule(20, 40_000).at(-1), 39_950);
  assert.throws(() => schedule(0, 1000), RangeError);
  assert.throws(() => schedule(5, -1), RangeError);
});

test("rateIn counts answers in the half-open window (from, to] per second", () => {
  const done = [100, 200, 1000, 1500, 2000, 2001].map((at) => ({ at, status: 200 }));
  assert.equal(rateIn(done, 0, 2000), 2.5);
  assert.equal(rateIn(done, 1000, 2000), 2);
  assert.equal(rateIn(done, 2001, 3001), 0);
});
