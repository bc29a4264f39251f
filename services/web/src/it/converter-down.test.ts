import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { freePort } from "@forex-mesh/test-utils";
import { type Service, startRate, startWeb } from "./stack.js";

let rate: Service;
let web: Service;
before(async () => {
  rate = await startRate();
  // Nothing listens here: forex-converter is down, forex-rate is up.
  web = await startWeb({ converterUrl: `http://127.0.0.1:${await freePort()}`, rateUrl: rate.url, version: "v1" });
});
after(async () => {
  await Promise.all([web?.stop(), rate?.stop()]);
});

test("converter down: 502, a friendly sentence, the form kept as typed, the chart still drawn", async () => {
  const response = await fetch(`${web.url}/?amount=42&from=GBP&to=CHF&date=`);
  assert.equal(response.status, 502);
  const page = await response.text();
  assert.match(page, /The converter is not answering right now/);
  assert.match(page, /<input id="amount" name="amount"[^>]*value="42"/);
  assert.match(page, /<option value="GBP" selected>/);
  assert.match(page, /<svg class="chart"/);
  assert.doesNotMatch(page, /ECONNREFUSED|Error:/);
});

test("converter down: web stays ready (the page degrades) and reports the dependency", async () => {
  assert.equal((await fetch(`${web.url}/healthz`)).status, 200);
  const ready = await fetch(`${web.url}/readyz`);
  assert.equal(ready.status, 200);
  const body = (await ready.json()) as { dependencies: Record<string, { state: string; status?: number; error?: string }> };
  assert.equal(body.dependencies.forexConverter?.state, "down");
  assert.match(body.dependencies.forexConverter?.error ?? "", /forex-converter is unreachable/);
  assert.deepEqual([body.dependencies.forexRate?.state, body.dependencies.forexRate?.status], ["up", 200]);
});
