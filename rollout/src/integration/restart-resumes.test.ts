/**
 * All state is in Consul KV: a controller killed (SIGKILL) in the middle of a step is replaced by a
 * new process that continues the same rollout from the same step and window — no restart from the
 * first step, no second "started", no duplicate weight write.
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import { deployCanary, healthyFigures, putSpec, readHistory, readStatus, startController, startWorld, waitForStatus } from "./helpers.js";

test("a controller killed mid-rollout is replaced by one that continues from the same step", { timeout: 120_000 }, async (t) => {
  const world = await startWorld(t);
  world.prometheus.figures.set("v2", healthyFigures);
  world.prometheus.figures.set("v1", healthyFigures);
  await deployCanary(world);
  const id = await putSpec(world.kv, { stepSeconds: 6 });
  const first = await startController(t, world);

  const atStep2 = await waitForStatus(world.kv, "the second step", (s) => s.step === 1 && s.phase === "stepping");
  await first.kill9();
  const frozen = await readStatus(world.kv);
  assert.equal(frozen?.step, 1, "killed within the step (6 s long)");

  await startController(t, world);
  const resumed = await readStatus(world.kv);
  assert.equal(resumed?.step, 1, "the new process is on the same step");
  assert.equal(resumed?.stepStartedAt, atStep2.stepStartedAt, "with the same window: the step did not start again");
  const done = await waitForStatus(world.kv, "the rollout to succeed under the new process", (s) => s.phase === "succeeded", 60_000);
  assert.equal(done.id, id);
  const kinds = done.events.filter((e) => e.kind !== "waiting").map((e) => `${e.kind}@${e.step}`);
  assert.deepEqual(kinds, ["started@-1", "step@0", "verdict@0", "step@1", "verdict@1", "step@2", "verdict@2", "step@3", "verdict@3", "promoted@3"]);
  const step2 = done.events.find((e) => e.kind === "step" && e.step === 1);
  assert.equal(step2?.at, atStep2.stepStartedAt, "step 2 was entered once, by the first process");
  const weights = (await readHistory(world.kv)).entries.map((e) => e.split.find((x) => x.version === "v2")?.weight);
  assert.deepEqual(weights, [10, 25, 50, 100, 100], "one history entry per change, none repeated by the restart");
});
