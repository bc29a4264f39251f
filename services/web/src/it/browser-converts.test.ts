import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { type Browser, launchBrowser, screenshotPath } from "./browser.js";
import { startStack, type Stack } from "./stack.js";

let stack: Stack;
let browser: Browser;
before(async () => {
  // The browser first: a missing Chromium fails at once, with instructions.
  browser = await launchBrowser();
  stack = await startStack("v-browser-1");
});
after(async () => {
  await browser?.close();
  await stack?.stop();
});

test("a person fills the form, submits, and reads the result with its rate, day and the version badge", async () => {
  const page = await browser.context.newPage();
  await page.goto(stack.web.url);
  await page.getByLabel("Amount").fill("1,250.50");
  await page.getByLabel("From", { exact: true }).selectOption("USD");
  await page.getByLabel("To", { exact: true }).selectOption("JPY");
  await page.getByLabel("Date (optional)").fill("2020-01-03");
  await page.getByRole("button", { name: "Convert" }).click();
  await page.waitForURL(/\?amount=1%2C250.50&from=USD&to=JPY&date=2020-01-03$/);

  const expected = (await (await fetch(`${stack.converter.url}/v1/convert?amount=1250.50&from=USD&to=JPY&date=2020-01-03`)).json()) as Record<string, string>;
  const grouped = (expected.result ?? "").replace(/\B(?=(\d{3})+(?!\d))/g, ",");
  assert.equal(await page.getByTestId("result-value").textContent(), `${grouped} JPY`);
  assert.equal(await page.getByTestId("result-amount").textContent(), "1,250.5 USD");
  assert.match((await page.getByTestId("result-rate").textContent()) ?? "", new RegExp(`1 USD = ${expected.rate} JPY · ECB reference rate of Fri 3 Jan 2020`));
  assert.equal(await page.getByTestId("version-badge").textContent(), "version v-browser-1");
  assert.equal(await page.getByTestId("rate-chart").isVisible(), true);
  await page.screenshot({ path: screenshotPath("convert-desktop"), fullPage: true });
});

test("keyboard only: Enter in the amount field submits, and the link is shareable", async () => {
  const page = await browser.context.newPage();
  await page.goto(`${stack.web.url}/?amount=10&from=EUR&to=GBP&date=`);
  const firstResult = await page.getByTestId("result-value").textContent();
  await page.getByLabel("Amount").focus();
  await page.keyboard.press("Control+A");
  await page.keyboard.type("20");
  await page.keyboard.press("Enter");
  await page.waitForURL(/amount=20&/);
  const second = (await page.getByTestId("result-value").textContent()) ?? "";
  assert.notEqual(second, firstResult);
  assert.match(second, /^\d+\.\d{2} GBP$/);
  // The same URL in a fresh page shows the same result: a shareable link.
  const shared = await browser.context.newPage();
  await shared.goto(page.url());
  assert.equal(await shared.getByTestId("result-value").textContent(), second);
});

test("on a phone the form fits the screen without sideways scrolling", async () => {
  const page = await browser.context.newPage();
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto(`${stack.web.url}/?amount=100&from=USD&to=JPY&date=`);
  // Evaluated in the page (a string, so this Node-typed package needs no DOM typings).
  const overflow = await page.evaluate<number>("document.documentElement.scrollWidth - document.documentElement.clientWidth");
  assert.equal(overflow, 0);
  assert.equal(await page.getByTestId("result-value").isVisible(), true);
  await page.screenshot({ path: screenshotPath("convert-phone"), fullPage: true });
  await page.emulateMedia({ colorScheme: "dark" });
  await page.screenshot({ path: screenshotPath("convert-phone-dark"), fullPage: true });
});

test("with JavaScript, a Copy link button copies the shareable URL", async () => {
  const page = await browser.context.newPage();
  await browser.context.grantPermissions(["clipboard-read", "clipboard-write"], { origin: stack.web.url });
  await page.goto(`${stack.web.url}/?amount=5&from=USD&to=CHF&date=2024-05-06`);
  await page.getByRole("button", { name: "Copy link" }).click();
  await page.getByRole("status").getByText("Link copied to the clipboard.").waitFor();
  const copied = await page.evaluate<string>("navigator.clipboard.readText()");
  assert.equal(copied, `${stack.web.url}/?amount=5&from=USD&to=CHF&date=2024-05-06`);
});
