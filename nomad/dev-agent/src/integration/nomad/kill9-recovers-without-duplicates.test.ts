/**
 * kill -9 of the agent while a deployment's allocs run: the task processes (under their detached
 * executor shims) keep running; the restarted agent has every job, alloc and deployment record,
 * re-adopts the same processes (same pids) instead of starting new ones, and keeps serving and
 * scheduling (a scale-up after recovery places one more alloc, not a duplicate).
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import type { Deployment, Job } from "@forex-mesh/nomad-client";
import { waitFor } from "@forex-mesh/test-utils";
import { allocs, call, consulServices, deploymentReaches, live, registerJob, startNomadAgent, taskPids } from "./helpers.js";

test("after kill -9 the agent recovers every record and re-adopts the running tasks", { timeout: 90_000 }, async (t) => {
  const api = await startNomadAgent(t);
  await registerJob(api, { id: "web", count: 2 });
  const d = await deploymentReaches(api, "web", 0, "successful");
  const before = live(await allocs(api, "web"));
  assert.equal(before.length, 2);
  const pids = await taskPids(api.agent.dataDir);
  assert.equal(pids.length, 4, "2 allocs x (sidecar + app)");

  await api.agent.restart({ kill9: true });

  const job = (await call<Job>(`${api.nomad}/v1/job/web`)).body;
  assert.equal(job.ID, "web");
  assert.equal(job.Stable, true);
  const dep = (await call<Deployment>(`${api.nomad}/v1/deployment/${d.ID}`)).body;
  assert.equal(dep.Status, "successful");
  const after = await allocs(api, "web");
  assert.deepEqual(after.map((a) => a.ID).sort(), before.map((a) => a.ID).sort(), "no alloc lost, none added");
  for (const a of after) assert.equal(a.ClientStatus, "running");
  assert.deepEqual(await taskPids(api.agent.dataDir), pids, "the same processes, re-adopted, none started twice");
  assert.equal((await consulServices(api, "web-svc")).size, 2);

  const scale = await call(`${api.nomad}/v1/job/web/scale`, { method: "PUT", body: { Count: 3, Target: { Group: "g" } } });
  assert.equal(scale.status, 200, scale.text);
  await waitFor("a third alloc running", async () => live(await allocs(api, "web")).length === 3, { timeoutMs: 20_000 });
  // Running means the prestart sidecar runs; the app task follows it.
  const now = await waitFor("six task processes", async () => {
    const p = await taskPids(api.agent.dataDir);
    return p.length >= 6 ? p : undefined;
  });
  assert.equal(now.length, 6);
  for (const pid of pids) assert.ok(now.includes(pid));
});
