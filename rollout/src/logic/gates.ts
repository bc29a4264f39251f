/**
 * @module Gate maths: the canary's figures over the step's window against absolute limits and
 * against stable's figures. Every compared value is returned (canary, stable, threshold, pass), so
 * a verdict explains itself. No verdict on thin traffic: too few canary requests is "wait".
 */
import { LATENCY_BUCKETS_SECONDS } from "@forex-mesh/observability/names";
import type { Gates, GateResult, RolloutEvent } from "../schema.js";
import { count, ms, ratio } from "./format.js";
import type { MetricsSample } from "./types.js";

/**
 * Below this, the relative latency gate never fails: a stable p99 of 2 ms and a canary p99 of 6 ms
 * are "3 × stable", yet not a latency regression anyone can act on.
 */
export const P99_FLOOR_MS = 25;
/**
 * The sidecars' latency histogram bucket bounds in ms (the observability contract's, in seconds).
 * A p99 from histogram_quantile is an interpolation inside one bucket, so two values in the same
 * bucket cannot be told apart: the relative threshold is rounded up to the next bound. Measured on
 * the real mesh, a fresh canary's 76.7 ms against 2 × stable's 36.4 ms = 72.7 ms (both in the
 * 50–100 ms bucket) was such a false alarm.
 */
export const LATENCY_BUCKETS_MS: readonly number[] = Object.freeze(LATENCY_BUCKETS_SECONDS.map((s) => Math.round(s * 1e6) / 1e3));

/** The smallest bucket bound at or above `ms` (beyond the last bound, `ms` itself). */
export function bucketCeiling(ms: number): number {
  return LATENCY_BUCKETS_MS.find((b) => b >= ms - 1e-9) ?? ms;
}

/**
 * The relative latency gate needs this many canary requests: the p99 of fewer is their slowest one
 * or two, and a fresh canary's first requests are its slowest (JIT, new connections). On the real
 * mesh a same-code canary's first 50 requests had a p99 of 43.7 ms against stable's 9.4 ms.
 */
export const P99_MIN_REQUESTS = 100;
/** Tolerance for comparing figures that went through floating-point rates. */
const EPSILON = 1e-9;

/** Stable's figures from an earlier verdict of the same rollout, for windows where stable had no traffic. */
export interface EarlierStable {
  successRatio: number;
  p99Ms: number;
  /** The step index whose verdict measured them. */
  step: number;
}

export interface GateVerdict {
  outcome: "pass" | "fail" | "wait";
  gates: GateResult[];
  /** One line: what failed, what it waits for, or that every gate passed. */
  summary: string;
  /**
   * How the verdict was reached when not plainly (stable's earlier figures, skipped gates); for a
   * fail, only what explains the failure. "" when there is nothing to add.
   */
  note: string;
}

const round = (value: number, digits: number): number => Number(value.toFixed(digits));

export function evaluateGates(gates: Gates, sample: MetricsSample, earlier: EarlierStable | null): GateVerdict {
  const { canary, stable } = sample;
  const minRequests: GateResult = {
    name: "min_requests",
    canary: Math.floor(canary.requests + EPSILON),
    stable: Math.floor(stable.requests + EPSILON),
    threshold: gates.minRequests,
    pass: canary.requests + EPSILON >= gates.minRequests,
  };
  if (!minRequests.pass) {
    return {
      outcome: "wait",
      gates: [minRequests],
      summary: `${count(canary.requests)} of ${gates.minRequests} canary requests in ${sample.windowSeconds} s`,
      note: "",
    };
  }
  if (canary.successRatio === null || canary.p99Ms === null) {
    return { outcome: "wait", gates: [minRequests], summary: `no canary ${canary.successRatio === null ? "success ratio" : "p99"} figure yet`, note: "" };
  }
  const canaryRatio = round(canary.successRatio, 6);
  const canaryP99 = round(canary.p99Ms, 3);

  const liveStable = stable.requests + EPSILON >= gates.minRequests && stable.successRatio !== null && stable.p99Ms !== null;
  let reference: { successRatio: number; p99Ms: number } | null = null;
  let referenceNote = "";
  if (liveStable) {
    reference = { successRatio: round(stable.successRatio!, 6), p99Ms: round(stable.p99Ms!, 3) };
  } else if (earlier) {
    reference = { successRatio: earlier.successRatio, p99Ms: earlier.p99Ms };
    referenceNote = `stable answered ${count(stable.requests)} requests in the window (fewer than ${gates.minRequests}), so the canary is compared with stable's figures from step ${earlier.step + 1}`;
  } else {
    referenceNote = `the vs-stable gates are skipped: stable answered ${count(stable.requests)} requests in the window (fewer than ${gates.minRequests}) and no earlier step measured it`;
  }

  let note = referenceNote;
  const results: GateResult[] = [minRequests];
  results.push({
    name: "success_ratio",
    canary: canaryRatio,
    stable: reference?.successRatio ?? null,
    threshold: gates.minSuccessRatio,
    pass: canaryRatio + EPSILON >= gates.minSuccessRatio,
  });
  if (reference) {
    const threshold = round(Math.max(0, reference.successRatio - gates.maxSuccessDrop), 6);
    results.push({ name: "success_vs_stable", canary: canaryRatio, stable: reference.successRatio, threshold, pass: canaryRatio + EPSILON >= threshold });
  }
  results.push({ name: "p99", canary: canaryP99, stable: reference?.p99Ms ?? null, threshold: gates.maxP99Ms, pass: canaryP99 <= gates.maxP99Ms + EPSILON });
  if (reference && canary.requests + EPSILON >= P99_MIN_REQUESTS) {
    const threshold = round(Math.max(bucketCeiling(reference.p99Ms * gates.maxP99Factor), P99_FLOOR_MS), 3);
    results.push({ name: "p99_vs_stable", canary: canaryP99, stable: reference.p99Ms, threshold, pass: canaryP99 <= threshold + EPSILON });
  } else if (reference) {
    const skipped = `p99_vs_stable is skipped: a p99 over ${count(canary.requests)} canary requests (fewer than ${P99_MIN_REQUESTS}) is their slowest one`;
    note = note === "" ? skipped : `${note}; ${skipped}`;
  }

  const failed = results.filter((g) => !g.pass);
  if (failed.length > 0) {
    // A rollback's reason carries only what explains the failure: how stable was compared, when that failed.
    const vsStableFailed = failed.some((g) => g.name === "success_vs_stable" || g.name === "p99_vs_stable");
    return { outcome: "fail", gates: results, summary: failed.map((g) => describeFailure(g, gates)).join("; "), note: vsStableFailed ? referenceNote : "" };
  }
  const vsStable = reference ? `, stable success ${ratio(reference.successRatio)}, p99 ${ms(reference.p99Ms)}` : "";
  return {
    outcome: "pass",
    gates: results,
    summary: `canary success ${ratio(canaryRatio)}, p99 ${ms(canaryP99)} over ${count(canary.requests)} requests${vsStable}`,
    note,
  };
}

/** "canary success 0.79 < 0.99", the reason a rollback gives. */
export function describeFailure(gate: GateResult, gates: Gates): string {
  const canary = gate.canary ?? Number.NaN;
  const stable = gate.stable ?? Number.NaN;
  switch (gate.name) {
    case "min_requests":
      return `${count(canary)} canary requests < ${gate.threshold}`;
    case "success_ratio":
      return `canary success ${ratio(canary)} < ${ratio(gate.threshold)}`;
    case "success_vs_stable":
      return `canary success ${ratio(canary)} < stable ${ratio(stable)} - ${ratio(gates.maxSuccessDrop)}`;
    case "p99":
      return `canary p99 ${ms(canary)} > ${ms(gate.threshold)}`;
    case "p99_vs_stable":
      return `canary p99 ${ms(canary)} > ${ms(gate.threshold)} (${gates.maxP99Factor} × stable ${ms(stable)} up to its histogram bucket bound, at least ${ms(P99_FLOOR_MS)})`;
  }
}

/**
 * Stable's figures as the newest passing verdict of this rollout compared them, for a window in
 * which stable had (almost) no traffic, e.g. the 100% step. Null when no verdict had them.
 */
export function earlierStable(events: readonly RolloutEvent[]): EarlierStable | null {
  for (let i = events.length - 1; i >= 0; i--) {
    const event = events[i]!;
    if (event.kind !== "verdict" || event.outcome !== "pass") continue;
    const success = event.gates?.find((g) => g.name === "success_vs_stable")?.stable;
    const p99 = event.gates?.find((g) => g.name === "p99_vs_stable")?.stable;
    if (typeof success === "number" && typeof p99 === "number") return { successRatio: success, p99Ms: p99, step: event.step };
  }
  return null;
}
