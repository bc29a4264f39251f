/**
 * A spec that does not validate is never acted on: no status is written, no route is touched, and
 * /healthz names the key and every problem with the stable code `rollout_invalid`.
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import { sleep, waitFor } from "@forex-mesh/test-utils";
import { rolloutSpecKey } from "../schema.js";
import { readRoutes, readStatus, SERVICE, startController, startWorld } from "./helpers.js";

test("an invalid spec is reported in /healthz and ignored", { timeout: 60_000 }, async (t) => {
  const world = await startWorld(t);
  const controller = await startController(t, world);
  const port = /listening on http:\/\/127\.0\.0\.1:(\d+)/.exec(controller.output())?.[1];
  const bad = { id: "r-0bad", service: SERVICE, job: SERVICE, canary: "v2", stable: "v1", steps: [10, 50], createdAt: "2026-11-25T02:00:00Z", createdBy: "test" };
  assert.ok(await world.kv.put(rolloutSpecKey(SERVICE), JSON.stringify(bad), 0));

  const lastError = await waitFor("the error in /healthz", async () => {
    const body = (await (await fetch(`http://127.0.0.1:${port}/healthz`)).json()) as { lastError: { code: string; message: string } | null };
    return body.lastError ?? undefined;
  });
  assert.equal(lastError.code, "rollout_invalid");
  assert.equal(lastError.message, "forex-mesh/rollouts/demo/spec: steps.1: the last step must be 100");
  await sleep(1_500);
  assert.equal(await readStatus(world.kv), null);
  assert.equal(await readRoutes(world.kv), null);
  assert.equal(controller.output().split("\n").filter((l) => l.includes('"code":"rollout_invalid"')).length, 1, "logged once, not every tick");
});
