/**
 * @module client: a typed Nomad HTTP client, one property per resource.
 *
 * @example
 * const nomad = createNomadClient(configFromEnv(process.env));
 * const { data: jobs, meta } = await nomad.jobs.list({ prefix: "forex" });
 * // Block until something changes (or 30 s pass):
 * await nomad.jobs.list({ waitIndex: meta.lastIndex, waitTime: 30_000 });
 */
import { agentApi } from "./agent.js";
import { allocationsApi } from "./allocations.js";
import type { NomadConfig } from "./config.js";
import { deploymentsApi } from "./deployments.js";
import { evaluationsApi } from "./evaluations.js";
import { jobsApi } from "./jobs.js";
import { nodesApi } from "./nodes.js";
import { createTransport, type Fetch } from "./transport.js";

export interface NomadClientDeps {
  fetch?: Fetch;
  now?: () => number;
}

export function createNomadClient(config: NomadConfig, deps: NomadClientDeps = {}) {
  const t = createTransport(config, deps.fetch ?? fetch, deps.now ?? Date.now);
  return {
    config,
    jobs: jobsApi(t),
    allocations: allocationsApi(t),
    evaluations: evaluationsApi(t),
    deployments: deploymentsApi(t),
    nodes: nodesApi(t),
    agent: agentApi(t),
  };
}
export type NomadClient = ReturnType<typeof createNomadClient>;
