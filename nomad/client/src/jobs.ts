/** @module jobs: `/v1/jobs` and `/v1/job/:id/...` (API reference §A2). */
import type { JobRegisterRequest, JobSubmission } from "@forex-mesh/jobspec";
import type { QueryMeta, QueryOptions, Transport, WriteMeta, WriteOptions } from "./transport.js";
import type {
  AllocationListStub,
  Deployment,
  Evaluation,
  Job,
  JobDeregisterResponse,
  JobListStub,
  JobPlanResponse,
  JobRegisterResponse,
  JobScaleStatusResponse,
  JobSummary,
  JobVersionsResponse,
} from "./types.js";

export interface RegisterOptions extends WriteOptions {
  /** Check-and-set: register only if the job's JobModifyIndex is still `modifyIndex` (0 = must not exist). */
  enforceIndex?: boolean;
  modifyIndex?: number;
  submission?: JobSubmission;
  policyOverride?: boolean;
  preserveCounts?: boolean;
  evalPriority?: number;
}

type Q<T> = Promise<{ data: T; meta: QueryMeta }>;
type W<T> = Promise<{ data: T; meta: WriteMeta }>;

const jobPath = (id: string, sub = "") => `/v1/job/${encodeURIComponent(id)}${sub}`;

export function jobsApi(t: Transport) {
  return {
    register(job: Job, o: RegisterOptions = {}): W<JobRegisterResponse> {
      const body: JobRegisterRequest = { Job: job };
      // Go's client marks these omitempty: only send what was asked for.
      if (o.enforceIndex) {
        body.EnforceIndex = true;
        body.JobModifyIndex = o.modifyIndex ?? 0;
      }
      if (o.submission) body.Submission = o.submission;
      if (o.policyOverride) body.PolicyOverride = true;
      if (o.preserveCounts) body.PreserveCounts = true;
      if (o.evalPriority) body.EvalPriority = o.evalPriority;
      return t.write("PUT", "/v1/jobs", body, o);
    },
    parse(hcl: string, o: { canonicalize?: boolean; variables?: string } & WriteOptions = {}): W<Job> {
      return t.write("PUT", "/v1/jobs/parse", { JobHCL: hcl, Canonicalize: o.canonicalize ?? false, Variables: o.variables ?? "" }, o);
    },
    list(q?: QueryOptions): Q<JobListStub[]> {
      return t.query("/v1/jobs", q);
    },
    info(id: string, q?: QueryOptions): Q<Job> {
      return t.query(jobPath(id), q);
    },
    versions(id: string, o: { diffs?: boolean } = {}, q: QueryOptions = {}): Q<JobVersionsResponse> {
      return t.query(jobPath(id, "/versions"), { ...q, params: { ...q.params, diffs: o.diffs ? true : undefined } });
    },
    plan(job: Job, o: { diff?: boolean; policyOverride?: boolean } & WriteOptions = {}): W<JobPlanResponse> {
      const body = { Job: job, Diff: o.diff ?? true, PolicyOverride: o.policyOverride ?? false };
      return t.write("PUT", jobPath(job.ID ?? "", "/plan"), body, o);
    },
    revert(id: string, version: number, o: { enforcePriorVersion?: number } & WriteOptions = {}): W<JobRegisterResponse> {
      const body: Record<string, unknown> = { JobID: id, JobVersion: version };
      if (o.enforcePriorVersion !== undefined) body.EnforcePriorVersion = o.enforcePriorVersion;
      return t.write("PUT", jobPath(id, "/revert"), body, o);
    },
    scale(id: string, group: string, count: number, o: { message?: string; policyOverride?: boolean; jobModifyIndex?: number } & WriteOptions = {}): W<JobRegisterResponse> {
      const body = {
        Count: count,
        Target: { Job: id, Group: group },
        Message: o.message ?? "",
        Error: false,
        Meta: null,
        PolicyOverride: o.policyOverride ?? false,
        JobModifyIndex: o.jobModifyIndex ?? 0,
      };
      return t.write("PUT", jobPath(id, "/scale"), body, o);
    },
    scaleStatus(id: string, q?: QueryOptions): Q<JobScaleStatusResponse> {
      return t.query(jobPath(id, "/scale"), q);
    },
    /** Stops the job (`purge: false` keeps it with `Stop: true`) or deletes it (`purge: true`). */
    deregister(id: string, o: { purge?: boolean; global?: boolean } & WriteOptions = {}): W<JobDeregisterResponse> {
      return t.write("DELETE", jobPath(id), undefined, { ...o, params: { ...o.params, purge: o.purge ? true : undefined, global: o.global ? true : undefined } });
    },
    allocations(id: string, o: { all?: boolean } = {}, q: QueryOptions = {}): Q<AllocationListStub[]> {
      return t.query(jobPath(id, "/allocations"), { ...q, params: { ...q.params, all: o.all ?? false } });
    },
    evaluations(id: string, q?: QueryOptions): Q<Evaluation[]> {
      return t.query(jobPath(id, "/evaluations"), q);
    },
    deployments(id: string, o: { all?: boolean } = {}, q: QueryOptions = {}): Q<Deployment[]> {
      return t.query(jobPath(id, "/deployments"), { ...q, params: { ...q.params, all: o.all ? true : undefined } });
    },
    /** The most recent deployment, or `null` when the job never had one. */
    latestDeployment(id: string, q?: QueryOptions): Q<Deployment | null> {
      return t.query(jobPath(id, "/deployment"), q);
    },
    summary(id: string, q?: QueryOptions): Q<JobSummary> {
      return t.query(jobPath(id, "/summary"), q);
    },
  };
}
export type JobsApi = ReturnType<typeof jobsApi>;
