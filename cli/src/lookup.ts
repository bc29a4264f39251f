/**
 * @module lookup: turning what a person typed (an ID or a prefix) into one object, the way nomad's
 * commands do: deployments and allocations accept UUID prefixes (dashes ignored, at least two
 * characters, an odd last hex digit dropped for the server's index), jobs accept an ID prefix where
 * an exact match wins.
 */
import type { AllocationListStub, Deployment, JobListStub, NomadClient } from "@forex-mesh/nomad-client";
import { CliError, CliErrorCode } from "./errors.js";
import { formatList } from "./format/columns.js";
import { shortId } from "./format/time.js";

/** nomad's sanitizeUUIDPrefix: hex digits only, even length. */
export function sanitizeUuidPrefix(prefix: string): string {
  const hex = prefix.replaceAll("-", "");
  return hex.length % 2 === 1 ? hex.slice(0, -1) : hex;
}

const dashless = (id: string | undefined) => (id ?? "").replaceAll("-", "");

export function pickJob(prefix: string, jobs: readonly JobListStub[]): JobListStub {
  if (jobs.length === 0) throw new CliError(CliErrorCode.NotFound, `No job(s) with prefix or ID "${prefix}" found`);
  const exact = jobs.find((j) => j.ID === prefix);
  if (exact) return exact;
  if (jobs.length === 1) return jobs[0]!;
  const rows = jobs.map((j) => `${j.ID}|${j.Type ?? ""}|${j.Priority ?? 0}|${j.Status ?? ""}`);
  throw new CliError(CliErrorCode.Ambiguous, `Prefix matched multiple jobs\n\n${formatList(["ID|Type|Priority|Status", ...rows])}`);
}

export function pickByUuidPrefix<T extends { ID?: string }>(kind: "deployment" | "allocation", prefix: string, items: readonly T[], row: (item: T) => string, header: string): T {
  const matches = items.filter((i) => dashless(i.ID).startsWith(dashless(prefix)));
  if (matches.length === 0) throw new CliError(CliErrorCode.NotFound, `No ${kind}(s) with prefix or ID "${prefix}" found`);
  if (matches.length > 1) {
    throw new CliError(CliErrorCode.Ambiguous, `Prefix matched multiple ${kind}s\n\n${formatList([header, ...matches.map(row)])}`);
  }
  return matches[0]!;
}

function checkPrefix(kind: string, prefix: string): void {
  if (prefix.length < 2) throw new CliError(CliErrorCode.Usage, `${kind} ID must contain at least two characters.`);
}

export async function findJob(client: NomadClient, prefix: string): Promise<JobListStub> {
  const { data } = await client.jobs.list({ prefix, perPage: 20 });
  return pickJob(prefix, data);
}

export async function findDeployment(client: NomadClient, prefix: string): Promise<Deployment> {
  checkPrefix("Deployment", prefix);
  if (prefix.length === 36) return (await client.deployments.info(prefix)).data;
  const { data } = await client.deployments.list({ prefix: sanitizeUuidPrefix(prefix) });
  return pickByUuidPrefix("deployment", prefix, data, (d) => `${shortId(d.ID)}|${d.JobID ?? ""}|${d.JobVersion ?? 0}|${d.Status ?? ""}|${d.StatusDescription ?? ""}`, "ID|Job ID|Job Version|Status|Description");
}

export async function findAllocation(client: NomadClient, prefix: string): Promise<AllocationListStub> {
  checkPrefix("Alloc", prefix);
  const { data } = await client.allocations.list({ prefix: sanitizeUuidPrefix(prefix) });
  return pickByUuidPrefix("allocation", prefix, data, (a) => `${shortId(a.ID)}|${shortId(a.EvalID)}|${a.JobID ?? ""}|${a.TaskGroup ?? ""}|${a.DesiredStatus ?? ""}|${a.ClientStatus ?? ""}`, "ID|Eval ID|Job ID|Task Group|Desired|Status");
}
