/**
 * The controller process's /healthz: 200 with each rollout's phase and message while it watches
 * Consul, 503 with the error once Consul is gone (Nomad's check then marks it unhealthy).
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import { waitFor } from "@forex-mesh/test-utils";
import { putSpec, startController, startWorld } from "./helpers.js";

interface Health {
  status: string;
  watching: boolean;
  lastError: { code: string } | null;
  rollouts: Array<{ service: string; id: string; phase: string; message: string }>;
}

test("/healthz lists rollouts while Consul is watched and answers 503 when it is not", { timeout: 90_000 }, async (t) => {
  const world = await startWorld(t);
  const controller = await startController(t, world);
  const port = /listening on http:\/\/127\.0\.0\.1:(\d+)/.exec(controller.output())?.[1];
  assert.ok(port, controller.output());
  const health = async () => {
    const res = await fetch(`http://127.0.0.1:${port}/healthz`);
    return { status: res.status, body: (await res.json()) as Health };
  };

  const empty = await waitFor("the first watch answer", async () => {
    const h = await health();
    return h.status === 200 ? h : undefined;
  });
  assert.equal(empty.body.status, "ok");
  assert.deepEqual(empty.body.rollouts, []);

  // No job "demo" in Nomad: the rollout waits for a deployment and says so.
  const id = await putSpec(world.kv);
  const listed = await waitFor("the rollout in /healthz", async () => {
    const h = await health();
    return h.body.rollouts.find((r) => r.message.startsWith("waiting for a deployment"));
  });
  assert.deepEqual(listed, { service: "demo", id, phase: "waiting-canaries", step: -1, weight: 0, message: "waiting for a deployment: job demo has none; deploy v2 with canaries first" });

  await world.agent.stop();
  const down = await waitFor("503 once Consul is gone", async () => {
    const h = await health();
    return h.status === 503 ? h : undefined;
  }, { timeoutMs: 45_000, intervalMs: 200 });
  assert.equal(down.body.status, "not watching");
  assert.equal(down.body.lastError?.code, "rollout_consul_failed");
});
