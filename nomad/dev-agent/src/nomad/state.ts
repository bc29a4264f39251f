/**
 * @module nomad/state: the Nomad half of the store. Records are Nomad's server-shape JSON (as the
 * scheduler reads and writes them), kept in the same State and log as the Consul half, so one
 * index orders both and `X-Nomad-Index` / `X-Consul-Index` are the same counter.
 */
import type { Allocation, Deployment, Evaluation, Job } from "@forex-mesh/scheduler";

/** Nomad keeps the last 6 versions of a job (JobDefaultTrackedVersions). */
export const TRACKED_VERSIONS = 6;

export interface JobSubmissionRecord {
  Source: string;
  Format: string;
  VariableFlags: Record<string, string> | null;
  Variables: string;
  JobIndex: number;
  Version: number;
}

export interface NomadState {
  /** `<namespace>/<id>` -> the job's current version. */
  jobs: Map<string, Job>;
  /** `<namespace>/<id>` -> stored versions, newest first, at most TRACKED_VERSIONS. */
  versions: Map<string, Job[]>;
  /** `<namespace>/<id>@<version>` -> the source the job was registered from. */
  submissions: Map<string, JobSubmissionRecord>;
  evals: Map<string, Evaluation>;
  /** Allocations without their embedded Job (readers attach the version they ran). */
  allocs: Map<string, Allocation>;
  deployments: Map<string, Deployment>;
  jobsIndex: number;
  evalsIndex: number;
  allocsIndex: number;
  deploymentsIndex: number;
}

export function emptyNomadState(): NomadState {
  return {
    jobs: new Map(),
    versions: new Map(),
    submissions: new Map(),
    evals: new Map(),
    allocs: new Map(),
    deployments: new Map(),
    jobsIndex: 0,
    evalsIndex: 0,
    allocsIndex: 0,
    deploymentsIndex: 0,
  };
}

export const jobKey = (namespace: string, id: string): string => `${namespace}/${id}`;

export const TOPIC_NOMAD_JOBS = "nomad:jobs";
export const TOPIC_NOMAD_EVALS = "nomad:evals";
export const TOPIC_NOMAD_ALLOCS = "nomad:allocs";
export const TOPIC_NOMAD_DEPLOYMENTS = "nomad:deployments";

/** One job write: the record, and whether it is a new version (else it replaces its own version). */
export interface JobWrite {
  job: Job;
  newVersion: boolean;
  /** The spec changed (a new version or a stop): JobModifyIndex moves to this write's index. */
  specChanged: boolean;
  submission?: Omit<JobSubmissionRecord, "JobIndex" | "Version"> | null;
}

/** A partial update merged into an alloc at apply time, so concurrent writers never lose fields. */
export interface AllocPatch {
  ID: string;
  patch: Partial<Allocation>;
}

/** Everything the Nomad half writes: applied atomically at one index. */
export interface NomadWrite {
  type: "nomad-write";
  jobs?: JobWrite[];
  /** Purge: the job and its versions go away (allocs, evals and deployments stay, as until GC). */
  purgeJobs?: { Namespace: string; ID: string }[];
  evals?: Evaluation[];
  allocs?: Allocation[];
  allocPatches?: AllocPatch[];
  deployments?: Deployment[];
}
