// The console against the real system (`forex-mesh up` on free ports, console job included), in
// Chromium: sign-in is required, the topology shows the four services with live numbers after
// traffic through the edge, 10% for a new version's canaries is written to Consul KV and shown as
// applied on every sidecar, mutations without a session or from another origin are refused, the
// logs page follows an allocation's stdout as requests arrive, and the history page shows the job's
// versions with their diffs and reverts.
import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import { after, before, test } from "node:test";
import { waitFor } from "@forex-mesh/test-utils";
import type { Page } from "playwright-core";
import { launchBrowser, screenshot } from "./browser";
import { cli, consolePassword, repoRoot, type System, startSystem, startTraffic } from "./system";

let system: System;
let browser: Awaited<ReturnType<typeof launchBrowser>>;
let page: Page;
let load: ReturnType<typeof startTraffic> | undefined;

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

test("without a session a page sends you to the login; the password up printed signs you in", async () => {
  await page.goto(`${system.url.console}/services/forex-rate`);
  assert.match(new URL(page.url()).pathname, /^\/login$/);
  assert.equal(new URL(page.url()).searchParams.get("next"), "/services/forex-rate");
  await page.getByLabel("Password").fill("not-the-password");
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.getByRole("alert").filter({ hasText: "Wrong password." }).waitFor();
  await page.screenshot({ path: screenshot("1-login"), fullPage: true });

  await page.goto(`${system.url.console}/login`);
  await page.getByLabel("Password").fill(await consolePassword(system));
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.getByRole("heading", { name: "Topology" }).waitFor();
  assert.equal(new URL(page.url()).pathname, "/");
  const cookie = (await browser.context.cookies(system.url.console)).find((c) => c.name === "forex_console_session");
  assert.equal(cookie?.httpOnly, true);
  assert.equal(cookie?.sameSite, "Lax");
});

test("the topology shows forex-edge, forex-web, forex-converter and forex-rate with live numbers", async () => {
  load = startTraffic(system);
  for (const id of ["forex-edge@edge", "forex-web@v1", "forex-converter@v1", "forex-rate@v1"]) {
    await page.getByTestId(`node-${id}`).waitFor();
  }
  assert.match((await page.getByTestId("node-forex-rate@v1").textContent()) ?? "", /2\/2 passing/);
  // The edges table fills as Prometheus scrapes (5 s) and evaluates the 30 s rules; the page polls.
  for (const edge of ["forex-edge-forex-web-v1", "forex-web-forex-converter-v1", "forex-converter-forex-rate-v1"]) {
    await waitFor(
      `the ${edge} edge to show traffic`,
      async () => Number((await page.getByTestId(`edge-${edge}`).getByTestId("rps").textContent({ timeout: 1_000 }).catch(() => "0")) ?? "0") > 0,
      { timeoutMs: 45_000, intervalMs: 500 },
    );
  }
  assert.match((await page.getByTestId("edge-forex-edge-forex-web-v1").textContent()) ?? "", /100%/);
  await page.screenshot({ path: screenshot("2-topology"), fullPage: true });
});

test("10% for forex-rate's v2 canaries is written to Consul KV and applied on every sidecar", async () => {
  await cli(system, ["job", "run", "-detach", "-var", `repo=${repoRoot}`, "-var", `consul_addr=${system.url.consul}`, "-var", "version=v2", "nomad/jobs/forex-rate.nomad.hcl"]);
  await page.locator("g.service", { hasText: "forex-rate" }).click();
  await page.getByRole("heading", { name: "forex-rate", level: 1 }).waitFor();
  await page.getByTestId("instances").getByText("canary").first().waitFor({ timeout: 30_000 });
  assert.equal(await page.getByLabel("Version", { exact: true }).inputValue(), "v2", "the buttons move the newest version");
  // No table yet: the sidecars split evenly over the stable instances, so v1 has 100% and v2 0%.
  assert.equal(await page.getByRole("slider", { name: "Weight of v2" }).inputValue(), "0");
  await page.getByLabel("Version", { exact: true }).selectOption("v1");
  assert.equal(await page.getByRole("slider", { name: "Weight of v1" }).inputValue(), "100");
  assert.equal(await page.getByRole("button", { name: "100%", exact: true }).getAttribute("aria-pressed"), "true");
  await page.getByLabel("Version", { exact: true }).selectOption("v2");

  await page.getByRole("button", { name: "10%", exact: true }).click();
  await page.getByTestId("weight-v2").filter({ hasText: "v2 10%" }).waitFor();
  await page.getByTestId("weight-v1").filter({ hasText: "v1 90%" }).waitFor();
  // Four sidecars call forex-rate (forex-web's and forex-converter's, two each).
  await page.getByTestId("convergence").filter({ hasText: /✓ revision [1-9]\d* applied on 4\/4 sidecars/ }).waitFor({ timeout: 10_000 });

  const kv = (await (await fetch(`${system.url.consul}/v1/kv/forex-mesh/routes/forex-rate?raw`)).json()) as unknown;
  assert.deepEqual(kv, { split: [{ version: "v1", weight: 90 }, { version: "v2", weight: 10 }] });
  const revision = Number(/revision (\d+)/.exec((await page.getByTestId("convergence").textContent()) ?? "")?.[1]);
  const index = (await (await fetch(`${system.url.consul}/v1/kv/forex-mesh/routes/forex-rate`)).json()) as Array<{ ModifyIndex: number }>;
  assert.equal(revision, index[0]?.ModifyIndex, "the revision shown is the KV ModifyIndex");
  await page.getByTestId("chart-rate").locator(".recharts-line").first().waitFor({ timeout: 20_000 });
  await page.screenshot({ path: screenshot("3-service-forex-rate"), fullPage: true });
  await page.getByRole("link", { name: "Topology" }).first().click();
  await page.getByTestId("node-forex-rate@v2").filter({ hasText: "2/2 passing" }).waitFor();
  // The canaries now take their 10%: the edge to v2 shows traffic once Prometheus has two scrapes of it.
  await waitFor(
    "the forex-web → forex-rate v2 edge to show traffic",
    async () => Number((await page.getByTestId("edge-forex-web-forex-rate-v2").getByTestId("rps").textContent({ timeout: 1_000 }).catch(() => "0")) ?? "0") > 0,
    { timeoutMs: 40_000, intervalMs: 500 },
  );
  await page.screenshot({ path: screenshot("4-topology-with-canaries"), fullPage: true });
  const statuses = await load!.stop();
  load = undefined;
  assert.deepEqual([...statuses.keys()], [200], `every request through the edge succeeded during the shift: ${[...statuses]}`);
});

test("a mutation without a session is 401, from another origin 403, both JSON; the table is unchanged", async () => {
  const url = `${system.url.console}/api/services/forex-rate/routes`;
  const body = JSON.stringify({ version: "v2", weight: 100 });
  const anon = await fetch(url, { method: "PUT", body, headers: { "content-type": "application/json", origin: system.url.console } });
  assert.equal(anon.status, 401);
  assert.equal(((await anon.json()) as { error: { code: string } }).error.code, "unauthenticated");

  const session = (await browser.context.cookies(system.url.console)).find((c) => c.name === "forex_console_session")!;
  const cookie = `${session.name}=${session.value}`;
  const attempts: Array<Record<string, string>> = [{ origin: "http://evil.example" }, { "sec-fetch-site": "same-site", origin: system.url.edge }, {}];
  for (const headers of attempts) {
    const res = await fetch(url, { method: "PUT", body, headers: { "content-type": "application/json", cookie, ...headers } });
    assert.equal(res.status, 403, JSON.stringify(headers));
    assert.equal(((await res.json()) as { error: { code: string } }).error.code, "cross_origin");
  }
  const same = await fetch(url, { method: "PUT", body: JSON.stringify({ version: "v2", weight: 101 }), headers: { "content-type": "application/json", cookie, origin: system.url.console } });
  assert.equal(same.status, 400, "same origin with a session reaches validation");
  const kv = (await (await fetch(`${system.url.consul}/v1/kv/forex-mesh/routes/forex-rate?raw`)).json()) as unknown;
  assert.deepEqual(kv, { split: [{ version: "v1", weight: 90 }, { version: "v2", weight: 10 }] });
});

test("promote moves 100% to v2 first, then Nomad replaces the v1 instances", async () => {
  await page.goto(`${system.url.console}/services/forex-rate`);
  const panel = page.getByTestId("deployment");
  await panel.getByText(/canaries 2\/2 placed/).waitFor();
  await panel.getByRole("button", { name: "Promote v2" }).click();
  await page.getByTestId("weight-v2").filter({ hasText: "v2 100%" }).waitFor();
  const kv = (await (await fetch(`${system.url.consul}/v1/kv/forex-mesh/routes/forex-rate?raw`)).json()) as unknown;
  assert.deepEqual(kv, { split: [{ version: "v1", weight: 0 }, { version: "v2", weight: 100 }] });
  // Nomad stops v1 and places v2 in its stead; the page polls until only stable v2 instances remain.
  const instances = page.getByTestId("instances");
  await waitFor(
    "only v2 instances, none of them canaries",
    async () => {
      const rows = await instances.locator("tbody tr").allTextContents();
      return rows.length === 2 && rows.every((r) => r.includes("v2") && !r.includes("canary") && r.includes("passing"));
    },
    { timeoutMs: 60_000, intervalMs: 500 },
  );
  await panel.getByText("successful", { exact: true }).waitFor({ timeout: 30_000 });
  await page.screenshot({ path: screenshot("5-promoted"), fullPage: true });
});

test("the logs page of a forex-rate allocation follows its stdout: requests through the edge appear as rows", async () => {
  await page.goto(`${system.url.console}/services/forex-rate`);
  await page.getByTestId("instances").getByRole("link", { name: "logs" }).first().click();
  await page.getByRole("heading", { name: "Logs", level: 1 }).waitFor();
  assert.equal(new URL(page.url()).searchParams.get("task"), "app");
  await page.getByTestId("log-status").filter({ hasText: "following" }).waitFor();
  // One trace id for every page view. The sidecars balance by power of two choices with latency as
  // the tiebreak, so sequential requests may all land on the other instance: send concurrent batches
  // (outstanding requests spread them) until this instance logs one; bounded to 25 batches.
  const trace = randomBytes(16).toString("hex");
  const row = page.getByTestId("log-lines").locator("tr", { has: page.locator(`code[title="${trace}"]`) }).first();
  let sent = 0;
  await waitFor(
    "a request of this trace in the followed log",
    async () => {
      if ((await row.count()) > 0) return true;
      if (sent >= 25 * 8) throw new Error(`${sent} requests sent and none appeared in the log`);
      const batch = Array.from({ length: 8 }, async () => {
        sent += 1;
        const span = sent.toString(16).padStart(16, "0");
        const res = await fetch(`${system.url.edge}/?amount=${sent}&from=USD&to=JPY`, { headers: { traceparent: `00-${trace}-${span}-01` } });
        await res.arrayBuffer();
        assert.equal(res.status, 200);
      });
      await Promise.all(batch);
      return false;
    },
    { timeoutMs: 20_000, intervalMs: 250 },
  );
  await row.waitFor({ timeout: 5_000 });
  assert.match((await row.textContent()) ?? "", /info.*request.*200/);
  await page.screenshot({ path: screenshot("6-logs"), fullPage: true });
});

test("the history of forex-rate lists version 0 and the v2 deploy's version 1 with its meta.version diff; revert registers version 0 again", async () => {
  await page.goto(`${system.url.console}/services/forex-rate`);
  await page.getByRole("link", { name: "History of forex-rate" }).click();
  await page.getByRole("heading", { name: "History of forex-rate", level: 1 }).waitFor();
  const v1 = page.getByTestId("version-1");
  await v1.locator("tr", { hasText: "Meta[version]" }).filter({ hasText: /v1\s*→\s*v2/ }).waitFor();
  await page.getByTestId("version-0").getByText("first version").waitFor();
  const index = (await (await fetch(`${system.url.consul}/v1/kv/forex-mesh/routes/forex-rate`)).json()) as Array<{ ModifyIndex: number }>;
  await page.getByTestId("routing-now").filter({ hasText: `revision ${index[0]?.ModifyIndex} · v1 0% · v2 100%` }).waitFor();
  await page.screenshot({ path: screenshot("7-history"), fullPage: true });

  await page.getByTestId("version-0").getByRole("button", { name: "Revert to version 0" }).click();
  // Nomad re-registers version 0's job as a new version: its diff is the way back.
  await page.getByTestId("version-2").locator("tr", { hasText: "Meta[version]" }).filter({ hasText: /v2\s*→\s*v1/ }).waitFor();
  const versions = (await (await fetch(`${system.url.nomad}/v1/job/forex-rate/versions`)).json()) as { Versions: Array<{ Version: number; Meta?: Record<string, string> }> };
  assert.equal(versions.Versions[0]?.Version, 2);
  assert.equal(versions.Versions[0]?.Meta?.version, "v1");
});

test("the logs and revert routes validate their input: JSON 400s; an unknown job or API path is a JSON 404, a method a route does not serve a JSON 405", async () => {
  const session = (await browser.context.cookies(system.url.console)).find((c) => c.name === "forex_console_session")!;
  const headers = { cookie: `${session.name}=${session.value}`, origin: system.url.console, "content-type": "application/json" };
  const code = async (res: Response) => [res.status, ((await res.json()) as { error: { code: string } }).error.code];
  assert.deepEqual(await code(await fetch(`${system.url.console}/api/logs?alloc=nope&task=app`, { headers })), [400, "invalid_input"]);
  assert.deepEqual(await code(await fetch(`${system.url.console}/api/logs?alloc=00000000-0000-0000-0000-000000000000&task=app&type=stdin`, { headers })), [400, "invalid_input"]);
  const revert = (job: string, body: unknown) => fetch(`${system.url.console}/api/jobs/${job}/revert`, { method: "POST", headers, body: JSON.stringify(body) });
  assert.deepEqual(await code(await revert("forex-rate", { version: -1, priorVersion: 2 })), [400, "invalid_input"]);
  assert.deepEqual(await code(await fetch(`${system.url.console}/api/jobs/no-such-job/history`, { headers })), [404, "not_found"]);
  assert.deepEqual(await code(await fetch(`${system.url.console}/api/no/such/route`, { headers })), [404, "not_found"]);
  assert.deepEqual(await code(await fetch(`${system.url.console}/api/topology/extra`, { method: "POST", headers, body: "{}" })), [404, "not_found"]);
  const wrongMethod = await fetch(`${system.url.console}/api/topology`, { method: "DELETE", headers });
  assert.equal(wrongMethod.headers.get("allow"), "GET");
  assert.deepEqual(await code(wrongMethod), [405, "method_not_allowed"]);
  assert.deepEqual(await code(await fetch(`${system.url.console}/api/services/forex-rate/routes`, { headers })), [405, "method_not_allowed"]);
  // Polled answers are live and small: not cached, and passed by Next's compression (bench:console).
  const topology = await fetch(`${system.url.console}/api/topology`, { headers: { ...headers, "accept-encoding": "gzip" } });
  assert.equal(topology.headers.get("cache-control"), "no-store, no-transform");
  assert.equal(topology.headers.get("content-encoding"), null);
});
