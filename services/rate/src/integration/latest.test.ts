import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { startRateApp } from "../testing/servers.js";
import { closeClient, get } from "./http.js";

let app: Awaited<ReturnType<typeof startRateApp>>;
before(async () => {
  app = await startRateApp({ version: "v7" });
});
after(async () => {
  closeClient();
  await app.close();
});

test("GET /v1/latest?base=USD&symbols=JPY answers Frankfurter's shape with the cross rate", async () => {
  const answer = await get(app.url, "/v1/latest?base=USD&symbols=JPY");
  assert.equal(answer.status, 200);
  assert.deepEqual(answer.json(), { amount: 1, base: "USD", date: "2026-04-13", rates: { JPY: 159.83 } });
  assert.match(String(answer.headers["content-type"]), /^application\/json/);
  assert.equal(answer.headers["x-forex-version"], "v7");
  assert.match(String(answer.headers["x-request-id"]), /^[0-9a-f]{16}$/);
  assert.equal(answer.headers["cache-control"], "public, max-age=900");
});

test("GET /v1/latest without parameters lists every currency quoted on the newest day, EUR-based", async () => {
  const body = (await get(app.url, "/v1/latest")).json() as { base: string; rates: Record<string, number> };
  assert.equal(body.base, "EUR");
  assert.equal(Object.keys(body.rates).length, 29);
  assert.equal(body.rates["IDR"], 20082.05);
  assert.equal(body.rates["EUR"], undefined);
});

test("from/to/amount work like base/symbols, and EUR is a valid symbol", async () => {
  const answer = await get(app.url, "/v1/latest?from=usd&to=eur,jpy&amount=100.50");
  assert.deepEqual(answer.json(), { amount: 100.5, base: "USD", date: "2026-04-13", rates: { EUR: 86.015, JPY: 16063 } });
});
