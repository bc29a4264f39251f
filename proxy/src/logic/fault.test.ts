import assert from "node:assert/strict";
import { test } from "node:test";
import { decideFault, faultMessage } from "./fault.js";

const entry = (latencyMs: number, errorRatio: number) => ({ version: "v2", latencyMs, errorRatio, expiresAt: "2026-11-25T03:00:00.000Z" });

test("no entry in force: no fault", () => {
  assert.equal(decideFault(null, 0), null);
});

test("the error ratio splits the dice: below fails, at or above passes", () => {
  assert.deepEqual(decideFault(entry(0, 0.2), 0.19), { delayMs: 0, fail: true });
  assert.deepEqual(decideFault(entry(0, 0.2), 0.2), { delayMs: 0, fail: false });
  assert.deepEqual(decideFault(entry(0, 0.2), 0.9), { delayMs: 0, fail: false });
});

test("ratio 1 always fails and ratio 0 never does, whatever the dice", () => {
  for (const r of [0, 0.5, 0.999999]) {
    assert.equal(decideFault(entry(0, 1), r)?.fail, true);
    assert.equal(decideFault(entry(50, 0), r)?.fail, false);
  }
});

test("latency is applied whether or not the request then fails", () => {
  assert.deepEqual(decideFault(entry(250, 0), 0.5), { delayMs: 250, fail: false });
  assert.deepEqual(decideFault(entry(250, 1), 0.5), { delayMs: 250, fail: true });
});

test("over many draws the failure share follows the ratio", () => {
  let failed = 0;
  for (let i = 0; i < 1000; i++) if (decideFault(entry(0, 0.3), i / 1000)?.fail) failed += 1;
  assert.equal(failed, 300);
});

test("the message names the key, version, ratio and expiry", () => {
  assert.equal(
    faultMessage("forex-mesh/faults/forex-rate", entry(0, 0.2)),
    "fault injected by forex-mesh/faults/forex-rate (v2, error ratio 0.2, until 2026-11-25T03:00:00.000Z)",
  );
});
