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

test("GET /{date}/{from}/{to} answers the original system's { rate: string }", async () => {
  const answer = await get(app.url, "/2016-01-04/EUR/GBP");
  assert.equal(answer.status, 200);
  assert.deepEqual(answer.json(), { rate: "0.7381" });
  // 129.78 JPY / 1.0898 USD per EUR on 2016-01-04 = 119.0860…
  assert.deepEqual((await get(app.url, "/2016-01-04/usd/jpy")).json(), { rate: "119.09" });
});

test("a weekend date answers with Friday's rate", async () => {
  const saturday = (await get(app.url, "/2016-01-09/USD/JPY")).json();
  const friday = (await get(app.url, "/2016-01-08/USD/JPY")).json();
  assert.deepEqual(saturday, friday);
});

test("bad input is a JSON 4xx naming the field", async () => {
  const cases: [string, number, string][] = [
    ["/2016-13-01/EUR/GBP", 400, "date"],
    ["/2016-01-04/EURO/GBP", 400, "from"],
    ["/2016-01-04/EUR/ABC", 404, "to"],
    ["/2023-01-02/RUB/USD", 404, "from"],
    ["/1998-12-31/EUR/USD", 404, "date"],
  ];
  for (const [path, status, field] of cases) {
    const answer = await get(app.url, path);
    assert.equal(answer.status, status, path);
    assert.equal((answer.json() as { field: string }).field, field, path);
  }
});
