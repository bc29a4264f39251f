/** Every refusal is JSON `{ message, code, field }` with 404 where Frankfurter says "not found", else 400. */
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

const cases: [path: string, status: number, code: string, field: string][] = [
  ["/v1/latest?base=US", 400, "RATE_INVALID_CURRENCY", "base"],
  ["/v1/latest?base=U$D", 400, "RATE_INVALID_CURRENCY", "base"],
  ["/v1/latest?base=XYZ", 404, "RATE_NOT_FOUND", "base"],
  ["/v1/latest?symbols=USD,XYZ", 404, "RATE_NOT_FOUND", "symbols"],
  ["/v1/latest?symbols=", 400, "RATE_INVALID_CURRENCY", "symbols"],
  ["/v1/latest?base=USD&base=GBP", 400, "RATE_INVALID_PARAMETER", "base"],
  ["/v1/latest?base=USD&from=GBP", 400, "RATE_INVALID_PARAMETER", "from"],
  ["/v1/latest?base=USD&symbols=USD", 400, "RATE_INVALID_PARAMETER", "symbols"],
  ["/v1/latest?amount=0", 400, "RATE_INVALID_AMOUNT", "amount"],
  ["/v1/latest?amount=abc", 400, "RATE_INVALID_AMOUNT", "amount"],
  ["/v1/latest?amount=1e3", 400, "RATE_INVALID_AMOUNT", "amount"],
  ["/v1/latest?amount=10000000000000", 400, "RATE_INVALID_AMOUNT", "amount"],
  ["/v1/2020-02-30", 400, "RATE_INVALID_DATE", "date"],
  ["/v1/20200101", 400, "RATE_INVALID_DATE", "date"],
  ["/v1/1998-12-31", 404, "RATE_NOT_FOUND", "date"],
  ["/v1/2026-04-14", 404, "RATE_NOT_FOUND", "date"],
  ["/v1/2020-01-01..2020-13-01", 400, "RATE_INVALID_DATE", "end_date"],
  ["/v1/1998-01-01..2000-01-01", 404, "RATE_NOT_FOUND", "start_date"],
  ["/v1/2026-01-01..2027-01-01", 404, "RATE_NOT_FOUND", "end_date"],
  ["/v1/2023-01-02?symbols=RUB", 404, "RATE_NOT_QUOTED", "symbols"],
  ["/v1/2012-06-01?base=ISK", 404, "RATE_NOT_QUOTED", "base"],
  ["/v1/latest?symbols=BGN", 404, "RATE_NOT_QUOTED", "symbols"],
  ["/v1/2010-01-04?symbols=TRL", 404, "RATE_NOT_QUOTED", "symbols"],
  ["/v1/%E0%A4%A", 400, "RATE_INVALID_PARAMETER", "path"],
];

for (const [path, status, code, field] of cases) {
  test(`GET ${path} → ${status} ${code} on ${field}`, async () => {
    const answer = await get(app.url, path);
    assert.equal(answer.status, status, answer.text);
    assert.match(String(answer.headers["content-type"]), /^application\/json/);
    const body = answer.json() as { message: unknown; code: unknown; field: unknown };
    assert.equal(body.code, code);
    assert.equal(body.field, field);
    assert.equal(typeof body.message, "string");
  });
}

test("an unknown route is a JSON 404 too", async () => {
  const answer = await get(app.url, "/v2/latest");
  assert.equal(answer.status, 404);
  assert.equal((answer.json() as { code: string }).code, "NOT_FOUND");
});

test("percent-escapes in the path are decoded once: %2541 is the text %41, not A", async () => {
  const answer = await get(app.url, "/v1/latest?symbols=%2555SD");
  assert.equal(answer.status, 400);
  const legacy = await get(app.url, "/2016-01-04/EUR/%2547BP");
  assert.deepEqual([legacy.status, (legacy.json() as { field: string }).field], [400, "to"]);
  assert.deepEqual((await get(app.url, "/2016-01-04/EUR/%47BP")).json(), { rate: "0.7381" });
});
