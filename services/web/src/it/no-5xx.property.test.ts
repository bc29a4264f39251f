import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import fc from "fast-check";
import { startStack, type Stack } from "./stack.js";

let stack: Stack;
before(async () => {
  stack = await startStack();
});
after(() => stack?.stop());

const text = fc.oneof(fc.string({ maxLength: 20 }), fc.string({ unit: "binary", maxLength: 20 }));
const code = fc.oneof(fc.constantFrom("USD", "JPY", "EUR", "ISK", "RUB", "BGN", "XAF", "usd", ""), text);
const amount = fc.oneof(fc.double({ min: 0, max: 3e12, noNaN: true }).map(String), fc.constantFrom("1,250.50", "0", "1e3", ""), text);
const date = fc.oneof(
  fc.date({ min: new Date("1990-01-01T00:00:00Z"), max: new Date("2035-01-01T00:00:00Z"), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10)),
  fc.constantFrom("", "2020-02-30", "2020-01-04"),
  text,
);

test("no query makes the page answer 5xx while the backends are up; the form is always there", async () => {
  await fc.assert(
    fc.asyncProperty(amount, code, code, date, async (a, from, to, d) => {
      const query = new URLSearchParams({ amount: a, from, to, date: d });
      const response = await fetch(`${stack.web.url}/?${query}`);
      const page = await response.text();
      assert.ok(response.status < 500, `${response.status} for ?${query}`);
      assert.match(page, /<form class="card converter" method="get" action="\/"/);
      if (response.status === 200) assert.match(page, /data-testid="result-value"/);
      else assert.match(page, /role="alert"/);
    }),
    { numRuns: 150 },
  );
});
