import assert from "node:assert/strict";
import { test } from "node:test";
import type { PageModel } from "../page-model.js";
import { renderPage } from "./page.js";
import { SCRIPT_PATH } from "./script.js";

function model(overrides: Partial<PageModel> = {}): PageModel {
  return {
    version: "v1",
    form: { values: { amount: "100.50", from: "USD", to: "JPY", date: "" }, submitted: true, errors: {}, amount: "100.50" },
    currencies: [
      { code: "JPY", name: "Japanese Yen" },
      { code: "USD", name: "United States Dollar" },
    ],
    result: undefined,
    notice: undefined,
    chart: undefined,
    ...overrides,
  };
}

test("a request full of markup is shown as text, never as markup (XSS)", () => {
  const attack = `"><script>alert(1)</script><svg onload=alert(2)>`;
  const page = renderPage(
    model({
      version: attack,
      form: {
        values: { amount: attack, from: attack, to: "JPY", date: attack },
        submitted: true,
        errors: { amount: attack, date: attack },
        amount: attack,
      },
      notice: attack,
    }),
  );
  // Our own deferred script tag is the only one; nothing the request carried became markup.
  const ours = `<script src="${SCRIPT_PATH}" defer></script>`;
  assert.equal(page.split(ours).length, 2);
  assert.doesNotMatch(page.replace(ours, ""), /<script|<svg onload|onload=alert\(2\)>/);
  assert.match(page, /value="&quot;&gt;&lt;script&gt;alert\(1\)&lt;\/script&gt;&lt;svg onload=alert\(2\)&gt;"/);
  // The person's choice is kept as an option even though it is not a currency, escaped.
  assert.match(page, /<option value="&quot;&gt;&lt;script&gt;[^"]*" selected>/);
});

test("an error sits beside its field and the field points at it", () => {
  const page = renderPage(
    model({
      form: { values: { amount: "abc", from: "USD", to: "JPY", date: "" }, submitted: true, errors: { amount: "Enter the amount as a number." }, amount: "abc" },
    }),
  );
  assert.match(page, /<input id="amount" [^>]*aria-invalid="true" aria-describedby="amount-error">/);
  assert.match(page, /<p class="field-error" id="amount-error" data-testid="amount-error">Enter the amount as a number.<\/p>/);
  assert.match(page, /<div class="notice" role="alert"/);
  assert.match(page, /<a href="#amount">Amount: Enter the amount as a number.<\/a>/);
  assert.doesNotMatch(page, /<select id="from"[^>]*aria-invalid/);
});

test("every control has a label", () => {
  const page = renderPage(model());
  for (const id of ["amount", "from", "to", "date"]) {
    assert.match(page, new RegExp(`<label for="${id}">`));
    assert.match(page, new RegExp(`id="${id}" name="${id}"`));
  }
  assert.match(page, /<html lang="en">/);
  assert.match(page, /<meta name="viewport"/);
});

test("the result shows the grouped amount, rate, business day, version and a share link", () => {
  const page = renderPage(
    model({
      form: { values: { amount: "1000", from: "USD", to: "JPY", date: "2020-01-04" }, submitted: true, errors: {}, amount: "1000" },
      result: {
        conversion: { from: "USD", to: "JPY", amount: "1000", result: "108160", rate: "108.16", date: "2020-01-03" },
        servedBy: "v2",
      },
    }),
  );
  assert.match(page, /<strong data-testid="result-value">108,160 JPY<\/strong>/);
  assert.match(page, /1 USD = 108.16 JPY · ECB reference rate of <time datetime="2020-01-03">Fri 3 Jan 2020<\/time>/);
  assert.match(page, /No rates were published on Sat 4 Jan 2020/);
  assert.match(page, /href="\/\?amount=1000&amp;from=USD&amp;to=JPY&amp;date=2020-01-04"/);
  assert.match(page, /data-testid="version-badge"[^>]*>version v1<\/span>/);
  assert.match(page, /converted by forex-converter v2/);
});

test("the chart card renders the SVG and the table, or says why not", () => {
  const points = [
    { date: "2026-04-10", rate: 1.1 },
    { date: "2026-04-13", rate: 1.2 },
  ];
  const withChart = renderPage(model({ chart: { from: "EUR", to: "USD", points } }));
  assert.match(withChart, /<svg class="chart"/);
  assert.match(withChart, /<tr><td>2026-04-13<\/td><td>1.2<\/td><\/tr><tr><td>2026-04-10<\/td>/);
  const without = renderPage(model({ chart: { from: "EUR", to: "USD", unavailable: "The EUR/USD history is not available right now." } }));
  assert.match(without, /The EUR\/USD history is not available right now./);
  assert.doesNotMatch(without, /<svg class="chart"/);
});
