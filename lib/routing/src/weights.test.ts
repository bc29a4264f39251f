import assert from "node:assert/strict";
import { test } from "node:test";
import { effectiveSplit, rebalanceWeights, roundTo100 } from "./weights.js";

const split = [
  { version: "v1", weight: 60 },
  { version: "v2", weight: 30 },
  { version: "v3", weight: 10 },
];

test("with every version available the split is unchanged", () => {
  assert.deepEqual(effectiveSplit(split, () => true), split);
});

test("an unavailable version's share goes to the others in proportion", () => {
  assert.deepEqual(
    effectiveSplit(split, (v) => v !== "v1"),
    [
      { version: "v2", weight: 75 },
      { version: "v3", weight: 25 },
    ],
  );
});

test("when only zero-weight versions are available they share evenly", () => {
  const table = [
    { version: "v1", weight: 0 },
    { version: "v2", weight: 100 },
    { version: "v3", weight: 0 },
  ];
  assert.deepEqual(
    effectiveSplit(table, (v) => v !== "v2"),
    [
      { version: "v1", weight: 50 },
      { version: "v3", weight: 50 },
    ],
  );
});

test("nothing available gives an empty split", () => {
  assert.deepEqual(effectiveSplit(split, () => false), []);
});

test("rebalancing keeps the other versions' proportions and the total at 100", () => {
  assert.deepEqual(rebalanceWeights(split, "v3", 55), [
    { version: "v1", weight: 30 },
    { version: "v2", weight: 15 },
    { version: "v3", weight: 55 },
  ]);
});

test("rebalancing a new version adds it, and zero-weight others share the rest evenly", () => {
  assert.deepEqual(rebalanceWeights([{ version: "v1", weight: 100 }], "v2", 10), [
    { version: "v1", weight: 90 },
    { version: "v2", weight: 10 },
  ]);
  const zeros = [
    { version: "a", weight: 0 },
    { version: "b", weight: 0 },
    { version: "c", weight: 100 },
  ];
  assert.deepEqual(
    rebalanceWeights(zeros, "c", 33).map((e) => e.weight),
    [34, 33, 33],
  );
});

test("rebalancing clamps the target into 0..100", () => {
  assert.deepEqual(
    rebalanceWeights(split, "v1", 140).map((e) => e.weight),
    [100, 0, 0],
  );
});

test("largest-remainder rounding always totals 100", () => {
  assert.deepEqual(roundTo100([100 / 3, 100 / 3, 100 / 3]), [34, 33, 33]);
  assert.deepEqual(roundTo100([12.5, 12.5, 75]), [13, 12, 75]);
});
