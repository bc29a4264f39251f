import assert from "node:assert/strict";
import { test } from "node:test";
import { freshAccrual, isAvailable, onFailure, onSuccess, startProbeIfDue } from "./accrual.js";

const settings = { failuresToEject: 3, baseEjectMs: 1_000, maxEjectMs: 4_000 };

test("consecutive failures eject after the threshold", () => {
  const s = freshAccrual();
  assert.equal(onFailure(s, 0, 1, settings), false);
  assert.equal(onFailure(s, 0, 1, settings), false);
  assert.equal(onFailure(s, 0, 1, settings), true);
  assert.equal(isAvailable(s, 999), false);
  assert.equal(isAvailable(s, 1_000), true);
});

test("a success in between resets the count", () => {
  const s = freshAccrual();
  onFailure(s, 0, 1, settings);
  onFailure(s, 0, 1, settings);
  onSuccess(s);
  assert.equal(onFailure(s, 0, 1, settings), false);
});

test("a failed probe ejects again for a longer, capped interval", () => {
  const s = freshAccrual();
  for (let i = 0; i < 3; i++) onFailure(s, 0, 1, settings);
  startProbeIfDue(s, 1_000);
  assert.equal(isAvailable(s, 1_000), false, "one probe at a time");
  assert.equal(onFailure(s, 1_000, 1, settings), true);
  assert.equal(s.ejectedUntil, 3_000);
  startProbeIfDue(s, 3_000);
  onFailure(s, 3_000, 1, settings);
  assert.equal(s.ejectedUntil, 7_000);
  startProbeIfDue(s, 7_000);
  onFailure(s, 7_000, 1, settings);
  assert.equal(s.ejectedUntil, 11_000, "capped at 4 s");
});

test("a successful probe brings the endpoint back", () => {
  const s = freshAccrual();
  for (let i = 0; i < 3; i++) onFailure(s, 0, 1, settings);
  startProbeIfDue(s, 1_000);
  onSuccess(s);
  assert.equal(isAvailable(s, 1_000), true);
  assert.equal(s.ejections, 0);
});

test("the last available endpoint of a version is never ejected", () => {
  const s = freshAccrual();
  for (let i = 0; i < 10; i++) assert.equal(onFailure(s, 0, 0, settings), false);
  assert.equal(isAvailable(s, 0), true);
});
