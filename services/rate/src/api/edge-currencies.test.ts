/**
 * The currencies whose quotes start, stop or pause inside the history (see the shared ECB README):
 * a day outside a currency's quotes is a 404 naming the field, never a 500 and never a made-up rate.
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import { snapshotTable } from "../testing/ecb-files.js";
import type { RatesQuery } from "./params.js";
import { quoteDay, quotePair, quoteSeries } from "./quotes.js";

const table = snapshotTable();
const q = (query: Partial<RatesQuery>): RatesQuery => ({ base: "EUR", symbols: undefined, amount: "1", ...query });

function notQuoted(result: { ok: boolean; error?: { status: number; code: string; field?: string } }, field: string): void {
  assert.equal(result.ok, false);
  assert.deepEqual([result.error!.status, result.error!.code, result.error!.field], [404, "RATE_NOT_QUOTED", field]);
}

test("ISK: quoted up to 2008-12-09, absent until 2018-01-31, back from 2018-02-01", () => {
  assert.equal(quoteDay(table, "2008-12-09", q({ symbols: ["ISK"] })).ok, true);
  notQuoted(quoteDay(table, "2008-12-10", q({ symbols: ["ISK"] })), "symbols");
  notQuoted(quoteDay(table, "2018-01-31", q({ base: "ISK" })), "base");
  assert.equal(quoteDay(table, "2018-02-01", q({ base: "ISK", symbols: ["USD"] })).ok, true);
  const all = JSON.parse((quoteDay(table, "2012-06-01", q({})) as { value: string }).value) as { rates: object };
  assert.equal("ISK" in all.rates, false);
});

test("ISK: a series across the gap leaves the gap's days out", () => {
  const result = quoteSeries(table, "2008-12-08", "2008-12-12", q({ symbols: ["ISK"] }));
  assert.equal(result.ok, true);
  const body = JSON.parse((result as { value: string }).value) as { end_date: string; rates: object };
  assert.deepEqual(Object.keys(body.rates), ["2008-12-08", "2008-12-09"]);
  assert.equal(body.end_date, "2008-12-09");
  notQuoted(quoteSeries(table, "2010-01-01", "2010-12-31", q({ symbols: ["ISK"] })), "symbols");
});

test("BGN: last quoted 2025-12-31, absent from 2026", () => {
  assert.equal(quotePair(table, "2025-12-31", "EUR", "BGN").ok, true);
  assert.deepEqual(quotePair(table, "2025-12-31", "EUR", "BGN"), { ok: true, value: "1.9558" });
  notQuoted(quotePair(table, "2026-01-02", "EUR", "BGN"), "to");
  notQuoted(quoteDay(table, "latest", q({ symbols: ["BGN"] })), "symbols");
});

test("RUB: suspended after 2022-03-01", () => {
  assert.equal(quoteDay(table, "2022-03-01", q({ symbols: ["RUB"] })).ok, true);
  notQuoted(quoteDay(table, "2022-03-02", q({ symbols: ["RUB"] })), "symbols");
  notQuoted(quoteDay(table, "2023-01-02", q({ base: "RUB", symbols: ["USD"] })), "base");
  notQuoted(quotePair(table, "2005-03-31", "RUB", "USD"), "from");
});

test("TRL/ROL: replaced by TRY (2005-01-03) and RON (2005-07-01)", () => {
  assert.equal(quoteDay(table, "2004-12-31", q({ symbols: ["TRL"] })).ok, true);
  notQuoted(quoteDay(table, "2005-01-03", q({ symbols: ["TRL"] })), "symbols");
  notQuoted(quoteDay(table, "2004-12-31", q({ symbols: ["TRY"] })), "symbols");
  assert.equal(quoteDay(table, "2005-06-30", q({ base: "ROL", symbols: ["USD"] })).ok, true);
  notQuoted(quoteDay(table, "2005-07-01", q({ base: "ROL" })), "base");
  notQuoted(quoteDay(table, "2005-06-30", q({ symbols: ["RON"] })), "symbols");
  assert.equal(quoteDay(table, "2005-07-01", q({ symbols: ["RON"] })).ok, true);
});

test("ISK as the base of a series inside its gap blames the base, not the symbols", () => {
  notQuoted(quoteSeries(table, "2012-01-02", "2012-03-30", q({ base: "ISK", symbols: ["USD"] })), "base");
  notQuoted(quoteSeries(table, "2012-01-02", "2012-03-30", q({ base: "USD", symbols: ["ISK"] })), "symbols");
});
