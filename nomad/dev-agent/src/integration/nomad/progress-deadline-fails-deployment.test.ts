/**
 * `progress_deadline`: a version whose alloc runs but never turns healthy (its check answers 503,
 * and its healthy_deadline is far away, so no health verdict comes) fails its deployment when
 * `RequireProgressBy` passes. Nothing else happens at that moment: only the agent's deadline timer
 * can trigger the evaluation that fails it.
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import { deploymentReaches, registerJob, startNomadAgent } from "./helpers.js";

test("a deployment that makes no progress fails at its progress deadline", { timeout: 60_000 }, async (t) => {
  const api = await startNomadAgent(t);
  const started = Date.now();
  await registerJob(api, { id: "stuck", count: 1, ready: "fail", progressDeadline: "3s", healthyDeadline: "30s" });
  const d = await deploymentReaches(api, "stuck", 0, "failed", 30_000);
  assert.equal(d.StatusDescription, "Failed due to progress deadline");
  const elapsed = Date.now() - started;
  assert.ok(elapsed >= 2_900, "not before the deadline");
  // The health verdict at healthy_deadline (30 s) would also end it; this must come well before.
  assert.ok(elapsed < 20_000, `failed by the deadline timer, after ${elapsed} ms`);
  assert.equal(d.TaskGroups?.g?.HealthyAllocs, 0);
});
