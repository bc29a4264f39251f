import assert from "node:assert/strict";
import { test } from "node:test";
import { pickP2C, updateEwma } from "./balancer.js";

const ep = (name: string, outstanding: number, ewmaMs: number) => ({ name, outstanding, ewmaMs });

test("of the two picks, fewer outstanding requests wins", () => {
  const list = [ep("a", 5, 1), ep("b", 1, 9), ep("c", 3, 1)];
  // r1 picks index 0 (a); r2 over the other two slots picks b.
  assert.equal(pickP2C(list, 0, 0).name, "b");
});

test("equal outstanding: the lower EWMA wins", () => {
  const list = [ep("a", 2, 8), ep("b", 2, 3)];
  assert.equal(pickP2C(list, 0, 0).name, "b");
  assert.equal(pickP2C(list, 0.9, 0).name, "b");
});

test("the two picks are always distinct", () => {
  const list = [ep("a", 0, 0), ep("b", 9, 0)];
  // Both random numbers point at slot 0; the second must move to slot 1, so "a" is compared with "b".
  for (const r of [0, 0.5, 0.99]) assert.equal(pickP2C(list, 0, r).name, "a");
  assert.equal(pickP2C(list, 0.99, 0.99).name, "a");
});

test("one candidate is returned as is", () => {
  const only = ep("x", 100, 100);
  assert.equal(pickP2C([only], 0.3, 0.7), only);
});

test("the least loaded endpoint takes the most picks over many draws", () => {
  const list = [ep("busy", 10, 1), ep("idle", 0, 1), ep("mid", 5, 1)];
  const counts = new Map<string, number>();
  for (let i = 0; i < 300; i++) {
    const chosen = pickP2C(list, (i % 30) / 30, Math.floor(i / 30) / 10);
    counts.set(chosen.name, (counts.get(chosen.name) ?? 0) + 1);
  }
  assert.equal(counts.get("busy"), undefined);
  assert.ok((counts.get("idle") ?? 0) > (counts.get("mid") ?? 0));
});

test("EWMA starts at the first sample and moves by alpha", () => {
  assert.equal(updateEwma(0, 10), 10);
  assert.equal(updateEwma(10, 20, 0.5), 15);
});
