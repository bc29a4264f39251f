/**
 * `PUT /v1/deployment/fail/:id` on a canary deployment with `auto_revert`: the deployment fails
 * with Nomad's rollback text, the job goes back to the stable spec as a new version, the canary is
 * stopped and its service leaves Consul, the old allocs keep running.
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import type { Deployment, DeploymentUpdateResponse, Job } from "@forex-mesh/nomad-client";
import { waitFor } from "@forex-mesh/test-utils";
import { allocs, call, consulServices, deploymentReaches, live, registerJob, startNomadAgent } from "./helpers.js";

test("failing a canary deployment by hand reverts the job to its last stable version", { timeout: 90_000 }, async (t) => {
  const api = await startNomadAgent(t);
  await registerJob(api, { id: "rate", count: 1, canary: 1, autoRevert: true, version: "v1" });
  await deploymentReaches(api, "rate", 0, "successful");
  const [old] = live(await allocs(api, "rate"));

  await registerJob(api, { id: "rate", count: 1, canary: 1, autoRevert: true, version: "v2" });
  const d = await waitFor(
    "a healthy canary",
    async () => {
      const dep = (await call<Deployment>(`${api.nomad}/v1/job/rate/deployment`)).body;
      return dep.JobVersion === 1 && dep.TaskGroups?.g?.HealthyAllocs === 1 ? dep : undefined;
    },
    { timeoutMs: 30_000, intervalMs: 100 },
  );
  const canary = d.TaskGroups?.g?.PlacedCanaries?.[0] ?? "";
  assert.ok((await consulServices(api, "rate-svc")).has(canary));

  const fail = await call<DeploymentUpdateResponse>(`${api.nomad}/v1/deployment/fail/${d.ID}`, { method: "PUT", body: { DeploymentID: d.ID } });
  assert.equal(fail.status, 200, fail.text);
  assert.equal(fail.body.RevertedJobVersion, 0);

  const failed = (await call<Deployment>(`${api.nomad}/v1/deployment/${d.ID}`)).body;
  assert.equal(failed.Status, "failed");
  assert.equal(failed.StatusDescription, "Deployment marked as failed - rolling back to job version 0");

  const job = await waitFor("the reverted version", async () => {
    const j = (await call<Job>(`${api.nomad}/v1/job/rate`)).body;
    return j.Version === 2 ? j : undefined;
  });
  assert.equal(job.Meta?.version, "v1", "version 2 carries version 0's spec");
  await waitFor("the canary stopped and deregistered", async () => {
    const a = (await allocs(api, "rate")).find((x) => x.ID === canary);
    return a?.DesiredStatus === "stop" && !(await consulServices(api, "rate-svc")).has(canary);
  });
  const running = live(await allocs(api, "rate"));
  assert.deepEqual(
    running.map((a) => a.ID),
    [old?.ID],
    "the old alloc keeps running (updated in place to the reverted version)",
  );
  const versions = (await call<{ Versions: Job[] }>(`${api.nomad}/v1/job/rate/versions`)).body.Versions;
  assert.deepEqual(
    versions.map((v) => v.Version),
    [2, 1, 0],
  );
});
