import assert from "node:assert/strict";
import { test } from "node:test";
import { parseRolloutControl, parseRolloutSpec, parseRolloutStatus, validateRolloutSpec } from "./parse.js";
import { DEFAULT_GATES, isTerminalPhase, parseRolloutKey, rolloutControlKey, rolloutSpecKey, rolloutStatusKey } from "./schema.js";

const minimal = {
  id: "r-3f9a1c",
  service: "forex-rate",
  job: "forex-rate",
  canary: "v2",
  stable: "v1",
  createdAt: "2026-11-25T02:00:00.000Z",
  createdBy: "console",
};

test("a minimal spec gets the default steps, step length and gates", () => {
  const parsed = validateRolloutSpec(minimal);
  assert.ok(parsed.ok);
  assert.deepEqual(parsed.value.steps, [10, 25, 50, 100]);
  assert.equal(parsed.value.stepSeconds, 60);
  assert.deepEqual(parsed.value.gates, {
    minSuccessRatio: 0.99,
    maxSuccessDrop: 0.01,
    maxP99Ms: 1000,
    maxP99Factor: 2,
    minRequests: 50,
  });
});

test("a partial gates object keeps what it names and defaults the rest", () => {
  const parsed = validateRolloutSpec({ ...minimal, gates: { minRequests: 5 } });
  assert.ok(parsed.ok);
  assert.deepEqual(parsed.value.gates, { ...DEFAULT_GATES, minRequests: 5 });
});

test("the defaults are not shared between parsed specs", () => {
  const a = validateRolloutSpec(minimal);
  const b = validateRolloutSpec(minimal);
  assert.ok(a.ok && b.ok);
  a.value.steps.push(7);
  a.value.gates.minRequests = 1;
  assert.deepEqual(b.value.steps, [10, 25, 50, 100]);
  assert.equal(b.value.gates.minRequests, 50);
});

test("steps must be strictly increasing", () => {
  const parsed = validateRolloutSpec({ ...minimal, steps: [10, 10, 100] });
  assert.ok(!parsed.ok);
  assert.equal(parsed.error.code, "rollout_invalid");
  assert.match(parsed.error.message, /steps\.1: steps must be strictly increasing/);
});

test("the last step must be 100", () => {
  const parsed = validateRolloutSpec({ ...minimal, steps: [10, 50] });
  assert.ok(!parsed.ok);
  assert.match(parsed.error.message, /steps\.1: the last step must be 100/);
});

test("steps are whole percentages from 1 to 100", () => {
  for (const steps of [[0, 100], [10, 101], [12.5, 100], []]) {
    assert.equal(validateRolloutSpec({ ...minimal, steps }).ok, false, JSON.stringify(steps));
  }
  assert.equal(validateRolloutSpec({ ...minimal, steps: [100] }).ok, true);
});

test("canary and stable must differ, and unknown fields are refused by name", () => {
  const same = validateRolloutSpec({ ...minimal, canary: "v1" });
  assert.ok(!same.ok);
  assert.match(same.error.message, /canary: canary and stable must be different versions/);
  const extra = validateRolloutSpec({ ...minimal, weight: 3 });
  assert.ok(!extra.ok);
  assert.match(extra.error.message, /unknown field "weight"/);
});

test("minRequests of 0 is refused: a verdict on no data is no verdict", () => {
  const parsed = validateRolloutSpec({ ...minimal, gates: { minRequests: 0 } });
  assert.ok(!parsed.ok);
  assert.match(parsed.error.message, /gates\.minRequests/);
});

test("ids are r- and hex", () => {
  assert.equal(validateRolloutSpec({ ...minimal, id: "x-12ab" }).ok, false);
  assert.equal(validateRolloutSpec({ ...minimal, id: "r-XYZ1" }).ok, false);
});

test("text that is not JSON says so", () => {
  const parsed = parseRolloutSpec("{nope");
  assert.ok(!parsed.ok);
  assert.equal(parsed.error.code, "rollout_not_json");
});

test("control commands are pause, resume and abort", () => {
  assert.ok(parseRolloutControl(JSON.stringify({ id: "r-abcd", command: "pause", at: "2026-11-25T02:00:00Z" })).ok);
  assert.equal(parseRolloutControl(JSON.stringify({ id: "r-abcd", command: "stop", at: "2026-11-25T02:00:00Z" })).ok, false);
});

test("a status with a verdict event round-trips", () => {
  const status = {
    id: "r-abcd",
    phase: "stepping",
    step: 1,
    weight: 25,
    stepStartedAt: "2026-11-25T02:01:00.000Z",
    updatedAt: "2026-11-25T02:01:00.000Z",
    message: "step 2/4: 25% to v2",
    events: [
      {
        at: "2026-11-25T02:01:00.000Z",
        kind: "verdict",
        step: 0,
        weight: 10,
        outcome: "pass",
        gates: [{ name: "success_ratio", canary: 1, stable: 0.999, threshold: 0.99, pass: true }],
        message: "step 1/4 passed",
      },
    ],
  };
  const parsed = parseRolloutStatus(JSON.stringify(status));
  assert.ok(parsed.ok, parsed.ok ? "" : parsed.error.message);
  assert.deepEqual(parsed.value, status);
  assert.equal(parseRolloutStatus(JSON.stringify({ ...status, phase: "running" })).ok, false);
});

test("key helpers and their inverse", () => {
  assert.equal(rolloutSpecKey("forex-rate"), "forex-mesh/rollouts/forex-rate/spec");
  assert.equal(rolloutControlKey("forex-rate"), "forex-mesh/rollouts/forex-rate/control");
  assert.equal(rolloutStatusKey("forex-rate"), "forex-mesh/rollouts/forex-rate/status");
  assert.deepEqual(parseRolloutKey("forex-mesh/rollouts/forex-rate/control"), { service: "forex-rate", part: "control" });
  assert.equal(parseRolloutKey("forex-mesh/rollouts/forex-rate/other"), null);
  assert.equal(parseRolloutKey("forex-mesh/rollouts/forex-rate"), null);
  assert.equal(parseRolloutKey("forex-mesh/routes/forex-rate"), null);
});

test("terminal phases", () => {
  assert.equal(isTerminalPhase("succeeded"), true);
  assert.equal(isTerminalPhase("rolled-back"), true);
  assert.equal(isTerminalPhase("aborted"), true);
  assert.equal(isTerminalPhase("paused"), false);
  assert.equal(isTerminalPhase("rolling-back"), false);
});
