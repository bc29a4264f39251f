/**
 * @module time: conversions between the scheduler's clock (Unix ms) and Nomad's wire units
 * (nanosecond durations and timestamps, RFC 3339 strings with Go's zero value).
 */
import { ZERO_TIME } from "./constants.js";

const NS_PER_MS = 1_000_000;

export function nsToMs(ns: number): number {
  return Math.floor(ns / NS_PER_MS);
}

export function msToNs(ms: number): number {
  return ms * NS_PER_MS;
}

/**
 * RFC 3339 (UTC) for a Unix-ms instant, as Go marshals `time.Time` (RFC3339Nano: trailing zeros
 * of the fraction dropped, so `10:10:12Z` and `10:10:12.5Z`). Pure: the instant is an argument.
 */
export function rfc3339(ms: number): string {
  return new Date(ms).toISOString().replace(/\.(\d*?)0*Z$/, (_m, digits: string) => (digits ? `.${digits}Z` : "Z"));
}

/** Unix ms of an RFC 3339 string, or null for Go's zero time, empty or unparsable input. */
export function parseTime(value: string | undefined | null): number | null {
  if (value === undefined || value === null || value === "" || value === ZERO_TIME) return null;
  const ms = Date.parse(value);
  if (Number.isNaN(ms) || ms <= 0) return null;
  return ms;
}
