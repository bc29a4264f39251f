import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { Money } from "../money/decimal.js";
import { getJson, startPair } from "./stack.js";

let stack: Awaited<ReturnType<typeof startPair>>;
before(async () => {
  stack = await startPair({ FOREX_VERSION: "conv-test" });
});
after(() => stack?.stop());

test("USD→JPY on a Friday: forex-rate's cross rate, exact product rounded to 0 decimals", async () => {
  const { status, body, headers } = await getJson(`${stack.converter.url}/v1/convert?from=USD&to=JPY&amount=100.50&date=2020-01-03`);
  assert.equal(status, 200, JSON.stringify(body));
  assert.equal(headers.get("x-forex-version"), "conv-test");
  const direct = await getJson(`${stack.rate.url}/v1/2020-01-03?base=USD&symbols=JPY`);
  const rate = String((direct.body.rates as Record<string, number>).JPY);
  assert.deepEqual(body, {
    from: "USD",
    to: "JPY",
    amount: "100.5",
    result: new Money("100.5").times(rate).toDecimalPlaces(0, Money.ROUND_HALF_UP).toFixed(0),
    rate,
    date: "2020-01-03",
  });
  // The cross rate agrees with the ECB's own EUR quotes (JPY per EUR / USD per EUR) to market precision.
  const eur = await getJson(`${stack.rate.url}/v1/2020-01-03?base=EUR&symbols=USD,JPY`);
  const quotes = eur.body.rates as Record<string, number>;
  const cross = new Money(String(quotes.JPY)).div(String(quotes.USD));
  assert.ok(new Money(rate).minus(cross).abs().div(cross).lt("1e-4"), `${rate} vs ${cross}`);
});

test("a Saturday converts at Friday's rate and says so", async () => {
  const { status, body } = await getJson(`${stack.converter.url}/v1/convert?from=USD&to=JPY&amount=1&date=2020-01-04`);
  assert.equal(status, 200);
  assert.equal(body.date, "2020-01-03");
});

test("results carry the target's minor units: EUR→ISK 0, USD→EUR 2, latest date by default", async () => {
  const isk = await getJson(`${stack.converter.url}/v1/convert?from=EUR&to=ISK&amount=12.34`);
  assert.equal(isk.status, 200);
  assert.match(String(isk.body.result), /^\d+$/);
  assert.equal(isk.body.date, "2026-04-13");
  const eur = await getJson(`${stack.converter.url}/v1/convert?from=USD&to=EUR&amount=1000000000000`);
  assert.equal(eur.status, 200);
  assert.match(String(eur.body.result), /^\d+\.\d{2}$/);
  assert.equal(eur.body.result, new Money("1000000000000").times(String(eur.body.rate)).toFixed(2, Money.ROUND_HALF_UP));
});

test("the same currency converts at exactly 1", async () => {
  const { status, body } = await getJson(`${stack.converter.url}/v1/convert?from=CHF&to=chf&amount=0.005`);
  assert.equal(status, 200);
  assert.equal(body.rate, "1");
  assert.equal(body.result, "0.01");
});
