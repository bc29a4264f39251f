import assert from "node:assert/strict";
import { test } from "node:test";
import { knownCurrencies, minorUnits } from "./minor-units.js";

// Every column the ECB history file has ever had (../shared/data/ecb/README.md), plus the euro.
const ECB_CURRENCIES =
  "EUR USD JPY BGN CYP CZK DKK EEK GBP HUF LTL LVL MTL PLN ROL RON SEK SIT SKK CHF ISK NOK HRK RUB TRL TRY AUD BRL CAD CNY HKD IDR ILS INR KRW MXN MYR NZD PHP SGD THB ZAR".split(
    " ",
  );

test("every currency the ECB has ever quoted has minor units", () => {
  const missing = ECB_CURRENCIES.filter((code) => minorUnits(code) === undefined);
  assert.deepEqual(missing, []);
});

test("minor units follow ISO 4217", () => {
  const expected: Record<string, number> = { JPY: 0, KRW: 0, ISK: 0, USD: 2, EUR: 2, HUF: 2, IDR: 2, KWD: 3, BHD: 3, TND: 3, CLF: 4 };
  for (const [code, units] of Object.entries(expected)) assert.equal(minorUnits(code), units, code);
});

test("codes outside ISO 4217 cash currencies are unknown", () => {
  for (const code of ["XAU", "XDR", "ABC", "usd", ""]) assert.equal(minorUnits(code), undefined, code);
});

test("the table lists well over a hundred currencies, sorted", () => {
  const codes = knownCurrencies();
  assert.ok(codes.length > 150, `only ${codes.length}`);
  assert.deepEqual(codes, [...codes].sort());
  for (const code of codes) assert.match(code, /^[A-Z]{3}$/);
});
