/** @module Building the next status: events appended and capped, timestamps from the injected clock. */
import { EVENTS_CAP, type RolloutEvent, type RolloutSpec, type RolloutStatus } from "../schema.js";
import { stepLabel } from "./format.js";
import type { Decision } from "./types.js";

export const iso = (ms: number): string => new Date(ms).toISOString();

/** `status` with `patch` applied, `events` appended (oldest dropped beyond the cap) and updatedAt = now. */
export function next(status: RolloutStatus, patch: Partial<Omit<RolloutStatus, "id" | "events" | "updatedAt">>, events: RolloutEvent[], now: number): RolloutStatus {
  const all = [...status.events, ...events];
  return { ...status, ...patch, updatedAt: iso(now), events: all.slice(Math.max(0, all.length - EVENTS_CAP)) };
}

export function event(status: Pick<RolloutStatus, "step" | "weight">, now: number, kind: RolloutEvent["kind"], message: string, extra: Pick<RolloutEvent, "outcome" | "gates"> = {}): RolloutEvent {
  return { at: iso(now), kind, step: status.step, weight: status.weight, ...extra, message: message.slice(0, 1_000) };
}

export function unchanged(status: RolloutStatus): Decision {
  return { status, actions: [], write: false, again: false };
}

/** A status write with no I/O. */
export function written(status: RolloutStatus, again = false): Decision {
  return { status, actions: [], write: true, again };
}

/**
 * A "waiting" status: the message says live what it waits for; a "waiting" event is recorded only
 * when this step starts waiting for `reason` (not on every tick as the counts move).
 */
export function waiting(status: RolloutStatus, now: number, reason: string, detail: string, extra: Pick<RolloutEvent, "gates"> = {}): Decision {
  const message = `${reason}: ${detail}`;
  const last = status.events.at(-1);
  const repeat = last?.kind === "waiting" && last.step === status.step && last.message.startsWith(`${reason}:`);
  if (repeat && status.message === message) return unchanged(status);
  const events = repeat ? [] : [event(status, now, "waiting", message, { outcome: "wait", ...extra })];
  return written(next(status, { message }, events, now));
}

/** Why the rollout is rolling back, from the event that started it. */
export function rollbackCause(status: RolloutStatus): { final: "rolled-back" | "aborted"; reason: string } {
  for (let i = status.events.length - 1; i >= 0; i--) {
    const e = status.events[i]!;
    if (e.kind === "aborted") return { final: "aborted", reason: "aborted by operator" };
    if (e.kind === "verdict" && e.outcome === "fail") return { final: "rolled-back", reason: e.message.slice(e.message.indexOf(": ") + 2) };
  }
  // Only reachable if the events that explain it were capped away.
  return { final: "rolled-back", reason: "a gate failed" };
}

/** The verdict-fail event's message: "rollback at step 2/4 (25%): <reason>" (rollbackCause reads the reason back). */
export function failMessage(spec: RolloutSpec, step: number, reason: string): string {
  return `rollback ${step < 0 ? "before the first step" : `at ${stepLabel(spec, step)}`}: ${reason}`;
}
