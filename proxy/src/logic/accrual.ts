/**
 * @module Failure accrual: consecutive failures eject an endpoint for a growing interval; after the
 * interval one probe request may go through, and its success brings the endpoint back. Pure
 * transitions over a small state record; the clock comes in.
 */

export interface AccrualState {
  consecutiveFailures: number;
  /** 0 when in service; otherwise the time (ms) until which the endpoint gets no traffic. */
  ejectedUntil: number;
  /** How many times in a row it was ejected; grows the interval. */
  ejections: number;
  /** A probe is out: no other request until it answers. */
  probing: boolean;
}

export interface AccrualSettings {
  failuresToEject: number;
  baseEjectMs: number;
  maxEjectMs: number;
}

export const DEFAULT_ACCRUAL: AccrualSettings = { failuresToEject: 5, baseEjectMs: 1_000, maxEjectMs: 30_000 };

export function freshAccrual(): AccrualState {
  return { consecutiveFailures: 0, ejectedUntil: 0, ejections: 0, probing: false };
}

/** Whether a new request may go to the endpoint now (in service, or due for its probe). */
export function isAvailable(state: AccrualState, nowMs: number): boolean {
  return state.ejectedUntil === 0 || (!state.probing && nowMs >= state.ejectedUntil);
}

/** Marks that the request about to be sent is the probe of an ejected endpoint. */
export function startProbeIfDue(state: AccrualState, nowMs: number): void {
  if (state.ejectedUntil !== 0 && nowMs >= state.ejectedUntil) state.probing = true;
}

export function onSuccess(state: AccrualState): void {
  state.consecutiveFailures = 0;
  state.ejectedUntil = 0;
  state.ejections = 0;
  state.probing = false;
}

/**
 * Records a failure; returns true when it ejected the endpoint. `othersAvailable` is how many other
 * endpoints of the same version are in service: the last one standing is never ejected, so a
 * version's pool never empties by accrual alone (discovery decides when it is really gone).
 */
export function onFailure(
  state: AccrualState,
  nowMs: number,
  othersAvailable: number,
  settings: AccrualSettings = DEFAULT_ACCRUAL,
): boolean {
  state.consecutiveFailures += 1;
  const failedProbe = state.probing;
  state.probing = false;
  if (!failedProbe && state.consecutiveFailures < settings.failuresToEject) return false;
  if (othersAvailable === 0) {
    state.ejectedUntil = 0;
    return false;
  }
  const interval = Math.min(settings.maxEjectMs, settings.baseEjectMs * 2 ** state.ejections);
  state.ejections += 1;
  state.ejectedUntil = nowMs + interval;
  return true;
}
