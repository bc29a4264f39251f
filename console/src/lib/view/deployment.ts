/**
 * @module deployment: the deployment panel's view of Nomad's latest deployment of a service's job,
 * and which actions it allows. Promote and roll back move traffic first (100% to the canaries'
 * version, or back to the stable one), then tell Nomad, so no request meets a stopping version.
 */
export interface DeploymentInput {
  ID?: string;
  JobVersion?: number;
  Status?: string;
  StatusDescription?: string;
  TaskGroups?: Record<string, { Promoted?: boolean; DesiredCanaries?: number; PlacedCanaries?: string[] | null; HealthyAllocs?: number; UnhealthyAllocs?: number; DesiredTotal?: number }> | null;
}
export interface DeploymentView {
  id: string;
  jobVersion: number | null;
  status: string;
  description: string;
  canaries: { desired: number; placed: number };
  healthy: number;
  unhealthy: number;
  promoted: boolean;
  /** The canaries' version and the one they would replace, from the instances' tags. */
  newVersion: string | null;
  stableVersion: string | null;
  canPromote: boolean;
  canRollBack: boolean;
}

export function toDeploymentView(dep: DeploymentInput | null, instances: ReadonlyArray<{ version: string; canary: boolean; passing: boolean }>): DeploymentView | null {
  if (!dep?.ID) return null;
  const groups = Object.values(dep.TaskGroups ?? {});
  const sum = (f: (g: (typeof groups)[number]) => number) => groups.reduce((n, g) => n + f(g), 0);
  const desired = sum((g) => g.DesiredCanaries ?? 0);
  const placed = sum((g) => g.PlacedCanaries?.length ?? 0);
  const promoted = groups.length > 0 && groups.every((g) => g.Promoted === true);
  const newVersion = instances.find((i) => i.canary)?.version ?? null;
  const stableVersion = instances.find((i) => !i.canary && i.version !== newVersion)?.version ?? null;
  const running = dep.Status === "running";
  const canariesHealthy = desired > 0 && instances.filter((i) => i.canary && i.passing).length >= desired;
  return {
    id: dep.ID,
    jobVersion: dep.JobVersion ?? null,
    status: dep.Status ?? "unknown",
    description: dep.StatusDescription ?? "",
    canaries: { desired, placed },
    healthy: sum((g) => g.HealthyAllocs ?? 0),
    unhealthy: sum((g) => g.UnhealthyAllocs ?? 0),
    promoted,
    newVersion,
    stableVersion,
    canPromote: running && !promoted && canariesHealthy && newVersion !== null,
    canRollBack: running && desired > 0 && stableVersion !== null,
  };
}
