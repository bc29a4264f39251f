import assert from "node:assert/strict";
import { test } from "node:test";
import { createLogger, HttpError } from "@forex-mesh/service-kit";
import type { Backends, ConvertOutcome, ConvertRequest } from "./backends.js";
import { buildPage, FALLBACK_CURRENCIES, SLOW_MESSAGE, UNAVAILABLE_MESSAGE } from "./page-model.js";

const logger = createLogger({ service: "forex-web", version: "test", level: "silent" });

/** A fake of the two backends (unit test of the page's decisions; the real services are in src/it). */
function fakeBackends(convert: (r: ConvertRequest) => Promise<ConvertOutcome>, overrides: Partial<Backends> = {}) {
  const calls = { convert: [] as ConvertRequest[], series: [] as string[][] };
  const backends: Backends = {
    convert: (request) => {
      calls.convert.push(request);
      return convert(request);
    },
    currencies: async () => [{ code: "USD", name: "United States Dollar" }],
    latestDate: async () => "2026-04-13",
    series: async (from, to, start, end) => {
      calls.series.push([from, to, start, end]);
      return [{ date: end, rate: 1.5 }];
    },
    dependencyChecks: { forexConverter: async () => 200, forexRate: async () => 200 },
    ...overrides,
  };
  return { backends, calls, deps: { backends, version: "v9", logger, currencies: (h: Record<string, string>) => backends.currencies(h) } };
}

const never = async (): Promise<ConvertOutcome> => assert.fail("the converter must not be called");
const converted: ConvertOutcome = {
  ok: true,
  conversion: { from: "USD", to: "JPY", amount: "100.5", result: "15992", rate: "159.12", date: "2026-04-13" },
  servedBy: "v2",
};

test("first visit: the form with defaults and the default pair's chart up to the latest day", async () => {
  const { deps, calls } = fakeBackends(never);
  const { status, model } = await buildPage({}, {}, deps);
  assert.equal(status, 200);
  assert.equal(model.result, undefined);
  assert.deepEqual(calls.series, [["EUR", "USD", "2025-11-24", "2026-04-13"]]);
});

test("a good submission shows the converter's answer and who served it", async () => {
  const { deps, calls } = fakeBackends(async () => converted);
  const { status, model } = await buildPage({ amount: "100.50", from: "usd", to: "jpy", date: "" }, { traceparent: "t" }, deps);
  assert.equal(status, 200);
  assert.deepEqual(calls.convert, [{ amount: "100.50", from: "USD", to: "JPY", date: "" }]);
  assert.equal(model.result?.conversion.result, "15992");
  assert.equal(model.result?.servedBy, "v2");
});

test("a chosen date ends the chart window there; early dates never reach before 1999-01-04", async () => {
  const { deps, calls } = fakeBackends(async () => converted);
  await buildPage({ amount: "1", from: "USD", to: "JPY", date: "1999-03-01" }, {}, deps);
  assert.deepEqual(calls.series, [["USD", "JPY", "1999-01-04", "1999-03-01"]]);
});

test("our own checks fail: 400, message on the field, the converter is not asked", async () => {
  const { deps } = fakeBackends(never);
  const { status, model } = await buildPage({ amount: "lots", from: "USD", to: "JPY" }, {}, deps);
  assert.equal(status, 400);
  assert.match(model.form.errors.amount ?? "", /as a number/);
});

test("the converter refuses a field: its status, its message on that field", async () => {
  const { deps } = fakeBackends(async () => ({ ok: false, status: 400, message: "amount must be at most 1000000000000 (1e12)", field: "amount" }));
  const { status, model } = await buildPage({ amount: "5000000000000", from: "USD", to: "JPY" }, {}, deps);
  assert.equal(status, 400);
  assert.equal(model.form.errors.amount, "Amount must be at most 1000000000000 (1e12).");
  assert.equal(model.notice, undefined);
});

test("a refusal without a field becomes a notice above the form", async () => {
  const { deps } = fakeBackends(async () => ({ ok: false, status: 404, message: "no rates", field: undefined }));
  const { status, model } = await buildPage({ amount: "1", from: "USD", to: "JPY" }, {}, deps);
  assert.equal(status, 404);
  assert.equal(model.notice, "No rates.");
});

test("converter down: 502 with a friendly notice and the form; too slow: its own message", async () => {
  const down = fakeBackends(async () => Promise.reject(new HttpError(502, "UPSTREAM_UNAVAILABLE", "forex-converter is unreachable (ECONNREFUSED)")));
  const first = await buildPage({ amount: "1", from: "USD", to: "JPY" }, {}, down.deps);
  assert.equal(first.status, 502);
  assert.equal(first.model.notice, UNAVAILABLE_MESSAGE);
  assert.equal(first.model.form.values.amount, "1");
  const slow = fakeBackends(async () => Promise.reject(new HttpError(504, "UPSTREAM_TIMEOUT", "slow")));
  assert.equal((await buildPage({ amount: "1", from: "USD", to: "JPY" }, {}, slow.deps)).model.notice, SLOW_MESSAGE);
});

test("forex-rate down: built-in currency list and a chart notice, conversion still shown", async () => {
  const failing = async (): Promise<never> => Promise.reject(new HttpError(502, "UPSTREAM_UNAVAILABLE", "forex-rate is unreachable"));
  const { deps } = fakeBackends(async () => converted, { currencies: failing, latestDate: failing, series: failing });
  const { status, model } = await buildPage({ amount: "100.50", from: "USD", to: "JPY" }, {}, deps);
  assert.equal(status, 200);
  assert.equal(model.currencies, FALLBACK_CURRENCIES);
  assert.deepEqual(model.chart, { from: "USD", to: "JPY", unavailable: "The USD/JPY history is not available right now." });
  assert.equal(model.result?.conversion.result, "15992");
});

test("the same currency on both sides converts but draws no chart", async () => {
  const { deps, calls } = fakeBackends(async () => converted);
  const { model } = await buildPage({ amount: "1", from: "USD", to: "USD" }, {}, deps);
  assert.equal(model.chart, undefined);
  assert.equal(calls.series.length, 0);
});
