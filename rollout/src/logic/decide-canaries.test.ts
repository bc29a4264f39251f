import assert from "node:assert/strict";
import { test } from "node:test";
import type { RolloutStatus } from "../schema.js";
import { deployment, sec, spec, T0 } from "../testing/fixtures.js";
import { decide, needs } from "./decide.js";

const options = { minWindowSeconds: 10 };
const s = spec();
const started = (): RolloutStatus => decide({ spec: s, status: null, control: null, now: T0 }, options).status;

test("no status starts the rollout: waiting for canaries, step -1, weight 0, a started event", () => {
  const d = decide({ spec: s, status: null, control: null, now: T0 }, options);
  assert.equal(d.write, true);
  assert.equal(d.again, true);
  assert.deepEqual(d.actions, []);
  assert.equal(d.status.id, s.id);
  assert.equal(d.status.phase, "waiting-canaries");
  assert.equal(d.status.step, -1);
  assert.equal(d.status.weight, 0);
  assert.equal(d.status.stepStartedAt, "2026-11-25T02:00:00.000Z");
  assert.deepEqual(
    d.status.events.map((e) => [e.kind, e.message]),
    [["started", "rollout r-0a1b2c of forex-rate: v2 against v1, steps 10/25/50/100%, 60 s each, created by console"]],
  );
});

test("a status of an earlier rollout is replaced by a fresh one", () => {
  const old: RolloutStatus = { ...started(), id: "r-ffff", phase: "succeeded" };
  const d = decide({ spec: s, status: old, control: null, now: sec(5) }, options);
  assert.equal(d.status.id, s.id);
  assert.equal(d.status.events.length, 1);
});

test("a finished rollout decides nothing", () => {
  for (const phase of ["succeeded", "rolled-back", "aborted"] as const) {
    const status = { ...started(), phase };
    const d = decide({ spec: s, status, control: { id: s.id, command: "abort", at: "2026-11-25T02:00:00Z" }, now: sec(5) }, options);
    assert.equal(d.write, false);
    assert.equal(d.status, status);
    assert.deepEqual(needs(s, status, null, sec(5), options), { deployment: false, metricsWindowSeconds: null });
  }
});

test("waiting for canaries needs the deployment and no metrics", () => {
  assert.deepEqual(needs(s, null, null, T0, options), { deployment: false, metricsWindowSeconds: null });
  assert.deepEqual(needs(s, started(), null, T0, options), { deployment: true, metricsWindowSeconds: null });
});

test("no deployment yet: a waiting event, then silence while nothing changes", () => {
  const first = decide({ spec: s, status: started(), control: null, deployment: { ok: true, deployment: null }, now: sec(1) }, options);
  assert.equal(first.write, true);
  assert.equal(first.status.events.at(-1)?.kind, "waiting");
  assert.equal(first.status.message, "waiting for a deployment: job forex-rate has none; deploy v2 with canaries first");
  const second = decide({ spec: s, status: first.status, control: null, deployment: { ok: true, deployment: null }, now: sec(2) }, options);
  assert.equal(second.write, false);
});

test("a deployment of another version is waited out", () => {
  const d = decide({ spec: s, status: started(), control: null, deployment: deployment({ version: "v1" }), now: sec(1) }, options);
  assert.match(d.status.message, /^waiting for a deployment: job forex-rate's latest deployment d3adbeef is of v1, not v2$/);
});

test("canaries not all healthy: waiting for canaries, one event per reason, the message follows the count", () => {
  const one = decide({ spec: s, status: started(), control: null, deployment: deployment({ healthyCanaries: 0 }), now: sec(1) }, options);
  assert.equal(one.status.message, "waiting for canaries: 0 of 2 healthy in deployment d3adbeef (running)");
  const two = decide({ spec: s, status: one.status, control: null, deployment: deployment({ healthyCanaries: 1 }), now: sec(2) }, options);
  assert.equal(two.write, true);
  assert.equal(two.status.message, "waiting for canaries: 1 of 2 healthy in deployment d3adbeef (running)");
  assert.equal(two.status.events.filter((e) => e.kind === "waiting").length, 1, "the count moved; the reason did not");
  assert.equal(two.status.phase, "waiting-canaries");
});

test("healthy canaries: the first step's weight is set and the step starts now", () => {
  const d = decide({ spec: s, status: started(), control: null, deployment: deployment(), now: sec(3) }, options);
  assert.deepEqual(d.actions, [{ kind: "set-weight", weight: 10, reason: "rollout r-0a1b2c step 1/4: 10%" }]);
  assert.equal(d.status.phase, "stepping");
  assert.equal(d.status.step, 0);
  assert.equal(d.status.weight, 10);
  assert.equal(d.status.stepStartedAt, new Date(sec(3)).toISOString());
  assert.equal(d.status.message, "step 1/4 (10%): 10% to v2, 90% to v1; judging from 02:01:03 UTC");
  assert.deepEqual(d.status.events.at(-1), { at: new Date(sec(3)).toISOString(), kind: "step", step: 0, weight: 10, message: "step 1/4 (10%): 10% to v2, 90% to v1" });
});

test("a canary deployment that failed before the first step rolls back", () => {
  const d = decide({ spec: s, status: started(), control: null, deployment: deployment({ status: "failed", description: "Failed due to unhealthy allocations" }), now: sec(3) }, options);
  assert.equal(d.status.phase, "rolling-back");
  assert.equal(d.again, true);
  assert.equal(d.status.events.at(-1)?.message, "rollback before the first step: the canary deployment d3adbeef failed: Failed due to unhealthy allocations");
  const done = decide({ spec: s, status: d.status, control: null, deployment: deployment({ status: "failed" }), now: sec(4) }, options);
  assert.equal(done.status.phase, "rolled-back");
  assert.deepEqual(done.actions, [], "the route table was never touched, so it is not written now");
});

test("an abort before the first step fails the canary deployment without writing a route table", () => {
  const aborting = decide({ spec: s, status: started(), control: { id: s.id, command: "abort", at: "2026-11-25T02:00:01Z" }, now: sec(1) }, options).status;
  const done = decide({ spec: s, status: aborting, control: null, deployment: deployment({ healthyCanaries: 0 }), now: sec(2) }, options);
  assert.equal(done.status.phase, "aborted");
  assert.deepEqual(done.actions, [{ kind: "fail-deployment", deploymentId: "d3adbeef-0000-4000-8000-000000000001" }]);
});

test("a deployment without canaries cannot be rolled out by weight and is waited on, saying why", () => {
  const d = decide({ spec: s, status: started(), control: null, deployment: deployment({ desiredCanaries: 0, healthyCanaries: 0 }), now: sec(1) }, options);
  assert.equal(d.status.phase, "waiting-canaries");
  assert.match(d.status.message, /has no canaries waiting for promotion/);
});

test("Nomad not answering is a wait, not a decision", () => {
  const d = decide({ spec: s, status: started(), control: null, deployment: { ok: false, error: "connect ECONNREFUSED 127.0.0.1:4646" }, now: sec(1) }, options);
  assert.equal(d.status.phase, "waiting-canaries");
  assert.equal(d.status.message, "waiting for Nomad: connect ECONNREFUSED 127.0.0.1:4646");
});
