/**
 * Whole rollouts driven tick by tick through `needs` → `decide`, with a simulated world: the
 * traffic each version receives follows the weight the decisions set, so a test sees what the
 * controller would do end to end without I/O.
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import type { RolloutSpec, RolloutStatus } from "../schema.js";
import { deployment, spec, T0 } from "../testing/fixtures.js";
import { decide, needs } from "./decide.js";
import type { Action } from "./types.js";

interface World {
  /** Requests per second across both versions. */
  rps: number;
  canarySuccess: number;
  stableSuccess: number;
}

function run(s: RolloutSpec, world: World, maxSeconds: number): { status: RolloutStatus; actions: Action[]; weights: number[] } {
  const options = { minWindowSeconds: 10 };
  let status: RolloutStatus | null = null;
  let weight = 0;
  const actions: Action[] = [];
  const weights: number[] = [];
  for (let t = 0; t <= maxSeconds; t += 1) {
    const now = T0 + t * 1000;
    for (let round = 0; round < 5; round++) {
      const need = needs(s, status, null, now, options);
      const window = need.metricsWindowSeconds;
      const figures = (share: number, success: number) => {
        const requests = (world.rps * share * (window ?? 0)) / 100;
        return { requests, successRatio: requests > 0 ? success : null, p99Ms: requests > 0 ? 20 : null };
      };
      const d = decide(
        {
          spec: s,
          status,
          control: null,
          deployment: deployment(),
          ...(window === null ? {} : { metrics: { ok: true as const, sample: { windowSeconds: window, canary: figures(weight, world.canarySuccess), stable: figures(100 - weight, world.stableSuccess) } } }),
          now,
        },
        options,
      );
      for (const a of d.actions) {
        actions.push(a);
        if (a.kind === "set-weight") {
          weight = a.weight;
          weights.push(a.weight);
        }
      }
      status = d.status;
      if (!d.again) break;
    }
    if (status && ["succeeded", "rolled-back", "aborted"].includes(status.phase)) break;
  }
  assert.ok(status);
  return { status, actions, weights };
}

test("a healthy canary is stepped 10 → 25 → 50 → 100 and promoted, judged at 100% against stable's earlier figures", () => {
  const { status, actions, weights } = run(spec({ stepSeconds: 60 }), { rps: 20, canarySuccess: 1, stableSuccess: 1 }, 600);
  assert.equal(status.phase, "succeeded");
  assert.deepEqual(weights, [10, 25, 50, 100]);
  assert.deepEqual(actions.slice(-2).map((a) => a.kind), ["promote-deployment", "collapse-routes"]);
  assert.deepEqual(
    status.events.map((e) => e.kind),
    ["started", "step", "verdict", "step", "verdict", "step", "verdict", "step", "verdict", "promoted"],
  );
  const last = status.events.at(-2);
  assert.match(last?.message ?? "", /step 4\/4 \(100%\) passed: .*compared with stable's figures from step 3/);
});

test("a canary answering 20% errors is rolled back at its first step, before its weight passes 25%", () => {
  const { status, weights } = run(spec({ stepSeconds: 60 }), { rps: 20, canarySuccess: 0.8, stableSuccess: 1 }, 600);
  assert.equal(status.phase, "rolled-back");
  assert.deepEqual(weights, [10, 0]);
  assert.match(status.message, /^rolled back: canary success 0\.8 < 0\.99/);
});

test("with 2 requests per second a 10% canary needs 250 s of its step to reach 50 requests; it waits and then judges", () => {
  const { status } = run(spec({ stepSeconds: 60 }), { rps: 2, canarySuccess: 1, stableSuccess: 1 }, 2000);
  assert.equal(status.phase, "succeeded");
  const waits = status.events.filter((e) => e.kind === "waiting");
  // 10%: 0.2 req/s, 12 after 60 s; 25%: 0.5 req/s, 30 after 60 s; 50% and 100% have enough at 60 s.
  assert.deepEqual(
    waits.map((e) => e.step),
    [0, 1],
  );
  const verdicts = status.events.filter((e) => e.kind === "verdict");
  assert.deepEqual(
    verdicts.map((e) => e.gates?.[0]?.canary),
    [50, 50, 60, 120],
    "each thin step is judged as soon as it has 50 canary requests",
  );
  assert.match(waits[0]?.message ?? "", /^waiting for traffic: 12 of 50 canary requests in 60 s at step 1\/4 \(10%\)/);
});
