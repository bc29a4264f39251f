/** @module From Nomad's deployment and job documents to the few facts a rollout decides on. */
import type { DeploymentHealth } from "./types.js";

export interface DeploymentDoc {
  ID?: string;
  JobVersion?: number;
  Status?: string;
  StatusDescription?: string;
  TaskGroups?: Record<string, { Promoted?: boolean; DesiredCanaries?: number; PlacedCanaries?: string[] | null; HealthyAllocs?: number }> | null;
}

/**
 * `versionOf(jobVersion)` answers the job's `meta.version` at that job version (our job files keep
 * the version there and nowhere else). Before promotion only canaries carry the deployment's ID,
 * so its HealthyAllocs are the healthy canaries.
 */
export function toDeploymentHealth(doc: DeploymentDoc | null, version: string | null): DeploymentHealth | null {
  if (!doc?.ID) return null;
  const groups = Object.values(doc.TaskGroups ?? {}).filter((g) => (g.DesiredCanaries ?? 0) > 0);
  const desiredCanaries = groups.reduce((n, g) => n + (g.DesiredCanaries ?? 0), 0);
  const healthyCanaries = groups.reduce((n, g) => n + Math.min(g.HealthyAllocs ?? 0, g.DesiredCanaries ?? 0), 0);
  return {
    id: doc.ID,
    version,
    status: doc.Status ?? "unknown",
    description: doc.StatusDescription ?? "",
    desiredCanaries,
    healthyCanaries,
    promoted: groups.length > 0 && groups.every((g) => g.Promoted === true),
  };
}

/** Statuses after which Nomad does nothing more with the deployment. */
export function deploymentEnded(d: DeploymentHealth): boolean {
  return d.status === "successful" || d.status === "failed" || d.status === "cancelled";
}

/** Nomad refuses to fail or promote a deployment that is not active. */
export function deploymentActive(d: DeploymentHealth): boolean {
  return d.status === "running" || d.status === "paused" || d.status === "pending" || d.status === "blocked";
}
