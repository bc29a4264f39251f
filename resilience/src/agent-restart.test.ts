// Issue 8, resilience scenario 3: the dev agent crashes (kill -9) under steady load and is started
// again by hand on the same ports and data directory, as `forex-mesh agent` would be. Proven: no
// request through the edge failed; afterwards every job (same modify index), every KV key (same
// value and ModifyIndex) and every deployment (same status) is there, each job runs the same
// allocations, and their task processes are the same pids (re-adopted, none started twice).
// Why kill -9 and not SIGTERM: a clean stop of a dev agent stops every task it runs (README of
// nomad/dev-agent), so under a clean restart traffic stops by design; a crash is the restart the
// running mesh must not notice.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { runningAllocs, startSystem, type System } from "@forex-mesh/e2e";
import { routeKey } from "@forex-mesh/routing";
import { type DevAgent, sleep, startDevAgent, waitFor } from "@forex-mesh/test-utils";
import { fetchGet, timedLoad } from "./load.js";
import { kvAll, kvPut } from "./mesh.js";
import { agentPid, alive, taskProcesses } from "./procs.js";
import { LOAD_PATH, meshReady, report } from "./scenario.js";
import { failuresByStatus, sentBetween, summarize } from "./stats.js";

const RPS = 20;
const KILL_AT_MS = 5_000;
const DOWN_MS = 5_000;
const LOAD_MS = 30_000;

let system: System;
let restarted: DevAgent | undefined;
/** The system's task processes once its agent is killed: nobody else would stop them if the restart failed. */
let orphans: number[] = [];
before(async () => {
  system = await startSystem();
});
after(async () => {
  // `up` exits when its agent dies; the agent started here stops every task on SIGTERM.
  if (restarted) await restarted.stop();
  else for (const pid of orphans.filter(alive)) process.kill(pid, "SIGKILL");
  await system?.stop();
});

/** Everything the restart must keep, read through the Nomad and Consul APIs and the process table. */
async function snapshot() {
  const jobs = (await system.nomad.jobs.list()).data.map((j) => ({ id: j.ID, jobModifyIndex: j.JobModifyIndex, stop: j.Stop ?? false })).sort((a, b) => String(a.id).localeCompare(String(b.id)));
  const deployments = (await system.nomad.deployments.list()).data.map((d) => ({ id: d.ID, job: d.JobID, version: d.JobVersion, status: d.Status })).sort((a, b) => String(a.id).localeCompare(String(b.id)));
  const allocs: Record<string, string[]> = {};
  for (const j of jobs) allocs[j.id!] = (await runningAllocs(system.nomad, j.id!)).sort();
  const processes = taskProcesses(Object.values(allocs).flat()).map((p) => `${p.allocId.slice(0, 8)}/${p.task}:${p.pid}`);
  return { jobs, deployments, allocs, kv: await kvAll(system.consulAddr), processes };
}

test("the dev agent killed (-9) and restarted under load: nothing lost, nothing duplicated, traffic flows", { timeout: 150_000 }, async (t) => {
  await meshReady(system);
  // Deployments settle a few seconds after the checks pass (min_healthy_time): compare settled ones.
  await waitFor("every deployment successful", async () => (await system.nomad.deployments.list()).data.every((d) => d.Status === "successful"), { timeoutMs: 30_000, intervalMs: 250 });
  // A key of ours beside whatever the system wrote, so the KV check never compares two empty lists.
  await kvPut(system.consulAddr, routeKey("forex-rate"), JSON.stringify({ split: [{ version: "v1", weight: 100 }] }));
  const before = await snapshot();
  const pid = agentPid(system.dataDir);
  const consulPort = Number(new URL(system.consulAddr).port);
  const nomadPort = Number(new URL(system.nomadAddr).port);

  const loading = timedLoad({ send: fetchGet(`${system.edgeUrl}${LOAD_PATH}`), rps: RPS, durationMs: LOAD_MS });
  await sleep(KILL_AT_MS);
  const killedAt = Date.now();
  orphans = taskProcesses(Object.values(before.allocs).flat()).map((p) => p.pid);
  process.kill(pid, "SIGKILL");
  await sleep(DOWN_MS);
  restarted = await startDevAgent({ dataDir: system.dataDir, consulPort, nomadPort });
  const backAt = Date.now();
  const { samples } = await loading;
  await meshReady(system, 20_000);
  const afterwards = await snapshot();

  const all = summarize(samples);
  const down = summarize(sentBetween(samples, killedAt, backAt));
  report(
    t,
    "dev agent restarted",
    all,
    `agent killed at +${KILL_AT_MS / 1000} s, serving again ${((backAt - killedAt) / 1000).toFixed(1)} s later (${down.failures}/${down.requests} failed meanwhile); ${afterwards.jobs.length} jobs, ${afterwards.kv.length} KV keys, ${afterwards.deployments.length} deployments, ${afterwards.processes.length} task processes before and after`,
  );
  assert.equal(alive(pid), false);
  assert.deepEqual(afterwards.jobs, before.jobs, "jobs");
  assert.deepEqual(afterwards.kv, before.kv, "KV keys, values and modify indexes");
  assert.deepEqual(afterwards.deployments, before.deployments, "deployments");
  assert.deepEqual(afterwards.allocs, before.allocs, "running allocations per job");
  assert.deepEqual(afterwards.processes, before.processes, "task processes (re-adopted, not started again)");
  assert.equal(all.failures, 0, `${all.failures} of ${all.requests} requests failed: ${JSON.stringify(failuresByStatus(samples))}`);
  // The restarted agent writes after the old index (it was recovered, not reset).
  const revision = await kvPut(system.consulAddr, "resilience/after-restart", "ok");
  assert.ok(revision > Math.max(...before.kv.map((e) => e.modifyIndex)), `index ${revision} after the restart`);
});
