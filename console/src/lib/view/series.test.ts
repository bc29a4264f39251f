import assert from "node:assert/strict";
import { test } from "node:test";
import { fixture } from "../../fixtures/load";
import { mergeCharts, type RangeSeries, rangeFor, toSeries } from "./series";

test("toSeries: a Prometheus range result becomes one row per timestamp, a column per version", () => {
  const series = fixture<RangeSeries[]>("range-rate.json");
  const chart = toSeries(series, (m) => m.version ?? "?");
  assert.deepEqual(chart.keys, ["v1"]);
  assert.equal(chart.rows.length, series[0]!.values.length);
  assert.deepEqual(chart.rows[0], { t: series[0]!.values[0]![0], v1: Number(series[0]!.values[0]![1]) });
});

test("toSeries: versions missing at a timestamp are gaps (null), NaN is null, rows sorted by time, scale applied", () => {
  const chart = toSeries(
    [
      { metric: { version: "v2" }, values: [[20, "0.5"]] },
      { metric: { version: "v10" }, values: [[20, "NaN"]] },
      { metric: { version: "v1" }, values: [[30, "0.25"], [10, "0.1"]] },
    ],
    (m) => m.version!,
    1000,
  );
  assert.deepEqual(chart.keys, ["v1", "v2", "v10"]);
  assert.deepEqual(chart.rows, [
    { t: 10, v1: 100, v2: null, v10: null },
    { t: 20, v1: null, v2: 500, v10: null },
    { t: 30, v1: 250, v2: null, v10: null },
  ]);
});

test("mergeCharts: quantile charts share the time axis", () => {
  const a = toSeries([{ metric: { version: "v1" }, values: [[1, "1"]] }], () => "v1 p50");
  const b = toSeries([{ metric: { version: "v1" }, values: [[2, "2"]] }], () => "v1 p99");
  assert.deepEqual(mergeCharts([a, b]), { keys: ["v1 p50", "v1 p99"], rows: [{ t: 1, "v1 p50": 1, "v1 p99": null }, { t: 2, "v1 p50": null, "v1 p99": 2 }] });
});

test("rangeFor: the window ends now, ~120 points, at least a 2 s step", () => {
  assert.deepEqual(rangeFor("5m", 1_000_000_500), { start: 999_700, end: 1_000_000, step: 3 });
  assert.deepEqual(rangeFor("1h", 1_000_000_000), { start: 996_400, end: 1_000_000, step: 30 });
  assert.equal(rangeFor("5m", 0).step >= 2, true);
});
