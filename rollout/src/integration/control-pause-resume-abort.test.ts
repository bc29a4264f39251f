/**
 * The console's control key: pause holds the step and its weight however long it lasts, resume
 * continues the same step with a fresh window, abort rolls back to 100% stable and fails the
 * deployment with "aborted by operator".
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import { sleep, waitFor } from "@forex-mesh/test-utils";
import { deployCanary, healthyFigures, putControl, putSpec, readHistory, readRoutes, readStatus, startController, startWorld, waitForStatus } from "./helpers.js";

test("pause holds the step, resume continues it, abort rolls back and fails the deployment", { timeout: 120_000 }, async (t) => {
  const world = await startWorld(t);
  world.prometheus.figures.set("v2", healthyFigures);
  world.prometheus.figures.set("v1", healthyFigures);
  await deployCanary(world);
  const id = await putSpec(world.kv, { stepSeconds: 2 });
  await startController(t, world);

  await waitForStatus(world.kv, "the second step", (s) => s.step === 1);
  await putControl(world.kv, id, "pause");
  const paused = await waitForStatus(world.kv, "the pause", (s) => s.phase === "paused");
  assert.equal(paused.events.at(-1)?.kind, "paused");
  assert.match(paused.message, /^paused by operator at step [23]\/4/);
  const heldStep = paused.step;
  const heldWeight = paused.weight;

  await sleep(5_000); // more than two steps' worth of time
  const still = await readStatus(world.kv);
  assert.equal(still?.phase, "paused");
  assert.equal(still?.step, heldStep);
  assert.equal((await readRoutes(world.kv))?.split.find((e) => e.version === "v2")?.weight, heldWeight);

  const resumeAt = Date.now();
  await putControl(world.kv, id, "resume");
  const resumed = await waitForStatus(world.kv, "the resume", (s) => s.phase === "stepping");
  assert.equal(resumed.step, heldStep, "resume continues the same step");
  assert.ok(Date.parse(resumed.stepStartedAt) >= resumeAt - 1_000, "with a fresh window");
  assert.equal(resumed.events.at(-1)?.kind, "resumed");
  await waitForStatus(world.kv, "the next step after the resume", (s) => s.step === heldStep + 1);

  await putControl(world.kv, id, "abort");
  const aborted = await waitForStatus(world.kv, "the abort", (s) => s.phase === "aborted");
  assert.equal(aborted.weight, 0);
  assert.match(aborted.message, /^aborted by operator; 100% to v1, deployment [0-9a-f]{8} failed/);
  assert.ok(aborted.events.some((e) => e.kind === "aborted"));
  assert.equal((await readRoutes(world.kv))?.split.find((e) => e.version === "v1")?.weight, 100);
  assert.equal((await readHistory(world.kv)).entries.at(-1)?.reason, "rollback: aborted by operator");
  await waitFor("v2's deployment to be failed", async () => (await world.nomad.jobs.deployments("demo")).data.some((d) => d.JobVersion === 1 && d.Status === "failed"), {
    timeoutMs: 20_000,
    intervalMs: 100,
  });
});
