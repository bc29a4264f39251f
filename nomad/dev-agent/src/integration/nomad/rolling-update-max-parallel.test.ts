/**
 * A destructive update without canaries is a rolling replacement, `max_parallel = 1` at a time:
 * an old alloc is only stopped once the previous replacement is healthy, so at most one alloc of
 * the group is ever out of service, and the job ends with `count` allocs of the new version.
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import type { AllocationListStub } from "@forex-mesh/nomad-client";
import { call, deploymentReaches, registerJob, startNomadAgent } from "./helpers.js";

test("a destructive update replaces allocs one at a time", { timeout: 90_000 }, async (t) => {
  const api = await startNomadAgent(t);
  await registerJob(api, { id: "roll", count: 3 });
  await deploymentReaches(api, "roll", 0, "successful");

  await registerJob(api, { id: "roll", count: 3, version: "v2" });
  // Follow every change of the job's allocs through blocking reads until the rollout is done.
  let index = 0;
  let worst = 0;
  for (;;) {
    const r = await call<AllocationListStub[]>(`${api.nomad}/v1/job/roll/allocations?index=${index}&wait=10s`);
    index = r.index;
    const inService = r.body.filter((a) => a.DesiredStatus === "run" && a.ClientStatus === "running" && (a.JobVersion === 0 || a.DeploymentStatus?.Healthy === true));
    worst = Math.max(worst, 3 - inService.length);
    const healthyNew = r.body.filter((a) => a.JobVersion === 1 && a.DesiredStatus === "run" && a.DeploymentStatus?.Healthy === true);
    if (healthyNew.length === 3) break;
  }
  assert.ok(worst <= 1, `at most one alloc out of service at a time (saw ${worst})`);
  const d = await deploymentReaches(api, "roll", 1, "successful");
  assert.equal(d.TaskGroups?.g?.DesiredCanaries, 0);
  assert.equal(d.TaskGroups?.g?.HealthyAllocs, 3);
});
