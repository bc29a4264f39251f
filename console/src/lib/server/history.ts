/** @module server/history: a job's versions with diffs, the recorded routing changes and the table's current revision, as one timeline. */
import { routeKey } from "@forex-mesh/routing";
import { summarizeRoutes, type TimelineEntry, toTimeline, type VersionsInput } from "../view/history";
import type { Backends } from "./backends";
import { readRoutingHistory } from "./routing-history";

export interface JobHistory {
  job: string;
  timeline: TimelineEntry[];
}

/** Jobs are named like their service, so the routing key of the same name belongs on the same timeline. */
export async function jobHistory(b: Backends, job: string): Promise<JobHistory> {
  const [versions, kv, history] = await Promise.all([b.jobVersions(job), b.kvGet(routeKey(job)).catch(() => null), readRoutingHistory(b, job).catch(() => null)]);
  const routing = kv ? { revision: kv.modifyIndex, summary: summarizeRoutes(kv.value) } : null;
  return { job, timeline: toTimeline(versions as VersionsInput, routing, history) };
}

export async function revertJob(b: Backends, job: string, version: number, priorVersion: number): Promise<{ job: string; version: number; evalId: string | null }> {
  const answer = (await b.revertJob(job, version, priorVersion)) as { EvalID?: string | null };
  return { job, version, evalId: answer.EvalID ?? null };
}
