import assert from "node:assert/strict";
import { createServer } from "node:http";
import { test } from "node:test";
import { freePort, listenOn } from "@forex-mesh/test-utils";
import { DependencyProbes, describeDependency } from "./dependency-probes.js";
import { createUpstream } from "./upstream.js";

test("describeDependency: 2xx up, other status or unreachable down, timed out slow, never probed unknown", () => {
  assert.deepEqual(describeDependency(undefined, undefined, 1_000, 100), { state: "unknown" });
  assert.deepEqual(describeDependency({ status: 200, timedOut: false, latencyMs: 3, at: 900 }, undefined, 1_000, 100), {
    state: "up",
    status: 200,
    latencyMs: 3,
    checkedMsAgo: 100,
  });
  assert.equal(describeDependency({ status: 503, timedOut: false, latencyMs: 3, at: 900 }, undefined, 1_000, 100).state, "down");
  assert.deepEqual(describeDependency({ error: "refused", timedOut: false, latencyMs: 1, at: 1_000 }, undefined, 1_000, 100), {
    state: "down",
    error: "refused",
    latencyMs: 1,
    checkedMsAgo: 0,
  });
  assert.equal(describeDependency({ error: "no answer within 500 ms", timedOut: true, latencyMs: 500, at: 900 }, undefined, 1_000, 100).state, "slow");
});

test("describeDependency: a probe overdue past waitMs says slow over an older 'up'; one not yet overdue does not", () => {
  const up = { status: 200, timedOut: false, latencyMs: 3, at: 0 };
  assert.deepEqual(describeDependency(up, 850, 1_000, 100), { state: "slow", status: 200, latencyMs: 3, checkedMsAgo: 1_000, pendingMs: 150 });
  assert.equal(describeDependency(up, 950, 1_000, 100).state, "up");
  assert.deepEqual(describeDependency(undefined, 800, 1_000, 100), { state: "slow", pendingMs: 200 });
});

test("a hung dependency: the report comes within ~waitMs saying slow, then says why once the probe is cut", async (t) => {
  const hung = createServer(() => {});
  const url = await listenOn(hung);
  const upstream = createUpstream({ url, timeoutMs: 10_000, name: "forex-rate" });
  t.after(() => {
    upstream.close();
    hung.closeAllConnections();
    hung.close();
  });
  const probes = new DependencyProbes({ forexRate: async (timeoutMs) => (await upstream.get("/healthz", {}, { timeoutMs })).status }, { timeoutMs: 300, waitMs: 100 });
  let started = Date.now();
  const first = await probes.report();
  const elapsed = Date.now() - started;
  assert.ok(elapsed >= 90 && elapsed < 250, `answered after ${elapsed} ms`);
  assert.equal(first.forexRate?.state, "slow");
  assert.ok((first.forexRate?.pendingMs ?? 0) >= 90);
  await new Promise((r) => setTimeout(r, 300));
  started = Date.now();
  const later = await probes.report();
  assert.ok(Date.now() - started < 250);
  assert.equal(later.forexRate?.state, "slow");
  assert.match(later.forexRate?.error ?? "", /forex-rate did not answer within 300 ms/);
});

test("a healthy and a down dependency are reported on the first report; fresh results are reused, not re-probed", async (t) => {
  let probesSeen = 0;
  const ok = createServer((_req, res) => {
    probesSeen++;
    res.end("{}");
  });
  const url = await listenOn(ok);
  const up = createUpstream({ url, timeoutMs: 1_000, name: "forex-converter" });
  const down = createUpstream({ url: `http://127.0.0.1:${await freePort()}`, timeoutMs: 1_000, name: "forex-rate" });
  t.after(() => {
    up.close();
    down.close();
    ok.close();
  });
  const probes = new DependencyProbes(
    {
      forexConverter: async (timeoutMs) => (await up.get("/healthz", {}, { timeoutMs })).status,
      forexRate: async (timeoutMs) => (await down.get("/healthz", {}, { timeoutMs })).status,
    },
    { freshMs: 60_000 },
  );
  const report = await probes.report();
  assert.equal(report.forexConverter?.state, "up");
  assert.equal(report.forexConverter?.status, 200);
  assert.equal(report.forexRate?.state, "down");
  assert.match(report.forexRate?.error ?? "", /forex-rate is unreachable \(ECONNREFUSED\)/);
  await probes.report();
  assert.equal(probesSeen, 1, "a result younger than freshMs serves the next report");
});

test("a check that ignores its timeout is still cut, shortly after timeoutMs", async () => {
  const probes = new DependencyProbes({ stuck: () => new Promise<number>(() => {}) }, { timeoutMs: 150, waitMs: 50 });
  assert.equal((await probes.report()).stuck?.state, "slow");
  await new Promise((r) => setTimeout(r, 250));
  // This report starts a new probe, overdue after its 50 ms wait: slow, with the cut one's reason.
  const report = await probes.report();
  assert.equal(report.stuck?.state, "slow");
  assert.equal(report.stuck?.error, "no answer within 150 ms");
  assert.ok((report.stuck?.latencyMs ?? 0) >= 190, `cut after ${report.stuck?.latencyMs} ms`);
});

test("a probe the report waited for and still running is slow, even if the clock has not moved waitMs on", async () => {
  // Timers run on the event loop's cached time and can fire before the wall clock shows waitMs
  // elapsed; a frozen clock is the extreme of that.
  const probes = new DependencyProbes({ stuck: () => new Promise<number>(() => {}) }, { now: () => 1_000, timeoutMs: 10_000, waitMs: 20 });
  const report = await probes.report();
  assert.equal(report.stuck?.state, "slow");
  assert.equal(report.stuck?.pendingMs, 0);
});
