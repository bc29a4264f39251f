import assert from "node:assert/strict";
import { test } from "node:test";
import fc from "fast-check";
import { escapeHtml, html, queryString, raw } from "./html.js";

test("interpolations are escaped in content and attributes", () => {
  const attack = `"><script>alert('x')</script><img src=x onerror=alert(1)>`;
  const out = html`<p title="${attack}">${attack}</p>`.toString();
  assert.equal(
    out,
    "<p title=\"&quot;&gt;&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;&lt;img src=x onerror=alert(1)&gt;\">&quot;&gt;&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;&lt;img src=x onerror=alert(1)&gt;</p>",
  );
  assert.doesNotMatch(out, /<script|<img/);
});

test("nested html and arrays are not escaped twice; raw is trusted", () => {
  const items = ["a&b", "c"].map((x) => html`<li>${x}</li>`);
  assert.equal(html`<ul>${items}</ul>`.toString(), "<ul><li>a&amp;b</li><li>c</li></ul>");
  assert.equal(html`${raw("<b>ok</b>")}`.toString(), "<b>ok</b>");
  assert.equal(html`${null}${undefined}${false}${0}`.toString(), "0");
});

test("escaped text never contains a character that can open markup or end an attribute", () => {
  fc.assert(
    fc.property(fc.string({ unit: "grapheme" }), (text) => {
      const escaped = escapeHtml(text);
      assert.doesNotMatch(escaped, /[<>"']/);
      const decoded = escaped.replace(/&lt;|&gt;|&quot;|&#39;|&amp;/g, (e) => ({ "&lt;": "<", "&gt;": ">", "&quot;": '"', "&#39;": "'", "&amp;": "&" })[e] ?? e);
      assert.equal(decoded, text);
    }),
    { numRuns: 2000 },
  );
});

test("query strings skip empty values and percent-encode the rest", () => {
  assert.equal(queryString({ amount: "1 000&x=<", from: "USD", date: "" }), "?amount=1+000%26x%3D%3C&from=USD");
  assert.equal(queryString({}), "");
});
