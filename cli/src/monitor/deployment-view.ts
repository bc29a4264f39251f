/**
 * @module deployment-view: the deployment monitor's block (status line, deployment, group table),
 * re-rendered on every change. `key` leaves out the clock so a caller can tell a real change from
 * a timer tick.
 */
import type { AllocationListStub, Deployment } from "@forex-mesh/nomad-client";
import { indent } from "../format/columns.js";
import { deploymentStatusText, needsPromotion } from "../format/deployment.js";
import { allocationsTable } from "../format/job.js";
import { formatTime, shortId } from "../format/time.js";

const SPINNER = "⠋⠙⠹⠸⠼⠴⠦⠧⠇⠏";

export function deploymentHeadline(d: Deployment, verbose = false, tick = 0): string {
  const id = shortId(d.ID, verbose);
  switch (d.Status) {
    case "successful":
      return `  ✓ Deployment "${id}" successful`;
    case "failed":
      return `  ! Deployment "${id}" failed`;
    case "cancelled":
      return `  ! Deployment "${id}" cancelled`;
    default:
      if (needsPromotion(d)) return `  ◇ Deployment "${id}" needs promotion: forex-mesh deployment promote ${id}`;
      return `  ${SPINNER[tick % SPINNER.length]} Deployment "${id}" in progress...`;
  }
}

/** `allocs` (with -verbose, as nomad) adds the deployment's allocations under the groups. */
export function deploymentBlock(d: Deployment, nowMs: number, verbose = false, tick = 0, allocs?: readonly AllocationListStub[]): { key: string; text: string } {
  const groups = deploymentStatusText(d, verbose);
  const body = indent(allocs ? `${groups}\n\nAllocations\n${allocationsTable(allocs, nowMs, verbose)}` : groups);
  const key = `${d.Status}\n${body}`;
  return { key, text: `${deploymentHeadline(d, verbose, tick)}\n\n    ${formatTime(nowMs)}\n${body}` };
}
