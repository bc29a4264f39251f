/**
 * Prometheus down when a step is due: no verdict (never on no data), the step and its weight stay,
 * one "waiting for metrics" event; when Prometheus answers again the step is judged.
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import { sleep } from "@forex-mesh/test-utils";
import { deployCanary, healthyFigures, putSpec, readRoutes, readStatus, startController, startWorld, waitForStatus } from "./helpers.js";

test("a Prometheus outage holds the step until figures come back", { timeout: 90_000 }, async (t) => {
  const world = await startWorld(t);
  world.prometheus.figures.set("v2", healthyFigures);
  world.prometheus.figures.set("v1", healthyFigures);
  world.prometheus.down = true;
  await deployCanary(world);
  await putSpec(world.kv);
  await startController(t, world);

  const waiting = await waitForStatus(world.kv, "waiting for metrics", (s) => s.message.startsWith("waiting for metrics"));
  assert.match(waiting.message, /^waiting for metrics: Prometheus answered 503: .*; staying at step 1\/4 \(10%\)$/);
  await sleep(2_000);
  const still = await readStatus(world.kv);
  assert.equal(still?.step, 0);
  assert.equal(still?.events.filter((e) => e.kind === "waiting" && e.message.startsWith("waiting for metrics")).length, 1);
  assert.equal(still?.events.some((e) => e.kind === "verdict"), false);
  assert.equal((await readRoutes(world.kv))?.split.find((e) => e.version === "v2")?.weight, 10);

  world.prometheus.down = false;
  const moved = await waitForStatus(world.kv, "the step judged once Prometheus answers", (s) => s.step === 1);
  assert.equal(moved.events.find((e) => e.kind === "verdict")?.outcome, "pass");
});
