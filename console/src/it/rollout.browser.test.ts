// The rollout panel against the real system, in Chromium, with the real rollout controller
// (`forex-rollout`, started by `forex-mesh up`): starting a rollout of the deployed canaries writes
// the spec (defaults and validation from @forex-mesh/rollout); the controller steps the weight and
// the panel shows its status (phase, weight, message) and a timeline with every gate's numbers;
// pause / resume / abort write the control key and the controller obeys; steps and verdicts become
// chart markers.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import type { RolloutStatus } from "@forex-mesh/rollout/schema";
import { waitFor } from "@forex-mesh/test-utils";
import type { Page } from "playwright-core";
import { apiHeaders, launchBrowser, screenshot, signIn } from "./browser";
import { consolePassword, type System, startSystem, startTraffic } from "./system";

let system: System;
let browser: Awaited<ReturnType<typeof launchBrowser>>;
let page: Page;
let load: ReturnType<typeof startTraffic> | undefined;
let headers: Record<string, string>;

const kv = async (key: string): Promise<unknown> => {
  const res = await fetch(`${system.url.consul}/v1/kv/${key}?raw`);
  return res.status === 404 ? null : ((await res.json()) as unknown);
};
const api = (path: string, body: unknown) => fetch(`${system.url.console}/api/services/forex-rate/${path}`, { method: "POST", headers, body: JSON.stringify(body) });
const errorOf = async (res: Response) => [res.status, ((await res.json()) as { error: { code: string; message: string } }).error] as const;

before(async () => {
  system = await startSystem();
  browser = await launchBrowser();
  page = await browser.context.newPage();
  await signIn(page, system.url.console, await consolePassword(system));
  headers = await apiHeaders(browser.context, system.url.console);
  load = startTraffic(system);
});
after(async () => {
  await load?.stop();
  await browser?.close();
  await system?.stop();
});

test("without a canary deployment a rollout is refused (409, says why); the panel asks for a deploy first", async () => {
  await page.goto(`${system.url.console}/services/forex-rate`);
  await page.getByTestId("rollout").getByText("Deploy a version first").waitFor();
  const [status, error] = await errorOf(await api("rollout", {}));
  assert.equal(status, 409);
  assert.equal(error.code, "conflict");
  assert.match(error.message, /no running canary deployment to roll out: deploy the new version first/);
  assert.equal(await kv("forex-mesh/rollouts/forex-rate/spec"), null);
});

let id = "";

test("start a rollout of the deployed v2 canaries: the spec carries the form's steps and gates, the rest defaults; a second start is a 409", async () => {
  const deployed = await api("deploy", { version: "v2", env: {} });
  assert.equal(deployed.status, 200, await deployed.clone().text());
  const form = page.getByRole("form", { name: "start a rollout" });
  await form.getByRole("heading", { name: "Roll out v2 against v1" }).waitFor({ timeout: 30_000 });

  await form.getByLabel("Steps (%)").fill("10, 50");
  await form.getByRole("button", { name: "Start rollout" }).click();
  await form.getByRole("alert").filter({ hasText: /Not started: rollout: steps\.1: the last step must be 100/ }).waitFor();

  await form.getByLabel("Steps (%)").fill("10, 50, 100");
  await form.getByLabel("Seconds per step").fill("10");
  await form.getByLabel("Min requests per step").fill("20");
  await form.getByRole("button", { name: "Start rollout" }).click();
  const panel = page.getByTestId("rollout");
  await waitFor("the spec in KV", async () => (await kv("forex-mesh/rollouts/forex-rate/spec")) !== null, { timeoutMs: 5_000, intervalMs: 100 });

  const spec = (await kv("forex-mesh/rollouts/forex-rate/spec")) as Record<string, unknown>;
  id = String(spec.id);
  assert.match(id, /^r-[0-9a-f]{8}$/);
  assert.deepEqual(
    { ...spec, id: undefined, createdAt: undefined },
    {
      id: undefined,
      createdAt: undefined,
      service: "forex-rate",
      job: "forex-rate",
      canary: "v2",
      stable: "v1",
      steps: [10, 50, 100],
      stepSeconds: 10,
      gates: { minSuccessRatio: 0.99, maxSuccessDrop: 0.01, maxP99Ms: 1000, maxP99Factor: 2, minRequests: 20 },
      createdBy: "console",
    },
  );
  await panel.getByText(id).first().waitFor();
  const [status, error] = await errorOf(await api("rollout", { steps: [50, 100] }));
  assert.equal(status, 409);
  assert.match(error.message, new RegExp(`rollout ${id} of v2 is not finished`));
});

const status = async () => (await kv("forex-mesh/rollouts/forex-rate/status")) as RolloutStatus | null;
const routeWeights = async () =>
  ((await kv("forex-mesh/routes/forex-rate")) as { split: Array<{ version: string; weight: number }> }).split
    .filter((s) => s.weight > 0)
    .map((s) => `${s.version}=${s.weight}`)
    .join(",");

test("the controller steps the canary and the panel shows phase, weight, message and a verdict with every gate's numbers", async () => {
  const panel = page.getByTestId("rollout");
  // Canaries healthy → 10%; after the step window (≥ 2 scrapes) a verdict on live traffic → 50%.
  await panel.getByTestId("rollout-status").filter({ hasText: /stepping\s*canary weight 10%/ }).waitFor({ timeout: 60_000 });
  assert.equal(await routeWeights(), "v1=90,v2=10");
  await panel.getByTestId("rollout-status").filter({ hasText: /stepping\s*canary weight 50%\s*step 2 of 3 \(50%\)/ }).waitFor({ timeout: 90_000 });
  const current = await status();
  assert.equal(current?.id, id);
  const verdict = current?.events.find((e) => e.kind === "verdict" && e.step === 0);
  assert.equal(verdict?.outcome, "pass", JSON.stringify(current?.events));
  const ratio = verdict?.gates?.find((g) => g.name === "success_ratio");
  assert.ok(ratio && ratio.canary !== null && ratio.canary >= 0.99, JSON.stringify(verdict));
  const requests = verdict?.gates?.find((g) => g.name === "min_requests");
  assert.ok(requests && (requests.canary ?? 0) >= 20, JSON.stringify(verdict));

  const events = panel.getByTestId("rollout-events").locator(":scope > li");
  const kinds = await events.evaluateAll((li) => li.map((e) => e.getAttribute("data-kind")));
  // Newest first; "waiting" events (thin traffic, canaries starting) may fall between, as they happen.
  assert.deepEqual(
    kinds.filter((k) => k !== "waiting"),
    ["step", "verdict", "step", "started"],
    `newest first: ${kinds}`,
  );
  const row = (await events.nth(kinds.indexOf("verdict")).locator('tr[data-gate="success_ratio"]').textContent()) ?? "";
  assert.match(row, new RegExp(`success ratio${ratio.canary}`));
  assert.match(row, /≥ 0\.99✓ pass/);
  await page.getByTestId("markers").getByText(/rollout step 1 at 10% passed/).waitFor({ timeout: 15_000 });

  // While it steers, weights and the deployment are the controller's: the buttons say so and the API refuses.
  await page.getByTestId("steered").filter({ hasText: `Rollout ${id} is steering` }).waitFor();
  assert.equal(await page.getByRole("button", { name: "25%", exact: true }).isDisabled(), true);
  assert.equal(await page.getByTestId("deployment").getByRole("button", { name: "Promote v2" }).isDisabled(), true);
  const put = await fetch(`${system.url.console}/api/services/forex-rate/routes`, { method: "PUT", headers, body: JSON.stringify({ version: "v2", weight: 25 }) });
  const [code, refused] = await errorOf(put);
  assert.equal(code, 409);
  assert.match(refused.message, new RegExp(`rollout ${id} of v2 is steering forex-rate's traffic .*abort it first`));
  assert.equal(await routeWeights(), "v1=50,v2=50", "the refused change wrote nothing");
  await panel.scrollIntoViewIfNeeded();
  await page.screenshot({ path: screenshot("13-rollout-stepping"), fullPage: true });
});

test("pause holds the weight, resume continues, abort sends 100% back to v1 and fails the deployment; the start form returns", async () => {
  const panel = page.getByTestId("rollout");
  const control = async () => (await kv("forex-mesh/rollouts/forex-rate/control")) as { id: string; command: string; at: string } | null;
  await panel.getByRole("button", { name: "Pause rollout" }).click();
  await waitFor("the pause command in KV", async () => (await control())?.command === "pause", { timeoutMs: 5_000, intervalMs: 100 });
  assert.equal((await control())?.id, id);
  await panel.getByTestId("rollout-status").filter({ hasText: /paused/ }).waitFor({ timeout: 10_000 });
  await panel.getByRole("button", { name: "Resume rollout" }).and(page.locator(":enabled")).waitFor();
  assert.equal(await panel.getByRole("button", { name: "Pause rollout" }).isDisabled(), true);
  assert.equal(await routeWeights(), "v1=50,v2=50", "paused holds the weight");

  await panel.getByRole("button", { name: "Resume rollout" }).click();
  await panel.getByTestId("rollout-status").filter({ hasText: /stepping\s*canary weight 50%/ }).waitFor({ timeout: 10_000 });
  assert.ok((await status())?.events.some((e) => e.kind === "resumed"));

  await panel.getByRole("button", { name: "Abort rollout" }).click();
  await panel.getByTestId("rollout-status").filter({ hasText: "aborted" }).waitFor({ timeout: 15_000 });
  assert.equal(await routeWeights(), "v1=100");
  const ended = await status();
  assert.deepEqual(
    ended?.events.slice(-2).map((e) => e.kind),
    ["aborted", "rolled-back"],
  );
  for (const name of ["Pause rollout", "Resume rollout", "Abort rollout"]) assert.equal(await panel.getByRole("button", { name }).isDisabled(), true, name);
  await page.getByRole("form", { name: "start a rollout" }).waitFor({ timeout: 30_000 });
  await page.getByTestId("steered").waitFor({ state: "detached" });
  assert.equal(await page.getByRole("button", { name: "25%", exact: true }).isDisabled(), false, "control is back by hand");
  await waitFor(
    "Nomad to fail the v2 deployment",
    async () => {
      const d = (await (await fetch(`${system.url.nomad}/v1/job/forex-rate/deployment`)).json()) as { JobVersion: number; Status: string } | null;
      const all = (await (await fetch(`${system.url.nomad}/v1/job/forex-rate/deployments`)).json()) as Array<{ JobVersion: number; Status: string }>;
      return d !== null && all.some((x) => x.JobVersion === 1 && x.Status === "failed");
    },
    { timeoutMs: 15_000, intervalMs: 250 },
  );
  await panel.scrollIntoViewIfNeeded();
  await page.screenshot({ path: screenshot("14-rollout-aborted"), fullPage: true });

  const [code, error] = await errorOf(await api("rollout/control", { command: "resume" }));
  assert.equal(code, 409);
  assert.match(error.message, new RegExp(`rollout ${id} cannot resume now \\(aborted\\)`));
  const [bad] = await errorOf(await api("rollout/control", { command: "restart" }));
  assert.equal(bad, 400);
  const statuses = await load!.stop();
  load = undefined;
  assert.deepEqual([...statuses.keys()], [200], `every request through the edge succeeded: ${[...statuses]}`);
});
