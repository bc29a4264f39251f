/** @module @forex-mesh/jobs: where the job files are, in the order the system starts them. */
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

/** The directory holding the `*.nomad.hcl` files. */
export const jobsDir = join(dirname(fileURLToPath(import.meta.url)), "..");

/** Job files in start order: callees before callers, then the edge, then the operators' tools. */
export const systemJobs = ["forex-rate", "forex-converter", "forex-web", "forex-edge", "prometheus", "console", "forex-rollout"] as const;

export const jobFile = (name: string): string => join(jobsDir, `${name}.nomad.hcl`);
