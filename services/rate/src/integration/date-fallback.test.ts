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

test("GET /v1/{date} on a Sunday answers with the Friday and says so in `date`", async () => {
  const answer = await get(app.url, "/v1/2016-01-10?symbols=USD,GBP");
  assert.equal(answer.status, 200);
  assert.deepEqual(answer.json(), { amount: 1, base: "EUR", date: "2016-01-08", rates: { GBP: 0.74519, USD: 1.0861 } });
});

test("GET /v1/{date} on a TARGET holiday (Christmas) answers with the day before", async () => {
  const body = (await get(app.url, "/v1/2025-12-26?base=GBP&symbols=USD")).json() as { date: string };
  assert.equal(body.date, "2025-12-24");
});

test("the first day, 1999-01-04, answers; New Year 1999 has nothing earlier and is a 404", async () => {
  assert.equal((await get(app.url, "/v1/1999-01-04?symbols=USD")).status, 200);
  const answer = await get(app.url, "/v1/1999-01-01?symbols=USD");
  assert.equal(answer.status, 404);
  assert.equal((answer.json() as { field: string }).field, "date");
});
