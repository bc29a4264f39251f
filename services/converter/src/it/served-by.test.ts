// x-forex-served-by over real processes: forex-converter answers its own entry followed by the
// chain forex-rate sent for the rate call it made; an answer refused before any call names only
// the converter.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { type Service, startConverter, startRate } from "./stack.js";

let rate: Service;
let converter: Service;
before(async () => {
  rate = await startRate({ FOREX_VERSION: "v2" });
  converter = await startConverter({ FOREX_RATE_URL: rate.url, FOREX_VERSION: "v1" });
});
after(async () => {
  await Promise.all([converter?.stop(), rate?.stop()]);
});

test("a conversion names the converter, then the forex-rate version that quoted it", async () => {
  const res = await fetch(`${converter.url}/v1/convert?amount=10&from=EUR&to=USD`);
  assert.equal(res.status, 200);
  assert.equal(res.headers.get("x-forex-served-by"), "forex-converter=v1, forex-rate=v2");
});

test("forex-rate's refusal passed through still names both", async () => {
  const res = await fetch(`${converter.url}/v1/convert?amount=10&from=EUR&to=USD&date=1990-01-01`);
  assert.ok(res.status >= 400 && res.status < 500, `status ${res.status}`);
  assert.equal(res.headers.get("x-forex-served-by"), "forex-converter=v1, forex-rate=v2");
});

test("input refused before any rate call names only the converter", async () => {
  const res = await fetch(`${converter.url}/v1/convert?amount=abc&from=EUR&to=USD`);
  assert.equal(res.status, 400);
  assert.equal(res.headers.get("x-forex-served-by"), "forex-converter=v1");
});
