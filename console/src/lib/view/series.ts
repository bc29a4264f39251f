/**
 * @module series: Prometheus range results → rows for recharts (one row per timestamp, one column
 * per version), so every version shares the x axis and a missing sample is a gap, not a zero.
 */
export interface RangeSeries {
  metric: Record<string, string>;
  values: Array<[number, string]>;
}
export type Row = { t: number } & Record<string, number | null>;

export interface Chart {
  keys: string[];
  rows: Row[];
}

/** `keyOf` names a series' column (e.g. its version, or "v2 p99"); `scale` converts units (s → ms). */
export function toSeries(series: readonly RangeSeries[], keyOf: (metric: Record<string, string>) => string, scale = 1): Chart {
  const keys = [...new Set(series.map((s) => keyOf(s.metric)))].sort((a, b) => a.localeCompare(b, undefined, { numeric: true }));
  const byTime = new Map<number, Row>();
  for (const s of series) {
    const k = keyOf(s.metric);
    for (const [t, raw] of s.values) {
      const v = Number(raw);
      const row = byTime.get(t) ?? ({ t } as Row);
      row[k] = Number.isFinite(v) ? v * scale : null;
      byTime.set(t, row);
    }
  }
  const rows = [...byTime.values()].sort((a, b) => a.t - b.t).map((row) => {
    for (const k of keys) if (!(k in row)) row[k] = null;
    return row;
  });
  return { keys, rows };
}

/** Several charts' worth of series merged into one (p50/p95/p99 per version on one latency chart). */
export function mergeCharts(charts: readonly Chart[]): Chart {
  const keys = charts.flatMap((c) => c.keys);
  const byTime = new Map<number, Row>();
  for (const c of charts) for (const row of c.rows) byTime.set(row.t, { ...(byTime.get(row.t) ?? {}), ...row });
  const rows = [...byTime.values()].sort((a, b) => a.t - b.t).map((row) => {
    for (const k of keys) if (!(k in row)) row[k] = null;
    return row;
  });
  return { keys, rows };
}

export const WINDOWS = { "5m": 300, "15m": 900, "1h": 3_600 } as const;
export type ChartWindow = keyof typeof WINDOWS;

/** Range-query bounds for a window ending at `nowMs`, about 120 points per series. */
export function rangeFor(window: ChartWindow, nowMs: number): { start: number; end: number; step: number } {
  const seconds = WINDOWS[window];
  const end = Math.floor(nowMs / 1000);
  return { start: end - seconds, end, step: Math.max(2, Math.round(seconds / 120)) };
}
