/**
 * @module server/deploy: deploys a version as Nomad canaries with 0% of the traffic. Order: refuse
 * while a deployment is under way; write the version into the route table at weight 0 (so the
 * sidecars know it and send it nothing); then register the job with check-and-set on the
 * JobModifyIndex that was read. A 0 entry left by a refused register is harmless.
 */
import { parseRouteTable, routeKey } from "@forex-mesh/routing";
import { type DeployRequest, deploymentBusy, planDeploy } from "../view/deploy";
import type { Backends } from "./backends";
import { ConsoleError, ConsoleErrorCode } from "./errors";
import { setWeight } from "./mesh";

export interface DeployResult {
  job: string;
  version: string;
  evalId: string | null;
  jobModifyIndex: number | null;
  /** The route table's revision after the 0% entry was written (unchanged if it was there). */
  routingRevision: number;
}

export async function deployVersion(b: Backends, service: string, req: DeployRequest, now: number): Promise<DeployResult> {
  const [job, dep] = await Promise.all([b.jobInfo(service), b.latestDeployment(service)]);
  const busy = deploymentBusy(dep);
  if (busy) throw new ConsoleError(ConsoleErrorCode.Conflict, busy);
  const plan = planDeploy(job, req);
  if (!plan.ok) throw new ConsoleError(ConsoleErrorCode.Conflict, plan.message);
  const kv = await b.kvGet(routeKey(service));
  const parsed = kv ? parseRouteTable(kv.value) : null;
  const entry = parsed?.ok ? parsed.value.split.find((e) => e.version === req.version) : undefined;
  let routingRevision = kv?.modifyIndex ?? 0;
  if (entry?.weight !== 0) {
    routingRevision = (await setWeight(b, service, req.version, 0, `deploy ${req.version}: 0% until traffic is shifted`, now)).revision;
  }
  const answer = await b.registerJob(plan.value, job.JobModifyIndex ?? 0);
  return { job: service, version: req.version, evalId: answer.EvalID ?? null, jobModifyIndex: answer.JobModifyIndex ?? null, routingRevision };
}
