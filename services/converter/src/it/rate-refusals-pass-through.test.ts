import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { getJson, startPair } from "./stack.js";

let stack: Awaited<ReturnType<typeof startPair>>;
before(async () => {
  stack = await startPair();
});
after(() => stack?.stop());

const cases: Array<[string, string, string]> = [
  ["from=USD&to=XAF&amount=1", "to", "a currency the ECB never quoted"],
  ["from=RUB&to=USD&amount=1&date=2023-01-02", "from", "a currency no longer quoted on that day"],
  ["from=USD&to=RUB&amount=1&date=2023-01-02", "to", "a target no longer quoted on that day"],
  ["from=USD&to=JPY&amount=1&date=1998-12-31", "date", "a day before the euro"],
  ["from=USD&to=JPY&amount=1&date=2099-01-01", "date", "a day after the newest rates"],
];

for (const [query, field, what] of cases) {
  test(`forex-rate refuses ${what}: a 4xx on ${field} with forex-rate's message`, async () => {
    const { status, body } = await getJson(`${stack.converter.url}/v1/convert?${query}`);
    assert.ok(status >= 400 && status < 500, `${status} ${JSON.stringify(body)}`);
    assert.equal(body.code, "RATE_REJECTED");
    assert.equal(body.field, field);
    assert.equal(typeof body.message, "string");
  });
}

test("our own checks answer 400 before forex-rate is asked", async () => {
  const { status, body } = await getJson(`${stack.converter.url}/v1/convert?from=USD&to=JPY&amount=1e3`);
  assert.equal(status, 400);
  assert.deepEqual(body, { message: "amount must be a plain decimal number such as 100 or 100.50", code: "INVALID_PARAMETER", field: "amount" });
});
