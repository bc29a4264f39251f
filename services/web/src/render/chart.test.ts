import assert from "node:assert/strict";
import { test } from "node:test";
import fc from "fast-check";
import { decimalsFor, niceStep, renderChart, summarize } from "./chart.js";

const series = [
  { date: "2026-04-09", rate: 158.9 },
  { date: "2026-04-10", rate: 160.1 },
  { date: "2026-04-13", rate: 159.12 },
];

test("summary finds first, last, low, high and the change", () => {
  const s = summarize(series);
  assert.ok(s);
  assert.equal(s.low.date, "2026-04-09");
  assert.equal(s.high.date, "2026-04-10");
  assert.equal(s.last.rate, 159.12);
  assert.ok(Math.abs(s.changePercent - ((159.12 - 158.9) / 158.9) * 100) < 1e-12);
  assert.equal(summarize([]), undefined);
});

test("nice steps are 1, 2 or 5 times a power of ten", () => {
  assert.equal(niceStep(10, 4), 5);
  assert.equal(niceStep(0.04, 4), 0.01);
  assert.equal(niceStep(700, 4), 200);
  assert.equal(decimalsFor(0.01), 2);
  assert.equal(decimalsFor(5), 0);
  assert.equal(decimalsFor(0.0005), 4);
});

test("the chart is an accessible SVG with one hover title per day", () => {
  const svg = renderChart(series, { from: "USD", to: "JPY" }).toString();
  assert.match(svg, /^<svg class="chart"[^>]*role="img"[^>]*aria-labelledby="chart-title chart-desc"/);
  assert.match(svg, /<title id="chart-title">USD\/JPY over the last 3 business days<\/title>/);
  assert.match(svg, /low 158.9 on 2026-04-09, high 160.1 on 2026-04-10/);
  assert.equal(svg.match(/<circle cx=[^>]*r="6"><title>/g)?.length, 3);
  assert.match(svg, /2026-04-09<\/text>/);
  assert.match(svg, /2026-04-13<\/text>/);
});

test("no points: a sentence instead of an empty chart", () => {
  assert.match(renderChart([], { from: "USD", to: "JPY" }).toString(), /No rates to chart for USD\/JPY/);
});

test("every coordinate is a finite number inside the view box, whatever the series", () => {
  const point = fc.record({ date: fc.constant("2026-01-02"), rate: fc.double({ min: 1e-6, max: 1e6, noNaN: true }) });
  fc.assert(
    fc.property(fc.array(point, { minLength: 1, maxLength: 120 }), (points) => {
      const svg = renderChart(points, { from: "EUR", to: "USD" }).toString();
      for (const [, name, value] of svg.matchAll(/ (cx|cy|x1|x2|y1|y2)="([^"]*)"/g)) {
        const n = Number(value);
        assert.ok(Number.isFinite(n), `${name}=${value}`);
        assert.ok(n >= 0 && n <= 720, `${name}=${value}`);
      }
      assert.doesNotMatch(svg, /NaN|Infinity/);
    }),
    { numRuns: 300 },
  );
});

test("a nearly flat series far from zero still gets a handful of ticks (regression: the tick loop never ended)", () => {
  const svg = renderChart(
    [
      { date: "2026-01-01", rate: 999999.9999999999 },
      { date: "2026-01-02", rate: 1000000 },
    ],
    { from: "EUR", to: "IDR" },
  ).toString();
  const ticks = svg.match(/<line /g)?.length ?? 0;
  assert.ok(ticks >= 2 && ticks <= 13, `${ticks} ticks`);
});
