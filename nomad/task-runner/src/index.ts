/** @module @forex-mesh/task-runner: the dev agent's raw_exec task runner (env, interpolation, processes, logs, adoption). */
export { TaskRunnerError, TaskRunnerErrorCode } from "./errors.js";
export {
  allocDirFor,
  buildTaskEnv,
  filterHostEnv,
  HOST_ENV_DENYLIST,
  isSafeName,
  nomadVars,
  sanitizeEnvKey,
  taskDirs,
} from "./env.js";
export { devNodeInfo, type HostFacts, interpolate, interpolateString, interpolateValue, nodeKeys } from "./interpolate.js";
export { goDuration, rfc3339, TaskEventType, taskEvent, ZERO_TIME } from "./events.js";
export {
  DEFAULT_SERVICE_RESTART,
  defaultRestartDecision,
  emptyRestartHistory,
  type RestartDecider,
  type RestartDecision,
  type RestartHistory,
  RestartReason,
} from "./restart.js";
export { type AdoptOutcome, adoptTask } from "./adopt.js";
export { type AllocationLike, allocContextFrom, currentHostFacts, type JobLike } from "./alloc-context.js";
export { type AdoptReport, AllocRunner, type AllocRunnerOptions, type AllocUpdate } from "./alloc-runner.js";
export { type ExecutorHandle, type ExitRecord, SHIM_PATH } from "./executor.js";
export {
  encodeFrame,
  framedLogStream,
  type LogFrame,
  type LogReadOptions,
  type LogType,
  plainLogStream,
  readLogs,
} from "./logs.js";
export { isSameProcess, procStartTime } from "./proc.js";
export { allocClientStatus, ClientDescription, type ClientStatus } from "./status.js";
export { DEFAULT_KILL_SIGNAL, DEFAULT_KILL_TIMEOUT_NS, TaskRunner, type TaskRunnerOptions, type TaskUpdate } from "./task-runner.js";
export type * from "./types.js";
