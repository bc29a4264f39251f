/** @module What the pure decision logic is given (observations) and what it hands back (actions). */
import type { RolloutStatus } from "../schema.js";

/** One version's figures over the step's window, from the serving sidecars' inbound metrics. */
export interface VersionFigures {
  /** Requests answered in the window (Prometheus' extrapolated increase, so not always whole). */
  requests: number;
  /** Non-5xx share of them, 0–1; null when there were none. */
  successRatio: number | null;
  /** 99th percentile latency, milliseconds; null when there were no requests. */
  p99Ms: number | null;
}

export interface MetricsSample {
  /** The window the figures cover, whole seconds ending now. */
  windowSeconds: number;
  canary: VersionFigures;
  stable: VersionFigures;
}

export type MetricsReading = { ok: true; sample: MetricsSample } | { ok: false; error: string };

/** Nomad's latest deployment of the job, reduced to what a rollout decides on. */
export interface DeploymentHealth {
  id: string;
  /** The `meta.version` of the job version this deployment rolls out; null when unknown. */
  version: string | null;
  /** Nomad's status: running, paused, successful, failed, cancelled, … */
  status: string;
  description: string;
  desiredCanaries: number;
  healthyCanaries: number;
  /** Every group with canaries has been promoted. */
  promoted: boolean;
}

/** `null`: the job has no deployment; `{ ok: false }`: Nomad did not answer. */
export type DeploymentReading = { ok: true; deployment: DeploymentHealth | null } | { ok: false; error: string };

export type Action =
  /** Route `weight`% to the canary and the rest to stable (other versions 0), then append routing history. */
  | { kind: "set-weight"; weight: number; reason: string }
  /** Mark the deployment failed, so Nomad stops the canaries and (auto_revert) restores the old job. */
  | { kind: "fail-deployment"; deploymentId: string }
  /** Promote every group: Nomad replaces the stable instances with the canary's version. */
  | { kind: "promote-deployment"; deploymentId: string }
  /** After promotion the table names only the canary's version, at 100. */
  | { kind: "collapse-routes"; version: string; reason: string };

export interface Decision {
  /** The status to write (CAS) once every action succeeded; equal to the input status when `write` is false. */
  status: RolloutStatus;
  /** I/O in order; each is idempotent, so a crash between them and the status write is redone safely. */
  actions: Action[];
  /** Whether the status changed and must be written. */
  write: boolean;
  /** Decide again at once after this decision is carried out (an intent phase to act on). */
  again: boolean;
}

/** What the controller must fetch before deciding. */
export interface Needs {
  deployment: boolean;
  /** The window to query, whole seconds; null when no verdict is due. */
  metricsWindowSeconds: number | null;
}
