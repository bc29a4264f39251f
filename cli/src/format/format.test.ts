import assert from "node:assert/strict";
import { test } from "node:test";
import { formatKV, formatList, indent } from "./columns.js";
import { formatGoTime, formatNanos, formatTime, prettyTimeDiff, shortId } from "./time.js";

test("formatList pads every column but the last with two spaces between", () => {
  assert.equal(formatList(["ID|Type|Status", "forex-rate|service|running", "a|b|c"]), "ID          Type     Status\nforex-rate  service  running\na           b        c");
});

test("formatKV aligns the = signs", () => {
  assert.equal(formatKV(["ID|web", "Submit Date|x"]), "ID          = web\nSubmit Date = x");
});

test("indent leaves empty lines alone", () => {
  assert.equal(indent("a\n\nb"), "    a\n\n    b");
});

test("times print as RFC 3339 UTC; Go's zero time is N/A", () => {
  assert.equal(formatTime(Date.UTC(2026, 7, 21, 10, 0, 1, 500)), "2026-08-21T10:00:01Z");
  assert.equal(formatNanos(1755770400000000000), "2025-08-21T10:00:00Z");
  assert.equal(formatNanos(0), "");
  assert.equal(formatGoTime("0001-01-01T00:00:00Z"), "N/A");
  assert.equal(formatGoTime("2026-08-21T10:10:00Z"), "2026-08-21T10:10:00Z");
});

test("prettyTimeDiff keeps the two largest units", () => {
  const now = 1_000_000_000;
  assert.equal(prettyTimeDiff(now - 302_000, now), "5m2s ago");
  assert.equal(prettyTimeDiff(now - 10_000, now), "10s ago");
  assert.equal(prettyTimeDiff(now - 3_600_000, now), "1h ago");
  assert.equal(prettyTimeDiff(now - 90_061_000, now), "1d1h ago");
  assert.equal(prettyTimeDiff(now + 3_000, now), "3s from now");
  assert.equal(prettyTimeDiff(now, now), "0s ago");
  assert.equal(prettyTimeDiff(0, now), "");
});

test("shortId shows 8 characters unless verbose", () => {
  assert.equal(shortId("5d0a1b2c-3d4e-5f60-7182-93a4b5c6d7e8"), "5d0a1b2c");
  assert.equal(shortId("5d0a1b2c-3d4e", true), "5d0a1b2c-3d4e");
  assert.equal(shortId(undefined), "");
});
