/**
 * @module http/nomad/jobs: job reads: list (`prefix`, `namespace=*`, `meta`), read, versions (with
 * diffs), allocations, evaluations, deployments, the latest deployment (JSON null when none),
 * summary, scale status, submission. Every one is a blocking query.
 * https://developer.hashicorp.com/nomad/api-docs/jobs
 */
import { diffJobs, type Job as ApiJob } from "@forex-mesh/jobspec";
import { jobAllocs, jobDeployments, jobEvals, jobVersions } from "../../nomad/records.js";
import { jobKey, TOPIC_NOMAD_ALLOCS, TOPIC_NOMAD_DEPLOYMENTS, TOPIC_NOMAD_EVALS, TOPIC_NOMAD_JOBS } from "../../nomad/state.js";
import { badRequest } from "../../errors.js";
import type { Context } from "../context.js";
import { boolParam, namespaceOf, type NomadDeps, nomadRead } from "./deps.js";
import { allocStub, jobStub, jobSummary, jobView } from "./views.js";

const maxIndex = (xs: readonly Record<string, unknown>[], floor: number): number => Math.max(floor, ...xs.map((x) => Number(x.ModifyIndex ?? 0)));

export function listJobs(deps: NomadDeps) {
  return (ctx: Context) => {
    const ns = ctx.query.get("namespace") || "default";
    const prefix = ctx.query.get("prefix") ?? "";
    const meta = boolParam(ctx, "meta");
    return nomadRead(ctx, deps, [TOPIC_NOMAD_JOBS, TOPIC_NOMAD_ALLOCS], () => {
      const s = deps.state();
      const jobs = [...s.jobs.values()]
        .filter((j) => (ns === "*" || j.Namespace === ns) && j.ID.startsWith(prefix))
        .sort((a, b) => (a.ID < b.ID ? -1 : a.ID > b.ID ? 1 : 0));
      return { index: Math.max(s.jobsIndex, s.allocsIndex), body: jobs.map((j) => jobStub(s, j, meta)) };
    });
  };
}

/** `GET /v1/job/:id` and its read-only sub-resources; `suffix` is "" for the job itself. */
export function readJob(deps: NomadDeps, suffix: string) {
  return (ctx: Context) => {
    const ns = namespaceOf(ctx);
    const id = ctx.tail;
    const job = () => deps.state().jobs.get(jobKey(ns, id));
    switch (suffix) {
      case "":
        // Status is computed from allocs, deployments and evals, so their changes move the index too
        // (Nomad bumps the job's ModifyIndex when its status changes).
        return nomadRead(ctx, deps, [TOPIC_NOMAD_JOBS, TOPIC_NOMAD_ALLOCS, TOPIC_NOMAD_DEPLOYMENTS, TOPIC_NOMAD_EVALS], () => {
          const j = job();
          if (!j) return null;
          const s = deps.state();
          const related = [...jobAllocs(s, ns, id), ...jobDeployments(s, ns, id), ...jobEvals(s, ns, id)];
          return { index: maxIndex(related, j.ModifyIndex as number), body: jobView(s, j) };
        }, "job not found");
      case "versions":
        return readVersions(ctx, deps, ns, id);
      case "allocations": {
        const all = boolParam(ctx, "all");
        return nomadRead(ctx, deps, [TOPIC_NOMAD_ALLOCS, TOPIC_NOMAD_JOBS], () => {
          const s = deps.state();
          const j = job();
          const allocs = jobAllocs(s, ns, id).filter((a) => all || !j || (a.CreateIndex as number) >= (j.CreateIndex as number));
          return { index: maxIndex(allocs, 1), body: allocs.map((a) => allocStub(s, a)) };
        });
      }
      case "evaluations":
        return nomadRead(ctx, deps, [TOPIC_NOMAD_EVALS], () => {
          const evals = jobEvals(deps.state(), ns, id);
          return { index: maxIndex(evals, 1), body: evals };
        });
      case "deployments":
        return nomadRead(ctx, deps, [TOPIC_NOMAD_DEPLOYMENTS], () => {
          const ds = jobDeployments(deps.state(), ns, id);
          return { index: maxIndex(ds, 1), body: ds };
        });
      case "deployment":
        return nomadRead(ctx, deps, [TOPIC_NOMAD_DEPLOYMENTS], () => {
          const d = jobDeployments(deps.state(), ns, id)[0];
          return { index: d ? (d.ModifyIndex as number) : deps.state().deploymentsIndex, body: d ?? null };
        });
      case "summary":
        return nomadRead(ctx, deps, [TOPIC_NOMAD_JOBS, TOPIC_NOMAD_ALLOCS], () => {
          const j = job();
          if (!j) return null;
          const summary = jobSummary(deps.state(), j);
          return { index: summary.ModifyIndex, body: summary };
        }, "job not found");
      case "scale":
        return nomadRead(ctx, deps, [TOPIC_NOMAD_JOBS, TOPIC_NOMAD_ALLOCS], () => {
          const j = job();
          if (!j) return null;
          const s = deps.state();
          const allocs = jobAllocs(s, ns, id).filter((a) => a.DesiredStatus === "run");
          const groups = Object.fromEntries(
            j.TaskGroups.map((g) => {
              const mine = allocs.filter((a) => a.TaskGroup === g.Name);
              return [
                g.Name,
                {
                  Desired: g.Count,
                  Placed: mine.length,
                  Running: mine.filter((a) => a.ClientStatus === "running").length,
                  Healthy: mine.filter((a) => a.DeploymentStatus?.Healthy === true).length,
                  Unhealthy: mine.filter((a) => a.DeploymentStatus?.Healthy === false).length,
                  Events: null,
                },
              ];
            }),
          );
          const body = { JobID: j.ID, Namespace: j.Namespace, JobCreateIndex: j.CreateIndex, JobModifyIndex: j.JobModifyIndex, JobStopped: j.Stop === true, TaskGroups: groups };
          return { index: j.ModifyIndex as number, body };
        }, "job not found");
      case "submission": {
        const raw = ctx.query.get("version");
        if (raw === null || !/^\d+$/.test(raw)) throw badRequest("Unable to parse job submission version parameter");
        return nomadRead(ctx, deps, [TOPIC_NOMAD_JOBS], () => {
          const sub = deps.state().submissions.get(`${jobKey(ns, id)}@${raw}`);
          if (!sub) return null;
          const { JobIndex, ...rest } = sub;
          return { index: JobIndex, body: { ...rest, Namespace: ns, JobID: id } };
        }, "job source not found");
      }
      default:
        throw badRequest(`unsupported job endpoint ${suffix}`);
    }
  };
}

function readVersions(ctx: Context, deps: NomadDeps, ns: string, id: string): Promise<void> {
  const diffs = boolParam(ctx, "diffs");
  return nomadRead(ctx, deps, [TOPIC_NOMAD_JOBS], () => {
    const versions = jobVersions(deps.state(), ns, id);
    if (versions.length === 0) return null;
    const body = {
      Versions: versions,
      // Nomad's diffs go from each version to the next newer one, newest first.
      Diffs: diffs ? versions.slice(0, -1).map((v, i) => diffJobs(versions[i + 1] as unknown as ApiJob, v as unknown as ApiJob)) : null,
      Index: maxIndex(versions, 1),
      LastContact: 0,
      KnownLeader: true,
      NextToken: "",
    };
    return { index: body.Index, body };
  }, "job versions not found");
}
