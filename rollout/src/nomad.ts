/** @module The controller's Nomad side, through the typed client: the job's latest deployment, promote, fail. */
import { type NomadClient, UnexpectedResponseError } from "@forex-mesh/nomad-client";
import { RolloutError, RolloutErrorCode } from "./errors.js";
import { toDeploymentHealth } from "./logic/deployment.js";
import type { DeploymentReading } from "./logic/types.js";

export interface Deployments {
  /** The job's latest deployment with the `meta.version` of the job version it deploys; never throws. */
  read(job: string): Promise<DeploymentReading>;
  promote(deploymentId: string): Promise<void>;
  fail(deploymentId: string): Promise<void>;
}

const reason = (error: unknown): string => (error instanceof Error ? error.message : String(error));

export function createDeployments(client: NomadClient): Deployments {
  return {
    async read(job) {
      try {
        const { data: dep } = await client.jobs.latestDeployment(job);
        if (!dep?.ID) return { ok: true, deployment: null };
        const { data: current } = await client.jobs.info(job);
        let version = current.Version === dep.JobVersion ? current.Meta?.version : undefined;
        if (version === undefined) {
          // The job moved on since this deployment (a revert, a newer registration): look the version up.
          const { data: history } = await client.jobs.versions(job);
          version = history.Versions?.find((v) => v.Version === dep.JobVersion)?.Meta?.version;
        }
        return { ok: true, deployment: toDeploymentHealth(dep, version ?? null) };
      } catch (error) {
        if (error instanceof UnexpectedResponseError && error.notFound) return { ok: true, deployment: null };
        return { ok: false, error: `Nomad: ${reason(error)}` };
      }
    },
    async promote(deploymentId) {
      try {
        await client.deployments.promoteAll(deploymentId);
      } catch (error) {
        throw new RolloutError(RolloutErrorCode.Nomad, `Nomad refused to promote deployment ${deploymentId.slice(0, 8)}: ${reason(error)}`, { cause: error });
      }
    },
    async fail(deploymentId) {
      try {
        await client.deployments.fail(deploymentId);
      } catch (error) {
        throw new RolloutError(RolloutErrorCode.Nomad, `Nomad refused to fail deployment ${deploymentId.slice(0, 8)}: ${reason(error)}`, { cause: error });
      }
    },
  };
}
