/**
 * @module The rollout's decisions, pure: given the spec, the status, the operator's control, what
 * Nomad and Prometheus said and the time, the next status and the I/O to get there. The controller
 * fetches what `needs` asks for, calls `decide`, carries out the actions in order, then writes the
 * status (CAS). Every action is idempotent and the status is written last, so a controller killed
 * anywhere redoes at most the last decision.
 */
import { isTerminalPhase, type RolloutControl, type RolloutEvent, type RolloutSpec, type RolloutStatus } from "../schema.js";
import { deploymentActive } from "./deployment.js";
import { clock, stepLabel } from "./format.js";
import { earlierStable, evaluateGates } from "./gates.js";
import { event, failMessage, iso, next, rollbackCause, unchanged, waiting, written } from "./status.js";
import type { Action, Decision, DeploymentReading, MetricsReading, Needs } from "./types.js";

export interface DecideInput {
  spec: RolloutSpec;
  /** The stored status; null (or another rollout's) starts this one. */
  status: RolloutStatus | null;
  control: RolloutControl | null;
  /** Given when `needs` asked for it. */
  deployment?: DeploymentReading;
  /** Given when `needs` asked for it. */
  metrics?: MetricsReading;
  now: number;
}

export interface DecideOptions {
  /** The shortest window worth judging: two scrape intervals, so a window holds at least two samples. */
  minWindowSeconds: number;
}

/** Seconds the current step has run (whole, rounded down so the window never reaches before it). */
export function stepElapsedSeconds(status: RolloutStatus, now: number): number {
  return Math.max(0, Math.floor((now - Date.parse(status.stepStartedAt)) / 1000));
}

/** How long a step runs before its verdict: its stepSeconds, but never less than the shortest judgeable window. */
export function stepDueSeconds(spec: RolloutSpec, options: DecideOptions): number {
  return Math.max(spec.stepSeconds, Math.ceil(options.minWindowSeconds));
}

/** What the controller must fetch before `decide`. */
export function needs(spec: RolloutSpec, status: RolloutStatus | null, control: RolloutControl | null, now: number, options: DecideOptions): Needs {
  const none: Needs = { deployment: false, metricsWindowSeconds: null };
  if (status === null || status.id !== spec.id || isTerminalPhase(status.phase)) return none;
  if (controlTakesOver(spec, status, control)) return none;
  switch (status.phase) {
    case "waiting-canaries":
    case "rolling-back":
    case "promoting":
      return { deployment: true, metricsWindowSeconds: null };
    case "stepping": {
      const elapsed = stepElapsedSeconds(status, now);
      return { deployment: true, metricsWindowSeconds: elapsed >= stepDueSeconds(spec, options) ? elapsed : null };
    }
    default:
      return none;
  }
}

export function decide(input: DecideInput, options: DecideOptions): Decision {
  const { spec, status, now } = input;
  if (status === null || status.id !== spec.id) return start(spec, now);
  if (isTerminalPhase(status.phase)) return unchanged(status);
  if (controlTakesOver(spec, status, input.control)) return applyControl(spec, status, input.control!, now);
  switch (status.phase) {
    case "waiting-canaries":
      return waitingCanaries(input, status, options);
    case "stepping":
      return stepping(input, status, options);
    case "rolling-back":
      return rollingBack(input, status);
    case "promoting":
      return promoting(input, status);
    default:
      // paused without a pause in force is handled by controlTakesOver (resume).
      return unchanged(status);
  }
}

function start(spec: RolloutSpec, now: number): Decision {
  const seconds = spec.stepSeconds;
  const status: RolloutStatus = {
    id: spec.id,
    phase: "waiting-canaries",
    step: -1,
    weight: 0,
    stepStartedAt: iso(now),
    updatedAt: iso(now),
    message: `waiting for canaries: job ${spec.job} has not reported on ${spec.canary}'s canaries yet`,
    events: [],
  };
  const started = event(
    status,
    now,
    "started",
    `rollout ${spec.id} of ${spec.service}: ${spec.canary} against ${spec.stable}, steps ${spec.steps.join("/")}%, ${seconds} s each, created by ${spec.createdBy}`,
  );
  return written({ ...status, events: [started] }, true);
}

/** Whether the operator's control changes the phase now (level-triggered: the key holds the command in force). */
function controlTakesOver(spec: RolloutSpec, status: RolloutStatus, control: RolloutControl | null): boolean {
  const command = control?.id === spec.id ? control.command : null;
  const running = status.phase === "waiting-canaries" || status.phase === "stepping";
  if (command === "abort") return running || status.phase === "paused";
  if (command === "pause") return running;
  return status.phase === "paused";
}

function applyControl(spec: RolloutSpec, status: RolloutStatus, control: RolloutControl | null, now: number): Decision {
  const command = control?.id === spec.id ? control.command : "resume";
  const where = stepLabel(spec, status.step);
  if (command === "abort") {
    const aborted = event(status, now, "aborted", `aborted by operator ${status.step < 0 ? "before the first step" : `at ${where}`}`);
    return written(next(status, { phase: "rolling-back", message: "rolling back: aborted by operator" }, [aborted], now), true);
  }
  if (command === "pause") {
    const message = `paused by operator ${status.step < 0 ? "before the first step" : `at ${where}: ${status.weight}% to ${spec.canary}`}; resume to continue`;
    return written(next(status, { phase: "paused", message }, [event(status, now, "paused", message)], now));
  }
  const phase = status.step < 0 ? "waiting-canaries" : "stepping";
  const message = status.step < 0 ? "resumed: waiting for canaries" : `resumed at ${where}: the step's window starts again`;
  return written(next(status, { phase, stepStartedAt: iso(now), message }, [event(status, now, "resumed", message)], now), true);
}

function rollback(spec: RolloutSpec, status: RolloutStatus, now: number, reason: string, gates?: Pick<RolloutEvent, "gates">): Decision {
  const verdict = event(status, now, "verdict", failMessage(spec, status.step, reason), { outcome: "fail", ...gates });
  return written(next(status, { phase: "rolling-back", message: `rolling back: ${reason}` }, [verdict], now), true);
}

function waitingCanaries(input: DecideInput, status: RolloutStatus, options: DecideOptions): Decision {
  const { spec, now } = input;
  const reading = input.deployment;
  if (!reading?.ok) return waiting(status, now, "waiting for Nomad", reading?.error ?? "no answer");
  const d = reading.deployment;
  if (d === null) return waiting(status, now, "waiting for a deployment", `job ${spec.job} has none; deploy ${spec.canary} with canaries first`);
  if (d.version !== spec.canary) {
    return waiting(status, now, "waiting for a deployment", `job ${spec.job}'s latest deployment ${d.id.slice(0, 8)} is of ${d.version ?? "an unknown version"}, not ${spec.canary}`);
  }
  if (d.status === "failed" || d.status === "cancelled") {
    return rollback(spec, status, now, `the canary deployment ${d.id.slice(0, 8)} ${d.status}: ${d.description}`);
  }
  if (d.desiredCanaries === 0 || d.promoted) {
    return waiting(status, now, "waiting for a deployment", `deployment ${d.id.slice(0, 8)} of ${spec.canary} has no canaries waiting for promotion (update.canary = 0, or promoted already)`);
  }
  if (d.healthyCanaries < d.desiredCanaries || !deploymentActive(d)) {
    return waiting(status, now, "waiting for canaries", `${d.healthyCanaries} of ${d.desiredCanaries} healthy in deployment ${d.id.slice(0, 8)} (${d.status})`);
  }
  return enterStep(spec, status, 0, now, [], options);
}

function enterStep(spec: RolloutSpec, status: RolloutStatus, step: number, now: number, before: RolloutEvent[], options: DecideOptions): Decision {
  const weight = spec.steps[step]!;
  const label = stepLabel(spec, step);
  const dueAt = now + stepDueSeconds(spec, options) * 1000;
  const message = `${label}: ${weight}% to ${spec.canary}, ${100 - weight}% to ${spec.stable}; judging from ${clock(dueAt)} UTC`;
  const entered = event({ step, weight }, now, "step", `${label}: ${weight}% to ${spec.canary}, ${100 - weight}% to ${spec.stable}`);
  const action: Action = { kind: "set-weight", weight, reason: `rollout ${spec.id} step ${step + 1}/${spec.steps.length}: ${weight}%` };
  const status2 = next(status, { phase: "stepping", step, weight, stepStartedAt: iso(now), message }, [...before, entered], now);
  return { status: status2, actions: [action], write: true, again: false };
}

function stepping(input: DecideInput, status: RolloutStatus, options: DecideOptions): Decision {
  const { spec, now } = input;
  const reading = input.deployment;
  // Nomad being away does not stop the judging; it is needed again only to promote or fail.
  if (reading?.ok) {
    const d = reading.deployment;
    if (d === null || d.version !== spec.canary) {
      return rollback(spec, status, now, `job ${spec.job}'s latest deployment is no longer ${spec.canary}'s${d ? ` (now ${d.version ?? "unknown"})` : ""}`);
    }
    if (d.status === "failed" || d.status === "cancelled") {
      return rollback(spec, status, now, `the deployment ${d.id.slice(0, 8)} ${d.status} outside the rollout: ${d.description}`);
    }
    if (d.promoted || d.status === "successful") {
      // Someone promoted by hand (the console's button): nothing left to judge, finish as a promotion.
      return written(next(status, { phase: "promoting", message: `deployment ${d.id.slice(0, 8)} was promoted outside the rollout` }, [], now), true);
    }
  }
  const elapsed = stepElapsedSeconds(status, now);
  if (elapsed < stepDueSeconds(spec, options)) return unchanged(status);
  const label = stepLabel(spec, status.step);
  const metrics = input.metrics;
  if (!metrics?.ok) return waiting(status, now, "waiting for metrics", `${metrics?.error ?? "not read"}; staying at ${label}`);
  const verdict = evaluateGates(spec.gates, metrics.sample, earlierStable(status.events));
  const note = verdict.note === "" ? "" : ` (${verdict.note})`;
  if (verdict.outcome === "wait") {
    return waiting(status, now, "waiting for traffic", `${verdict.summary} at ${label}; staying on this step`, { gates: verdict.gates });
  }
  if (verdict.outcome === "fail") return rollback(spec, status, now, `${verdict.summary}${note}`, { gates: verdict.gates });
  const passed = event(status, now, "verdict", `${label} passed: ${verdict.summary}${note}`, { outcome: "pass", gates: verdict.gates });
  if (status.step + 1 < spec.steps.length) return enterStep(spec, status, status.step + 1, now, [passed], options);
  const message = `all ${spec.steps.length} steps passed; promoting the deployment`;
  return written(next(status, { phase: "promoting", message }, [passed], now), true);
}

function rollingBack(input: DecideInput, status: RolloutStatus): Decision {
  const { spec, now } = input;
  const { final, reason } = rollbackCause(status);
  // Before the first step the rollout never touched the route table, and it does not start now.
  const weightBack: Action[] = status.step < 0 ? [] : [{ kind: "set-weight", weight: 0, reason: `rollback: ${reason}`.slice(0, 500) }];
  const reading = input.deployment;
  if (!reading?.ok) {
    // Traffic goes back now; failing the deployment waits for Nomad.
    const message = `rolling back: ${reason}; 100% to ${spec.stable}, waiting for Nomad to fail the deployment (${reading?.error ?? "no answer"})`;
    const status2 = status.message === message ? status : next(status, { weight: 0, message }, [], now);
    return { status: status2, actions: weightBack, write: status2 !== status, again: false };
  }
  const d = reading.deployment;
  const ours = d !== null && d.version === spec.canary;
  const actions: Action[] = [...weightBack];
  let outcome: string;
  if (ours && deploymentActive(d)) {
    actions.push({ kind: "fail-deployment", deploymentId: d.id });
    outcome = `deployment ${d.id.slice(0, 8)} failed (Nomad stops the canaries; auto_revert restores the previous job)`;
  } else {
    outcome = ours ? `deployment ${d.id.slice(0, 8)} already ${d.status}` : `no deployment of ${spec.canary} to fail`;
  }
  const head = final === "aborted" ? "aborted by operator" : `rolled back: ${reason}`;
  const message = `${head}; 100% to ${spec.stable}, ${outcome}`;
  const done = event({ step: status.step, weight: 0 }, now, "rolled-back", message);
  return { status: next(status, { phase: final, weight: 0, message }, [done], now), actions, write: true, again: false };
}

function promoting(input: DecideInput, status: RolloutStatus): Decision {
  const { spec, now } = input;
  const reading = input.deployment;
  if (!reading?.ok) return waiting(status, now, "waiting for Nomad", `to promote: ${reading?.error ?? "no answer"}`);
  const d = reading.deployment;
  if (d === null || d.version !== spec.canary) {
    return rollback(spec, status, now, `job ${spec.job}'s latest deployment is no longer ${spec.canary}'s; nothing to promote`);
  }
  if (d.status === "failed" || d.status === "cancelled") {
    return rollback(spec, status, now, `the deployment ${d.id.slice(0, 8)} ${d.status} before promotion: ${d.description}`);
  }
  const collapse: Action = { kind: "collapse-routes", version: spec.canary, reason: `rollout ${spec.id} promoted: ${spec.canary} is the stable version` };
  const actions: Action[] = d.promoted || d.status === "successful" ? [collapse] : [{ kind: "promote-deployment", deploymentId: d.id }, collapse];
  const message = `succeeded: deployment ${d.id.slice(0, 8)} promoted, ${spec.canary} replaces ${spec.stable}; the route table names only ${spec.canary}`;
  const promoted = event({ step: status.step, weight: 100 }, now, "promoted", message);
  return { status: next(status, { phase: "succeeded", weight: 100, message }, [promoted], now), actions, write: true, again: false };
}
