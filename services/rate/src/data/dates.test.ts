import assert from "node:assert/strict";
import { test } from "node:test";
import fc from "fast-check";
import { indexOnOrBefore, isIsoDate } from "./dates.js";

test("isIsoDate accepts real calendar dates only", () => {
  for (const good of ["1999-01-04", "2024-02-29", "2026-12-31"]) assert.equal(isIsoDate(good), true, good);
  for (const bad of ["2023-02-29", "2021-13-01", "2021-00-10", "2021-1-5", "20210105", "2021-01-05T00:00", " 2021-01-05", ""]) {
    assert.equal(isIsoDate(bad), false, bad);
  }
});

test("indexOnOrBefore finds the day itself, else the closest earlier one, else -1", () => {
  const days = ["2016-01-04", "2016-01-05", "2016-01-08", "2016-01-11"];
  assert.equal(indexOnOrBefore(days, "2016-01-08"), 2);
  assert.equal(indexOnOrBefore(days, "2016-01-10"), 2);
  assert.equal(indexOnOrBefore(days, "2016-01-03"), -1);
  assert.equal(indexOnOrBefore(days, "2030-01-01"), 3);
});

test("indexOnOrBefore agrees with a linear scan", () => {
  const day = fc.integer({ min: 0, max: 400 }).map((n) => new Date(Date.UTC(2020, 0, 1 + n)).toISOString().slice(0, 10));
  fc.assert(
    fc.property(fc.uniqueArray(day, { maxLength: 50 }), day, (unsorted, probe) => {
      const days = [...unsorted].sort();
      const expected = days.findLastIndex((d) => d <= probe);
      assert.equal(indexOnOrBefore(days, probe), expected);
    }),
  );
});
