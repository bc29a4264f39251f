// Deploying from the console against the real system (`forex-mesh up`, console job included), in
// Chromium: the deploy form registers forex-rate v2 with an env override as Nomad canaries at 0%
// (route table entry first), a second deploy while that one runs is refused with a 409 that says
// why, the slider writes once on release, every console weight write lands in the routing history,
// the history page shows those changes among the job versions, and the charts carry markers for
// the routing changes and the deployment.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { waitFor } from "@forex-mesh/test-utils";
import type { Page } from "playwright-core";
import { apiHeaders, launchBrowser, screenshot, signIn } from "./browser";
import { consolePassword, type System, startSystem, startTraffic } from "./system";

let system: System;
let browser: Awaited<ReturnType<typeof launchBrowser>>;
let page: Page;
let load: ReturnType<typeof startTraffic> | undefined;

const kv = async (key: string): Promise<unknown> => {
  const res = await fetch(`${system.url.consul}/v1/kv/${key}?raw`);
  return res.status === 404 ? null : ((await res.json()) as unknown);
};
type History = { entries: Array<{ at: string; split: Array<{ version: string; weight: number }>; actor: string; reason?: string; revision?: number }> };

before(async () => {
  system = await startSystem();
  browser = await launchBrowser();
  page = await browser.context.newPage();
  await signIn(page, system.url.console, await consolePassword(system));
  load = startTraffic(system);
});
after(async () => {
  await load?.stop();
  await browser?.close();
  await system?.stop();
});

test("the deploy form refuses a label the sidecars would refuse, with the reason, before sending anything", async () => {
  await page.goto(`${system.url.console}/services/forex-rate`);
  const form = page.getByRole("form", { name: "deploy a version" });
  await form.getByLabel("New version").fill("v 2");
  await form.getByRole("button", { name: "Deploy" }).click();
  await form.getByRole("alert").filter({ hasText: /Not deployed: version: may hold only letters, digits/ }).waitFor();
  const job = (await (await fetch(`${system.url.nomad}/v1/job/forex-rate`)).json()) as { Version: number };
  assert.equal(job.Version, 0, "nothing was registered");
});

test("deploy v2 with an env override: 0% entry in the route table, canaries registered with the override, their health shown live", async () => {
  const form = page.getByRole("form", { name: "deploy a version" });
  await form.getByLabel("New version").fill("v2");
  await form.getByLabel("Variable 1 name").fill("FOREX_FAULT_LATENCY_MS");
  await form.getByLabel("Variable 1 value").fill("1");
  await form.getByRole("button", { name: "Deploy" }).click();
  await form.getByRole("status").filter({ hasText: /✓ v2 registered/ }).waitFor();

  assert.deepEqual(await kv("forex-mesh/routes/forex-rate"), { split: [{ version: "v1", weight: 100 }, { version: "v2", weight: 0 }] });
  const job = (await (await fetch(`${system.url.nomad}/v1/job/forex-rate`)).json()) as { Version: number; Meta: Record<string, string>; TaskGroups: Array<{ Tasks: Array<{ Name: string; Env: Record<string, string> }> }> };
  assert.equal(job.Version, 1);
  assert.equal(job.Meta.version, "v2");
  assert.equal(job.TaskGroups[0]?.Tasks.find((t) => t.Name === "app")?.Env.FOREX_FAULT_LATENCY_MS, "1");
  assert.equal(job.TaskGroups[0]?.Tasks.find((t) => t.Name === "sidecar")?.Env.FOREX_FAULT_LATENCY_MS, undefined);

  // The canaries come up while the page polls: each listed with its checks, then Nomad's count.
  const canaries = page.getByTestId("canary-health");
  await waitFor("two passing v2 canaries listed", async () => (await canaries.locator("li.healthy", { hasText: "v2 passing" }).count()) === 2, { timeoutMs: 60_000, intervalMs: 500 });
  await page.getByTestId("deployment").getByText(/canaries 2\/2 placed, 2 healthy/).waitFor({ timeout: 30_000 });
  await page.getByTestId("weight-v2").filter({ hasText: "v2 0%" }).waitFor();
  const history = (await kv("forex-mesh/routing-history/forex-rate")) as History;
  assert.equal(history.entries.length, 1);
  assert.deepEqual({ ...history.entries[0], at: undefined, revision: undefined }, { at: undefined, revision: undefined, split: [{ version: "v1", weight: 100 }, { version: "v2", weight: 0 }], actor: "console", reason: "deploy v2: 0% until traffic is shifted" });
  await page.screenshot({ path: screenshot("8-deployed-v2-canaries"), fullPage: true });
});

test("a second deploy while v2's deployment runs is a 409 that says why, in the form and from the API", async () => {
  const form = page.getByRole("form", { name: "deploy a version" });
  await form.getByLabel("New version").fill("v3");
  await form.getByRole("button", { name: "Deploy" }).click();
  await form.getByRole("alert").filter({ hasText: /Not deployed: deployment [0-9a-f]{8} is running .*; promote or roll it back first/ }).waitFor();

  const headers = await apiHeaders(browser.context, system.url.console);
  const res = await fetch(`${system.url.console}/api/services/forex-rate/deploy`, { method: "POST", headers, body: JSON.stringify({ version: "v3", env: {} }) });
  assert.equal(res.status, 409);
  const body = (await res.json()) as { error: { code: string; message: string } };
  assert.equal(body.error.code, "conflict");
  assert.match(body.error.message, /is running/);
  const bad = await fetch(`${system.url.console}/api/services/forex-rate/deploy`, { method: "POST", headers, body: JSON.stringify({ version: "v3", env: { "BAD-NAME": "1", FOREX_FAULT_ERROR_RATIO: "2" } }) });
  assert.equal(bad.status, 400);
  const badBody = (await bad.json()) as { error: { code: string; message: string } };
  assert.equal(badBody.error.code, "invalid_input");
  assert.match(badBody.error.message, /env\.BAD-NAME: must be an environment variable name/);
  assert.match(badBody.error.message, /env\.FOREX_FAULT_ERROR_RATIO: must be a number from 0 to 1/);
  const job = (await (await fetch(`${system.url.nomad}/v1/job/forex-rate`)).json()) as { Version: number };
  assert.equal(job.Version, 1, "nothing more was registered");
});

test("the slider writes once on release: five arrow-key steps, one write of 5%", async () => {
  const slider = page.getByRole("slider", { name: "Weight of v2" });
  await slider.focus();
  for (let i = 0; i < 5; i++) await page.keyboard.press("ArrowRight");
  await page.getByTestId("weight-v2").filter({ hasText: "v2 5%" }).waitFor();
  await waitFor("the slider's history entry", async () => ((await kv("forex-mesh/routing-history/forex-rate")) as History).entries.length >= 2, { timeoutMs: 5_000, intervalMs: 100 });
  await page.getByTestId("convergence").filter({ hasText: /✓ revision \d+ applied on 4\/4 sidecars/ }).waitFor({ timeout: 10_000 });
  assert.deepEqual(await kv("forex-mesh/routes/forex-rate"), { split: [{ version: "v1", weight: 95 }, { version: "v2", weight: 5 }] });
  const history = (await kv("forex-mesh/routing-history/forex-rate")) as History;
  assert.deepEqual(
    history.entries.map((e) => e.reason),
    ["deploy v2: 0% until traffic is shifted", "v2 → 5% (slider)"],
    "one write for the five steps",
  );

  await slider.fill("30");
  await page.getByTestId("weight-v2").filter({ hasText: "v2 30%" }).waitFor();
  await page.getByRole("button", { name: "10%", exact: true }).click();
  await page.getByTestId("weight-v2").filter({ hasText: "v2 10%" }).waitFor();
  // The bar moves optimistically; the history entry follows the write's answer.
  await waitFor("four history entries", async () => ((await kv("forex-mesh/routing-history/forex-rate")) as History).entries.length === 4, { timeoutMs: 5_000, intervalMs: 100 });
  const after = (await kv("forex-mesh/routing-history/forex-rate")) as History;
  assert.deepEqual(
    after.entries.slice(2).map((e) => [e.reason, e.split.map((s) => s.weight).join("/"), e.actor]),
    [
      ["v2 → 30% (slider)", "70/30", "console"],
      ["v2 → 10% (button)", "90/10", "console"],
    ],
  );
  const index = (await (await fetch(`${system.url.consul}/v1/kv/forex-mesh/routes/forex-rate`)).json()) as Array<{ ModifyIndex: number }>;
  assert.equal(after.entries.at(-1)?.revision, index[0]?.ModifyIndex, "each entry names the route table revision it wrote");
});

test("the charts carry markers for the routing changes and the deployment; the list under them says what each is", async () => {
  await page.getByTestId("chart-rate").locator(".recharts-line").first().waitFor({ timeout: 30_000 });
  const list = page.getByTestId("markers");
  await list.getByText(/deployment of v2 \(job version 1, [0-9a-f]{8}\) started/).waitFor({ timeout: 15_000 });
  await list.getByText("routing v1 90% · v2 10% by console: v2 → 10% (button)").waitFor({ timeout: 15_000 });
  // Four routing changes (0%, 5%, 30%, 10%), v2's deployment start, and whatever version 0's own
  // deployment left in the window: each chart draws a line for every listed marker.
  const listed = await list.locator("li").count();
  assert.ok(listed >= 5, `${listed} markers listed`);
  await waitFor("a reference line per marker on the rate chart", async () => (await page.getByTestId("chart-rate").locator(".recharts-reference-line").count()) === listed, { timeoutMs: 15_000, intervalMs: 500 });
  assert.equal(await page.getByTestId("chart-success").locator(".recharts-reference-line").count(), listed);
  assert.equal(await list.locator('li[data-source="routing"]').count(), 4);
  // The system is minutes old: the 5 m window spreads the markers out.
  await page.getByRole("group", { name: "window" }).getByRole("button", { name: "5m", exact: true }).click();
  await page.getByTestId("chart-rate").scrollIntoViewIfNeeded();
  await page.screenshot({ path: screenshot("9-chart-markers"), fullPage: true });
});

test("promote: the markers gain the promotion, the history page shows every routing change among the job versions", async () => {
  const panel = page.getByTestId("deployment");
  await panel.getByRole("button", { name: "Promote v2" }).click();
  await page.getByTestId("weight-v2").filter({ hasText: "v2 100%" }).waitFor();
  await panel.getByText("successful", { exact: true }).waitFor({ timeout: 60_000 });
  await page.getByTestId("markers").getByText(/deployment of v2 \(job version 1, [0-9a-f]{8}\) promoted and successful/).waitFor({ timeout: 15_000 });

  await page.getByRole("link", { name: "History of forex-rate" }).click();
  await page.getByRole("heading", { name: "History of forex-rate", level: 1 }).waitFor();
  const changes = page.getByTestId("routing-change");
  await waitFor("five routing changes on the timeline", async () => (await changes.count()) === 5, { timeoutMs: 10_000, intervalMs: 250 });
  const texts = await page.getByTestId("timeline").locator(":scope > li").allTextContents();
  const kinds = texts.map((t) => (t.startsWith("Routing now") ? "now" : t.startsWith("Routing") ? `routing ${/v1 \d+% · v2 \d+%/.exec(t)?.[0]}` : `job ${/Version (\d+)/.exec(t)?.[1]}`));
  // The 0% entry is written before the job is registered, so it sits between versions 0 and 1.
  assert.deepEqual(kinds, ["now", "routing v1 0% · v2 100%", "routing v1 90% · v2 10%", "routing v1 70% · v2 30%", "routing v1 95% · v2 5%", "job 1", "routing v1 100% · v2 0%", "job 0"]);
  await changes.first().getByText(/promote v2: 100% before Nomad replaces the old instances/).waitFor();
  await page.screenshot({ path: screenshot("10-history-with-routing"), fullPage: true });
  const statuses = await load!.stop();
  load = undefined;
  assert.deepEqual([...statuses.keys()], [200], `every request through the edge succeeded: ${[...statuses]}`);
});
