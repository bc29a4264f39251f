import assert from "node:assert/strict";
import { test } from "node:test";
import type { ControlCommand, RolloutControl, RolloutStatus } from "../schema.js";
import { deployment, healthy, metrics, sec, spec } from "../testing/fixtures.js";
import { decide, needs } from "./decide.js";

const options = { minWindowSeconds: 10 };
const s = spec();
const control = (command: ControlCommand, id = s.id): RolloutControl => ({ id, command, at: "2026-11-25T02:00:30.000Z" });
const stepping = (step = 1): RolloutStatus => ({
  id: s.id,
  phase: "stepping",
  step,
  weight: s.steps[step]!,
  stepStartedAt: new Date(sec(0)).toISOString(),
  updatedAt: new Date(sec(0)).toISOString(),
  message: "step",
  events: [],
});

test("pause holds the weight, records who and where, and needs nothing fetched", () => {
  const d = decide({ spec: s, status: stepping(), control: control("pause"), now: sec(30) }, options);
  assert.equal(d.status.phase, "paused");
  assert.equal(d.status.weight, 25);
  assert.deepEqual(d.actions, []);
  assert.equal(d.status.message, "paused by operator at step 2/4 (25%): 25% to v2; resume to continue");
  assert.equal(d.status.events.at(-1)?.kind, "paused");
  assert.deepEqual(needs(s, d.status, control("pause"), sec(500), options), { deployment: false, metricsWindowSeconds: null });
});

test("while the pause is in force, time passing changes nothing", () => {
  const paused = decide({ spec: s, status: stepping(), control: control("pause"), now: sec(30) }, options).status;
  const d = decide({ spec: s, status: paused, control: control("pause"), now: sec(3600) }, options);
  assert.equal(d.write, false);
});

test("resume continues the same step with a fresh window", () => {
  const paused = decide({ spec: s, status: stepping(), control: control("pause"), now: sec(30) }, options).status;
  const d = decide({ spec: s, status: paused, control: control("resume"), now: sec(100) }, options);
  assert.equal(d.status.phase, "stepping");
  assert.equal(d.status.step, 1);
  assert.equal(d.status.stepStartedAt, new Date(sec(100)).toISOString());
  assert.equal(d.status.events.at(-1)?.kind, "resumed");
  assert.equal(d.status.message, "resumed at step 2/4 (25%): the step's window starts again");
  assert.deepEqual(needs(s, d.status, control("resume"), sec(159), options).metricsWindowSeconds, null);
  assert.deepEqual(needs(s, d.status, control("resume"), sec(160), options).metricsWindowSeconds, 60);
});

test("pausing before the first step and resuming goes back to waiting for canaries", () => {
  const waitingCanaries: RolloutStatus = { ...stepping(), phase: "waiting-canaries", step: -1, weight: 0 };
  const paused = decide({ spec: s, status: waitingCanaries, control: control("pause"), now: sec(1) }, options).status;
  assert.equal(paused.message, "paused by operator before the first step; resume to continue");
  const resumed = decide({ spec: s, status: paused, control: control("resume"), now: sec(2) }, options).status;
  assert.equal(resumed.phase, "waiting-canaries");
});

test("a control key of another rollout is ignored", () => {
  const d = decide({ spec: s, status: stepping(), control: control("abort", "r-9999"), deployment: deployment(), now: sec(5) }, options);
  assert.equal(d.write, false);
  const paused = { ...stepping(), phase: "paused" as const };
  const resumed = decide({ spec: s, status: paused, control: control("pause", "r-9999"), now: sec(5) }, options);
  assert.equal(resumed.status.phase, "stepping", "no pause of this rollout is in force");
});

test("abort rolls back like a failed gate, with the operator as the reason", () => {
  const d = decide({ spec: s, status: stepping(2), control: control("abort"), now: sec(5) }, options);
  assert.equal(d.status.phase, "rolling-back");
  assert.equal(d.again, true);
  assert.equal(d.status.message, "rolling back: aborted by operator");
  assert.deepEqual(d.status.events.at(-1), { at: new Date(sec(5)).toISOString(), kind: "aborted", step: 2, weight: 50, message: "aborted by operator at step 3/4 (50%)" });
  const done = decide({ spec: s, status: d.status, control: control("abort"), deployment: deployment(), now: sec(6) }, options);
  assert.deepEqual(done.actions, [
    { kind: "set-weight", weight: 0, reason: "rollback: aborted by operator" },
    { kind: "fail-deployment", deploymentId: "d3adbeef-0000-4000-8000-000000000001" },
  ]);
  assert.equal(done.status.phase, "aborted");
  assert.equal(done.status.weight, 0);
});

test("abort while paused rolls back too", () => {
  const paused = decide({ spec: s, status: stepping(), control: control("pause"), now: sec(1) }, options).status;
  assert.equal(decide({ spec: s, status: paused, control: control("abort"), now: sec(2) }, options).status.phase, "rolling-back");
});

test("pause and abort do not interrupt a promotion or a rollback under way", () => {
  for (const phase of ["promoting", "rolling-back"] as const) {
    const status = { ...stepping(3), phase };
    for (const command of ["pause", "abort"] as const) {
      assert.equal(needs(s, status, control(command), sec(1), options).deployment, true, `${phase}/${command}`);
      const d = decide({ spec: s, status, control: control(command), deployment: deployment(), metrics: metrics(healthy(1), healthy(1)), now: sec(1) }, options);
      assert.notEqual(d.status.phase, "paused");
      assert.notEqual(d.status.phase, "aborted");
    }
  }
});
