/**
 * @module reschedule: when a failed allocation may be replaced, after Nomad's
 * `Allocation.NextDelay`, `NextRescheduleTime` and `RescheduleTracker.RescheduleEligible`
 * (nomad/structs/structs.go) and `updateRescheduleTracker` (scheduler/generic_sched.go).
 *
 * Service default policy (§A4): unlimited, exponential from 30 s, capped at 1 h, so successive
 * failures of a chain wait 30 s, 1 m, 2 m, … 1 h.
 */
import { MAX_PAST_RESCHEDULE_EVENTS } from "./constants.js";
import { msToNs, nsToMs, parseTime } from "./time.js";
import type { Allocation, ReschedulePolicy, RescheduleTracker } from "./types.js";

/** When the alloc last changed state: the newest task `FinishedAt`, else its `ModifyTime`. */
export function lastEventTimeMs(alloc: Allocation): number {
  let last: number | null = null;
  for (const state of Object.values(alloc.TaskStates ?? {})) {
    const finished = parseTime(state.FinishedAt);
    if (finished !== null && (last === null || finished > last)) last = finished;
  }
  return last ?? nsToMs(alloc.ModifyTime);
}

/** The delay (ns) before the next reschedule of this alloc's chain. */
export function nextDelayNs(alloc: Allocation, policy: ReschedulePolicy | null | undefined): number {
  if (!policy) return 0;
  const events = alloc.RescheduleTracker?.Events ?? [];
  if (events.length === 0) return policy.Delay;
  const last = events[events.length - 1]!;
  let delay = policy.Delay;
  if (policy.DelayFunction === "exponential") {
    delay = last.Delay * 2;
  } else if (policy.DelayFunction === "fibonacci") {
    if (events.length >= 2) {
      const prev = events[events.length - 2]!;
      // A series that hit the ceiling and was reset starts over rather than adding the ceiling.
      delay = prev.Delay === policy.MaxDelay && last.Delay === policy.Delay ? last.Delay : last.Delay + prev.Delay;
    } else {
      delay = last.Delay;
    }
  } else {
    return delay;
  }
  if (policy.MaxDelay > 0 && delay > policy.MaxDelay) {
    delay = policy.MaxDelay;
    // A chain that stayed up longer than the ceiling since its last reschedule starts over.
    const sinceLastNs = msToNs(lastEventTimeMs(alloc)) - last.RescheduleTime;
    if (sinceLastNs > delay) delay = policy.Delay;
  }
  return delay;
}

/** How many reschedules of the chain fall within `Interval` before `failTimeMs`. */
function attemptsInInterval(tracker: RescheduleTracker | null, policy: ReschedulePolicy, failTimeMs: number): number {
  if (!tracker || policy.Attempts <= 0) return 0;
  const failNs = msToNs(failTimeMs);
  return tracker.Events.filter((e) => failNs - e.RescheduleTime < policy.Interval).length;
}

export function rescheduleEligible(alloc: Allocation, policy: ReschedulePolicy | null | undefined, failTimeMs: number): boolean {
  if (!policy) return false;
  if (policy.Unlimited) return true;
  if (policy.Attempts <= 0) return false;
  return attemptsInInterval(alloc.RescheduleTracker, policy, failTimeMs) < policy.Attempts;
}

export interface NextReschedule {
  /** Unix ms at which the replacement may be placed. */
  atMs: number;
  eligible: boolean;
}

/** Only a failed alloc that is still desired to run is ever rescheduled. */
export function nextRescheduleTime(alloc: Allocation, policy: ReschedulePolicy | null | undefined): NextReschedule {
  if (alloc.DesiredStatus !== "run" || alloc.ClientStatus !== "failed" || !policy) return { atMs: 0, eligible: false };
  const failMs = lastEventTimeMs(alloc);
  return { atMs: failMs + nsToMs(nextDelayNs(alloc, policy)), eligible: rescheduleEligible(alloc, policy, failMs) };
}

/** The tracker a replacement of `prev` carries: recent history plus this reschedule. */
export function nextTracker(prev: Allocation, policy: ReschedulePolicy | null | undefined, nowMs: number): RescheduleTracker {
  const past = prev.RescheduleTracker?.Events ?? [];
  const nowNs = msToNs(nowMs);
  const kept =
    policy && policy.Attempts > 0
      ? past.filter((e) => policy.Interval > 0 && nowNs - e.RescheduleTime <= policy.Interval)
      : past.slice(-MAX_PAST_RESCHEDULE_EVENTS);
  const nodeId = typeof prev["NodeID"] === "string" ? prev["NodeID"] : "";
  return {
    Events: [
      ...kept.map((e) => ({ ...e })),
      { RescheduleTime: nowNs, PrevAllocID: prev.ID, PrevNodeID: nodeId, Delay: nextDelayNs(prev, policy) },
    ],
  };
}
