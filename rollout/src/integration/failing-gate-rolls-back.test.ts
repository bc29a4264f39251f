/**
 * A canary answering 21% errors: the first step's verdict fails on success ratio, the route table
 * goes back to 100% stable before the weight ever passes 10%, the Nomad deployment is failed (and
 * auto_revert restores v1), and the status records the gate values and the reason.
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import { waitFor } from "@forex-mesh/test-utils";
import { deployCanary, healthyFigures, putRoutes, putSpec, readHistory, readRoutes, ROUTES_BEFORE, startController, startWorld, waitForStatus } from "./helpers.js";

test("a failing gate rolls back to 100% stable, fails the deployment and records the gate values", { timeout: 120_000 }, async (t) => {
  const world = await startWorld(t);
  world.prometheus.figures.set("v2", { requests: 300, successRatio: 0.79, p99Ms: 30 });
  world.prometheus.figures.set("v1", healthyFigures);
  await deployCanary(world);
  await putRoutes(world.kv, ROUTES_BEFORE);
  const id = await putSpec(world.kv);
  await startController(t, world);

  const done = await waitForStatus(world.kv, "the rollout to roll back", (s) => s.phase === "rolled-back", 60_000);
  assert.equal(done.weight, 0);
  assert.equal(done.step, 0);
  assert.match(done.message, /^rolled back: canary success 0\.79 < 0\.99; .*; 100% to v1, deployment [0-9a-f]{8} failed/);
  const verdict = done.events.find((e) => e.kind === "verdict");
  assert.equal(verdict?.outcome, "fail");
  assert.deepEqual(verdict?.gates?.find((g) => g.name === "success_ratio"), { name: "success_ratio", canary: 0.79, stable: 1, threshold: 0.99, pass: false });
  assert.deepEqual(verdict?.gates?.find((g) => g.name === "success_vs_stable"), { name: "success_vs_stable", canary: 0.79, stable: 1, threshold: 0.99, pass: false });
  assert.equal(done.events.at(-1)?.kind, "rolled-back");

  const routes = await readRoutes(world.kv);
  assert.deepEqual(routes, {
    ...ROUTES_BEFORE,
    split: [
      { version: "v1", weight: 100 },
      { version: "v2", weight: 0 },
    ],
  });
  const history = await readHistory(world.kv);
  assert.deepEqual(
    history.entries.map((e) => [e.split.find((x) => x.version === "v2")?.weight, e.reason]),
    [
      [10, `rollout ${id} step 1/4: 10%`],
      [0, "rollback: canary success 0.79 < 0.99; canary success 0.79 < stable 1 - 0.01"],
    ],
  );
  assert.ok(history.entries.every((e) => e.actor === "rollout"));

  // The canary deployment (job version 1) is failed; auto_revert then starts a deployment of its own.
  const dep = await waitFor("v2's deployment to be failed", async () => {
    const all = (await world.nomad.jobs.deployments("demo")).data;
    return all.find((d) => d.JobVersion === 1 && d.Status === "failed");
  }, { timeoutMs: 20_000, intervalMs: 100 });
  assert.ok(done.message.includes(`deployment ${dep.ID?.slice(0, 8)} failed`));
  // auto_revert registers v1 again as a new job version.
  await waitFor("the job reverted to v1", async () => (await world.nomad.jobs.info("demo")).data.Meta?.version === "v1", { timeoutMs: 20_000, intervalMs: 100 });
});
