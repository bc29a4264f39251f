/**
 * @module eval-view: what nomad's evaluation monitor prints, as a pure step function. Each poll feeds
 * the evaluation and its allocations in; the lines to print (only what is new) come out.
 *
 * @example
 * let s = initialEvalState();
 * ({ state: s, lines } = evalStep(s, evaluation, allocs, Date.now()));
 */
import type { AllocationListStub, AllocationMetric, Evaluation } from "@forex-mesh/nomad-client";
import { formatTime, shortId } from "../format/time.js";

export interface EvalState {
  status: string;
  triggered: boolean;
  deploymentId: string;
  seenAllocs: ReadonlySet<string>;
}

export const initialEvalState = (): EvalState => ({ status: "", triggered: false, deploymentId: "", seenAllocs: new Set() });

export const evalDone = (status: string | undefined): boolean => status === "complete" || status === "failed" || status === "canceled";

export function evalStep(
  prev: EvalState,
  ev: Evaluation,
  allocs: readonly AllocationListStub[],
  nowMs: number,
  verbose = false,
): { state: EvalState; lines: string[] } {
  const t = formatTime(nowMs);
  const lines: string[] = [];
  const seen = new Set(prev.seenAllocs);
  let { triggered, deploymentId } = prev;
  if (!triggered) {
    triggered = true;
    if (ev.NodeID) lines.push(`    ${t}: Evaluation triggered by node "${shortId(ev.NodeID, verbose)}"`);
    else if (ev.JobID) lines.push(`    ${t}: Evaluation triggered by job "${ev.JobID}"`);
  }
  if (ev.DeploymentID && ev.DeploymentID !== deploymentId) {
    deploymentId = ev.DeploymentID;
    lines.push(`    ${t}: Evaluation within deployment: "${shortId(deploymentId, verbose)}"`);
  }
  for (const a of [...allocs].sort((x, y) => (x.CreateIndex ?? 0) - (y.CreateIndex ?? 0))) {
    if (!a.ID || seen.has(a.ID) || a.DesiredStatus !== "run") continue;
    seen.add(a.ID);
    lines.push(`    ${t}: Allocation "${shortId(a.ID, verbose)}" created: node "${shortId(a.NodeID, verbose)}", group "${a.TaskGroup ?? ""}"`);
  }
  const status = ev.Status ?? "";
  if (prev.status !== "" && status !== prev.status) lines.push(`    ${t}: Evaluation status changed: "${prev.status}" -> "${status}"`);
  return { state: { status, triggered, deploymentId, seenAllocs: seen }, lines };
}

/** The closing lines: the final status and, like nomad, every group that could not be placed. */
export function evalFinished(ev: Evaluation, nowMs: number, verbose = false): { lines: string[]; placementFailed: boolean } {
  const t = formatTime(nowMs);
  const failed = Object.entries(ev.FailedTGAllocs ?? {}).sort(([a], [b]) => a.localeCompare(b));
  if (failed.length === 0) return { lines: [`==> ${t}: Evaluation "${shortId(ev.ID, verbose)}" finished with status "${ev.Status}"`], placementFailed: false };
  const lines = [`==> ${t}: Evaluation "${shortId(ev.ID, verbose)}" finished with status "${ev.Status}" but failed to place all allocations:`];
  for (const [group, metric] of failed) {
    const n = 1 + (metric.CoalescedFailures ?? 0);
    lines.push(`    Task Group "${group}" (failed to place ${n} allocation${n === 1 ? "" : "s"}):`, ...metricLines(metric));
  }
  if (ev.BlockedEval) lines.push(`    Evaluation "${shortId(ev.BlockedEval, verbose)}" waiting for additional capacity to place remainder`);
  return { lines, placementFailed: true };
}

function metricLines(m: AllocationMetric): string[] {
  const out: string[] = [];
  if ((m.NodesEvaluated ?? 0) === 0) out.push("      * No nodes were eligible for evaluation");
  for (const [dc, n] of Object.entries(m.NodesAvailable ?? {})) if (n === 0) out.push(`      * No nodes are available in datacenter "${dc}"`);
  for (const [c, n] of Object.entries(m.ConstraintFiltered ?? {})) out.push(`      * Constraint "${c}": ${n} nodes excluded by filter`);
  if ((m.NodesExhausted ?? 0) > 0) out.push(`      * Resources exhausted on ${m.NodesExhausted} nodes`);
  for (const [d, n] of Object.entries(m.DimensionExhausted ?? {})) out.push(`      * Dimension "${d}" exhausted on ${n} nodes`);
  return out;
}
