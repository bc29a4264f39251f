/**
 * @module deployment: `nomad deployment status` and the "Latest Deployment" part of `job status`.
 * Optional columns appear only when some group needs them (Auto Revert, Auto Promote, canaries), as
 * in nomad's formatDeploymentGroups.
 */
import type { Deployment } from "@forex-mesh/nomad-client";
import { formatKV, formatList } from "./columns.js";
import { formatGoTime, shortId } from "./time.js";

export function deploymentGroupsTable(d: Deployment): string {
  const groups = Object.entries(d.TaskGroups ?? {}).sort(([a], [b]) => a.localeCompare(b));
  const autoRevert = groups.some(([, s]) => s.AutoRevert);
  const autoPromote = groups.some(([, s]) => s.AutoPromote);
  const canaries = groups.some(([, s]) => (s.DesiredCanaries ?? 0) > 0);
  const header = ["Task Group"];
  if (autoRevert) header.push("Auto Revert");
  if (autoPromote) header.push("Auto Promote");
  if (canaries) header.push("Promoted");
  header.push("Desired");
  if (canaries) header.push("Canaries");
  header.push("Placed", "Healthy", "Unhealthy", "Progress Deadline");
  const rows = groups.map(([name, s]) => {
    const row: (string | number | boolean)[] = [name];
    if (autoRevert) row.push(s.AutoRevert ?? false);
    if (autoPromote) row.push(s.AutoPromote ?? false);
    if (canaries) row.push((s.DesiredCanaries ?? 0) > 0 ? (s.Promoted ?? false) : "N/A");
    row.push(s.DesiredTotal ?? 0);
    if (canaries) row.push(s.DesiredCanaries ?? 0);
    row.push(s.PlacedAllocs ?? 0, s.HealthyAllocs ?? 0, s.UnhealthyAllocs ?? 0, formatGoTime(s.RequireProgressBy));
    return row.join("|");
  });
  return formatList([header.join("|"), ...rows]);
}

/** `nomad deployment status <id>`. */
export function deploymentStatusText(d: Deployment, verbose = false): string {
  const kv = formatKV([
    `ID|${shortId(d.ID, verbose)}`,
    `Job ID|${d.JobID ?? ""}`,
    `Job Version|${d.JobVersion ?? 0}`,
    `Status|${d.Status ?? ""}`,
    `Description|${d.StatusDescription ?? ""}`,
  ]);
  return `${kv}\n\nDeployed\n${deploymentGroupsTable(d)}`;
}

/** Terminal deployment statuses, plus `blocked`, where nomad's monitor stops watching. */
export const deploymentDone = (status: string | undefined): boolean =>
  status === "successful" || status === "failed" || status === "cancelled" || status === "blocked";

/**
 * Canaries placed and healthy, waiting for a person: `nomad job run` would block here forever.
 * Nomad sets the "requires manual promotion" description as soon as canaries are planned, so the
 * health counts decide, not the text.
 */
export function needsPromotion(d: Deployment): boolean {
  if (d.Status !== "running") return false;
  const waiting = Object.values(d.TaskGroups ?? {}).filter((g) => (g.DesiredCanaries ?? 0) > 0 && !g.Promoted && !g.AutoPromote);
  return waiting.length > 0 && waiting.every((g) => (g.HealthyAllocs ?? 0) >= (g.DesiredCanaries ?? 0));
}
