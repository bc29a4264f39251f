// Fault injection from the console against the real system, in Chromium: the service page's form
// writes `forex-mesh/faults/forex-rate` (validated, expiring after the minutes asked), the page
// lists the fault with its time left, the topology draws a badge on that service/version while it
// is in force, bad input is refused with the reason, and clearing removes it.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import type { Page } from "playwright-core";
import { apiHeaders, launchBrowser, screenshot, signIn } from "./browser";
import { consolePassword, type System, startSystem } from "./system";

let system: System;
let browser: Awaited<ReturnType<typeof launchBrowser>>;
let page: Page;

type FaultTable = { faults: Array<{ version: string; latencyMs: number; errorRatio: number; expiresAt: string }> };
const faults = async (): Promise<FaultTable | null> => {
  const res = await fetch(`${system.url.consul}/v1/kv/forex-mesh/faults/forex-rate?raw`);
  return res.status === 404 ? null : ((await res.json()) as FaultTable);
};

before(async () => {
  system = await startSystem();
  browser = await launchBrowser();
  page = await browser.context.newPage();
  await signIn(page, system.url.console, await consolePassword(system));
});
after(async () => {
  await browser?.close();
  await system?.stop();
});

test("a duration over 60 minutes is refused with the reason and nothing is written", async () => {
  await page.goto(`${system.url.console}/services/forex-rate`);
  const form = page.getByRole("form", { name: "inject a fault" });
  await form.getByLabel("Error ratio (0–1)").fill("0.2");
  await form.getByLabel("Duration (minutes)").fill("61");
  await form.getByRole("button", { name: "Inject fault" }).click();
  await form.getByRole("alert").filter({ hasText: "Not applied: minutes: must be 60 or less" }).waitFor();
  assert.equal(await faults(), null);
});

test("inject 300 ms and 20% errors on v1 for the default 10 minutes: stored, listed with its time left, badged on the topology", async () => {
  const form = page.getByRole("form", { name: "inject a fault" });
  assert.equal(await form.getByLabel("Fault version").inputValue(), "v1");
  await form.getByLabel("Added latency (ms)").fill("300");
  await form.getByLabel("Duration (minutes)").fill("10");
  const before = Date.now();
  await form.getByRole("button", { name: "Inject fault" }).click();
  const list = page.getByTestId("fault-list");
  await list.getByText(/\+300 ms · 20% errors · (10|9) min left/).waitFor();

  const table = await faults();
  assert.equal(table?.faults.length, 1);
  const [f] = table!.faults;
  assert.deepEqual({ ...f, expiresAt: undefined }, { version: "v1", latencyMs: 300, errorRatio: 0.2, expiresAt: undefined });
  const expires = Date.parse(f!.expiresAt);
  assert.ok(expires >= before + 600_000 - 1_000 && expires <= Date.now() + 600_000, `expires ten minutes from now: ${f!.expiresAt}`);
  await page.getByTestId("faults").scrollIntoViewIfNeeded();
  await page.screenshot({ path: screenshot("11-fault-listed"), fullPage: true });

  await page.getByRole("link", { name: "Topology" }).first().click();
  const badge = page.getByTestId("fault-forex-rate@v1");
  await badge.waitFor();
  assert.match((await badge.textContent()) ?? "", /fault \+300ms 20%err (10|9)m left/);
  assert.match((await badge.getAttribute("aria-label")) ?? "", /fault on forex-rate v1: \+300 ms · 20% errors · (10|9) min left/);
  assert.equal(await page.getByTestId("fault-forex-rate@v2").count(), 0);
  await page.getByTestId("active-faults").getByText(/forex-rate\s*v1\s*\+300 ms · 20% errors/).waitFor();
  await page.screenshot({ path: screenshot("12-topology-fault-badge"), fullPage: true });
});

test("the faults API validates its input (JSON 400s) and answers the faults in force", async () => {
  const headers = await apiHeaders(browser.context, system.url.console);
  const url = `${system.url.console}/api/services/forex-rate/faults`;
  const code = async (res: Response) => [res.status, ((await res.json()) as { error: { code: string } }).error.code];
  assert.deepEqual(await code(await fetch(url, { method: "PUT", headers, body: JSON.stringify({ version: "v1", errorRatio: 2 }) })), [400, "invalid_input"]);
  assert.deepEqual(await code(await fetch(url, { method: "PUT", headers, body: JSON.stringify({ version: "v1" }) })), [400, "invalid_input"]);
  assert.deepEqual(await code(await fetch(`${url}?version=v%201`, { method: "DELETE", headers })), [400, "invalid_input"]);
  assert.deepEqual(await code(await fetch(`${system.url.console}/api/services/no-such/faults`, { method: "PUT", headers, body: JSON.stringify({ version: "v1", latencyMs: 5 }) })), [404, "not_found"]);
  const now = (await (await fetch(url, { headers })).json()) as { faults: Array<{ version: string; secondsLeft: number }> };
  assert.deepEqual(
    now.faults.map((f) => f.version),
    ["v1"],
  );
  assert.ok((now.faults[0]?.secondsLeft ?? 0) > 500);
});

test("clear removes the fault: the table is stored empty, the list and the badge go away", async () => {
  await page.goto(`${system.url.console}/services/forex-rate`);
  await page.getByTestId("fault-list").getByRole("button", { name: "Clear v1 fault" }).click();
  await page.getByTestId("faults").getByText("No fault in force.").waitFor();
  assert.deepEqual(await faults(), { faults: [] });
  await page.getByRole("link", { name: "Topology" }).first().click();
  await page.getByTestId("node-forex-rate@v1").waitFor();
  assert.equal(await page.getByTestId("fault-forex-rate@v1").count(), 0);
  assert.equal(await page.getByTestId("active-faults").count(), 0);
});
