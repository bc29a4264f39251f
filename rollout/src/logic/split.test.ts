import assert from "node:assert/strict";
import { test } from "node:test";
import type { RouteTable } from "@forex-mesh/routing";
import { canaryWeight, collapsedTable, rolloutTable, sameSplit } from "./split.js";

const table: RouteTable = {
  split: [
    { version: "v1", weight: 80 },
    { version: "v3", weight: 20 },
  ],
  override: { header: "x-forex-version" },
  timeoutMs: 2000,
  retry: { attempts: 1, budgetPercent: 10, minPerSecond: 5 },
};

test("the rollout's split: canary weight, stable the rest, other versions kept at 0; other fields untouched", () => {
  const r = rolloutTable(table, "v1", "v2", 25);
  assert.ok(r.ok);
  assert.deepEqual(r.value, {
    ...table,
    split: [
      { version: "v1", weight: 75 },
      { version: "v3", weight: 0 },
      { version: "v2", weight: 25 },
    ],
  });
});

test("without a table the split names stable and canary", () => {
  const r = rolloutTable(null, "v1", "v2", 10);
  assert.ok(r.ok);
  assert.deepEqual(r.value, {
    split: [
      { version: "v1", weight: 90 },
      { version: "v2", weight: 10 },
    ],
  });
});

test("weight 0 is 100% stable with the canary still named", () => {
  const r = rolloutTable(table, "v1", "v2", 0);
  assert.ok(r.ok);
  assert.equal(canaryWeight(r.value, "v2"), 0);
  assert.equal(r.value.split.find((e) => e.version === "v1")?.weight, 100);
});

test("after promotion the table names only the canary", () => {
  const r = collapsedTable(table, "v2");
  assert.ok(r.ok);
  assert.deepEqual(r.value.split, [{ version: "v2", weight: 100 }]);
  assert.equal(r.value.timeoutMs, 2000);
});

test("sameSplit ignores order and sees any difference", () => {
  const a = [
    { version: "v1", weight: 90 },
    { version: "v2", weight: 10 },
  ];
  assert.equal(sameSplit(a, [...a].reverse()), true);
  assert.equal(sameSplit(a, [{ version: "v1", weight: 90 }, { version: "v2", weight: 11 }]), false);
  assert.equal(sameSplit(a, [{ version: "v1", weight: 100 }]), false);
  assert.equal(canaryWeight(null, "v2"), 0);
});
