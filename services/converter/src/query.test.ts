import assert from "node:assert/strict";
import { test } from "node:test";
import fc from "fast-check";
import { isCalendarDate, parseConvertQuery } from "./query.js";

test("a full query parses, currencies upper-cased and the amount exact", () => {
  const result = parseConvertQuery({ from: "usd", to: "JPY", amount: "100.50", date: "2020-01-03" });
  assert.ok(result.ok);
  assert.equal(result.value.from, "USD");
  assert.equal(result.value.to, "JPY");
  assert.equal(result.value.amount.toFixed(), "100.5");
  assert.equal(result.value.date, "2020-01-03");
});

test("an empty date means the latest rates (the web form always sends date=)", () => {
  const result = parseConvertQuery({ from: "EUR", to: "USD", amount: "1", date: "" });
  assert.ok(result.ok);
  assert.equal(result.value.date, undefined);
});

test("each problem names its field", () => {
  const cases: Array<[Record<string, unknown>, string, RegExp]> = [
    [{ from: "USD", to: "JPY" }, "amount", /required/],
    [{ from: "USD", to: "JPY", amount: "-3" }, "amount", /plain decimal/],
    [{ from: "USD", to: "JPY", amount: ["1", "2"] }, "amount", /once/],
    [{ to: "JPY", amount: "1" }, "from", /required/],
    [{ from: "US", to: "JPY", amount: "1" }, "from", /three-letter/],
    [{ from: "XAU", to: "JPY", amount: "1" }, "from", /not an ISO 4217/],
    [{ from: "USD", to: "J1Y", amount: "1" }, "to", /three-letter/],
    [{ from: "USD", to: "JPY", amount: "1", date: "2020-02-30" }, "date", /calendar day/],
    [{ from: "USD", to: "JPY", amount: "1", date: "yesterday" }, "date", /calendar day/],
    [{ from: "USD", to: "JPY", amount: "1", date: { a: "1" } }, "date", /once/],
  ];
  for (const [query, field, message] of cases) {
    const result = parseConvertQuery(query);
    assert.equal(result.ok, false, JSON.stringify(query));
    if (!result.ok) {
      assert.equal(result.field, field, JSON.stringify(query));
      assert.match(result.message, message, JSON.stringify(query));
    }
  }
});

test("calendar dates: leap years and month lengths", () => {
  for (const ok of ["2020-02-29", "2000-02-29", "1999-01-04", "2026-12-31"]) assert.ok(isCalendarDate(ok), ok);
  for (const bad of ["2019-02-29", "1900-02-29", "2020-13-01", "2020-00-10", "2020-1-1", "20200101", "2020-01-01T00:00"]) {
    assert.ok(!isCalendarDate(bad), bad);
  }
});

test("no query, however odd, makes the parser throw", () => {
  const value = fc.oneof(fc.string(), fc.array(fc.string(), { maxLength: 3 }), fc.constant(undefined), fc.dictionary(fc.string(), fc.string()));
  fc.assert(
    fc.property(fc.record({ from: value, to: value, amount: value, date: value }, { requiredKeys: [] }), (query) => {
      const result = parseConvertQuery(query);
      if (!result.ok) assert.ok(["amount", "from", "to", "date"].includes(result.field));
    }),
    { numRuns: 3000 },
  );
});
