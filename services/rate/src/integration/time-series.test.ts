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

interface Series {
  amount: number;
  base: string;
  start_date: string;
  end_date: string;
  rates: Record<string, Record<string, number>>;
}

test("GET /v1/{start}..{end} returns one entry per business day with the real first and last day", async () => {
  const answer = await get(app.url, "/v1/2026-04-04..2026-04-12?base=USD&symbols=JPY");
  assert.equal(answer.status, 200);
  const body = answer.json() as Series;
  assert.equal(body.start_date, "2026-04-02");
  assert.equal(body.end_date, "2026-04-10");
  assert.deepEqual(Object.keys(body.rates), ["2026-04-02", "2026-04-07", "2026-04-08", "2026-04-09", "2026-04-10"]);
  assert.equal(typeof body.rates["2026-04-10"]!["JPY"], "number");
});

test("GET /v1/{start}.. without an end runs to the newest day", async () => {
  const body = (await get(app.url, "/v1/2026-04-10..?symbols=USD")).json() as Series;
  assert.deepEqual(body.rates, { "2026-04-10": { USD: 1.1711 }, "2026-04-13": { USD: 1.1684 } });
  assert.equal(body.end_date, "2026-04-13");
});

test("an inverted range is a 400 naming end_date; a too-large one is a 400 with its own code", async () => {
  const inverted = await get(app.url, "/v1/2020-02-01..2020-01-01");
  assert.equal(inverted.status, 400);
  assert.deepEqual(inverted.json(), { message: "end_date 2020-01-01 is before start_date 2020-02-01", code: "RATE_INVALID_RANGE", field: "end_date" });
  const huge = await get(app.url, "/v1/1999-01-04..");
  assert.equal(huge.status, 400);
  assert.equal((huge.json() as { code: string }).code, "RATE_RANGE_TOO_LARGE");
  assert.equal((await get(app.url, "/v1/1999-01-04..?symbols=USD")).status, 200);
});
