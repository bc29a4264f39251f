import assert from "node:assert/strict";
import { test } from "node:test";
import { EVENTS_CAP, type RolloutEvent, type RolloutStatus } from "../schema.js";
import { deployment, healthy, metrics, sec, spec } from "../testing/fixtures.js";
import { decide } from "./decide.js";

const options = { minWindowSeconds: 10 };
const s = spec();
const base: RolloutStatus = {
  id: s.id,
  phase: "stepping",
  step: 1,
  weight: 25,
  stepStartedAt: new Date(sec(0)).toISOString(),
  updatedAt: new Date(sec(0)).toISOString(),
  message: "step",
  events: [],
};
const failing = () => decide({ spec: s, status: base, control: null, deployment: deployment(), metrics: metrics(healthy(200, 0.79), healthy(600)), now: sec(60) }, options).status;

test("rolling back: 100% to stable with the reason in the history, the deployment failed, phase rolled-back", () => {
  const d = decide({ spec: s, status: failing(), control: null, deployment: deployment(), now: sec(61) }, options);
  assert.deepEqual(d.actions, [
    { kind: "set-weight", weight: 0, reason: "rollback: canary success 0.79 < 0.99; canary success 0.79 < stable 1 - 0.01" },
    { kind: "fail-deployment", deploymentId: "d3adbeef-0000-4000-8000-000000000001" },
  ]);
  assert.equal(d.status.phase, "rolled-back");
  assert.equal(d.status.weight, 0);
  assert.equal(d.status.step, 1, "the step it stopped at stays visible");
  assert.match(d.status.message, /^rolled back: canary success 0\.79 < 0\.99; .*; 100% to v1, deployment d3adbeef failed/);
  assert.equal(d.status.events.at(-1)?.kind, "rolled-back");
  assert.equal(d.status.events.at(-1)?.weight, 0);
});

test("a deployment that already failed is not failed again", () => {
  const d = decide({ spec: s, status: failing(), control: null, deployment: deployment({ status: "failed" }), now: sec(61) }, options);
  assert.deepEqual(
    d.actions.map((a) => a.kind),
    ["set-weight"],
  );
  assert.match(d.status.message, /deployment d3adbeef already failed$/);
});

test("a deployment of another version is left alone by a rollback", () => {
  const d = decide({ spec: s, status: failing(), control: null, deployment: deployment({ version: "v3" }), now: sec(61) }, options);
  assert.deepEqual(
    d.actions.map((a) => a.kind),
    ["set-weight"],
  );
  assert.match(d.status.message, /no deployment of v2 to fail$/);
});

test("with Nomad away the traffic still goes back, and the rollback waits to fail the deployment", () => {
  const first = decide({ spec: s, status: failing(), control: null, deployment: { ok: false, error: "ECONNREFUSED" }, now: sec(61) }, options);
  assert.deepEqual(
    first.actions.map((a) => a.kind),
    ["set-weight"],
  );
  assert.equal(first.status.phase, "rolling-back");
  assert.equal(first.status.weight, 0);
  assert.match(first.status.message, /waiting for Nomad to fail the deployment \(ECONNREFUSED\)$/);
  const again = decide({ spec: s, status: first.status, control: null, deployment: { ok: false, error: "ECONNREFUSED" }, now: sec(62) }, options);
  assert.equal(again.write, false);
  assert.equal(again.actions.length, 1, "the weight is re-asserted (a no-op write when already there)");
  const done = decide({ spec: s, status: first.status, control: null, deployment: deployment(), now: sec(63) }, options);
  assert.equal(done.status.phase, "rolled-back");
});

const promoting: RolloutStatus = { ...base, phase: "promoting", step: 3, weight: 100 };

test("promoting: promote the deployment, collapse the table to the canary, succeeded", () => {
  const d = decide({ spec: s, status: promoting, control: null, deployment: deployment(), now: sec(1) }, options);
  assert.deepEqual(d.actions, [
    { kind: "promote-deployment", deploymentId: "d3adbeef-0000-4000-8000-000000000001" },
    { kind: "collapse-routes", version: "v2", reason: "rollout r-0a1b2c promoted: v2 is the stable version" },
  ]);
  assert.equal(d.status.phase, "succeeded");
  assert.equal(d.status.events.at(-1)?.kind, "promoted");
  assert.match(d.status.message, /^succeeded: deployment d3adbeef promoted, v2 replaces v1/);
});

test("promoting a deployment already promoted (a restart after the promote) only collapses the table", () => {
  const d = decide({ spec: s, status: promoting, control: null, deployment: deployment({ promoted: true, status: "successful" }), now: sec(1) }, options);
  assert.deepEqual(
    d.actions.map((a) => a.kind),
    ["collapse-routes"],
  );
  assert.equal(d.status.phase, "succeeded");
});

test("a deployment that failed before the promotion rolls back: its canaries are going away", () => {
  const d = decide({ spec: s, status: promoting, control: null, deployment: deployment({ status: "failed", description: "Failed due to progress deadline" }), now: sec(1) }, options);
  assert.equal(d.status.phase, "rolling-back");
  assert.match(d.status.message, /failed before promotion: Failed due to progress deadline/);
});

test("promoting waits for Nomad when it does not answer", () => {
  const d = decide({ spec: s, status: promoting, control: null, deployment: { ok: false, error: "timeout" }, now: sec(1) }, options);
  assert.equal(d.status.phase, "promoting");
  assert.deepEqual(d.actions, []);
  assert.equal(d.status.message, "waiting for Nomad: to promote: timeout");
});

test("events are capped, newest kept last", () => {
  const events: RolloutEvent[] = Array.from({ length: EVENTS_CAP }, (_, i) => ({ at: new Date(sec(i)).toISOString(), kind: "waiting", step: 1, weight: 25, message: `old ${i}` }));
  const d = decide({ spec: s, status: { ...base, events }, control: null, deployment: deployment(), metrics: metrics(healthy(200), healthy(600)), now: sec(60) }, options);
  assert.equal(d.status.events.length, EVENTS_CAP);
  assert.equal(d.status.events[0]?.message, "old 2");
  assert.equal(d.status.events.at(-1)?.kind, "step");
});
