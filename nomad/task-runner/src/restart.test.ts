import assert from "node:assert/strict";
import { test } from "node:test";
import { defaultRestartDecision as decide, emptyRestartHistory, RestartReason } from "./restart.js";

const policy = { Attempts: 2, Interval: 60e9, Delay: 1e9, Mode: "fail" };

test("restarts Attempts times within the interval, each after Delay, then fails", () => {
  const a = decide(policy, emptyRestartHistory, 1_000);
  assert.deepEqual(a, { action: "restart", delayMs: 1000, reason: RestartReason.WithinPolicy, history: { windowStartMs: 1_000, count: 1 } });
  const b = decide(policy, a.history, 5_000);
  assert.equal(b.action, "restart");
  const c = decide(policy, b.history, 9_000);
  assert.equal(c.action, "fail");
  assert.equal(c.reason, 'Exceeded allowed attempts 2 in interval 1m0s and mode is "fail"');
});

test("a new interval resets the count", () => {
  const a = decide(policy, { windowStartMs: 0, count: 2 }, 61_000);
  assert.equal(a.action, "restart");
  assert.deepEqual(a.history, { windowStartMs: 61_000, count: 1 });
});

test('mode "delay" waits for the interval to end instead of failing', () => {
  const d = decide({ ...policy, Mode: "delay" }, { windowStartMs: 0, count: 2 }, 10_000);
  assert.deepEqual(d, { action: "wait", untilMs: 60_000, reason: RestartReason.Delay, history: { windowStartMs: 0, count: 3 } });
});

test("no attempts: fail; batch success: complete; jitter adds up to 25 %", () => {
  assert.equal(decide({ ...policy, Attempts: 0 }, emptyRestartHistory, 0).reason, RestartReason.NoRestartsAllowed);
  assert.equal(decide(policy, emptyRestartHistory, 0, { jobType: "batch", exitSuccessful: true }).action, "complete");
  assert.equal(decide(policy, emptyRestartHistory, 0, { jobType: "service", exitSuccessful: true }).action, "restart");
  const j = decide(policy, emptyRestartHistory, 0, { jitter: 0.5 });
  assert.equal(j.action === "restart" && j.delayMs, 1125);
});
