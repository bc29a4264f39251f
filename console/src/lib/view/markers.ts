/**
 * @module markers: the vertical lines on the service charts: where routing changed (the stored
 * routing history), where a Nomad deployment started, was promoted, succeeded or failed (the job's
 * deployments list: CreateTime, and ModifyTime for the state it ended in), and each rollout step
 * and verdict (the rollout status events). Times are Unix seconds, like the charts' x axis.
 */
import type { RoutingHistoryInput } from "./history";

export type MarkerTone = "info" | "good" | "bad";
export interface Marker {
  t: number;
  source: "routing" | "deployment" | "rollout";
  tone: MarkerTone;
  /** A few characters drawn beside the line. */
  short: string;
  /** The whole story, for the list under the charts and the tooltip. */
  label: string;
}

export interface DeploymentMarkerInput {
  ID?: string;
  JobVersion?: number;
  Status?: string;
  StatusDescription?: string;
  /** Unix nanoseconds, as Nomad gives them. */
  CreateTime?: number;
  ModifyTime?: number;
  TaskGroups?: Record<string, { Promoted?: boolean; DesiredCanaries?: number }> | null;
}
export interface RolloutEventInput {
  at: string;
  kind: string;
  step: number;
  weight: number;
  outcome?: "pass" | "fail" | "wait";
  message: string;
}

export interface MarkerInput {
  history: RoutingHistoryInput | null;
  deployments: readonly DeploymentMarkerInput[];
  rollout: { events: readonly RolloutEventInput[] } | null;
  /** The version label of a job version (`Meta.version`), when known, to name deployments by it. */
  labels?: ReadonlyMap<number, string>;
}

const sec = (ns: number | undefined) => (typeof ns === "number" && ns > 0 ? Math.floor(ns / 1e9) : null);

function deploymentMarkers(d: DeploymentMarkerInput, labels: ReadonlyMap<number, string> | undefined): Marker[] {
  const out: Marker[] = [];
  const name = `${d.JobVersion !== undefined && labels?.get(d.JobVersion) ? `${labels.get(d.JobVersion)} ` : ""}(job version ${d.JobVersion ?? "?"}, ${(d.ID ?? "").slice(0, 8)})`;
  const groups = Object.values(d.TaskGroups ?? {});
  const canaries = groups.some((g) => (g.DesiredCanaries ?? 0) > 0);
  const promoted = canaries && groups.length > 0 && groups.every((g) => g.Promoted === true);
  const start = sec(d.CreateTime);
  const end = sec(d.ModifyTime);
  if (start !== null) out.push({ t: start, source: "deployment", tone: "info", short: "deploy", label: `deployment of ${name} started` });
  if (end === null || end === start) return out;
  // Nomad records no promotion time; the deployment's last change is the closest it tells.
  if (d.Status === "failed") out.push({ t: end, source: "deployment", tone: "bad", short: "failed", label: `deployment of ${name} failed: ${d.StatusDescription ?? ""}`.trim() });
  else if (d.Status === "successful") out.push({ t: end, source: "deployment", tone: "good", short: promoted ? "promoted" : "deployed", label: `deployment of ${name} ${promoted ? "promoted and " : ""}successful` });
  else if (d.Status === "cancelled") out.push({ t: end, source: "deployment", tone: "info", short: "cancelled", label: `deployment of ${name} cancelled: ${d.StatusDescription ?? ""}`.trim() });
  else if (promoted) out.push({ t: end, source: "deployment", tone: "good", short: "promoted", label: `deployment of ${name} promoted` });
  return out;
}

function rolloutMarker(e: RolloutEventInput): Marker | null {
  const t = Math.floor(Date.parse(e.at) / 1000);
  if (!Number.isFinite(t)) return null;
  const step = `step ${e.step + 1}`;
  switch (e.kind) {
    case "started":
      return { t, source: "rollout", tone: "info", short: "rollout", label: `rollout started: ${e.message}` };
    case "step":
      return { t, source: "rollout", tone: "info", short: `${step} ${e.weight}%`, label: `rollout ${step}: ${e.weight}% · ${e.message}` };
    case "verdict":
      // "wait" verdicts repeat while traffic is thin; the status panel lists them, the chart would drown.
      if (e.outcome !== "pass" && e.outcome !== "fail") return null;
      return { t, source: "rollout", tone: e.outcome === "pass" ? "good" : "bad", short: `${step} ${e.outcome}`, label: `rollout ${step} at ${e.weight}% ${e.outcome === "pass" ? "passed" : "failed"}: ${e.message}` };
    case "promoted":
      return { t, source: "rollout", tone: "good", short: "promoted", label: `rollout promoted: ${e.message}` };
    case "rolled-back":
    case "aborted":
      return { t, source: "rollout", tone: "bad", short: e.kind, label: `rollout ${e.kind}: ${e.message}` };
    default:
      return null;
  }
}

/** Every marker within [start, end], oldest first. */
export function toMarkers(input: MarkerInput, range: { start: number; end: number }): Marker[] {
  const all: Marker[] = [];
  for (const e of input.history?.entries ?? []) {
    const t = Math.floor(Date.parse(e.at) / 1000);
    if (!Number.isFinite(t)) continue;
    const split = e.split.map((s) => `${s.version} ${s.weight}%`).join(" · ");
    const short = e.split.length > 1 ? e.split.map((s) => s.weight).join("/") : split;
    all.push({ t, source: "routing", tone: "info", short, label: `routing ${split} by ${e.actor}${e.reason ? `: ${e.reason}` : ""}` });
  }
  for (const d of input.deployments) all.push(...deploymentMarkers(d, input.labels));
  for (const e of input.rollout?.events ?? []) {
    const m = rolloutMarker(e);
    if (m) all.push(m);
  }
  return all.filter((m) => m.t >= range.start && m.t <= range.end).sort((a, b) => a.t - b.t);
}
