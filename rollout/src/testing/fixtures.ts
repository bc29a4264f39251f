/** Fixtures for the decision logic's unit tests: a spec, observations and a clock. */
import type { DeploymentHealth, DeploymentReading, MetricsReading, VersionFigures } from "../logic/types.js";
import { type RolloutSpec, rolloutSpecSchema } from "../schema.js";

export const T0 = Date.parse("2026-11-25T02:00:00.000Z");
export const sec = (s: number): number => T0 + s * 1000;

export function spec(overrides: Partial<RolloutSpec> = {}): RolloutSpec {
  return rolloutSpecSchema.parse({
    id: "r-0a1b2c",
    service: "forex-rate",
    job: "forex-rate",
    canary: "v2",
    stable: "v1",
    createdAt: "2026-11-25T01:59:00.000Z",
    createdBy: "console",
    ...overrides,
  });
}

export function deployment(overrides: Partial<DeploymentHealth> = {}): DeploymentReading {
  return {
    ok: true,
    deployment: {
      id: "d3adbeef-0000-4000-8000-000000000001",
      version: "v2",
      status: "running",
      description: "Deployment is running but requires manual promotion",
      desiredCanaries: 2,
      healthyCanaries: 2,
      promoted: false,
      ...overrides,
    },
  };
}

export const healthy = (requests: number, successRatio = 1, p99Ms = 12): VersionFigures => ({ requests, successRatio, p99Ms });
export const none: VersionFigures = { requests: 0, successRatio: null, p99Ms: null };

export function metrics(canary: VersionFigures, stable: VersionFigures, windowSeconds = 60): MetricsReading {
  return { ok: true, sample: { windowSeconds, canary, stable } };
}
