/**
 * Two controllers at once (an overlapping restart, or a second copy by mistake): every status write
 * is a check-and-set and every action is fenced on the status read, so the rollout runs once — one
 * event per step, one route change and history entry per step, no step repeated.
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import { deployCanary, healthyFigures, putSpec, readHistory, startController, startWorld, waitForStatus } from "./helpers.js";

test("two controllers racing on one rollout still step it once per step", { timeout: 120_000 }, async (t) => {
  const world = await startWorld(t);
  world.prometheus.figures.set("v2", healthyFigures);
  world.prometheus.figures.set("v1", healthyFigures);
  await deployCanary(world);
  await putSpec(world.kv);
  const [a, b] = await Promise.all([startController(t, world, { FOREX_ROLLOUT_TICK_MS: "100" }), startController(t, world, { FOREX_ROLLOUT_TICK_MS: "100" })]);

  const done = await waitForStatus(world.kv, "the rollout to succeed", (s) => s.phase === "succeeded", 60_000);
  const kinds = done.events.filter((e) => e.kind !== "waiting").map((e) => `${e.kind}@${e.step}`);
  assert.deepEqual(kinds, ["started@-1", "step@0", "verdict@0", "step@1", "verdict@1", "step@2", "verdict@2", "step@3", "verdict@3", "promoted@3"]);
  const weights = (await readHistory(world.kv)).entries.map((e) => e.split.find((x) => x.version === "v2")?.weight);
  assert.deepEqual(weights, [10, 25, 50, 100, 100]);
  // Both were alive throughout, and every status change was logged by exactly one of them.
  assert.equal(a.child.exitCode, null);
  assert.equal(b.child.exitCode, null);
  const logged = (out: string) => out.split("\n").filter((l) => l.includes('"event":"step"')).length;
  assert.equal(logged(a.output()) + logged(b.output()), 4, `a: ${logged(a.output())}, b: ${logged(b.output())}`);
});
