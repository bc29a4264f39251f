import assert from "node:assert/strict";
import { test } from "node:test";
import type { Currency } from "./backends.js";
import { cachedCurrencies } from "./currency-cache.js";

test("one load serves every caller until the entry expires", async () => {
  let clock = 0;
  let loads = 0;
  const list: Currency[] = [{ code: "USD", name: "United States Dollar" }];
  const currencies = cachedCurrencies(
    async () => {
      loads++;
      return list;
    },
    { ttlMs: 1000, now: () => clock },
  );
  await Promise.all([currencies({}), currencies({}), currencies({})]);
  assert.equal(loads, 1);
  clock = 999;
  await currencies({});
  assert.equal(loads, 1);
  clock = 1000;
  assert.deepEqual(await currencies({}), list);
  assert.equal(loads, 2);
});

test("a failed load is not remembered", async () => {
  let fail = true;
  const currencies = cachedCurrencies(
    async () => {
      if (fail) throw new Error("forex-rate down");
      return [];
    },
    { ttlMs: 60_000, now: () => 0 },
  );
  await assert.rejects(currencies({}), /forex-rate down/);
  fail = false;
  assert.deepEqual(await currencies({}), []);
});
