import assert from "node:assert/strict";
import { test } from "node:test";
import type { RolloutStatus } from "../schema.js";
import { deployment, healthy, metrics, none, sec, spec, T0 } from "../testing/fixtures.js";
import { decide, needs } from "./decide.js";

const options = { minWindowSeconds: 10 };
const s = spec();

/** A status at `step` entered at `startedAt` seconds. */
function at(step: number, startedAt = 0, events: RolloutStatus["events"] = []): RolloutStatus {
  return {
    id: s.id,
    phase: "stepping",
    step,
    weight: s.steps[step]!,
    stepStartedAt: new Date(sec(startedAt)).toISOString(),
    updatedAt: new Date(sec(startedAt)).toISOString(),
    message: "step",
    events,
  };
}

test("before stepSeconds have passed nothing is measured and nothing changes", () => {
  assert.deepEqual(needs(s, at(0), null, sec(59.9), options), { deployment: true, metricsWindowSeconds: null });
  const d = decide({ spec: s, status: at(0), control: null, deployment: deployment(), now: sec(59.9) }, options);
  assert.equal(d.write, false);
  assert.deepEqual(d.actions, []);
});

test("once due, the window is the whole seconds since the step started", () => {
  assert.deepEqual(needs(s, at(0), null, sec(60), options), { deployment: true, metricsWindowSeconds: 60 });
  assert.deepEqual(needs(s, at(0), null, sec(75.8), options), { deployment: true, metricsWindowSeconds: 75 });
});

test("a step shorter than two scrape intervals waits for the shortest judgeable window", () => {
  const short = spec({ stepSeconds: 2 });
  assert.equal(needs(short, at(0), null, sec(9), options).metricsWindowSeconds, null);
  assert.equal(needs(short, at(0), null, sec(10), options).metricsWindowSeconds, 10);
  assert.equal(needs(short, at(0), null, sec(2), { minWindowSeconds: 1 }).metricsWindowSeconds, 2);
});

test("a passing step records its verdict with the gates and moves to the next weight", () => {
  const d = decide({ spec: s, status: at(0), control: null, deployment: deployment(), metrics: metrics(healthy(120, 1, 20), healthy(1080, 1, 18)), now: sec(61) }, options);
  assert.deepEqual(d.actions, [{ kind: "set-weight", weight: 25, reason: "rollout r-0a1b2c step 2/4: 25%" }]);
  assert.equal(d.status.step, 1);
  assert.equal(d.status.weight, 25);
  assert.equal(d.status.stepStartedAt, new Date(sec(61)).toISOString());
  const [verdict, step] = d.status.events.slice(-2);
  assert.equal(verdict?.kind, "verdict");
  assert.equal(verdict?.outcome, "pass");
  assert.equal(verdict?.step, 0);
  assert.equal(verdict?.weight, 10);
  assert.equal(verdict?.gates?.length, 5);
  assert.equal(verdict?.message, "step 1/4 (10%) passed: canary success 1, p99 20 ms over 120 requests, stable success 1, p99 18 ms");
  assert.equal(step?.kind, "step");
  assert.equal(step?.step, 1);
  assert.equal(step?.weight, 25);
});

test("thin traffic: one waiting event with the counts, the message follows them, the step stays", () => {
  const first = decide({ spec: s, status: at(1), control: null, deployment: deployment(), metrics: metrics(healthy(12), healthy(300), 64), now: sec(64) }, options);
  assert.equal(first.write, true);
  assert.deepEqual(first.actions, []);
  assert.equal(first.status.step, 1);
  assert.equal(first.status.message, "waiting for traffic: 12 of 50 canary requests in 64 s at step 2/4 (25%); staying on this step");
  const waitingEvent = first.status.events.at(-1);
  assert.equal(waitingEvent?.kind, "waiting");
  assert.equal(waitingEvent?.outcome, "wait");
  assert.deepEqual(waitingEvent?.gates, [{ name: "min_requests", canary: 12, stable: 300, threshold: 50, pass: false }]);

  const second = decide({ spec: s, status: first.status, control: null, deployment: deployment(), metrics: metrics(healthy(30), healthy(600), 65), now: sec(65) }, options);
  assert.equal(second.status.message, "waiting for traffic: 30 of 50 canary requests in 65 s at step 2/4 (25%); staying on this step");
  assert.equal(second.status.events.length, first.status.events.length, "no second waiting event");

  const same = decide({ spec: s, status: second.status, control: null, deployment: deployment(), metrics: metrics(healthy(30), healthy(600), 65), now: sec(65.5) }, options);
  assert.equal(same.write, false, "nothing changed, nothing written");

  const enough = decide({ spec: s, status: second.status, control: null, deployment: deployment(), metrics: metrics(healthy(55), healthy(900), 70), now: sec(70) }, options);
  assert.equal(enough.status.step, 2);
});

test("a failing gate rolls back with the gate values and the reason", () => {
  const d = decide({ spec: s, status: at(0), control: null, deployment: deployment(), metrics: metrics(healthy(200, 0.79, 20), healthy(1800, 1, 20)), now: sec(60) }, options);
  assert.equal(d.status.phase, "rolling-back");
  assert.equal(d.again, true);
  assert.deepEqual(d.actions, []);
  assert.equal(d.status.message, "rolling back: canary success 0.79 < 0.99; canary success 0.79 < stable 1 - 0.01");
  const verdict = d.status.events.at(-1);
  assert.equal(verdict?.kind, "verdict");
  assert.equal(verdict?.outcome, "fail");
  assert.deepEqual(verdict?.gates?.find((g) => g.name === "success_ratio"), { name: "success_ratio", canary: 0.79, stable: 1, threshold: 0.99, pass: false });
  assert.equal(verdict?.message, "rollback at step 1/4 (10%): canary success 0.79 < 0.99; canary success 0.79 < stable 1 - 0.01");
});

test("Prometheus not answering is a wait for metrics, never a verdict", () => {
  const d = decide({ spec: s, status: at(0), control: null, deployment: deployment(), metrics: { ok: false, error: "Prometheus unreachable" }, now: sec(60) }, options);
  assert.equal(d.status.phase, "stepping");
  assert.equal(d.status.message, "waiting for metrics: Prometheus unreachable; staying at step 1/4 (10%)");
});

test("Nomad not answering does not stop the judging", () => {
  const d = decide({ spec: s, status: at(0), control: null, deployment: { ok: false, error: "timeout" }, metrics: metrics(healthy(200), healthy(1800)), now: sec(60) }, options);
  assert.equal(d.status.step, 1);
});

test("the deployment failing under the rollout (e.g. a crashing canary) rolls back", () => {
  const d = decide({ spec: s, status: at(1), control: null, deployment: deployment({ status: "failed", description: "Failed due to unhealthy allocations" }), now: sec(5) }, options);
  assert.equal(d.status.phase, "rolling-back");
  assert.equal(d.status.message, "rolling back: the deployment d3adbeef failed outside the rollout: Failed due to unhealthy allocations");
});

test("a newer deployment of another version under the rollout rolls it back", () => {
  const d = decide({ spec: s, status: at(1), control: null, deployment: deployment({ version: "v3" }), now: sec(5) }, options);
  assert.equal(d.status.phase, "rolling-back");
  assert.match(d.status.message, /latest deployment is no longer v2's \(now v3\)/);
});

test("a deployment promoted by hand ends the judging as a promotion", () => {
  const d = decide({ spec: s, status: at(1), control: null, deployment: deployment({ promoted: true }), now: sec(5) }, options);
  assert.equal(d.status.phase, "promoting");
  assert.equal(d.again, true);
});

test("the last step passing moves to promoting", () => {
  const d = decide({ spec: s, status: at(3), control: null, deployment: deployment(), metrics: metrics(healthy(1000), healthy(2000)), now: sec(60) }, options);
  assert.equal(d.status.phase, "promoting");
  assert.equal(d.status.step, 3);
  assert.equal(d.again, true);
  assert.equal(d.status.message, "all 4 steps passed; promoting the deployment");
});

test("at 100% with no stable traffic the canary is compared with stable's figures from the step before", () => {
  const earlier = decide({ spec: s, status: at(2), control: null, deployment: deployment(), metrics: metrics(healthy(500, 0.999, 30), healthy(500, 0.999, 30)), now: sec(60) }, options);
  assert.equal(earlier.status.step, 3);
  const last = { ...earlier.status, stepStartedAt: new Date(T0).toISOString() };
  const d = decide({ spec: s, status: last, control: null, deployment: deployment(), metrics: metrics(healthy(1000, 0.97, 30), none), now: sec(60) }, options);
  assert.equal(d.status.phase, "rolling-back");
  const verdict = d.status.events.at(-1);
  assert.deepEqual(verdict?.gates?.find((g) => g.name === "success_vs_stable"), { name: "success_vs_stable", canary: 0.97, stable: 0.999, threshold: 0.989, pass: false });
  assert.match(verdict?.message ?? "", /compared with stable's figures from step 3/);
});
