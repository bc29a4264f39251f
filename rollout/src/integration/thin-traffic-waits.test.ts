/**
 * Too few canary requests: the controller never judges. It stays on the step at its weight, records
 * one "waiting" event saying how many of how many, keeps the message live, and judges as soon as
 * the canary has enough requests.
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import { sleep } from "@forex-mesh/test-utils";
import { deployCanary, healthyFigures, putSpec, readRoutes, readStatus, startController, startWorld, waitForStatus } from "./helpers.js";

test("thin canary traffic waits on the step with one waiting event, then judges once traffic arrives", { timeout: 120_000 }, async (t) => {
  const world = await startWorld(t);
  // 12 requests answered all wrong: judged, this would be a rollback. It must not be judged.
  world.prometheus.figures.set("v2", { requests: 12, successRatio: 0, p99Ms: 5000 });
  world.prometheus.figures.set("v1", healthyFigures);
  await deployCanary(world);
  await putSpec(world.kv);
  await startController(t, world);

  const waiting = await waitForStatus(world.kv, "the controller to wait for traffic", (s) => s.message.startsWith("waiting for traffic"));
  assert.equal(waiting.phase, "stepping");
  assert.equal(waiting.step, 0);
  assert.equal(waiting.weight, 10);
  assert.match(waiting.message, /^waiting for traffic: 12 of 50 canary requests in \d+ s at step 1\/4 \(10%\); staying on this step$/);

  world.prometheus.figures.set("v2", { requests: 30, successRatio: 0, p99Ms: 5000 });
  await waitForStatus(world.kv, "the message to follow the count", (s) => s.message.startsWith("waiting for traffic: 30 of 50"));
  await sleep(2_000);
  const still = await readStatus(world.kv);
  assert.equal(still?.step, 0);
  assert.equal(still?.phase, "stepping");
  assert.equal((await readRoutes(world.kv))?.split.find((e) => e.version === "v2")?.weight, 10);
  const waits = still?.events.filter((e) => e.kind === "waiting" && e.step === 0) ?? [];
  assert.equal(waits.length, 1, "one waiting event however many ticks");
  assert.deepEqual(waits[0]?.gates, [{ name: "min_requests", canary: 12, stable: 500, threshold: 50, pass: false }]);
  assert.equal(still?.events.some((e) => e.kind === "verdict"), false, "no verdict on thin traffic");

  world.prometheus.figures.set("v2", healthyFigures);
  const moved = await waitForStatus(world.kv, "the step to be judged once traffic arrives", (s) => s.step === 1);
  assert.equal(moved.events.find((e) => e.kind === "verdict")?.outcome, "pass");
});
