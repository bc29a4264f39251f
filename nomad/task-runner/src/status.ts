/**
 * @module status: an allocation's client status from its task states, after Nomad's
 * `allocrunner.getClientStatus`: any failed task fails the alloc, then one running task makes it
 * running (so "No tasks have started" is literally true when pending), then pending, then complete. The descriptions are Nomad's exact strings (§A5).
 */
import type { AllocClientStatus, TaskState } from "./types.js";

export const ClientDescription = {
  failed: "Failed tasks",
  pending: "No tasks have started",
  running: "Tasks are running",
  complete: "All tasks have completed",
} as const;

export interface ClientStatus {
  ClientStatus: AllocClientStatus;
  ClientDescription: string;
}

export function allocClientStatus(states: Record<string, TaskState>): ClientStatus {
  let pending = false;
  let running = false;
  let dead = false;
  let failed = false;
  for (const state of Object.values(states)) {
    if (state.State === "running") running = true;
    else if (state.State === "pending") pending = true;
    else if (state.Failed) failed = true;
    else dead = true;
  }
  if (failed) return { ClientStatus: "failed", ClientDescription: ClientDescription.failed };
  if (running) return { ClientStatus: "running", ClientDescription: ClientDescription.running };
  if (pending) return { ClientStatus: "pending", ClientDescription: ClientDescription.pending };
  if (dead) return { ClientStatus: "complete", ClientDescription: ClientDescription.complete };
  return { ClientStatus: "pending", ClientDescription: ClientDescription.pending };
}
