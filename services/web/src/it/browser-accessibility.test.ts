import assert from "node:assert/strict";
import { createRequire } from "node:module";
import { after, before, test } from "node:test";
import type { Page } from "playwright-core";
import { type Browser, launchBrowser } from "./browser.js";
import { startStack, type Stack } from "./stack.js";

const axePath = createRequire(import.meta.url).resolve("axe-core/axe.min.js");

let browser: Browser;
let stack: Stack;
before(async () => {
  browser = await launchBrowser({ bypassCSP: true });
  stack = await startStack("v-a11y");
});
after(async () => {
  await browser?.close();
  await stack?.stop();
});

interface Violation {
  id: string;
  impact: string;
  help: string;
  targets: string[];
}

/** Runs axe-core (WCAG 2.0/2.1 A and AA rules) in the page and returns what it finds. */
async function audit(page: Page): Promise<Violation[]> {
  await page.addScriptTag({ path: axePath });
  return page.evaluate<Violation[]>(`axe
    .run(document, { runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] } })
    .then((r) => r.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, targets: v.nodes.map((n) => String(n.target)) })))`);
}

const pages: Array<[string, string]> = [
  ["a result with its chart", "/?amount=100.50&from=USD&to=JPY&date=2020-01-03"],
  ["the form with errors beside the fields", "/?amount=abc&from=&to=JPY&date=13%2F04%2F2026"],
];

for (const scheme of ["light", "dark"] as const) {
  for (const [what, path] of pages) {
    test(`axe finds no WCAG A/AA violation on ${what}, ${scheme} scheme`, async () => {
      const page = await browser.context.newPage();
      await page.emulateMedia({ colorScheme: scheme });
      await page.goto(stack.web.url + path);
      const violations = await audit(page);
      assert.deepEqual(violations, [], JSON.stringify(violations, null, 2));
      await page.close();
    });
  }
}

test("the audit is live: removing the amount's label is reported", async () => {
  const page = await browser.context.newPage();
  await page.goto(stack.web.url);
  await page.evaluate(`document.querySelector('label[for="amount"]').remove()`);
  const violations = await audit(page);
  assert.ok(
    violations.some((v) => v.id === "label" && v.targets.includes("#amount")),
    JSON.stringify(violations),
  );
  await page.close();
});
