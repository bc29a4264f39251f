import assert from "node:assert/strict";
import { test } from "node:test";
import { failuresByStatus, growth, percentile, type Sample, sentBetween, summarize, TABLE_HEADER, tableRow } from "./stats.js";

const s = (sentAt: number, ms: number, status: number): Sample => ({ sentAt, ms, status });

test("percentile is nearest-rank over unsorted values", () => {
  const values = [5, 1, 4, 2, 3, 10, 9, 8, 7, 6];
  assert.equal(percentile(values, 0.5), 5);
  assert.equal(percentile(values, 0.99), 10);
  assert.equal(percentile(values, 0), 1);
  assert.ok(Number.isNaN(percentile([], 0.5)));
});

test("summarize counts non-2xx and unanswered requests as failures", () => {
  const summary = summarize([s(0, 10, 200), s(1, 20, 204), s(2, 30, 502), s(3, 40, 0)]);
  assert.deepEqual(summary, { requests: 4, failures: 2, successPct: 50, p50: 20, p99: 40, max: 40 });
  assert.throws(() => summarize([]), RangeError);
});

test("sentBetween selects by send time, the end excluded", () => {
  const samples = [s(0, 1, 200), s(10, 1, 200), s(20, 1, 200)];
  assert.deepEqual(sentBetween(samples, 10, 20), [samples[1]]);
});

test("growth is relative to the first value", () => {
  assert.equal(growth(100, 120), 0.2);
  assert.equal(growth(100, 90), -0.1);
  assert.throws(() => growth(0, 1), RangeError);
});

test("failures are grouped by status", () => {
  assert.deepEqual(failuresByStatus([s(0, 1, 200), s(0, 1, 502), s(0, 1, 502), s(0, 1, 0)]), { "502": 2, "0": 1 });
});

test("a table row lines up under the header", () => {
  const row = tableRow("bad routing value", { requests: 600, failures: 1, successPct: (599 * 100) / 600, p50: 9.04, p99: 31.96, max: 88 }, "note");
  assert.equal(row, "bad routing value            600       1     99.833       9.0     32.0     88.0  note");
  assert.equal(row.indexOf("600") + 3, TABLE_HEADER.indexOf("requests") + "requests".length);
  assert.equal(row.indexOf("88.0") + 4, TABLE_HEADER.indexOf("max ms") + "max ms".length);
  assert.match(tableRow("x", { requests: 1, failures: 0, successPct: 100, p50: 1, p99: 1, max: 1 }), / 100 /);
});
