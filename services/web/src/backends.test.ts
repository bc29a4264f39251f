import assert from "node:assert/strict";
import { test } from "node:test";
import { HttpError } from "@forex-mesh/service-kit";
import { interpretConversion, interpretCurrencies, interpretSeries } from "./backends.js";

test("a conversion is taken field by field, as strings", () => {
  const body = { from: "USD", to: "JPY", amount: "1", result: "159", rate: "159.12", date: "2026-04-13", extra: 1 };
  const outcome = interpretConversion(200, body, "v1");
  assert.deepEqual(outcome, { ok: true, conversion: { from: "USD", to: "JPY", amount: "1", result: "159", rate: "159.12", date: "2026-04-13" }, servedBy: "v1" });
});

test("a 4xx from the converter is a refusal the page shows; unknown fields are dropped", () => {
  assert.deepEqual(interpretConversion(400, { message: "bad", field: "amount" }, undefined), { ok: false, status: 400, message: "bad", field: "amount" });
  assert.deepEqual(interpretConversion(404, { message: "x", field: "base" }, undefined), { ok: false, status: 404, message: "x", field: undefined });
});

test("a 5xx or a malformed conversion is a backend failure", () => {
  assert.throws(() => interpretConversion(503, {}, undefined), HttpError);
  assert.throws(() => interpretConversion(200, { result: 1 }, undefined), HttpError);
});

test("currencies accept names as strings or objects, sorted by code", () => {
  assert.deepEqual(interpretCurrencies(200, { USD: "United States Dollar", EUR: { name: "Euro" }, bad: "x" }), [
    { code: "EUR", name: "Euro" },
    { code: "USD", name: "United States Dollar" },
  ]);
});

test("a time series becomes points sorted by day, skipping days without the pair", () => {
  const body = { base: "USD", rates: { "2026-04-13": { JPY: 159.1 }, "2026-04-10": { JPY: 158 }, "2026-04-09": {} } };
  assert.deepEqual(interpretSeries(200, body, "JPY"), [
    { date: "2026-04-10", rate: 158 },
    { date: "2026-04-13", rate: 159.1 },
  ]);
  assert.throws(() => interpretSeries(400, { message: "no" }, "JPY"), HttpError);
});
