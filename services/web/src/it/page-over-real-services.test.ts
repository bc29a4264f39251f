import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { startStack, type Stack } from "./stack.js";

let stack: Stack;
before(async () => {
  stack = await startStack("it-v7");
});
after(() => stack?.stop());

test("a shareable GET shows the converted amount, the rate, its day, the chart and the version", async () => {
  const response = await fetch(`${stack.web.url}/?amount=100.50&from=USD&to=JPY&date=2020-01-04`);
  assert.equal(response.status, 200);
  assert.equal(response.headers.get("x-forex-version"), "it-v7");
  assert.match(response.headers.get("content-security-policy") ?? "", /default-src 'none'/);
  const page = await response.text();
  const conversion = (await (await fetch(`${stack.converter.url}/v1/convert?amount=100.50&from=USD&to=JPY&date=2020-01-04`)).json()) as Record<string, string>;
  assert.equal(conversion.date, "2020-01-03");
  assert.match(page, new RegExp(`data-testid="result-value">${conversion.result?.replace(/\B(?=(\d{3})+(?!\d))/g, ",")} JPY<`));
  assert.match(page, new RegExp(`1 USD = ${conversion.rate} JPY · ECB reference rate of <time datetime="2020-01-03">Fri 3 Jan 2020</time>`));
  assert.match(page, /No rates were published on Sat 4 Jan 2020/);
  assert.match(page, /data-testid="version-badge"[^>]*>version it-v7</);
  assert.match(page, /<title id="chart-title">USD\/JPY over the last 90 business days<\/title>/);
  assert.match(page, /<tr><td>2020-01-03<\/td>/);
});

test("the currency selects list forex-rate's currencies", async () => {
  const page = await (await fetch(`${stack.web.url}/`)).text();
  assert.match(page, /<option value="JPY">JPY · Japanese Yen<\/option>/);
  assert.match(page, /<select id="from" name="from"><option value="AUD">/);
});

test("bad input is a 400 page with the message beside the field, never a stack trace", async () => {
  const response = await fetch(`${stack.web.url}/?amount=5000000000000&from=USD&to=JPY&date=`);
  assert.equal(response.status, 400);
  const page = await response.text();
  assert.match(page, /<input id="amount" [^>]*aria-invalid="true" aria-describedby="amount-error">/);
  assert.match(page, /id="amount-error" data-testid="amount-error">Amount must be at most 1000000000000 \(1e12\).</);
  assert.doesNotMatch(page, /\.(?:js|ts):\d+:\d+|HttpError|ECONNREFUSED/, "no stack trace or internals in the page");
});

test("a currency forex-rate does not know lands beside the field it came from", async () => {
  const response = await fetch(`${stack.web.url}/?amount=1&from=XAF&to=USD`);
  assert.ok(response.status >= 400 && response.status < 500);
  assert.match(await response.text(), /id="from-error" data-testid="from-error">XAF is not a currency the ECB has quoted/);
});

test("the stylesheet and the script are served from their hashed paths, cacheable", async () => {
  const page = await (await fetch(`${stack.web.url}/`)).text();
  const css = /<link rel="stylesheet" href="([^"]+)">/.exec(page)?.[1];
  const js = /<script src="([^"]+)" defer><\/script>/.exec(page)?.[1];
  for (const [href, type] of [
    [css, /text\/css/],
    [js, /text\/javascript/],
  ] as const) {
    assert.ok(href);
    const asset = await fetch(`${stack.web.url}${href}`);
    assert.equal(asset.status, 200);
    assert.match(asset.headers.get("content-type") ?? "", type);
    assert.match(asset.headers.get("cache-control") ?? "", /immutable/);
  }
});
