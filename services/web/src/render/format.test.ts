import assert from "node:assert/strict";
import { test } from "node:test";
import fc from "fast-check";
import { daysBefore, formatDay, groupDigits } from "./format.js";

test("digits are grouped in threes without touching them", () => {
  assert.equal(groupDigits("15991.56"), "15,991.56");
  assert.equal(groupDigits("1599"), "1,599");
  assert.equal(groupDigits("999"), "999");
  assert.equal(groupDigits("20082050000000000.00"), "20,082,050,000,000,000.00");
  assert.equal(groupDigits("0.000123"), "0.000123");
  fc.assert(
    fc.property(fc.bigInt({ min: 0n, max: 10n ** 30n }), fc.nat(6), (n, decimals) => {
      const text = decimals === 0 ? n.toString() : `${n}.${"7".repeat(decimals)}`;
      assert.equal(groupDigits(text).replaceAll(",", ""), text);
    }),
  );
});

test("days read like a person writes them", () => {
  assert.equal(formatDay("2026-04-13"), "Mon 13 Apr 2026");
  assert.equal(formatDay("2020-01-03"), "Fri 3 Jan 2020");
  assert.equal(formatDay("nope"), "nope");
});

test("calendar arithmetic crosses months, years and leap days", () => {
  assert.equal(daysBefore("2026-04-13", 140), "2025-11-24");
  assert.equal(daysBefore("2020-03-01", 1), "2020-02-29");
  assert.equal(daysBefore("1999-01-04", 4), "1998-12-31");
});
