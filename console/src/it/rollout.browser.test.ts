// The rollout panel against the real system, in Chromium: starting a rollout of the deployed
// canaries writes the spec (defaults and validation from @forex-mesh/rollout), the panel shows the
// controller's status (phase, weight, message) and a timeline with every gate's numbers, the
// pause / resume / abort buttons write the control key, and steps and verdicts become chart markers.
//
// `forex-mesh up` does not run the rollout controller yet, so the status is written by this test as
// a STAND-IN for the controller: each document is validated with the rollout package's own
// `validateRolloutStatus` before it is stored, so the console is shown only what the controller
// could write. Everything the console itself does (spec, control, display) is real.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { type RolloutStatus, validateRolloutStatus } from "@forex-mesh/rollout/model";
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

/** The controller's part, played by the test (see the header); refuses what the controller could not write. */
async function standInStatus(status: RolloutStatus): Promise<void> {
  const valid = validateRolloutStatus(status);
  assert.ok(valid.ok, valid.ok ? "" : valid.error.message);
  const res = await fetch(`${system.url.consul}/v1/kv/forex-mesh/rollouts/forex-rate/status`, { method: "PUT", body: JSON.stringify(valid.value) });
  assert.equal(await res.text(), "true");
}

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
  await form.getByLabel("Seconds per step").fill("30");
  await form.getByLabel("Min requests per step").fill("20");
  await form.getByRole("button", { name: "Start rollout" }).click();
  const panel = page.getByTestId("rollout");
  await panel.getByTestId("rollout-message").filter({ hasText: "waiting for the rollout controller to pick it up" }).waitFor();

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
      stepSeconds: 30,
      gates: { minSuccessRatio: 0.99, maxSuccessDrop: 0.01, maxP99Ms: 1000, maxP99Factor: 2, minRequests: 20 },
      createdBy: "console",
    },
  );
  await panel.getByText(`${id}`).waitFor();
  const [status, error] = await errorOf(await api("rollout", { steps: [50, 100] }));
  assert.equal(status, 409);
  assert.match(error.message, new RegExp(`rollout ${id} of v2 is not finished`));
});

test("the controller's status shows as phase, weight and message, with a timeline of steps and each verdict's gates", async () => {
  // The story compressed into the last few seconds, so its markers fall after the deploy's on the charts.
  const t = (s: number) => new Date(Date.now() - 7_000 + s * 100).toISOString();
  const passGates = [
    { name: "min_requests" as const, canary: 212, stable: 1890, threshold: 20, pass: true },
    { name: "success_ratio" as const, canary: 0.9995, stable: 1, threshold: 0.99, pass: true },
    { name: "success_vs_stable" as const, canary: 0.9995, stable: 1, threshold: 0.99, pass: true },
    { name: "p99" as const, canary: 9.8, stable: 9.5, threshold: 1000, pass: true },
    { name: "p99_vs_stable" as const, canary: 9.8, stable: 9.5, threshold: 25, pass: true },
  ];
  await standInStatus({
    id,
    phase: "stepping",
    step: 1,
    weight: 50,
    stepStartedAt: t(60),
    updatedAt: t(60),
    message: "step 2 of 3: 50% to v2 for 30 s",
    events: [
      { at: t(0), kind: "started", step: -1, weight: 0, message: `rollout ${id}: v2 against v1` },
      { at: t(20), kind: "step", step: 0, weight: 10, message: "step 1 of 3: 10% to v2" },
      { at: t(50), kind: "verdict", step: 0, weight: 10, outcome: "pass", gates: passGates, message: "canary success 0.9995, p99 9.8 ms over 212 requests" },
      { at: t(60), kind: "step", step: 1, weight: 50, message: "step 2 of 3: 50% to v2" },
    ],
  });
  const panel = page.getByTestId("rollout");
  await panel.getByTestId("rollout-status").filter({ hasText: /stepping\s*canary weight 50%\s*step 2 of 3 \(50%\)/ }).waitFor();
  await panel.getByTestId("rollout-message").filter({ hasText: "step 2 of 3: 50% to v2 for 30 s" }).waitFor();
  const events = panel.getByTestId("rollout-events").locator(":scope > li");
  assert.deepEqual(
    await events.evaluateAll((li) => li.map((e) => e.getAttribute("data-kind"))),
    ["step", "verdict", "step", "started"],
  );
  const verdict = events.nth(1);
  assert.match((await verdict.locator('tr[data-gate="success_ratio"]').textContent()) ?? "", /success ratio0\.999510\.9995 ≥ 0\.99✓ pass/);
  assert.match((await verdict.locator('tr[data-gate="p99_vs_stable"]').textContent()) ?? "", /p99 vs stable9\.8 ms9\.5 ms9\.8 ms ≤ 25 ms✓ pass/);
  await page.getByTestId("markers").getByText("rollout step 1 at 10% passed: canary success 0.9995, p99 9.8 ms over 212 requests").waitFor({ timeout: 15_000 });
  await page.getByTestId("markers").getByText(/rollout step 2: 50%/).waitFor();
  await panel.scrollIntoViewIfNeeded();
  await page.screenshot({ path: screenshot("13-rollout-stepping"), fullPage: true });
});

test("pause, resume and abort write the control key for this rollout; a failed verdict ends it and the start form returns", async () => {
  const panel = page.getByTestId("rollout");
  const control = async () => (await kv("forex-mesh/rollouts/forex-rate/control")) as { id: string; command: string; at: string } | null;
  await panel.getByRole("button", { name: "Pause rollout" }).click();
  await waitFor("the pause command in KV", async () => (await control())?.command === "pause", { timeoutMs: 5_000, intervalMs: 100 });
  assert.equal((await control())?.id, id);

  const now = new Date().toISOString();
  const status = (await kv("forex-mesh/rollouts/forex-rate/status")) as RolloutStatus;
  await standInStatus({ ...status, phase: "paused", message: "paused by operator at step 2 of 3: 50% to v2; resume to continue", updatedAt: now, events: [...status.events, { at: now, kind: "paused", step: 1, weight: 50, message: "paused by operator" }] });
  await panel.getByRole("button", { name: "Resume rollout" }).and(page.locator(":enabled")).waitFor();
  assert.equal(await panel.getByRole("button", { name: "Pause rollout" }).isDisabled(), true);
  await panel.getByRole("button", { name: "Resume rollout" }).click();
  await waitFor("the resume command in KV", async () => (await control())?.command === "resume", { timeoutMs: 5_000, intervalMs: 100 });

  await panel.getByRole("button", { name: "Abort rollout" }).click();
  await waitFor("the abort command in KV", async () => (await control())?.command === "abort", { timeoutMs: 5_000, intervalMs: 100 });

  const end = new Date().toISOString();
  const failGates = [
    { name: "min_requests" as const, canary: 180, stable: 170, threshold: 20, pass: true },
    { name: "success_ratio" as const, canary: 0.79, stable: 1, threshold: 0.99, pass: false },
  ];
  const paused = (await kv("forex-mesh/rollouts/forex-rate/status")) as RolloutStatus;
  await standInStatus({
    ...paused,
    phase: "aborted",
    weight: 0,
    updatedAt: end,
    message: "aborted by operator at step 2 of 3; 100% back to v1, deployment failed",
    events: [
      ...paused.events,
      { at: end, kind: "verdict", step: 1, weight: 50, outcome: "fail", gates: failGates, message: "canary success 0.79 < 0.99" },
      { at: end, kind: "aborted", step: 1, weight: 0, message: "aborted by operator at step 2 of 3" },
    ],
  });
  await panel.getByTestId("rollout-status").filter({ hasText: "aborted" }).waitFor();
  for (const name of ["Pause rollout", "Resume rollout", "Abort rollout"]) assert.equal(await panel.getByRole("button", { name }).isDisabled(), true, name);
  assert.match((await panel.getByTestId("rollout-events").locator('tr[data-gate="success_ratio"]').first().textContent()) ?? "", /0\.79 ≥ 0\.99✗ fail/);
  await page.getByRole("form", { name: "start a rollout" }).waitFor();
  await page.getByTestId("markers").getByText(/rollout step 2 at 50% failed: canary success 0\.79 < 0\.99/).waitFor({ timeout: 15_000 });
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
