import { html, type SafeHtml } from "./html.js";

export interface Point {
  date: string;
  rate: number;
}

export interface ChartSummary {
  first: Point;
  last: Point;
  low: Point;
  high: Point;
  /** Change from first to last in percent. */
  changePercent: number;
}

const WIDTH = 720;
const HEIGHT = 260;
const PAD = { top: 16, right: 20, bottom: 34, left: 64 };

/** First, last, lowest and highest point; undefined for an empty series. */
export function summarize(points: readonly Point[]): ChartSummary | undefined {
  const first = points[0];
  const last = points.at(-1);
  if (first === undefined || last === undefined) return undefined;
  let low = first;
  let high = first;
  for (const point of points) {
    if (point.rate < low.rate) low = point;
    if (point.rate > high.rate) high = point;
  }
  return { first, last, low, high, changePercent: ((last.rate - first.rate) / first.rate) * 100 };
}

/** A "nice" tick step (1, 2 or 5 × 10^k) giving about `count` intervals over `span`. */
export function niceStep(span: number, count: number): number {
  const rough = span / count;
  const magnitude = 10 ** Math.floor(Math.log10(rough));
  const residual = rough / magnitude;
  const nice = residual <= 1 ? 1 : residual <= 2 ? 2 : residual <= 5 ? 5 : 10;
  return nice * magnitude;
}

/** Decimals needed to tell ticks `step` apart (display only; the money maths never sees these). */
export function decimalsFor(step: number): number {
  return Math.max(0, Math.min(8, -Math.floor(Math.log10(step) + 1e-9)));
}

/**
 * The pair's history as an inline SVG line chart: works with no JavaScript and no external asset.
 * Each point carries a <title>, so hovering shows the day's rate natively. The SVG is an image to
 * assistive technology, with a text description; the page also offers the numbers as a table.
 */
export function renderChart(points: readonly Point[], { from, to }: { from: string; to: string }): SafeHtml {
  const summary = summarize(points);
  if (summary === undefined) return html`<p class="chart-empty">No rates to chart for ${from}/${to}.</p>`;
  const spread = summary.high.rate - summary.low.rate;
  // At least a millionth of the value: a flat or nearly flat series must not shrink the step to
  // where adding it to the value no longer changes a double.
  const margin = Math.max(spread * 0.08, Math.abs(summary.high.rate) * 1e-6) || 1;
  const step = niceStep(spread + 2 * margin, 4);
  const yMin = Math.floor((summary.low.rate - margin) / step) * step;
  const yMax = Math.ceil((summary.high.rate + margin) / step) * step;
  const tickCount = Math.min(12, Math.round((yMax - yMin) / step));
  const decimals = decimalsFor(step);
  const plotW = WIDTH - PAD.left - PAD.right;
  const plotH = HEIGHT - PAD.top - PAD.bottom;
  const x = (i: number): number => PAD.left + (points.length === 1 ? plotW / 2 : (i / (points.length - 1)) * plotW);
  const y = (rate: number): number => PAD.top + (1 - (rate - yMin) / (yMax - yMin)) * plotH;
  const coords = points.map((p, i) => `${x(i).toFixed(1)},${y(p.rate).toFixed(1)}`);
  const line = `M${coords.join("L")}`;
  const area = `${line}L${x(points.length - 1).toFixed(1)},${PAD.top + plotH}L${x(0).toFixed(1)},${PAD.top + plotH}Z`;

  const ticks = Array.from({ length: tickCount + 1 }, (_, i) => yMin + i * step);
  const labelIndexes = [...new Set([0, Math.floor((points.length - 1) / 2), points.length - 1])];
  const description = `${from} to ${to} from ${summary.first.date} to ${summary.last.date}: started at ${summary.first.rate}, ended at ${summary.last.rate} (${formatPercent(summary.changePercent)}), low ${summary.low.rate} on ${summary.low.date}, high ${summary.high.rate} on ${summary.high.date}.`;

  return html`<svg class="chart" viewBox="0 0 ${WIDTH} ${HEIGHT}" role="img" aria-labelledby="chart-title chart-desc" data-testid="rate-chart">
<title id="chart-title">${from}/${to} over the last ${points.length} business days</title>
<desc id="chart-desc">${description}</desc>
<defs><linearGradient id="chart-fill" x1="0" y1="0" x2="0" y2="1"><stop offset="0" stop-color="currentColor" stop-opacity="0.22"/><stop offset="1" stop-color="currentColor" stop-opacity="0"/></linearGradient></defs>
<g class="chart-grid">${ticks.map(
    (v) =>
      html`<line x1="${PAD.left}" x2="${WIDTH - PAD.right}" y1="${y(v).toFixed(1)}" y2="${y(v).toFixed(1)}"/><text x="${PAD.left - 8}" y="${(y(v) + 4).toFixed(1)}" text-anchor="end">${v.toFixed(decimals)}</text>`,
  )}</g>
<g class="chart-dates">${labelIndexes.map(
    (i, n) =>
      html`<text x="${x(i).toFixed(1)}" y="${HEIGHT - 10}" text-anchor="${n === 0 ? "start" : n === labelIndexes.length - 1 ? "end" : "middle"}">${points[i]?.date}</text>`,
  )}</g>
<path class="chart-area" d="${area}" fill="url(#chart-fill)"/>
<path class="chart-line" d="${line}" fill="none"/>
<g class="chart-points">${points.map(
    (p, i) => html`<circle cx="${x(i).toFixed(1)}" cy="${y(p.rate).toFixed(1)}" r="6"><title>${p.date}: ${p.rate}</title></circle>`,
  )}</g>
<circle class="chart-last" cx="${x(points.length - 1).toFixed(1)}" cy="${y(summary.last.rate).toFixed(1)}" r="4.5"/>
</svg>`;
}

export function formatPercent(value: number): string {
  const sign = value > 0 ? "+" : value < 0 ? "−" : "±";
  return `${sign}${Math.abs(value).toFixed(2)}%`;
}
