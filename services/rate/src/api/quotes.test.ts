import assert from "node:assert/strict";
import { test } from "node:test";
import { snapshotTable } from "../testing/ecb-files.js";
import type { RatesQuery } from "./params.js";
import { MAX_SERIES_CELLS, quoteDay, quotePair, quoteSeries } from "./quotes.js";

const table = snapshotTable();
const q = (query: Partial<RatesQuery>): RatesQuery => ({ base: "EUR", symbols: undefined, amount: "1", ...query });

function json(result: { ok: boolean; value?: string }): Record<string, unknown> {
  assert.equal(result.ok, true, JSON.stringify(result));
  return JSON.parse(result.value!) as Record<string, unknown>;
}

test("latest is the newest day, EUR-based, with every currency quoted that day", () => {
  const body = json(quoteDay(table, "latest", q({})));
  assert.equal(body["date"], "2026-04-13");
  const rates = body["rates"] as Record<string, number>;
  assert.equal(Object.keys(rates).length, 29);
  assert.equal(rates["USD"], 1.1684);
  assert.equal(rates["BGN"], undefined);
});

test("a weekend answers with the Friday, a holiday with the day before it, and `date` says which", () => {
  assert.equal(json(quoteDay(table, "2016-01-09", q({ symbols: ["USD"] })))["date"], "2016-01-08");
  assert.equal(json(quoteDay(table, "2016-01-10", q({ symbols: ["USD"] })))["date"], "2016-01-08");
  assert.equal(json(quoteDay(table, "2025-12-25", q({ symbols: ["USD"] })))["date"], "2025-12-24");
  assert.equal(json(quoteDay(table, "2016-01-01", q({ symbols: ["USD"] })))["date"], "2015-12-31");
  assert.equal(json(quoteDay(table, "1999-01-04", q({ symbols: ["USD"] })))["date"], "1999-01-04");
});

test("before 1999-01-04 and after the newest day is 404 on the date field", () => {
  for (const date of ["1999-01-03", "1970-01-01", "2026-04-14", "9999-12-31"]) {
    const result = quoteDay(table, date, q({}));
    assert.equal(result.ok, false);
    if (!result.ok) assert.deepEqual([result.error.status, result.error.field], [404, "date"]);
  }
});

test("cross rates go through EUR and round to 5 significant digits; EUR works as base and symbol", () => {
  const usd = json(quoteDay(table, "2026-04-13", q({ base: "USD", symbols: ["EUR", "JPY", "IDR"] })));
  assert.deepEqual(usd["rates"], { EUR: 0.85587, IDR: 17188, JPY: 159.83 });
  const amount = json(quoteDay(table, "2026-04-13", q({ base: "USD", symbols: ["JPY"], amount: "100.5" })));
  assert.deepEqual([amount["amount"], amount["rates"]], [100.5, { JPY: 16063 }]);
});

test("the legacy pair route answers a string rate, falling back to the Friday", () => {
  assert.deepEqual(quotePair(table, "2016-01-04", "EUR", "GBP"), { ok: true, value: "0.7381" });
  assert.deepEqual(quotePair(table, "2016-01-09", "USD", "JPY"), quotePair(table, "2016-01-08", "USD", "JPY"));
  assert.deepEqual(quotePair(table, "2016-01-04", "EUR", "EUR"), { ok: true, value: "1" });
});

test("a series lists business days only, rolls its start back to a business day, and names its real ends", () => {
  const body = json(quoteSeries(table, "2016-01-02", "2016-01-10", q({ symbols: ["USD"] })));
  assert.equal(body["start_date"], "2015-12-31");
  assert.equal(body["end_date"], "2016-01-08");
  assert.deepEqual(Object.keys(body["rates"] as object), ["2015-12-31", "2016-01-04", "2016-01-05", "2016-01-06", "2016-01-07", "2016-01-08"]);
});

test("an open-ended series runs to the newest day", () => {
  const body = json(quoteSeries(table, "2026-04-01", undefined, q({ base: "USD", symbols: ["JPY"] })));
  assert.equal(body["end_date"], "2026-04-13");
  assert.equal((body["rates"] as Record<string, Record<string, number>>)["2026-04-13"]!["JPY"], 159.83);
});

test("a series over the cell limit is a 400, one just under it is answered", () => {
  const tooBig = quoteSeries(table, "1999-01-04", undefined, q({}));
  assert.equal(tooBig.ok, false);
  if (!tooBig.ok) assert.deepEqual([tooBig.error.status, tooBig.error.code], [400, "RATE_RANGE_TOO_LARGE"]);
  const days = Math.floor(MAX_SERIES_CELLS / table.currencies.length);
  assert.equal(quoteSeries(table, table.days.at(-days)!, undefined, q({})).ok, true);
  assert.equal(quoteSeries(table, table.days.at(-days - 1)!, undefined, q({})).ok, false);
  assert.equal(quoteSeries(table, "1999-01-04", undefined, q({ base: "USD", symbols: ["JPY"] })).ok, true);
});
