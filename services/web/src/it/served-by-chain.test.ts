// Which version answered, through every hop: /api/convert over the three real services answers
// `x-forex-served-by: forex-web=v1, forex-converter=v1, forex-rate=v2`; its 4xx are JSON and name
// as much of the chain as was used; the page names the converter's chain too.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { type Service, startConverter, startRate, startWeb } from "./stack.js";

const services: Service[] = [];
let web: Service;
before(async () => {
  const rate = await startRate({ FOREX_VERSION: "v2" });
  services.push(rate);
  const converter = await startConverter(rate.url, { FOREX_VERSION: "v1" });
  services.push(converter);
  web = await startWeb({ converterUrl: converter.url, rateUrl: rate.url, version: "v1" });
  services.push(web);
});
after(async () => {
  await Promise.all(services.map((s) => s.stop()));
});

test("/api/convert answers the conversion as JSON with the whole chain", async () => {
  const res = await fetch(`${web.url}/api/convert?amount=100&from=EUR&to=USD&date=2024-03-01`);
  assert.equal(res.status, 200);
  assert.equal(res.headers.get("x-forex-served-by"), "forex-web=v1, forex-converter=v1, forex-rate=v2");
  assert.match(res.headers.get("content-type") ?? "", /^application\/json/);
  const body = (await res.json()) as Record<string, string>;
  assert.deepEqual(Object.keys(body).sort(), ["amount", "date", "from", "rate", "result", "to"]);
  assert.equal(body.from, "EUR");
  assert.equal(body.date, "2024-03-01");
  assert.match(body.result ?? "", /^\d+\.\d{2}$/);
});

test("input the form refuses is a 400 JSON error from forex-web alone", async () => {
  const res = await fetch(`${web.url}/api/convert?amount=abc&from=EUR&to=USD`);
  assert.equal(res.status, 400);
  assert.deepEqual(await res.json(), { message: "Enter the amount as a number, like 100 or 1250.50.", code: "INVALID_INPUT", field: "amount" });
  assert.equal(res.headers.get("x-forex-served-by"), "forex-web=v1");
});

test("a refusal from further down keeps its 4xx, is JSON, and names the services that answered", async () => {
  const res = await fetch(`${web.url}/api/convert?amount=1&from=EUR&to=ARS`);
  assert.ok(res.status >= 400 && res.status < 500, `status ${res.status}`);
  const body = (await res.json()) as { code: string; field?: string };
  assert.equal(body.code, "CONVERSION_REFUSED");
  assert.equal(body.field, "to");
  assert.equal(res.headers.get("x-forex-served-by"), "forex-web=v1, forex-converter=v1, forex-rate=v2");
});

test("the page names forex-web first and the converter's chain", async () => {
  const res = await fetch(`${web.url}/?amount=100&from=EUR&to=USD`);
  assert.equal(res.status, 200);
  const chain = res.headers.get("x-forex-served-by") ?? "";
  assert.match(chain, /^forex-web=v1, /);
  assert.ok(chain.includes("forex-converter=v1, forex-rate=v2"), chain);
});
