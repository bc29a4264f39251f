/** @module @forex-mesh/jobspec: Nomad HCL2 job files → api Job JSON, server canonicalization, job diffs. */
export { parseJobspec, registerRequest, type ParseOptions, type JobRegisterRequest, type JobSubmission } from "./parse-jobspec.js";
export { canonicalizeJob } from "./canonicalize.js";
export { parseDuration, formatDuration } from "./duration.js";
export { JobspecError, JobspecErrorCode, type SourcePos } from "./errors.js";
export { DEFAULT_UPDATE, defaultRestart, defaultReschedule } from "./defaults.js";
export type * from "./types.js";
export { diffJobs, type JobDiff, type TaskGroupDiff, type TaskDiff, type ObjectDiff, type FieldDiff, type DiffType } from "./diff.js";
export { compareGroups, isDestructiveUpdate, type GroupUpdate, type GroupUpdateKind } from "./destructive.js";
