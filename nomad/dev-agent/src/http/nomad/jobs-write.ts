/**
 * @module http/nomad/jobs-write: job writes: register (`PUT /v1/jobs`, `PUT /v1/job/:id`, with
 * EnforceIndex), parse (HCL → api Job), plan (diff + annotations from a dry reconcile), revert,
 * scale, evaluate, deregister (with purge). Request bodies are matched case-insensitively, as Go's
 * decoder does; the decisions live in the engine.
 * https://developer.hashicorp.com/nomad/api-docs/jobs
 */
import { canonicalizeJob, diffJobs, type Job as ApiJob, JobspecError, parseJobspec } from "@forex-mesh/jobspec";
import { type Job, reconcile } from "@forex-mesh/scheduler";
import { isObject, type Json, pick } from "../../consul/keys.js";
import { badRequest, rpcError } from "../../errors.js";
import { jobAllocs, jobDeployments, jobVersions, ZERO_TIME } from "../../nomad/records.js";
import { jobKey } from "../../nomad/state.js";
import { type Context, jsonBody } from "../context.js";
import { boolParam, namespaceOf, type NomadDeps, sendWrite } from "./deps.js";

const BODY_LIMIT = 4 << 20;

async function objectBody(ctx: Context): Promise<Json> {
  const body = await jsonBody(ctx, BODY_LIMIT);
  if (!isObject(body)) throw badRequest("Request body must be a JSON object");
  return body;
}

/** The job out of a register/plan body, with the namespace precedence of §A1 applied. */
function jobFrom(ctx: Context, body: Json, pathId: string | null): ApiJob {
  const job = pick(body, "Job");
  if (!isObject(job)) throw badRequest("Job must be specified");
  const id = pick(job, "ID");
  if (typeof id !== "string" || id === "") throw badRequest("Job ID hasn't been provided");
  if (pathId !== null && id !== pathId) throw badRequest("Job ID does not match name");
  const ns = ctx.query.get("namespace") || (pick(body, "Namespace") as string) || (pick(job, "Namespace") as string) || "default";
  return { ...(job as ApiJob), Namespace: ns };
}

/** The checks Nomad's Job.Validate makes that our runtime relies on; a multierror text as Nomad sends. */
function validate(job: ApiJob): void {
  const errors: string[] = [];
  const groups = job.TaskGroups ?? [];
  if (groups.length === 0) errors.push("Missing job task groups");
  for (const g of groups) {
    if (!g.Tasks || g.Tasks.length === 0) errors.push(`Task group ${g.Name} validation failed: Missing tasks for task group`);
    for (const t of g.Tasks ?? []) {
      if (t.Driver === "raw_exec" && typeof (t.Config as Json | null)?.command !== "string") {
        errors.push(`Task group ${g.Name} validation failed: Task ${t.Name} validation failed: missing command for raw_exec driver`);
      }
    }
  }
  if (errors.length === 0) return;
  const n = errors.length;
  throw rpcError(`${n} error${n === 1 ? "" : "s"} occurred:\n${errors.map((e) => `\t* ${e}`).join("\n")}\n\n`);
}

export function registerJob(deps: NomadDeps, pathId: boolean) {
  return async (ctx: Context) => {
    const body = await objectBody(ctx);
    const job = jobFrom(ctx, body, pathId ? ctx.tail : null);
    validate(job);
    const sub = pick(body, "Submission");
    const priority = pick(body, "EvalPriority");
    const answer = await deps.engine.register({
      job,
      enforceIndex: pick(body, "EnforceIndex") === true,
      jobModifyIndex: Number(pick(body, "JobModifyIndex") ?? 0),
      ...(typeof priority === "number" && priority !== 0 ? { evalPriority: priority } : {}),
      submission: isObject(sub)
        ? {
            Source: String(pick(sub, "Source") ?? ""),
            Format: String(pick(sub, "Format") ?? "hcl2"),
            VariableFlags: (pick(sub, "VariableFlags") as Record<string, string> | null) ?? null,
            Variables: String(pick(sub, "Variables") ?? ""),
          }
        : null,
    });
    sendWrite(ctx, answer.Index, { ...answer, Warnings: "", LastContact: 0, KnownLeader: false, NextToken: "" });
  };
}

export function parseJob() {
  return async (ctx: Context) => {
    const body = await objectBody(ctx);
    const hcl = pick(body, "JobHCL");
    if (typeof hcl !== "string" || hcl === "") throw badRequest("Job spec is empty");
    const vars = pick(body, "Variables");
    let job: ApiJob;
    try {
      job = parseJobspec(hcl, { filename: "input.hcl", ...(typeof vars === "string" && vars !== "" ? { varFiles: [vars] } : {}) });
    } catch (error) {
      if (error instanceof JobspecError) throw badRequest(`Failed to parse job: ${error.message}`);
      throw error;
    }
    const out = pick(body, "Canonicalize") === true ? canonicalizeJob(job) : job;
    const text = JSON.stringify(out);
    ctx.res.writeHead(200, { "Content-Type": "application/json", "Content-Length": Buffer.byteLength(text) });
    ctx.res.end(text);
  };
}

export function planJob(deps: NomadDeps) {
  return async (ctx: Context) => {
    const body = await objectBody(ctx);
    const apiJob = jobFrom(ctx, body, ctx.tail);
    validate(apiJob);
    const s = deps.state();
    const candidate = canonicalizeJob(apiJob) as unknown as Job;
    const existing = s.jobs.get(jobKey(candidate.Namespace, candidate.ID));
    const next: Job = { ...candidate, Version: existing ? existing.Version + 1 : 0 };
    let n = 0;
    const plan = reconcile({
      job: next,
      versions: [...jobVersions(s, next.Namespace, next.ID), next],
      allocs: jobAllocs(s, next.Namespace, next.ID),
      deployment: jobDeployments(s, next.Namespace, next.ID)[0] ?? null,
      eval: { ID: "plan", TriggeredBy: "job-register" },
      nowMs: deps.engine.core.deps.now(),
      newId: () => `plan-${++n}`,
    });
    const wantDiff = pick(body, "Diff") === true;
    sendWrite(ctx, deps.currentIndex(), {
      JobModifyIndex: existing?.JobModifyIndex ?? 0,
      CreatedEvals: null,
      Diff: wantDiff ? diffJobs((existing ?? null) as unknown as ApiJob | null, candidate as unknown as ApiJob) : null,
      Annotations: { DesiredTGUpdates: plan.desiredUpdates, PreemptedAllocs: null },
      FailedTGAllocs: plan.evaluation.FailedTGAllocs ?? null,
      NextPeriodicLaunch: ZERO_TIME,
      Warnings: "",
      Index: deps.currentIndex(),
    });
  };
}

export function revertJob(deps: NomadDeps) {
  return async (ctx: Context) => {
    const body = await objectBody(ctx);
    if (pick(body, "JobID") !== ctx.tail) throw badRequest("Job ID does not match");
    const version = pick(body, "JobVersion");
    if (typeof version !== "number" || !Number.isInteger(version) || version < 0) throw badRequest("JobVersion must be a non-negative integer");
    const prior = pick(body, "EnforcePriorVersion");
    const answer = await deps.engine.revert(namespaceOf(ctx), ctx.tail, version, typeof prior === "number" ? prior : undefined);
    sendWrite(ctx, answer.Index, { ...answer, Warnings: "" });
  };
}

export function scaleJob(deps: NomadDeps) {
  return async (ctx: Context) => {
    const body = await objectBody(ctx);
    const target = pick(body, "Target");
    const group = isObject(target) ? pick(target, "Group") : undefined;
    if (typeof group !== "string" || group === "") throw badRequest("missing task group name for scaling action");
    const count = pick(body, "Count");
    if (count !== null && count !== undefined && (typeof count !== "number" || !Number.isInteger(count) || count < 0)) {
      throw badRequest("scaling action count can't be negative");
    }
    const answer = await deps.engine.scale(namespaceOf(ctx), ctx.tail, group, typeof count === "number" ? count : null);
    sendWrite(ctx, answer.Index, { ...answer, Warnings: "" });
  };
}

export function evaluateJob(deps: NomadDeps) {
  return async (ctx: Context) => {
    await ctx.body(BODY_LIMIT);
    const answer = await deps.engine.evaluate(namespaceOf(ctx), ctx.tail);
    sendWrite(ctx, answer.Index, { ...answer, Warnings: "" });
  };
}

export function deregisterJob(deps: NomadDeps) {
  return async (ctx: Context) => {
    const answer = await deps.engine.deregister(namespaceOf(ctx), ctx.tail, boolParam(ctx, "purge"));
    sendWrite(ctx, answer.Index, { ...answer, VolumeEvalID: "", VolumeEvalIndex: 0, LastContact: 0, KnownLeader: false, NextToken: "" });
  };
}
