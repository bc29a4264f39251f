// Issue 7's proof, as one operator's session in Chromium against the real system (`forex-mesh up`,
// console job included): sign in; the topology shows the four services with live numbers; deploy
// forex-rate v2 from the form → canaries at 0%; click 10% → within 2 s applied on every sidecar, and
// of 1,000 requests through the edge 10% ± 3 are answered by forex-rate v2 (counted from
// `x-forex-served-by`, the chain of service=version that served each answer); 100% → promote → v1
// instances gone, v2 stable; deploy v3 with an error ratio, shift 25%, its success rate falls on the
// chart; roll back → 100% v2 again, v3 gone.
import assert from "node:assert/strict";
import { performance } from "node:perf_hooks";
import { after, before, test } from "node:test";
import { waitFor } from "@forex-mesh/test-utils";
import type { Page } from "playwright-core";
import { launchBrowser, screenshot, signIn } from "./browser";
import { consolePassword, type System, startSystem, startTraffic } from "./system";

let system: System;
let browser: Awaited<ReturnType<typeof launchBrowser>>;
let page: Page;
let load: ReturnType<typeof startTraffic> | undefined;

interface HealthEntry {
  Service: { Tags: string[] | null; Meta: Record<string, string> | null };
  Checks: Array<{ Status: string }>;
}
/** forex-rate's registered instances as "version:passing|critical", sorted. */
async function rateInstances(): Promise<string[]> {
  const entries = (await (await fetch(`${system.url.consul}/v1/health/service/forex-rate`)).json()) as HealthEntry[];
  return entries.map((e) => `${e.Service.Meta?.version}:${e.Checks.every((c) => c.Status === "passing") ? "passing" : "critical"}`).sort();
}
async function routeTable(): Promise<{ split: Array<{ version: string; weight: number }> }> {
  return (await (await fetch(`${system.url.consul}/v1/kv/forex-mesh/routes/forex-rate?raw`)).json()) as { split: Array<{ version: string; weight: number }> };
}
const nonZero = (table: { split: Array<{ version: string; weight: number }> }) =>
  table.split
    .filter((s) => s.weight > 0)
    .map((s) => `${s.version}=${s.weight}`)
    .join(",");

/** The route table's revision (KV ModifyIndex) once it holds `expected` (as `nonZero` prints it). */
async function revisionOnceWritten(expected: string): Promise<number> {
  let revision = 0;
  await waitFor(
    `the route table to become ${expected}`,
    async () => {
      const [entry] = (await (await fetch(`${system.url.consul}/v1/kv/forex-mesh/routes/forex-rate`)).json()) as Array<{ Value: string; ModifyIndex: number }>;
      revision = entry?.ModifyIndex ?? 0;
      return entry !== undefined && nonZero(JSON.parse(Buffer.from(entry.Value, "base64").toString("utf8"))) === expected;
    },
    { timeoutMs: 5_000, intervalMs: 20 },
  );
  return revision;
}

/** Deploys `version` of forex-rate from the deployment panel's form and waits for its two canaries to be healthy. */
async function deploy(version: string, env: Record<string, string> = {}): Promise<void> {
  const form = page.getByRole("form", { name: "deploy a version" });
  await form.getByLabel("New version").fill(version);
  for (const [i, [name, value]] of Object.entries(env).entries()) {
    if (i > 0) await form.getByRole("button", { name: "Add variable" }).click();
    await form.getByLabel(`Variable ${i + 1} name`).fill(name);
    await form.getByLabel(`Variable ${i + 1} value`).fill(value);
  }
  await form.getByRole("button", { name: "Deploy" }).click();
  await form.getByRole("status").filter({ hasText: `✓ ${version} registered` }).waitFor();
  await page.getByTestId("deployment").getByText(/canaries 2\/2 placed, 2 healthy/).waitFor({ timeout: 60_000 });
  await page.getByTestId(`weight-${version}`).filter({ hasText: `${version} 0%` }).waitFor();
}

before(async () => {
  system = await startSystem();
  browser = await launchBrowser();
  page = await browser.context.newPage();
});
after(async () => {
  await load?.stop();
  await browser?.close();
  await system?.stop();
});

test("sign in; the topology shows forex-edge, forex-web, forex-converter and forex-rate with live numbers", async () => {
  await signIn(page, system.url.console, await consolePassword(system));
  load = startTraffic(system);
  for (const id of ["forex-edge@edge", "forex-web@v1", "forex-converter@v1", "forex-rate@v1"]) {
    await page.getByTestId(`node-${id}`).filter({ hasText: /\d+\/\d+ passing/ }).waitFor({ timeout: 30_000 });
  }
  for (const edge of ["forex-edge-forex-web-v1", "forex-web-forex-converter-v1", "forex-converter-forex-rate-v1"]) {
    await waitFor(`live traffic on ${edge}`, async () => Number((await page.getByTestId(`edge-${edge}`).getByTestId("rps").textContent({ timeout: 1_000 }).catch(() => "0")) ?? "0") > 0, { timeoutMs: 60_000, intervalMs: 500 });
  }
  await page.screenshot({ path: screenshot("proof-1-topology"), fullPage: true });
});

test("deploy forex-rate v2 from the console: its canaries come up at 0%", async () => {
  await page.goto(`${system.url.console}/services/forex-rate`);
  await deploy("v2");
  assert.deepEqual(await rateInstances(), ["v1:passing", "v1:passing", "v2:passing", "v2:passing"]);
  assert.equal(nonZero(await routeTable()), "v1=100");
  await page.screenshot({ path: screenshot("proof-2-v2-canaries"), fullPage: true });
});

test("10%: applied on every sidecar within 2 s, and 10% ± 3 of 1,000 requests through the edge reach v2", async () => {
  const clicked = performance.now();
  await page.getByRole("button", { name: "10%", exact: true }).click();
  // forex-rate's callers: forex-web and forex-converter, two instances each.
  const revision = await revisionOnceWritten("v1=90,v2=10");
  // This revision, not the one before the click: the panel must show the new table applied everywhere.
  const converged = page.getByTestId("convergence").filter({ hasText: new RegExp(`✓ revision ${revision} applied on 4/4 sidecars, \\d+ ms after the write`) });
  await converged.waitFor({ timeout: 2_000 });
  const convergedMs = performance.now() - clicked;
  assert.ok(convergedMs < 2_000, `the panel showed 4/4 sidecars ${convergedMs.toFixed(0)} ms after the click`);
  const spread = Number(/(\d+) ms after the write/.exec((await converged.textContent()) ?? "")?.[1]);
  assert.ok(spread < 2_000, `the sidecars themselves say the last applied it ${spread} ms after the write`);

  const served = new Map<string, number>();
  let next = 0;
  const statuses = new Map<number, number>();
  await Promise.all(
    Array.from({ length: 8 }, async () => {
      while (next < 1_000) {
        next += 1;
        const res = await fetch(`${system.url.edge}/api/convert?amount=${next}&from=EUR&to=USD`);
        await res.arrayBuffer();
        statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
        const rate = /forex-rate=([^,\s]+)/.exec(res.headers.get("x-forex-served-by") ?? "")?.[1] ?? "none";
        served.set(rate, (served.get(rate) ?? 0) + 1);
      }
    }),
  );
  assert.deepEqual([...statuses], [[200, 1_000]]);
  const v2 = served.get("v2") ?? 0;
  console.log(`# 10%: panel showed 4/4 sidecars ${convergedMs.toFixed(0)} ms after the click (sidecars applied it ${spread} ms after the write); forex-rate versions over 1,000 requests: ${JSON.stringify(Object.fromEntries(served))}`);
  assert.equal((served.get("v1") ?? 0) + v2, 1_000, `every answer names the forex-rate version: ${JSON.stringify(Object.fromEntries(served))}`);
  assert.ok(v2 >= 70 && v2 <= 130, `${v2} of 1,000 reached v2; expected 100 ± 30`);
  await page.screenshot({ path: screenshot("proof-3-ten-percent"), fullPage: true });
});

test("100% → promote: v1 instances are gone and v2 is stable", async () => {
  await page.getByRole("button", { name: "100%", exact: true }).click();
  const revision = await revisionOnceWritten("v2=100");
  await page.getByTestId("convergence").filter({ hasText: `✓ revision ${revision} applied on 4/4 sidecars` }).waitFor({ timeout: 5_000 });
  const panel = page.getByTestId("deployment");
  await panel.getByRole("button", { name: "Promote v2" }).click();
  await panel.getByText("successful", { exact: true }).waitFor({ timeout: 60_000 });
  await waitFor("only v2 instances registered", async () => (await rateInstances()).join() === "v2:passing,v2:passing", { timeoutMs: 30_000, intervalMs: 500 });
  const instances = page.getByTestId("instances");
  await waitFor("the instances table lists v2 only", async () => {
    const text = (await instances.textContent()) ?? "";
    return text.includes("v2") && !/\bv1\b/.test(text);
  }, { timeoutMs: 15_000, intervalMs: 500 });
  const job = (await (await fetch(`${system.url.nomad}/v1/job/forex-rate`)).json()) as { Meta: Record<string, string>; Stable: boolean };
  assert.equal(job.Meta.version, "v2");
  assert.equal(job.Stable, true);
  await page.screenshot({ path: screenshot("proof-4-promoted"), fullPage: true });
});

test("deploy v3 with an error ratio, shift 25%: its success rate falls on the chart; roll back → 100% v2, v3 gone", async () => {
  await deploy("v3", { FOREX_FAULT_ERROR_RATIO: "0.4" });
  await page.getByRole("button", { name: "25%", exact: true }).click();
  const revision = await revisionOnceWritten("v2=75,v3=25");
  await page.getByTestId("convergence").filter({ hasText: `✓ revision ${revision} applied on 4/4 sidecars` }).waitFor({ timeout: 5_000 });

  // The success chart draws v3's line; its tooltip at the newest sample reads well below 1.
  const chart = page.getByTestId("chart-success");
  await chart.scrollIntoViewIfNeeded();
  let seen = "";
  await waitFor(
    "v3's success ratio below 0.9 on the chart",
    async () => {
      const box = await chart.getByRole("application").boundingBox();
      if (!box) return false;
      // Hover the newest samples (the right end of the plot) and read the tooltip recharts shows.
      for (const dx of [30, 45, 60, 80]) {
        await page.mouse.move(box.x + box.width - dx, box.y + box.height / 2);
        seen = (await chart.locator(".recharts-tooltip-wrapper").textContent({ timeout: 500 }).catch(() => "")) ?? "";
        const v3 = /v3\s*:\s*([0-9.]+)/.exec(seen);
        if (v3 && Number(v3[1]) < 0.9) return true;
      }
      return false;
    },
    { timeoutMs: 90_000, intervalMs: 2_000 },
  );
  console.log(`# v3 on the success chart: ${seen}`);
  await page.screenshot({ path: screenshot("proof-5-v3-failing"), fullPage: true });

  await page.getByTestId("deployment").getByRole("button", { name: "Roll back to v2" }).click();
  await page.getByTestId("weight-v2").filter({ hasText: "v2 100%" }).waitFor();
  await revisionOnceWritten("v2=100");
  await waitFor("v3 instances gone", async () => (await rateInstances()).join() === "v2:passing,v2:passing", { timeoutMs: 60_000, intervalMs: 500 });
  // The failed deployment is on the charts' marker list; Nomad's revert is the job back at v2.
  await page.getByTestId("markers").getByText(/deployment of v3 .*failed/).waitFor({ timeout: 30_000 });
  const job = (await (await fetch(`${system.url.nomad}/v1/job/forex-rate`)).json()) as { Meta: Record<string, string> };
  assert.equal(job.Meta.version, "v2", "Nomad reverted the job to v2");
  const deployments = (await (await fetch(`${system.url.nomad}/v1/job/forex-rate/deployments`)).json()) as Array<{ JobVersion: number; Status: string }>;
  const statuses = deployments.sort((a, b) => a.JobVersion - b.JobVersion).map((d) => d.Status);
  assert.equal(statuses[2], "failed", `the v3 deployment (job version 2) failed: ${statuses}`);
  await page.screenshot({ path: screenshot("proof-6-rolled-back"), fullPage: true });
});
