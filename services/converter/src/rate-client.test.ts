import assert from "node:assert/strict";
import { test } from "node:test";
import { HttpError } from "@forex-mesh/service-kit";
import fc from "fast-check";
import { interpretRateResponse, ratePath } from "./rate-client.js";

const usdJpy = { from: "USD", to: "JPY", date: undefined };

function rejects(fn: () => unknown, status: number, code: string, field?: string): HttpError {
  try {
    fn();
  } catch (error) {
    assert.ok(error instanceof HttpError, String(error));
    assert.equal(error.status, status);
    assert.equal(error.code, code);
    assert.equal(error.field, field);
    return error;
  }
  assert.fail("expected an HttpError");
}

test("paths follow the Frankfurter v1 API", () => {
  assert.equal(ratePath(usdJpy), "/v1/latest?base=USD&symbols=JPY");
  assert.equal(ratePath({ from: "EUR", to: "GBP", date: "2020-01-04" }), "/v1/2020-01-04?base=EUR&symbols=GBP");
  assert.equal(ratePath({ from: "CHF", to: "CHF", date: undefined }), "/v1/latest?base=CHF");
});

test("the rate keeps the digits forex-rate wrote, past what a double holds", () => {
  const text = '{"amount":1,"base":"USD","date":"2026-04-13","rates":{"JPY":159.123456789012345678}}';
  const quote = interpretRateResponse(usdJpy, { status: 200, text });
  assert.equal(quote.rate.toFixed(), "159.123456789012345678");
  assert.equal(quote.date, "2026-04-13");
});

test("the same currency converts at 1 on the day forex-rate names", () => {
  const text = '{"amount":1,"base":"CHF","date":"2026-04-10","rates":{"EUR":1.08}}';
  const quote = interpretRateResponse({ from: "CHF", to: "CHF", date: "2026-04-12" }, { status: 200, text });
  assert.equal(quote.rate.toFixed(), "1");
  assert.equal(quote.date, "2026-04-10");
});

test("forex-rate's 4xx passes through with its message, fields renamed to ours", () => {
  const error = rejects(
    () => interpretRateResponse(usdJpy, { status: 404, text: '{"message":"unknown currency: XYZ","field":"symbols"}' }),
    404,
    "RATE_REJECTED",
    "to",
  );
  assert.equal(error.message, "unknown currency: XYZ");
  rejects(() => interpretRateResponse(usdJpy, { status: 400, text: '{"message":"too early","field":"date"}' }), 400, "RATE_REJECTED", "date");
  rejects(() => interpretRateResponse(usdJpy, { status: 422, text: "<html>" }), 422, "RATE_REJECTED");
});

test("a pair missing from the answer is a 422 on `to`, not a server error", () => {
  const text = '{"amount":1,"base":"USD","date":"2023-01-02","rates":{}}';
  rejects(() => interpretRateResponse({ from: "USD", to: "RUB", date: "2023-01-02" }, { status: 200, text }), 422, "RATE_NOT_QUOTED", "to");
});

test("anything else from forex-rate is a 502 bad response", () => {
  const bad = [
    { status: 500, text: '{"message":"boom"}' },
    { status: 503, text: "" },
    { status: 200, text: "not json" },
    { status: 200, text: '{"rates":{"JPY":1}}' },
    { status: 200, text: '{"date":"2026-04-13","rates":{"JPY":"159.12"}}' },
    { status: 200, text: '{"date":"2026-04-13","rates":{"JPY":-1}}' },
    { status: 200, text: '{"date":"2026-04-13","rates":{"JPY":0}}' },
    { status: 302, text: "{}" },
  ];
  for (const response of bad) rejects(() => interpretRateResponse(usdJpy, response), 502, "UPSTREAM_BAD_RESPONSE");
});

test("whatever forex-rate sends, the answer is a quote or an HttpError, never a crash (no 500)", () => {
  const json = fc.oneof(
    fc.json(),
    fc.record({
      date: fc.oneof(fc.constant("2026-04-13"), fc.string()),
      rates: fc.oneof(fc.dictionary(fc.constantFrom("JPY", "USD", "__proto__", "constructor"), fc.oneof(fc.double(), fc.string(), fc.constant(null))), fc.anything()),
      message: fc.oneof(fc.string(), fc.anything()),
      field: fc.oneof(fc.constantFrom("base", "symbols", "date", "amount", "__proto__"), fc.anything()),
    }).map((body) => JSON.stringify(body) ?? "null"),
    fc.string(),
  );
  fc.assert(
    fc.property(fc.integer({ min: 100, max: 599 }), json, (status, text) => {
      try {
        const quote = interpretRateResponse(usdJpy, { status, text });
        assert.equal(status, 200);
        assert.ok(quote.rate.gt(0));
      } catch (error) {
        assert.ok(error instanceof HttpError, String(error));
        assert.ok(error.status >= 400 && error.status !== 500, `status ${error.status}`);
        assert.ok(error.field === undefined || ["from", "to", "date"].includes(error.field), `field ${String(error.field)}`);
      }
    }),
    { numRuns: 3000 },
  );
});
