import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { type Browser, launchBrowser, screenshotPath } from "./browser.js";
import { startStack, type Stack } from "./stack.js";

let stack: Stack;
let browser: Browser;
before(async () => {
  // The browser first: a missing Chromium fails at once, with instructions.
  browser = await launchBrowser({ javaScriptEnabled: false });
  stack = await startStack("v-nojs");
});
after(async () => {
  await browser?.close();
  await stack?.stop();
});

test("with JavaScript off, the form still converts and the chart still draws", async () => {
  const page = await browser.context.newPage();
  await page.goto(stack.web.url);
  await page.getByLabel("Amount").fill("250");
  await page.getByLabel("From", { exact: true }).selectOption("GBP");
  await page.getByLabel("To", { exact: true }).selectOption("SEK");
  await page.getByRole("button", { name: "Convert" }).click();
  await page.waitForURL(/amount=250&from=GBP&to=SEK/);
  assert.match((await page.getByTestId("result-value").textContent()) ?? "", /^[\d,]+\.\d{2} SEK$/);
  assert.equal(await page.getByTestId("rate-chart").isVisible(), true);
  // The enhancement stays out of the way: its button is hidden when no script runs.
  assert.equal(await page.getByRole("button", { name: "Copy link" }).count(), 0);
  await page.screenshot({ path: screenshotPath("no-javascript"), fullPage: true });
});
