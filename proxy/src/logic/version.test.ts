import assert from "node:assert/strict";
import { test } from "node:test";
import { chooseVersion, planFromSplit } from "./version.js";

const plan = planFromSplit([
  { version: "v1", weight: 90 },
  { version: "v2", weight: 10 },
]);
const all = () => true;

test("the random point falls into the cumulative weights", () => {
  assert.deepEqual(chooseVersion(plan, undefined, all, true, 0), { kind: "version", version: "v1", reason: "split" });
  assert.deepEqual(chooseVersion(plan, undefined, all, true, 0.8999), { kind: "version", version: "v1", reason: "split" });
  assert.deepEqual(chooseVersion(plan, undefined, all, true, 0.9), { kind: "version", version: "v2", reason: "split" });
  assert.deepEqual(chooseVersion(plan, undefined, all, true, 0.9999), { kind: "version", version: "v2", reason: "split" });
});

test("a zero weight is never chosen, whatever the random number", () => {
  const zero = planFromSplit([
    { version: "v1", weight: 0 },
    { version: "v2", weight: 100 },
  ]);
  for (const r of [0, 0.001, 0.5, 0.999999]) {
    assert.deepEqual(chooseVersion(zero, undefined, all, true, r), { kind: "version", version: "v2", reason: "split" });
  }
});

test("an override to a healthy version wins over the split", () => {
  assert.deepEqual(chooseVersion(plan, "v2", all, true, 0), { kind: "version", version: "v2", reason: "override" });
});

test("an override to a version without healthy instances is ignored", () => {
  const onlyV1 = (v: string) => v === "v1";
  assert.deepEqual(chooseVersion(plan, "v3", onlyV1, true, 0), { kind: "version", version: "v1", reason: "split" });
});

test("no table means the stable instances serve", () => {
  assert.deepEqual(chooseVersion(null, undefined, all, true, 0.5), { kind: "stable" });
  assert.deepEqual(chooseVersion(null, undefined, all, false, 0.5), { kind: "none" });
});

test("a table naming nothing healthy falls back to stable instances", () => {
  const empty = planFromSplit([]);
  assert.equal(empty.fallback, true);
  assert.deepEqual(chooseVersion(empty, undefined, all, true, 0.5), { kind: "stable" });
});
