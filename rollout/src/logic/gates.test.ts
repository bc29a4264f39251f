import assert from "node:assert/strict";
import { test } from "node:test";
import { DEFAULT_GATES, type RolloutEvent } from "../schema.js";
import { healthy, none } from "../testing/fixtures.js";
import { bucketCeiling, describeFailure, earlierStable, evaluateGates, P99_FLOOR_MS } from "./gates.js";

const gates = { ...DEFAULT_GATES };
const sample = (canary = healthy(200), stable = healthy(1800), windowSeconds = 60) => ({ windowSeconds, canary, stable });

test("fewer canary requests than minRequests is a wait, saying how many of how many", () => {
  const v = evaluateGates(gates, sample(healthy(12, 0.5, 3000)), null);
  assert.equal(v.outcome, "wait");
  assert.equal(v.summary, "12 of 50 canary requests in 60 s");
  assert.deepEqual(v.gates, [{ name: "min_requests", canary: 12, stable: 1800, threshold: 50, pass: false }]);
});

test("thin traffic is a wait even when the few requests all failed: no verdict on no data", () => {
  assert.equal(evaluateGates(gates, sample(healthy(3, 0, 5000)), null).outcome, "wait");
});

test("exactly minRequests is enough; an extrapolated 49.7 is not and reads as 49", () => {
  assert.equal(evaluateGates(gates, sample(healthy(50)), null).outcome, "pass");
  const v = evaluateGates(gates, sample(healthy(49.7)), null);
  assert.equal(v.outcome, "wait");
  assert.match(v.summary, /^49 of 50/);
});

test("a healthy canary passes every gate and every compared value is recorded", () => {
  const v = evaluateGates(gates, sample(healthy(200, 0.998, 40), healthy(1800, 0.999, 30)), null);
  assert.equal(v.outcome, "pass");
  assert.equal(v.note, "");
  assert.deepEqual(v.gates, [
    { name: "min_requests", canary: 200, stable: 1800, threshold: 50, pass: true },
    { name: "success_ratio", canary: 0.998, stable: 0.999, threshold: 0.99, pass: true },
    { name: "success_vs_stable", canary: 0.998, stable: 0.999, threshold: 0.989, pass: true },
    { name: "p99", canary: 40, stable: 30, threshold: 1000, pass: true },
    { name: "p99_vs_stable", canary: 40, stable: 30, threshold: 100, pass: true },
  ]);
  assert.equal(v.summary, "canary success 0.998, p99 40 ms over 200 requests, stable success 0.999, p99 30 ms");
});

test("a canary below minSuccessRatio fails with the numbers in the reason", () => {
  const v = evaluateGates(gates, sample(healthy(200, 0.79), healthy(1800, 1)), null);
  assert.equal(v.outcome, "fail");
  assert.equal(v.gates.find((g) => g.name === "success_ratio")?.pass, false);
  assert.equal(v.summary, "canary success 0.79 < 0.99; canary success 0.79 < stable 1 - 0.01");
});

test("a canary that meets the floor but drops more than maxSuccessDrop below stable fails", () => {
  const v = evaluateGates({ ...gates, minSuccessRatio: 0.9 }, sample(healthy(200, 0.95), healthy(1800, 0.999)), null);
  assert.equal(v.outcome, "fail");
  const g = v.gates.find((x) => x.name === "success_vs_stable");
  assert.deepEqual(g, { name: "success_vs_stable", canary: 0.95, stable: 0.999, threshold: 0.989, pass: false });
  assert.equal(v.gates.find((x) => x.name === "success_ratio")?.pass, true);
});

test("a canary exactly maxSuccessDrop below stable passes (floating point does not tip it)", () => {
  const v = evaluateGates({ ...gates, minSuccessRatio: 0.5 }, sample(healthy(200, 0.97), healthy(1800, 0.98)), null);
  assert.equal(v.outcome, "pass");
});

test("a canary p99 above maxP99Ms fails", () => {
  const v = evaluateGates(gates, sample(healthy(200, 1, 1500), healthy(1800, 1, 1000)), null);
  assert.equal(v.outcome, "fail");
  assert.equal(v.summary, "canary p99 1500 ms > 1000 ms");
});

test("a canary p99 above maxP99Factor × stable, rounded up to its bucket bound, fails, with the factor in the reason", () => {
  const v = evaluateGates(gates, sample(healthy(200, 1, 300), healthy(1800, 1, 100)), null);
  assert.equal(v.outcome, "fail");
  assert.deepEqual(v.gates.at(-1), { name: "p99_vs_stable", canary: 300, stable: 100, threshold: 250, pass: false });
  assert.equal(v.summary, "canary p99 300 ms > 250 ms (2 × stable 100 ms up to its histogram bucket bound, at least 25 ms)");
});

test("within the bucket that holds factor × stable the histogram cannot tell, so the canary passes", () => {
  // Seen on the real mesh: a fresh canary at 76.7 ms against stable's 36.4 ms (× 2 = 72.7 ms, bucket 50–100 ms).
  const v = evaluateGates(gates, sample(healthy(150, 1, 76.7), healthy(500, 1, 36.4)), null);
  assert.equal(v.outcome, "pass");
  assert.equal(v.gates.at(-1)?.threshold, 100);
});

test("below 100 canary requests the relative latency gate is skipped, saying why: their p99 is their slowest request", () => {
  // Seen on the real mesh: a same-code canary's first 50-odd requests, p99 43.7 ms against stable's 9.4 ms.
  const v = evaluateGates(gates, sample(healthy(57, 1, 43.7), healthy(500, 1, 9.4)), null);
  assert.equal(v.outcome, "pass");
  assert.deepEqual(
    v.gates.map((g) => g.name),
    ["min_requests", "success_ratio", "success_vs_stable", "p99"],
  );
  assert.equal(v.note, "p99_vs_stable is skipped: a p99 over 57 canary requests (fewer than 100) is their slowest one");
  const slow = evaluateGates(gates, sample(healthy(57, 1, 1200), healthy(500, 1, 9.4)), null);
  assert.equal(slow.outcome, "fail", "the absolute p99 limit still applies");
});

test("a rollback's note keeps only what explains it: a skipped latency gate is not part of a success failure", () => {
  const v = evaluateGates(gates, sample(healthy(51, 0.85, 20), healthy(500, 1, 9)), null);
  assert.equal(v.outcome, "fail");
  assert.equal(v.note, "");
  assert.equal(v.summary, "canary success 0.85 < 0.99; canary success 0.85 < stable 1 - 0.01");
});

test("bucketCeiling rounds up to the sidecars' bucket bounds, and keeps values beyond the last", () => {
  assert.equal(bucketCeiling(72.7), 100);
  assert.equal(bucketCeiling(100), 100);
  assert.equal(bucketCeiling(0.1), 0.5);
  assert.equal(bucketCeiling(20_000), 20_000);
});

test("below the p99 floor the relative gate cannot fail: 6 ms against 2 ms is bucket noise", () => {
  const v = evaluateGates(gates, sample(healthy(200, 1, 6), healthy(1800, 1, 2)), null);
  assert.equal(v.outcome, "pass");
  assert.equal(v.gates.at(-1)?.threshold, P99_FLOOR_MS);
});

test("when stable had too few requests, the earlier stable figures are the reference, and the note says so", () => {
  const v = evaluateGates(gates, sample(healthy(500, 0.97), healthy(3)), { successRatio: 0.999, p99Ms: 30, step: 2 });
  assert.equal(v.outcome, "fail");
  assert.equal(v.gates.find((g) => g.name === "success_vs_stable")?.stable, 0.999);
  assert.equal(v.gates.find((g) => g.name === "min_requests")?.stable, 3);
  assert.match(v.note, /stable answered 3 requests in the window \(fewer than 50\), so the canary is compared with stable's figures from step 3/);
});

test("with no stable traffic and no earlier figures the vs-stable gates are skipped, explicitly", () => {
  const v = evaluateGates(gates, sample(healthy(500, 0.995, 40), none), null);
  assert.equal(v.outcome, "pass");
  assert.deepEqual(
    v.gates.map((g) => g.name),
    ["min_requests", "success_ratio", "p99"],
  );
  assert.match(v.note, /the vs-stable gates are skipped: stable answered 0 requests/);
});

test("a canary with requests but no p99 figure yet waits", () => {
  const v = evaluateGates(gates, sample({ requests: 80, successRatio: 1, p99Ms: null }), null);
  assert.equal(v.outcome, "wait");
  assert.equal(v.summary, "no canary p99 figure yet");
});

test("earlierStable takes the newest passing verdict that compared with stable", () => {
  const verdict = (step: number, outcome: "pass" | "fail", stable: number | null): RolloutEvent => ({
    at: "2026-11-25T02:00:00.000Z",
    kind: "verdict",
    step,
    weight: 10,
    outcome,
    gates: [
      { name: "success_vs_stable", canary: 1, stable, threshold: 0.9, pass: true },
      { name: "p99_vs_stable", canary: 10, stable: stable === null ? null : 20 + step, threshold: 50, pass: true },
    ],
    message: "",
  });
  const step: RolloutEvent = { at: "2026-11-25T02:00:00.000Z", kind: "step", step: 3, weight: 100, message: "" };
  assert.deepEqual(earlierStable([verdict(0, "pass", 0.99), verdict(1, "pass", 0.995), verdict(2, "fail", 0.5), step]), { successRatio: 0.995, p99Ms: 21, step: 1 });
  assert.equal(earlierStable([step]), null);
});

test("describeFailure reads as a reason", () => {
  assert.equal(describeFailure({ name: "success_ratio", canary: 0.79, stable: 1, threshold: 0.99, pass: false }, gates), "canary success 0.79 < 0.99");
  assert.equal(describeFailure({ name: "p99", canary: 1234.56, stable: null, threshold: 1000, pass: false }, gates), "canary p99 1234.6 ms > 1000 ms");
});
