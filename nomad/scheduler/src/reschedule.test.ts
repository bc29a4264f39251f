import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { nextDelayNs, nextRescheduleTime, nextTracker } from "./reschedule.js";
import { alloc, MIN, S, T0 } from "./test/fixtures.js";
import { msToNs, rfc3339 } from "./time.js";
import type { ReschedulePolicy } from "./types.js";

const service: ReschedulePolicy = { Attempts: 0, Interval: 0, Delay: 30 * S, DelayFunction: "exponential", MaxDelay: 60 * MIN, Unlimited: true };
const batch: ReschedulePolicy = { Attempts: 1, Interval: 24 * 60 * MIN, Delay: 5 * S, DelayFunction: "constant", MaxDelay: 0, Unlimited: false };

function failedAt(ms: number, delays: number[] = [], rescheduledAt: number[] = []) {
  return alloc({
    Name: "web.web[0]",
    ClientStatus: "failed",
    TaskStates: { app: { State: "dead", Failed: true, FinishedAt: rfc3339(ms) } },
    RescheduleTracker:
      delays.length === 0
        ? null
        : { Events: delays.map((Delay, i) => ({ Delay, RescheduleTime: msToNs(rescheduledAt[i] ?? ms), PrevAllocID: `p${i}`, PrevNodeID: "" })) },
  });
}

describe("reschedule policy", () => {
  it("service default: exponential from 30s, capped at 1h", () => {
    const cases: Array<[number[], number]> = [
      [[], 30 * S],
      [[30 * S], 60 * S],
      [[30 * S, 60 * S], 120 * S],
      [[32 * MIN], 60 * MIN],
      [[60 * MIN], 60 * MIN],
    ];
    for (const [delays, expected] of cases) assert.equal(nextDelayNs(failedAt(T0, delays), service), expected, String(delays));
  });

  it("a chain that stayed up longer than the ceiling starts over at Delay", () => {
    const a = failedAt(T0 + 2 * 60 * 60_000, [60 * MIN], [T0]);
    assert.equal(nextDelayNs(a, service), 30 * S);
  });

  it("constant and fibonacci delays", () => {
    assert.equal(nextDelayNs(failedAt(T0, [5 * S, 5 * S]), batch), 5 * S);
    const fib: ReschedulePolicy = { ...service, DelayFunction: "fibonacci", Delay: 5 * S, MaxDelay: 60 * S };
    assert.equal(nextDelayNs(failedAt(T0, [5 * S]), fib), 5 * S);
    assert.equal(nextDelayNs(failedAt(T0, [5 * S, 5 * S]), fib), 10 * S);
    assert.equal(nextDelayNs(failedAt(T0, [5 * S, 10 * S]), fib), 15 * S);
    assert.equal(nextDelayNs(failedAt(T0, [40 * S, 50 * S]), fib), 60 * S);
  });

  it("next time is fail time + delay; only failed, desired-run allocs are eligible", () => {
    assert.deepEqual(nextRescheduleTime(failedAt(T0), service), { atMs: T0 + 30_000, eligible: true });
    assert.equal(nextRescheduleTime({ ...failedAt(T0), DesiredStatus: "stop" }, service).eligible, false);
    assert.equal(nextRescheduleTime({ ...failedAt(T0), ClientStatus: "running" }, service).eligible, false);
    assert.equal(nextRescheduleTime(failedAt(T0), null).eligible, false);
  });

  it("limited attempts count reschedules inside Interval", () => {
    assert.equal(nextRescheduleTime(failedAt(T0), batch).eligible, true);
    assert.equal(nextRescheduleTime(failedAt(T0, [5 * S], [T0 - 60_000]), batch).eligible, false);
    assert.equal(nextRescheduleTime(failedAt(T0, [5 * S], [T0 - 25 * 60 * 60_000]), batch).eligible, true);
    assert.equal(nextRescheduleTime(failedAt(T0), { ...batch, Attempts: 0 }).eligible, false);
  });

  it("the replacement's tracker carries recent history and the new event", () => {
    const prev = failedAt(T0, [30 * S, 60 * S, 120 * S, 240 * S, 480 * S, 960 * S]);
    const tracker = nextTracker(prev, service, T0 + 1000);
    assert.equal(tracker.Events.length, 6);
    assert.deepEqual(tracker.Events[5], { RescheduleTime: msToNs(T0 + 1000), PrevAllocID: prev.ID, PrevNodeID: "", Delay: 1920 * S });
    assert.equal(tracker.Events[0]?.Delay, 60 * S);
    const limited = nextTracker(failedAt(T0, [5 * S], [T0 - 25 * 60 * 60_000]), batch, T0);
    assert.equal(limited.Events.length, 1);
  });
});
