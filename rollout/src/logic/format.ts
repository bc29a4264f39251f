/** @module Number and step wording shared by every message, so the console shows one vocabulary. */
import type { RolloutSpec } from "../schema.js";

/** A ratio with up to four decimals, trailing zeros dropped: 0.79, 0.9987, 1. */
export function ratio(value: number): string {
  return String(Number(value.toFixed(4)));
}

/** Milliseconds with up to one decimal: 120, 2.5. */
export function ms(value: number): string {
  return `${Number(value.toFixed(1))} ms`;
}

/** Requests, whole (Prometheus' increase() extrapolates, so 49.7 reads as 49). */
export function count(value: number): string {
  return String(Math.floor(value + 1e-9));
}

/** "step 2/4 (25%)" for a step index. */
export function stepLabel(spec: RolloutSpec, step: number): string {
  if (step < 0) return "before the first step";
  return `step ${step + 1}/${spec.steps.length} (${spec.steps[step]}%)`;
}

/** "HH:MM:SS" UTC, for "judging at" messages. */
export function clock(ms: number): string {
  return new Date(ms).toISOString().slice(11, 19);
}
