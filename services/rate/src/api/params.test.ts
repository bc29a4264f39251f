import assert from "node:assert/strict";
import { test } from "node:test";
import type { RateError, Result } from "../errors.js";
import { snapshotTable } from "../testing/ecb-files.js";
import { parseAmount, parseDate, parseRatesQuery } from "./params.js";

const table = snapshotTable();

function failure<T>(result: Result<T>): RateError {
  assert.equal(result.ok, false, `expected a failure, got ${JSON.stringify(result)}`);
  return (result as { ok: false; error: RateError }).error;
}

test("defaults: base EUR, every symbol, amount 1", () => {
  assert.deepEqual(parseRatesQuery({}, table), { ok: true, value: { base: "EUR", symbols: undefined, amount: "1" } });
});

test("from/to are aliases of base/symbols; codes are case-insensitive; symbols are sorted and deduplicated", () => {
  const parsed = parseRatesQuery({ from: "usd", to: "jpy,GBP,jpy,eur" }, table);
  assert.deepEqual(parsed, { ok: true, value: { base: "USD", symbols: ["EUR", "GBP", "JPY"], amount: "1" } });
  assert.equal(parseRatesQuery({ base: "USD", from: "usd" }, table).ok, true);
});

test("malformed codes are 400, well-formed unknown codes are 404, each naming the field", () => {
  assert.deepEqual(failure(parseRatesQuery({ base: "US" }, table)).status, 400);
  assert.deepEqual(failure(parseRatesQuery({ symbols: "USD,12X" }, table)).field, "symbols");
  const unknown = failure(parseRatesQuery({ symbols: "USD,XXX" }, table));
  assert.deepEqual([unknown.status, unknown.field], [404, "symbols"]);
  const unknownBase = failure(parseRatesQuery({ from: "ABC" }, table));
  assert.deepEqual([unknownBase.status, unknownBase.field], [404, "base"]);
});

test("duplicated parameters, disagreeing aliases, empty symbols and base-only symbols are 400", () => {
  assert.equal(failure(parseRatesQuery({ base: ["USD", "JPY"] }, table)).field, "base");
  assert.equal(failure(parseRatesQuery({ base: "USD", from: "JPY" }, table)).field, "from");
  assert.equal(failure(parseRatesQuery({ symbols: "" }, table)).field, "symbols");
  assert.equal(failure(parseRatesQuery({ symbols: "USD,," }, table)).field, "symbols");
  assert.equal(failure(parseRatesQuery({ base: "USD", symbols: "usd" }, table)).field, "symbols");
  assert.equal(failure(parseRatesQuery({ amount: ["1", "2"] }, table)).field, "amount");
});

test("amount: positive decimal, at most 15 significant digits and 1e12; normalised", () => {
  assert.deepEqual(parseAmount("0100.50"), { ok: true, value: "100.5" });
  assert.deepEqual(parseAmount("1000000000000"), { ok: true, value: "1000000000000" });
  assert.deepEqual(parseAmount("0.000000000000001"), { ok: true, value: "0.000000000000001" });
  for (const bad of ["0", "0.00", "-1", "1e3", "abc", "1,5", "", " ", "1000000000000.01", "1.23456789012345678", "Infinity", "NaN", "0x10"]) {
    const error = failure(parseAmount(bad));
    assert.deepEqual([error.status, error.field], [400, "amount"], bad);
  }
});

test("dates must be real YYYY-MM-DD calendar dates", () => {
  assert.deepEqual(parseDate("2016-01-04", "date"), { ok: true, value: "2016-01-04" });
  assert.equal(failure(parseDate("2016-02-30", "date")).status, 400);
  assert.equal(failure(parseDate("yesterday", "start_date")).field, "start_date");
});
