import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { startRateApp } from "../testing/servers.js";
import { closeClient, get } from "./http.js";

let app: Awaited<ReturnType<typeof startRateApp>>;
before(async () => {
  app = await startRateApp();
});
after(async () => {
  closeClient();
  await app.close();
});

test("GET /v1/currencies maps the currently quoted codes and EUR to names, as Frankfurter does", async () => {
  const body = (await get(app.url, "/v1/currencies")).json() as Record<string, string>;
  assert.equal(Object.keys(body).length, 30);
  assert.equal(body["USD"], "United States Dollar");
  assert.equal(body["EUR"], "Euro");
  assert.equal(body["BGN"], undefined);
  assert.deepEqual(Object.keys(body), Object.keys(body).sort());
});

test("GET /v1/currencies?details=true lists all 42 codes with the days they were quoted", async () => {
  const body = (await get(app.url, "/v1/currencies?details=true")).json() as Record<string, { first_date: string; last_date: string; current: boolean }>;
  assert.equal(Object.keys(body).length, 42);
  assert.deepEqual(body["BGN"], { name: "Bulgarian Lev", first_date: "2000-07-19", last_date: "2025-12-31", current: false });
  assert.deepEqual(body["RUB"], { name: "Russian Ruble", first_date: "2005-04-01", last_date: "2022-03-01", current: false });
  assert.equal(body["USD"]!.current, true);
  assert.equal((await get(app.url, "/v1/currencies?details=yes")).status, 400);
});
