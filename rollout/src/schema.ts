/**
 * @module The rollout keys in Consul KV, one set per service under `forex-mesh/rollouts/<service>/`:
 * `spec` (what to roll out, written by the console), `control` (pause / resume / abort, written by
 * the console) and `status` (where the rollout is and why, written only by the controller).
 * This is the only definition of their shapes; the console imports it from `@forex-mesh/rollout`.
 *
 * @example spec
 * { "id": "r-3f9a1c", "service": "forex-rate", "job": "forex-rate", "canary": "v2", "stable": "v1",
 *   "steps": [10, 25, 50, 100], "stepSeconds": 60,
 *   "gates": { "minSuccessRatio": 0.99, "maxSuccessDrop": 0.01, "maxP99Ms": 1000, "maxP99Factor": 2, "minRequests": 50 },
 *   "createdAt": "2026-11-25T02:00:00.000Z", "createdBy": "console" }
 */
import { z } from "zod";

export const ROLLOUTS_PREFIX = "forex-mesh/rollouts/";
/** The newest events kept in a status; older ones are dropped (the routing history keeps every weight change). */
export const EVENTS_CAP = 100;

export const DEFAULT_STEPS: readonly number[] = Object.freeze([10, 25, 50, 100]);
export const DEFAULT_STEP_SECONDS = 60;
export const DEFAULT_GATES = Object.freeze({
  minSuccessRatio: 0.99,
  maxSuccessDrop: 0.01,
  maxP99Ms: 1000,
  maxP99Factor: 2,
  minRequests: 50,
});

export type RolloutKeyPart = "spec" | "control" | "status";

export function rolloutSpecKey(service: string): string {
  return `${ROLLOUTS_PREFIX}${service}/spec`;
}

export function rolloutControlKey(service: string): string {
  return `${ROLLOUTS_PREFIX}${service}/control`;
}

export function rolloutStatusKey(service: string): string {
  return `${ROLLOUTS_PREFIX}${service}/status`;
}

/** Which service and which part a key under `forex-mesh/rollouts/` is, or null for any other key. */
export function parseRolloutKey(key: string): { service: string; part: RolloutKeyPart } | null {
  if (!key.startsWith(ROLLOUTS_PREFIX)) return null;
  const rest = key.slice(ROLLOUTS_PREFIX.length).split("/");
  if (rest.length !== 2) return null;
  const [service, part] = rest as [string, string];
  if (!serviceName.safeParse(service).success) return null;
  if (part !== "spec" && part !== "control" && part !== "status") return null;
  return { service, part };
}

const isoDateTime = z.iso.datetime({ offset: true, message: "must be an ISO 8601 date-time" });
// The same alphabet as a Consul service name / Nomad job id in this repo: DNS-label-like.
const serviceName = z
  .string()
  .min(1, "must not be empty")
  .max(63)
  .regex(/^[a-z0-9][a-z0-9-]*$/, "may hold only lower-case letters, digits and '-', starting with a letter or digit");
// The route table's version alphabet (lib/routing), but never empty: a rollout names real versions.
const versionName = z
  .string()
  .min(1, "must name a version")
  .max(64)
  .regex(/^[A-Za-z0-9._-]+$/, "may hold only letters, digits, '.', '_' and '-'");
export const rolloutIdSchema = z.string().regex(/^r-[0-9a-f]{4,32}$/, 'must be "r-" and 4 to 32 lower-case hex digits');

const percent = z.number().int("must be a whole number").min(1, "must be 1 or more").max(100, "must be 100 or less");

export const gatesSchema = z.strictObject({
  /** The canary's success ratio (non-5xx / all) must be at least this. */
  minSuccessRatio: z.number().min(0).max(1).default(DEFAULT_GATES.minSuccessRatio),
  /** …and at most this much below stable's. */
  maxSuccessDrop: z.number().min(0).max(1).default(DEFAULT_GATES.maxSuccessDrop),
  /** The canary's p99 latency must be at most this many milliseconds… */
  maxP99Ms: z.number().positive().max(600_000).default(DEFAULT_GATES.maxP99Ms),
  /** …and at most this multiple of stable's p99. */
  maxP99Factor: z.number().min(1, "must be 1 or more").max(1_000).default(DEFAULT_GATES.maxP99Factor),
  /** No verdict on fewer canary requests than this in the step's window. */
  minRequests: z.number().int().min(1, "must be 1 or more: a verdict on no data is no verdict").max(1_000_000).default(DEFAULT_GATES.minRequests),
});

export const rolloutSpecSchema = z
  .strictObject({
    id: rolloutIdSchema,
    service: serviceName,
    job: serviceName,
    canary: versionName,
    stable: versionName,
    steps: z
      .array(percent)
      .min(1, "must hold at least one step")
      .max(20)
      .default(() => [...DEFAULT_STEPS]),
    stepSeconds: z.number().int("must be a whole number").min(1).max(86_400).default(DEFAULT_STEP_SECONDS),
    gates: gatesSchema.default(() => ({ ...DEFAULT_GATES })),
    createdAt: isoDateTime,
    createdBy: z.string().min(1).max(64),
  })
  .superRefine((spec, ctx) => {
    if (spec.canary === spec.stable) {
      ctx.addIssue({ code: "custom", path: ["canary"], message: "canary and stable must be different versions" });
    }
    for (let i = 1; i < spec.steps.length; i++) {
      if ((spec.steps[i] ?? 0) <= (spec.steps[i - 1] ?? 0)) {
        ctx.addIssue({ code: "custom", path: ["steps", i], message: "steps must be strictly increasing" });
      }
    }
    if (spec.steps.at(-1) !== 100) {
      ctx.addIssue({ code: "custom", path: ["steps", spec.steps.length - 1], message: "the last step must be 100" });
    }
  });

export const CONTROL_COMMANDS = ["pause", "resume", "abort"] as const;
export const rolloutControlSchema = z.strictObject({
  id: rolloutIdSchema,
  command: z.enum(CONTROL_COMMANDS),
  at: isoDateTime,
});

export const PHASES = [
  "waiting-canaries",
  "stepping",
  "paused",
  "promoting",
  "succeeded",
  "rolling-back",
  "rolled-back",
  "aborted",
] as const;
/** Phases after which the controller does nothing more; the console may then CAS-replace the spec. */
export const TERMINAL_PHASES: readonly Phase[] = Object.freeze(["succeeded", "rolled-back", "aborted"]);
export const EVENT_KINDS = ["started", "step", "verdict", "waiting", "paused", "resumed", "aborted", "rolled-back", "promoted"] as const;
export const GATE_NAMES = ["min_requests", "success_ratio", "success_vs_stable", "p99", "p99_vs_stable"] as const;

export const gateResultSchema = z.strictObject({
  name: z.enum(GATE_NAMES),
  canary: z.number().nullable(),
  stable: z.number().nullable(),
  threshold: z.number(),
  pass: z.boolean(),
});

export const rolloutEventSchema = z.strictObject({
  at: isoDateTime,
  kind: z.enum(EVENT_KINDS),
  step: z.number().int().min(-1),
  weight: z.number().int().min(0).max(100),
  outcome: z.enum(["pass", "fail", "wait"]).optional(),
  gates: z.array(gateResultSchema).max(GATE_NAMES.length).optional(),
  message: z.string().max(1_000),
});

export const rolloutStatusSchema = z.strictObject({
  id: rolloutIdSchema,
  phase: z.enum(PHASES),
  /** Index into the spec's steps; -1 before the first. */
  step: z.number().int().min(-1).max(19),
  /** The canary's weight now (what the controller last wrote to the route table). */
  weight: z.number().int().min(0).max(100),
  stepStartedAt: isoDateTime,
  updatedAt: isoDateTime,
  message: z.string().max(1_000),
  events: z.array(rolloutEventSchema).max(EVENTS_CAP),
});

/** A spec as stored (defaults filled in). */
export type RolloutSpec = z.output<typeof rolloutSpecSchema>;
/** A spec as a writer may give it (steps, stepSeconds and gates optional). */
export type RolloutSpecInput = z.input<typeof rolloutSpecSchema>;
export type Gates = z.output<typeof gatesSchema>;
export type ControlCommand = (typeof CONTROL_COMMANDS)[number];
export type RolloutControl = z.output<typeof rolloutControlSchema>;
export type Phase = (typeof PHASES)[number];
export type EventKind = (typeof EVENT_KINDS)[number];
export type GateName = (typeof GATE_NAMES)[number];
export type GateResult = z.output<typeof gateResultSchema>;
export type RolloutEvent = z.output<typeof rolloutEventSchema>;
export type RolloutStatus = z.output<typeof rolloutStatusSchema>;

export function isTerminalPhase(phase: Phase): boolean {
  return TERMINAL_PHASES.includes(phase);
}
