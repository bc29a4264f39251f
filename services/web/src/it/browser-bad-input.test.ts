import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { type Browser, launchBrowser, screenshotPath } from "./browser.js";
import { startStack, type Stack } from "./stack.js";

let stack: Stack;
let browser: Browser;
before(async () => {
  // The browser first: a missing Chromium fails at once, with instructions.
  browser = await launchBrowser();
  stack = await startStack("v-browser-2");
});
after(async () => {
  await browser?.close();
  await stack?.stop();
});

test("bad input: the message sits beside the field, tied to it for assistive technology", async () => {
  const page = await browser.context.newPage();
  await page.goto(stack.web.url);
  await page.getByLabel("Amount").fill("twelve");
  await page.getByRole("button", { name: "Convert" }).click();
  await page.waitForURL(/amount=twelve/);

  const amount = page.getByLabel("Amount");
  assert.equal(await amount.getAttribute("aria-invalid"), "true");
  assert.equal(await amount.getAttribute("aria-describedby"), "amount-error");
  assert.equal(await amount.inputValue(), "twelve");
  const message = page.getByTestId("amount-error");
  assert.equal(await message.textContent(), "Enter the amount as a number, like 100 or 1250.50.");
  assert.equal(await message.isVisible(), true);
  // Beside the field: directly below the input, not somewhere else on the page.
  const [inputBox, messageBox] = await Promise.all([amount.boundingBox(), message.boundingBox()]);
  assert.ok(inputBox && messageBox);
  assert.ok(messageBox.y >= inputBox.y + inputBox.height && messageBox.y - (inputBox.y + inputBox.height) < 40);
  assert.equal(await page.getByRole("alert").isVisible(), true);
  assert.equal(await page.getByTestId("result").count(), 0);
  await page.screenshot({ path: screenshotPath("bad-input"), fullPage: true });
});

test("an amount the converter refuses (over 1e12) is reported on the amount field too", async () => {
  const page = await browser.context.newPage();
  await page.goto(stack.web.url);
  await page.getByLabel("Amount").fill("2000000000000");
  await page.getByRole("button", { name: "Convert" }).click();
  await page.waitForURL(/amount=2000000000000/);
  assert.equal(await page.getByTestId("amount-error").textContent(), "Amount must be at most 1000000000000 (1e12).");
});

test("the error summary link moves keyboard focus to the field, with a visible focus ring", async () => {
  const page = await browser.context.newPage();
  await page.goto(`${stack.web.url}/?amount=&from=USD&to=JPY&date=`);
  await page.getByRole("alert").getByRole("link").focus();
  await page.keyboard.press("Enter");
  await page.keyboard.press("Tab");
  await page.keyboard.press("Shift+Tab");
  const focused = await page.evaluate<{ id: string; outline: string } | null>(
    "(() => { const el = document.activeElement; return el && { id: el.id, outline: getComputedStyle(el).outlineStyle }; })()",
  );
  assert.deepEqual(focused, { id: "amount", outline: "solid" });
});
