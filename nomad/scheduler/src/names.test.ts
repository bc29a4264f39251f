import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { allocIndex, allocName, NameIndex } from "./names.js";
import { alloc } from "./test/fixtures.js";

const named = (...indexes: number[]) => indexes.map((i) => alloc({ Name: allocName("web", "web", i) }));

describe("alloc names", () => {
  it("formats and parses <job>.<group>[<index>]", () => {
    assert.equal(allocName("web", "api", 3), "web.api[3]");
    for (const [name, index] of [
      ["web.api[3]", 3],
      ["a.b.c[12]", 12],
      ["web.api", -1],
      ["web.api[x]", -1],
    ] as const) {
      assert.equal(allocIndex(name), index, name);
    }
  });

  it("next() reuses the lowest free indexes below Count, then overlaps from 0", () => {
    const cases: Array<[number[], number, number, string[]]> = [
      [[], 3, 3, ["web.web[0]", "web.web[1]", "web.web[2]"]],
      [[0, 2], 3, 1, ["web.web[1]"]],
      [[1], 3, 2, ["web.web[0]", "web.web[2]"]],
      [[0, 1], 2, 1, ["web.web[0]"]],
    ];
    for (const [taken, count, n, expected] of cases) {
      assert.deepEqual(new NameIndex("web", "web", count, named(...taken)).next(n), expected, `${taken} count=${count}`);
    }
  });

  it("nextCanaries() prefers the indexes being replaced, skips existing canaries, then goes past Count", () => {
    const index = new NameIndex("web", "web", 3, named(0, 1, 2));
    assert.deepEqual(index.nextCanaries(2, [], named(2, 0)), ["web.web[0]", "web.web[2]"]);
    const again = new NameIndex("web", "web", 2, named(0, 1));
    assert.deepEqual(again.nextCanaries(1, named(0), named(0, 1)), ["web.web[1]"]);
    const many = new NameIndex("web", "web", 2, named(0, 1));
    assert.deepEqual(many.nextCanaries(4, [], named(0, 1)), ["web.web[0]", "web.web[1]", "web.web[2]", "web.web[3]"]);
  });

  it("highest() names the allocs a scale-down removes", () => {
    assert.deepEqual([...new NameIndex("web", "web", 2, named(0, 1, 2, 3)).highest(2)].sort(), ["web.web[2]", "web.web[3]"]);
  });
});
