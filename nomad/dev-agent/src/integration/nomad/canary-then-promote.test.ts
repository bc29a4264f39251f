/**
 * A destructive update (a new `meta.version`) with `canary = 2`: the canaries run beside the old
 * allocs and are registered in Consul with the canary tags; the deployment waits for manual
 * promotion. Promoting stops the old allocs, re-registers the canaries with the normal tags, and
 * the deployment completes with the new version marked stable.
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import type { Deployment, DeploymentUpdateResponse, Job } from "@forex-mesh/nomad-client";
import { waitFor } from "@forex-mesh/test-utils";
import { allocs, call, consulServices, deploymentReaches, live, registerJob, startNomadAgent } from "./helpers.js";

test("canaries run beside the old version with canary tags; promote replaces the old allocs", { timeout: 90_000 }, async (t) => {
  const api = await startNomadAgent(t);
  await registerJob(api, { id: "web", count: 2, canary: 2, version: "v1" });
  await deploymentReaches(api, "web", 0, "successful");
  const v1 = live(await allocs(api, "web")).map((a) => a.ID);
  assert.equal(v1.length, 2);

  await registerJob(api, { id: "web", count: 2, canary: 2, version: "v2" });
  const d = await waitFor(
    "two healthy canaries",
    async () => {
      const dep = (await call<Deployment>(`${api.nomad}/v1/job/web/deployment`)).body;
      return dep.JobVersion === 1 && dep.TaskGroups?.g?.HealthyAllocs === 2 ? dep : undefined;
    },
    { timeoutMs: 30_000, intervalMs: 100 },
  );
  assert.equal(d.Status, "running");
  assert.equal(d.StatusDescription, "Deployment is running but requires manual promotion");
  assert.equal(d.TaskGroups?.g?.DesiredCanaries, 2);
  const canaries = d.TaskGroups?.g?.PlacedCanaries ?? [];
  assert.equal(canaries.length, 2);

  const running = live(await allocs(api, "web"));
  assert.equal(running.length, 4, "old allocs keep running beside the canaries");
  for (const id of v1) assert.ok(running.some((a) => a.ID === id));

  const before = await waitFor("four services, two with canary tags", async () => {
    const s = await consulServices(api, "web-svc");
    return s.size === 4 ? s : undefined;
  });
  for (const id of canaries) {
    assert.deepEqual(before.get(id)?.Tags, ["mesh", "canary"]);
    assert.equal(before.get(id)?.Meta.version, "v2");
  }
  for (const id of v1) {
    assert.deepEqual(before.get(id ?? "")?.Tags, ["mesh"]);
    assert.equal(before.get(id ?? "")?.Meta.version, "v1");
  }

  const promote = await call<DeploymentUpdateResponse>(`${api.nomad}/v1/deployment/promote/${d.ID}`, {
    method: "PUT",
    body: { DeploymentID: d.ID, All: true, Groups: null },
  });
  assert.equal(promote.status, 200, promote.text);
  assert.ok(promote.body.EvalID);

  const done = await deploymentReaches(api, "web", 1, "successful");
  assert.equal(done.ID, d.ID);
  assert.equal(done.TaskGroups?.g?.Promoted, true);
  const after = await waitFor("only the promoted canaries registered, with normal tags", async () => {
    const s = await consulServices(api, "web-svc");
    return s.size === 2 && canaries.every((id) => s.get(id)?.Tags.join() === "mesh") ? s : undefined;
  });
  assert.deepEqual([...after.keys()].sort(), [...canaries].sort());
  const final = await allocs(api, "web");
  for (const a of final.filter((x) => v1.includes(x.ID))) {
    assert.equal(a.DesiredStatus, "stop");
    await waitFor(`old alloc ${a.ID} to finish`, async () => (await call<{ ClientStatus: string }>(`${api.nomad}/v1/allocation/${a.ID}`)).body.ClientStatus === "complete");
  }
  for (const a of final.filter((x) => canaries.includes(x.ID ?? ""))) assert.equal(a.DeploymentStatus?.Canary, false);
  const job = (await call<Job>(`${api.nomad}/v1/job/web`)).body;
  assert.equal(job.Version, 1);
  assert.equal(job.Stable, true);
});
