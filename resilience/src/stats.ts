/**
 * @module What a scenario measured, as pure functions of the samples the load collected: counts,
 * success ratio, latency percentiles, memory growth, and the one table line each scenario prints.
 */

/** One request of the load: when it left, how long it took, and its status (0: no answer). */
export interface Sample {
  sentAt: number;
  ms: number;
  status: number;
}

export interface Summary {
  requests: number;
  failures: number;
  /** Successes / requests, as a percentage (100 when there were no requests is never reported: see `summarize`). */
  successPct: number;
  p50: number;
  p99: number;
  max: number;
}

/** Nearest-rank percentile (`q` in [0, 1]) of unsorted values; NaN for none. */
export function percentile(values: readonly number[], q: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.max(1, Math.ceil(q * sorted.length));
  return sorted[rank - 1]!;
}

/** A success is a 2xx answer; anything else (5xx, 4xx, no answer) is a failure the client saw. */
export const isSuccess = (s: Sample): boolean => s.status >= 200 && s.status < 300;

export function summarize(samples: readonly Sample[]): Summary {
  if (samples.length === 0) throw new RangeError("no samples: the load sent nothing");
  const failures = samples.filter((s) => !isSuccess(s)).length;
  const ms = samples.map((s) => s.ms);
  return {
    requests: samples.length,
    failures,
    successPct: ((samples.length - failures) * 100) / samples.length,
    p50: percentile(ms, 0.5),
    p99: percentile(ms, 0.99),
    max: Math.max(...ms),
  };
}

/** Samples sent in [fromMs, toMs): the requests that left during a phase of a scenario. */
export function sentBetween(samples: readonly Sample[], fromMs: number, toMs: number): Sample[] {
  return samples.filter((s) => s.sentAt >= fromMs && s.sentAt < toMs);
}

/** Relative growth from `before` to `after` (0.1 = 10% more); `before` must be positive. */
export function growth(before: number, after: number): number {
  if (!(before > 0)) throw new RangeError(`growth from ${before}`);
  return (after - before) / before;
}

/** Failures grouped by status, e.g. `{ "502": 3, "0": 1 }`, for failure messages. */
export function failuresByStatus(samples: readonly Sample[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const s of samples) if (!isSuccess(s)) out[String(s.status)] = (out[String(s.status)] ?? 0) + 1;
  return out;
}

const WIDTHS = [22, 9, 7, 10, 9, 8, 8] as const;

function line(cells: readonly string[], notes: string): string {
  return (cells.map((c, i) => (i === 0 ? c.padEnd(WIDTHS[0]) : c.padStart(WIDTHS[i]!))).join(" ") + `  ${notes}`).trimEnd();
}

export const TABLE_HEADER = line(["scenario", "requests", "failed", "success %", "p50 ms", "p99 ms", "max ms"], "notes");

/** One fixed-width line of the suite's table, under `TABLE_HEADER`. */
export function tableRow(scenario: string, s: Summary, notes = ""): string {
  const pct = s.successPct === 100 ? "100" : s.successPct.toFixed(3);
  return line([scenario, String(s.requests), String(s.failures), pct, s.p50.toFixed(1), s.p99.toFixed(1), s.max.toFixed(1)], notes);
}
