import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { emptyRestartHistory, goDuration, restartDecision } from "./restart.js";
import { MIN, S } from "./test/fixtures.js";
import type { RestartPolicy } from "./types.js";

const policy = (over: Partial<RestartPolicy> = {}): RestartPolicy => ({ Attempts: 2, Interval: 30 * MIN, Delay: 15 * S, Mode: "fail", ...over });
const t = 1_000_000;

describe("restartDecision", () => {
  it("restarts after Delay while attempts remain in the interval, then fails in mode fail", () => {
    const first = restartDecision(policy(), emptyRestartHistory, t);
    assert.deepEqual(first, { action: "restart", delayMs: 15_000, reason: "Restart within policy", history: { windowStartMs: t, count: 1 } });
    const second = restartDecision(policy(), first.history, t + 20_000);
    assert.equal(second.action, "restart");
    const third = restartDecision(policy(), second.history, t + 40_000);
    assert.deepEqual(third, {
      action: "fail",
      reason: 'Exceeded allowed attempts 2 in interval 30m0s and mode is "fail"',
      history: { windowStartMs: t, count: 3 },
    });
  });

  it("in mode delay waits for the interval to end instead of failing", () => {
    const history = { windowStartMs: t, count: 2 };
    assert.deepEqual(restartDecision(policy({ Mode: "delay" }), history, t + 60_000), {
      action: "wait",
      untilMs: t + 30 * 60_000,
      reason: "Exceeded allowed attempts, applying a delay",
      history: { windowStartMs: t, count: 3 },
    });
  });

  it("opens a new window once the interval has passed", () => {
    const d = restartDecision(policy(), { windowStartMs: t, count: 5 }, t + 30 * 60_000 + 1);
    assert.equal(d.action, "restart");
    assert.deepEqual(d.history, { windowStartMs: t + 30 * 60_000 + 1, count: 1 });
  });

  it("table: attempts 0, batch success, jitter", () => {
    const cases: Array<[string, ReturnType<typeof restartDecision>["action"], number | null, Parameters<typeof restartDecision>]> = [
      ["no attempts allowed", "fail", null, [policy({ Attempts: 0 }), emptyRestartHistory, t]],
      ["batch task exits 0", "complete", null, [policy(), emptyRestartHistory, t, { jobType: "batch", exitSuccessful: true }]],
      ["service task exits 0 still restarts", "restart", 15_000, [policy(), emptyRestartHistory, t, { jobType: "service", exitSuccessful: true }]],
      ["full jitter adds 25%", "restart", 18_750, [policy(), emptyRestartHistory, t, { jitter: 0.999999 }]],
    ];
    for (const [name, action, delay, args] of cases) {
      const d = restartDecision(...args);
      assert.equal(d.action, action, name);
      if (delay !== null && d.action === "restart") assert.ok(Math.abs(d.delayMs - delay) <= 1, name);
    }
  });

  it("formats durations like Go", () => {
    const cases: Array<[number, string]> = [
      [0, "0s"],
      [250_000_000, "250ms"],
      [1_500_000_000, "1.5s"],
      [15 * S, "15s"],
      [30 * MIN, "30m0s"],
      [90 * MIN + 5 * S, "1h30m5s"],
      [24 * 60 * MIN, "24h0m0s"],
    ];
    for (const [ns, text] of cases) assert.equal(goDuration(ns), text);
  });
});
