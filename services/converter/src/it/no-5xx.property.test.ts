import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import fc from "fast-check";
import { Money } from "../money/decimal.js";
import { startPair } from "./stack.js";

let stack: Awaited<ReturnType<typeof startPair>>;
before(async () => {
  stack = await startPair({ LOG_LEVEL: "warn" });
});
after(() => stack?.stop());

const ECB = "EUR USD JPY BGN CYP CZK DKK EEK GBP HUF LTL LVL MTL PLN ROL RON SEK SIT SKK CHF ISK NOK HRK RUB TRL TRY AUD BRL CAD CNY HKD IDR ILS INR KRW MXN MYR NZD PHP SGD THB ZAR".split(" ");

const currency = fc.oneof(fc.constantFrom(...ECB), fc.constantFrom("KWD", "XAF", "usd", "", "XXX"), fc.string({ maxLength: 5 }));
const amount = fc.oneof(
  fc.double({ min: 0, max: 2e12, noNaN: true }).map(String),
  fc.bigInt({ min: 0n, max: 10n ** 18n }).chain((n) => fc.nat(20).map((scale) => new Money(n.toString()).div(new Money(10).pow(scale)).toFixed())),
  fc.string({ maxLength: 30 }),
);
const date = fc.oneof(
  fc.date({ min: new Date("1995-01-01T00:00:00Z"), max: new Date("2030-12-31T00:00:00Z"), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10)),
  fc.constantFrom(undefined, "", "2020-02-30", "latest", "2020-1-1"),
  fc.string({ maxLength: 12 }),
);

test("no query makes the converter answer 5xx while forex-rate is up, and every 200 adds up", async () => {
  await fc.assert(
    fc.asyncProperty(currency, currency, amount, date, async (from, to, amountText, day) => {
      const params = new URLSearchParams({ from, to, amount: amountText });
      if (day !== undefined) params.set("date", day);
      const response = await fetch(`${stack.converter.url}/v1/convert?${params}`);
      const body = (await response.json()) as Record<string, string>;
      assert.ok(response.status < 500, `${response.status} for ?${params}: ${JSON.stringify(body)}`);
      if (response.status === 200) {
        const units = /^\d+(?:\.(\d+))?$/.exec(body.result ?? "")?.[1]?.length ?? 0;
        assert.equal(body.result, new Money(body.amount ?? "").times(body.rate ?? "").toFixed(units, Money.ROUND_HALF_UP));
      } else {
        assert.equal(typeof body.message, "string");
        assert.ok(["amount", "from", "to", "date"].includes(body.field ?? ""), `${response.status} without a known field: ${JSON.stringify(body)}`);
      }
    }),
    { numRuns: 400 },
  );
});
