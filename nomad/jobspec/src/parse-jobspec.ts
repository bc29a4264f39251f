/**
 * @module parse-jobspec: `*.nomad.hcl` text → the api Job the `nomad` CLI sends with `nomad job run`.
 *
 * @example
 * const job = parseJobspec(source, { filename: "web.nomad.hcl", variables: { version: "v2" } });
 * await fetch(`${addr}/v1/jobs`, { method: "PUT", body: JSON.stringify({ Job: job }) });
 */
import { decodeBlock } from "./decode.js";
import { JobspecError, JobspecErrorCode } from "./errors.js";
import { parseHcl } from "./hcl/parser.js";
import { jobSchema } from "./schema.js";
import type { Job } from "./types.js";
import { buildContext, type VariableSources } from "./variables.js";

export interface ParseOptions extends VariableSources {
  /** Used in error messages (`web.nomad.hcl:12 (in job "web" > group "api"): …`). */
  filename?: string;
}

const TOP_LEVEL = new Set(["job", "variable", "variables", "locals"]);

export function parseJobspec(source: string, options: ParseOptions = {}): Job {
  const filename = options.filename ?? "job.nomad.hcl";
  const body = parseHcl(source, filename);
  const [attr] = body.attributes;
  if (attr) {
    throw new JobspecError(JobspecErrorCode.Unsupported, `Unsupported argument: "${attr.name}" is not expected at the top level`, {
      filename,
      line: attr.line,
    });
  }
  for (const b of body.blocks) {
    if (!TOP_LEVEL.has(b.type)) {
      throw new JobspecError(JobspecErrorCode.Unsupported, `Unsupported block type: "${b.type}" is not expected at the top level`, {
        filename,
        line: b.line,
      });
    }
  }
  const jobs = body.blocks.filter((b) => b.type === "job");
  if (jobs.length !== 1) {
    throw new JobspecError(JobspecErrorCode.Structure, `expected exactly one job block, found ${jobs.length}`, {
      filename,
      line: jobs[1]?.line ?? 1,
    });
  }
  const ctx = buildContext(body, filename, options);
  return decodeBlock(jobs[0]!, jobSchema, { ctx, filename }) as Job;
}

/** What `PUT /v1/jobs` carries besides the job: the original source, so `job submission` can show it. */
export interface JobSubmission {
  Source: string;
  Format: "hcl2" | "json";
  VariableFlags: Record<string, string> | null;
  Variables: string;
}

export interface JobRegisterRequest {
  Job: Job;
  Submission?: JobSubmission | null;
  EnforceIndex?: boolean;
  JobModifyIndex?: number;
  PolicyOverride?: boolean;
  PreserveCounts?: boolean;
  EvalPriority?: number;
  Region?: string;
  Namespace?: string;
  SecretID?: string;
}

/** The register body the CLI builds for `nomad job run [-var k=v] [-var-file f] file`. */
export function registerRequest(source: string, options: ParseOptions = {}): JobRegisterRequest {
  return {
    Job: parseJobspec(source, options),
    Submission: {
      Source: source,
      Format: "hcl2",
      VariableFlags: options.variables && Object.keys(options.variables).length ? { ...options.variables } : null,
      Variables: (options.varFiles ?? []).join("\n"),
    },
    Region: "",
    Namespace: "",
    SecretID: "",
  };
}
