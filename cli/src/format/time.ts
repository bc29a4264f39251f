/**
 * @module time: how nomad prints times and ids. Clocks are passed in so the output is testable.
 */

const GO_ZERO = "0001-01-01T00:00:00Z";

/** RFC 3339 without fractions, in UTC (nomad prints local time; UTC keeps CI output stable). */
export function formatTime(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, "Z");
}

/** Nomad's `*Time` fields are Unix nanoseconds; 0 means unset. */
export function formatNanos(ns: number | undefined): string {
  return ns ? formatTime(Math.floor(ns / 1e6)) : "";
}

/** Go `time.Time` strings: the zero value means "not set" and prints as N/A. */
export function formatGoTime(value: string | undefined): string {
  if (!value || value === GO_ZERO || Number.isNaN(Date.parse(value))) return "N/A";
  return formatTime(Date.parse(value));
}

/** `5m2s ago` / `3s from now`: the two largest units, seconds rounded, like nomad's prettyTimeDiff. */
export function prettyTimeDiff(thenMs: number, nowMs: number): string {
  if (!thenMs) return "";
  const diff = Math.round(nowMs / 1000) - Math.round(thenMs / 1000);
  const suffix = diff >= 0 ? " ago" : " from now";
  let secs = Math.abs(diff);
  if (secs === 0) return `0s${suffix}`;
  const units: [string, number][] = [
    ["d", 86_400],
    ["h", 3_600],
    ["m", 60],
    ["s", 1],
  ];
  const parts: string[] = [];
  for (const [name, size] of units) {
    const n = Math.floor(secs / size);
    secs -= n * size;
    if (n > 0 || parts.length > 0) parts.push(`${n}${name}`);
    if (parts.length === 2) break;
  }
  return parts.filter((p, i) => i === 0 || !p.startsWith("0")).join("") + suffix;
}

/** The first 8 characters, as nomad shows ids unless `-verbose`. */
export const shortId = (id: string | undefined, verbose = false): string => (verbose ? (id ?? "") : (id ?? "").slice(0, 8));
