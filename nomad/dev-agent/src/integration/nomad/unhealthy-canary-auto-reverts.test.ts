/**
 * A canary version whose http check never passes (the sidecar answers 503 on /readyz): once its
 * healthy_deadline passes the alloc is unhealthy, the deployment fails on its own ("Failed due to
 * unhealthy allocations") and `auto_revert` registers the stable spec again as a new version.
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import type { Deployment, Job } from "@forex-mesh/nomad-client";
import { waitFor } from "@forex-mesh/test-utils";
import { allocs, call, consulChecks, deploymentReaches, live, registerJob, startNomadAgent } from "./helpers.js";

test("a canary that fails its check fails the deployment and the job auto-reverts", { timeout: 90_000 }, async (t) => {
  const api = await startNomadAgent(t);
  await registerJob(api, { id: "conv", count: 1, canary: 1, autoRevert: true, version: "v1", healthyDeadline: "3s" });
  await deploymentReaches(api, "conv", 0, "successful");

  await registerJob(api, { id: "conv", count: 1, canary: 1, autoRevert: true, version: "v2", ready: "fail", healthyDeadline: "3s" });
  const failed = await deploymentReaches(api, "conv", 1, "failed", 30_000);
  assert.equal(failed.StatusDescription, "Failed due to unhealthy allocations - rolling back to job version 0");
  assert.equal(failed.TaskGroups?.g?.UnhealthyAllocs, 1);
  const canary = failed.TaskGroups?.g?.PlacedCanaries?.[0] ?? "";
  const checks = await consulChecks(api, "conv-svc");
  assert.ok(checks.every((c) => !c.ServiceID.includes(canary) || c.Status === "critical"));

  const job = await waitFor("the auto-reverted version", async () => {
    const j = (await call<Job>(`${api.nomad}/v1/job/conv`)).body;
    return j.Version === 2 ? j : undefined;
  });
  assert.equal(job.Meta?.version, "v1");
  await waitFor("the canary stopped", async () => (await allocs(api, "conv")).find((a) => a.ID === canary)?.DesiredStatus === "stop");
  const d = (await call<Deployment>(`${api.nomad}/v1/job/conv/deployment`)).body;
  assert.ok((d.JobVersion ?? 0) >= 1);
  assert.equal(live(await allocs(api, "conv")).length, 1);
});
