/**
 * @module duration: Go `time.ParseDuration` syntax ("10s", "1m30s", "1.5h", "250ms") to integer
 * nanoseconds, the unit every Nomad duration field uses on the wire, and back for messages.
 * https://pkg.go.dev/time#ParseDuration
 */

const UNIT_NS: Record<string, number> = {
  ns: 1,
  us: 1e3,
  µs: 1e3,
  μs: 1e3,
  ms: 1e6,
  s: 1e9,
  m: 60e9,
  h: 3600e9,
};

/** Returns nanoseconds, or undefined when the text is not a Go duration. */
export function parseDuration(text: string): number | undefined {
  const s = text.trim();
  if (s === "0") return 0;
  const m = /^([-+]?)((?:\d+(?:\.\d*)?|\.\d+)(?:ns|us|µs|μs|ms|s|m|h))+$/.exec(s);
  if (!m) return undefined;
  let total = 0;
  for (const part of s.replace(/^[-+]/, "").matchAll(/(\d+(?:\.\d*)?|\.\d+)(ns|us|µs|μs|ms|s|m|h)/g)) {
    total += Number(part[1]) * UNIT_NS[part[2]!]!;
  }
  return Math.round(m[1] === "-" ? -total : total);
}

/** Formats nanoseconds the way Go prints a time.Duration (`1m30s`, `500ms`, `0s`). */
export function formatDuration(ns: number): string {
  if (ns === 0) return "0s";
  const sign = ns < 0 ? "-" : "";
  let n = Math.abs(ns);
  if (n < 1e3) return `${sign}${n}ns`;
  if (n < 1e6) return `${sign}${trim(n / 1e3)}µs`;
  if (n < 1e9) return `${sign}${trim(n / 1e6)}ms`;
  let out = "";
  const h = Math.floor(n / 3600e9);
  if (h) out += `${h}h`;
  n -= h * 3600e9;
  const m = Math.floor(n / 60e9);
  if (h || m) out += `${m}m`;
  n -= m * 60e9;
  return `${sign}${out}${trim(n / 1e9)}s`;
}

function trim(x: number): string {
  return Number(x.toFixed(9)).toString();
}
