import assert from "node:assert/strict";
import { test } from "node:test";
import { createReadCache } from "./read-cache";

function deferred<T>() {
  let resolve!: (v: T) => void;
  let reject!: (e: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

test("callers during a read join it: one load for many", async () => {
  const cache = createReadCache(() => 0);
  let loads = 0;
  const d = deferred<number>();
  const load = () => {
    loads += 1;
    return d.promise;
  };
  const all = Promise.all([cache.get("k", 1_000, load), cache.get("k", 1_000, load), cache.get("k", 1_000, load)]);
  d.resolve(7);
  assert.deepEqual(await all, [7, 7, 7]);
  assert.equal(loads, 1);
});

test("an answer serves for ttl after it settled, then the next caller reads again", async () => {
  let now = 0;
  const cache = createReadCache(() => now);
  let loads = 0;
  const load = async () => ++loads;
  assert.equal(await cache.get("k", 1_000, load), 1);
  now = 999;
  assert.equal(await cache.get("k", 1_000, load), 1);
  now = 1_000;
  assert.equal(await cache.get("k", 1_000, load), 2);
});

test("a failed read is not kept: the next caller tries again", async () => {
  const cache = createReadCache(() => 0);
  await assert.rejects(cache.get("k", 1_000, async () => Promise.reject(new Error("down"))), /down/);
  assert.equal(await cache.get("k", 1_000, async () => "up"), "up");
});

test("clear (a write) drops answers and reads in flight: later callers read anew", async () => {
  const cache = createReadCache(() => 0);
  assert.equal(await cache.get("k", 1_000, async () => "old"), "old");
  const inFlight = deferred<string>();
  cache.clear();
  const before = cache.get("j", 1_000, () => inFlight.promise);
  cache.clear();
  inFlight.resolve("stale");
  assert.equal(await before, "stale", "the caller who started it still gets its answer");
  assert.equal(await cache.get("k", 1_000, async () => "new"), "new");
  assert.equal(await cache.get("j", 1_000, async () => "fresh"), "fresh");
});

test("keys are separate", async () => {
  const cache = createReadCache(() => 0);
  assert.equal(await cache.get("a", 1_000, async () => 1), 1);
  assert.equal(await cache.get("b", 1_000, async () => 2), 2);
  assert.equal(cache.size, 2);
});
