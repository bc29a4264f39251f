// Issue 8, resilience scenario 1: one forex-rate instance's app process is killed with SIGKILL
// while steady load runs through the edge; at least 99.9% of the requests still succeed (the
// callers' sidecars retry the failed attempts on the other instance, then Consul's check takes the
// instance out), and Nomad restarts the task in the same allocation.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { runningAllocs, startSystem, type System } from "@forex-mesh/e2e";
import { sleep, waitFor } from "@forex-mesh/test-utils";
import { fetchGet, timedLoad } from "./load.js";
import { instances, metricSum, sidecarMetrics } from "./mesh.js";
import { alive, taskPid } from "./procs.js";
import { LOAD_PATH, meshReady, report } from "./scenario.js";
import { failuresByStatus, sentBetween, summarize } from "./stats.js";

const RPS = 40;
const LOAD_MS = 30_000;
const KILL_AT_MS = 5_000;

let system: System;
before(async () => {
  system = await startSystem();
});
after(async () => {
  await system?.stop();
});

test("kill -9 of one forex-rate app process under load: ≥ 99.9% of requests through the edge succeed", { timeout: 150_000 }, async (t) => {
  await meshReady(system);
  const [victimAlloc, otherAlloc] = await runningAllocs(system.nomad, "forex-rate");
  assert.ok(victimAlloc && otherAlloc, "forex-rate should run two allocations");
  const victim = taskPid(victimAlloc, "app");
  const callers = [...(await instances(system.consulAddr, "forex-web")), ...(await instances(system.consulAddr, "forex-converter"))].map((i) => i.adminPort);
  const retries = async () => {
    const texts = await Promise.all(callers.map(sidecarMetrics));
    return texts.reduce((n, text) => n + metricSum(text, "proxy_retries_total", { dst_service: "forex-rate" }), 0);
  };
  const retriesBefore = await retries();
  const restartsBefore = (await system.nomad.allocations.info(victimAlloc)).data.TaskStates?.["app"]?.Restarts ?? 0;

  const loading = timedLoad({ send: fetchGet(`${system.edgeUrl}${LOAD_PATH}`), rps: RPS, durationMs: LOAD_MS });
  await sleep(KILL_AT_MS);
  const killedAt = Date.now();
  process.kill(victim, "SIGKILL");
  const { samples } = await loading;

  const all = summarize(samples);
  const retried = (await retries()) - retriesBefore;
  const afterKill = summarize(sentBetween(samples, killedAt, Number.POSITIVE_INFINITY));
  // What the system itself did: the task came back in the same allocation (a new process), and the
  // instance is in Consul's passing set again.
  const restarted = await waitFor(
    "Nomad to restart the killed task",
    async () => {
      const info = (await system.nomad.allocations.info(victimAlloc)).data;
      const state = info.TaskStates?.["app"];
      return info.ClientStatus === "running" && state?.State === "running" && (state.Restarts ?? 0) > restartsBefore ? state : undefined;
    },
    { timeoutMs: 20_000, intervalMs: 250 },
  );
  const newPid = taskPid(victimAlloc, "app");
  await waitFor("both forex-rate instances passing again", async () => (await instances(system.consulAddr, "forex-rate")).filter((i) => i.passing).length === 2, { timeoutMs: 20_000 });

  report(t, "instance killed (-9)", all, `killed pid ${victim} at +${KILL_AT_MS / 1000} s; after the kill ${afterKill.failures}/${afterKill.requests} failed, p99 ${afterKill.p99.toFixed(1)} ms; the callers' sidecars retried ${retried} calls to forex-rate; restarts ${restartsBefore}→${restarted.Restarts}, new pid ${newPid}`);
  assert.equal(alive(victim), false, "the killed process should be gone");
  assert.notEqual(newPid, victim);
  assert.deepEqual((await runningAllocs(system.nomad, "forex-rate")).sort(), [victimAlloc, otherAlloc].sort(), "the same two allocations run (restarted in place, none replaced or added)");
  assert.ok(all.successPct >= 99.9, `success ${all.successPct.toFixed(3)}% < 99.9%: ${JSON.stringify(failuresByStatus(samples))}`);
});
