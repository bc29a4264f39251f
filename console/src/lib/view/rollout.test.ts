import assert from "node:assert/strict";
import { test } from "node:test";
import type { RolloutSpec, RolloutStatus } from "@forex-mesh/rollout/schema";
import { parseSteps, toRolloutView } from "./rollout";

const spec: RolloutSpec = {
  id: "r-0a1b2c3d",
  service: "forex-rate",
  job: "forex-rate",
  canary: "v3",
  stable: "v2",
  steps: [10, 25, 50, 100],
  stepSeconds: 60,
  gates: { minSuccessRatio: 0.99, maxSuccessDrop: 0.01, maxP99Ms: 1000, maxP99Factor: 2, minRequests: 50 },
  createdAt: "2026-11-25T02:00:00.000Z",
  createdBy: "console",
};
const status = (over: Partial<RolloutStatus>): RolloutStatus => ({
  id: spec.id,
  phase: "stepping",
  step: 1,
  weight: 25,
  stepStartedAt: "2026-11-25T02:01:05.000Z",
  updatedAt: "2026-11-25T02:01:05.000Z",
  message: "step 2 of 4: 25% to v3 for 60 s",
  events: [],
  ...over,
});

test("toRolloutView: no status yet for this spec (or one of an earlier rollout) means waiting for the controller", () => {
  const view = toRolloutView(spec, status({ id: "r-ffff", phase: "succeeded" }))!;
  assert.equal(view.phase, null);
  assert.equal(view.message, "waiting for the rollout controller to pick it up");
  assert.deepEqual(view.allowed, { pause: true, resume: false, abort: true });
  assert.equal(toRolloutView(null, null), null);
});

test("toRolloutView: where it is, and the buttons the controller would act on per phase", () => {
  const stepping = toRolloutView(spec, status({}))!;
  assert.equal(stepping.where, "step 2 of 4 (25%)");
  assert.deepEqual(stepping.allowed, { pause: true, resume: false, abort: true });
  assert.deepEqual(toRolloutView(spec, status({ phase: "paused" }))!.allowed, { pause: false, resume: true, abort: true });
  for (const phase of ["succeeded", "rolled-back", "aborted"] as const) {
    const v = toRolloutView(spec, status({ phase }))!;
    assert.equal(v.terminal, true);
    assert.deepEqual(v.allowed, { pause: false, resume: false, abort: false }, phase);
  }
  assert.deepEqual(toRolloutView(spec, status({ phase: "rolling-back" }))!.allowed, { pause: false, resume: false, abort: false });
  assert.equal(toRolloutView(spec, status({ step: -1, phase: "waiting-canaries" }))!.where, "");
});

test("toRolloutView: events newest first, each verdict's gates with the compared numbers and the direction of the comparison", () => {
  const view = toRolloutView(
    spec,
    status({
      phase: "rolled-back",
      events: [
        { at: "2026-11-25T02:00:05.000Z", kind: "step", step: 0, weight: 10, message: "step 1 of 4: 10% to v3" },
        {
          at: "2026-11-25T02:01:05.000Z",
          kind: "verdict",
          step: 0,
          weight: 10,
          outcome: "fail",
          message: "canary success 0.79 < 0.99",
          gates: [
            { name: "min_requests", canary: 212, stable: 1890, threshold: 50, pass: true },
            { name: "success_ratio", canary: 0.793103, stable: 1, threshold: 0.99, pass: false },
            { name: "success_vs_stable", canary: 0.793103, stable: 1, threshold: 0.99, pass: false },
            { name: "p99", canary: 4.95, stable: 4.8, threshold: 1000, pass: true },
            { name: "p99_vs_stable", canary: 4.95, stable: 4.8, threshold: 25, pass: true },
          ],
        },
      ],
    }),
  )!;
  assert.deepEqual(
    view.events.map((e) => [e.kind, e.outcome]),
    [
      ["verdict", "fail"],
      ["step", null],
    ],
  );
  assert.deepEqual(
    view.events[0]!.gates.map((g) => [g.label, g.comparison, g.stable, g.pass]),
    [
      ["canary requests", "212 ≥ 50", "1890", true],
      ["success ratio", "0.7931 ≥ 0.99", "1", false],
      ["success vs stable", "0.7931 ≥ 0.99", "1", false],
      ["p99", "4.95 ms ≤ 1000 ms", "4.8 ms", true],
      ["p99 vs stable", "4.95 ms ≤ 25 ms", "4.8 ms", true],
    ],
  );
});

test("parseSteps: commas, spaces or slashes between whole numbers; anything else is null", () => {
  assert.deepEqual(parseSteps("10, 25, 50, 100"), [10, 25, 50, 100]);
  assert.deepEqual(parseSteps("10/100"), [10, 100]);
  assert.equal(parseSteps("10, x"), null);
  assert.equal(parseSteps("  "), null);
  assert.equal(parseSteps("12.5, 100"), null);
});
