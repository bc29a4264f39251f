/**
 * @module rollout: the rollout panel's view of `forex-mesh/rollouts/<service>/{spec,status}` (shapes
 * in `@forex-mesh/rollout`): what is rolling out, where it is, which buttons act now (the same
 * rules the controller applies to the control key), and each verdict's gates as "canary 0.79 ≥ 0.99 ✗".
 */
import { type ControlCommand, isTerminalPhase, type RolloutSpec, type RolloutStatus } from "@forex-mesh/rollout/schema";

export const GATE_LABELS: Record<string, string> = {
  min_requests: "canary requests",
  success_ratio: "success ratio",
  success_vs_stable: "success vs stable",
  p99: "p99",
  p99_vs_stable: "p99 vs stable",
};
// Requests and success must reach the threshold; latency must stay under it.
const AT_LEAST = new Set(["min_requests", "success_ratio", "success_vs_stable"]);

export interface GateRow {
  name: string;
  label: string;
  canary: string;
  stable: string;
  comparison: string;
  pass: boolean;
}
export interface EventRow {
  at: string;
  kind: string;
  step: number;
  weight: number;
  outcome: "pass" | "fail" | "wait" | null;
  message: string;
  gates: GateRow[];
}
export interface RolloutView {
  id: string;
  canary: string;
  stable: string;
  steps: number[];
  stepSeconds: number;
  /** Null until the controller has written a status for this rollout. */
  phase: string | null;
  weight: number | null;
  /** "step 2 of 4 (25%)", or "" before the first step. */
  where: string;
  message: string;
  terminal: boolean;
  allowed: Record<ControlCommand, boolean>;
  /** Newest first. */
  events: EventRow[];
}

function fmt(name: string, v: number | null): string {
  if (v === null) return "–";
  if (name === "min_requests") return String(Math.round(v));
  if (name.startsWith("p99")) return `${Number(v.toFixed(2))} ms`;
  return String(Number(v.toFixed(4)));
}

export function gateRows(gates: RolloutStatus["events"][number]["gates"]): GateRow[] {
  return (gates ?? []).map((g) => ({
    name: g.name,
    label: GATE_LABELS[g.name] ?? g.name,
    canary: fmt(g.name, g.canary),
    stable: fmt(g.name, g.stable),
    comparison: `${fmt(g.name, g.canary)} ${AT_LEAST.has(g.name) ? "≥" : "≤"} ${fmt(g.name, g.threshold)}`,
    pass: g.pass,
  }));
}

export function toRolloutView(spec: RolloutSpec | null, status: RolloutStatus | null): RolloutView | null {
  if (!spec) return null;
  // A status left by an earlier rollout says nothing about this one.
  const own = status?.id === spec.id ? status : null;
  const phase = own?.phase ?? null;
  const running = phase === null || phase === "waiting-canaries" || phase === "stepping";
  const terminal = phase !== null && isTerminalPhase(phase);
  const step = own?.step ?? -1;
  return {
    id: spec.id,
    canary: spec.canary,
    stable: spec.stable,
    steps: spec.steps,
    stepSeconds: spec.stepSeconds,
    phase,
    weight: own?.weight ?? null,
    where: step >= 0 ? `step ${step + 1} of ${spec.steps.length} (${spec.steps[step] ?? "?"}%)` : "",
    message: own?.message ?? "waiting for the rollout controller to pick it up",
    terminal,
    allowed: { pause: running, resume: phase === "paused", abort: running || phase === "paused" },
    events: [...(own?.events ?? [])].reverse().map((e) => ({ at: e.at, kind: e.kind, step: e.step, weight: e.weight, outcome: e.outcome ?? null, message: e.message, gates: gateRows(e.gates) })),
  };
}

/** "10, 25, 50, 100" → [10, 25, 50, 100]; the spec schema then judges them (increasing, ending at 100). */
export function parseSteps(text: string): number[] | null {
  const parts = text.split(/[\s,/]+/).filter((p) => p !== "");
  if (parts.length === 0 || parts.some((p) => !/^\d+$/.test(p))) return null;
  return parts.map(Number);
}
