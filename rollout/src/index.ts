/** @module @forex-mesh/rollout: the rollout KV schemas (spec, control, status), their parsers and key helpers, and the canary rollout controller. */
export { type RolloutIssue, RolloutError, RolloutErrorCode, type RolloutParseError } from "./errors.js";
export {
  type Parsed,
  parseRolloutControl,
  parseRolloutSpec,
  parseRolloutStatus,
  validateRolloutControl,
  validateRolloutSpec,
  validateRolloutStatus,
} from "./parse.js";
export {
  CONTROL_COMMANDS,
  type ControlCommand,
  DEFAULT_GATES,
  DEFAULT_STEP_SECONDS,
  DEFAULT_STEPS,
  EVENT_KINDS,
  EVENTS_CAP,
  type EventKind,
  GATE_NAMES,
  type GateName,
  type GateResult,
  type Gates,
  gateResultSchema,
  gatesSchema,
  isTerminalPhase,
  PHASES,
  type Phase,
  parseRolloutKey,
  ROLLOUTS_PREFIX,
  type RolloutControl,
  type RolloutEvent,
  type RolloutKeyPart,
  type RolloutSpec,
  type RolloutSpecInput,
  type RolloutStatus,
  rolloutControlKey,
  rolloutControlSchema,
  rolloutEventSchema,
  rolloutIdSchema,
  rolloutSpecKey,
  rolloutSpecSchema,
  rolloutStatusKey,
  rolloutStatusSchema,
  TERMINAL_PHASES,
} from "./schema.js";
export { type DecideInput, type DecideOptions, decide, needs, stepDueSeconds, stepElapsedSeconds } from "./logic/decide.js";
export { deploymentActive, deploymentEnded, type DeploymentDoc, toDeploymentHealth } from "./logic/deployment.js";
export { bucketCeiling, describeFailure, type EarlierStable, earlierStable, evaluateGates, type GateVerdict, LATENCY_BUCKETS_MS, P99_FLOOR_MS } from "./logic/gates.js";
export { canaryWeight, collapsedTable, rolloutTable, sameSplit } from "./logic/split.js";
export type {
  Action,
  Decision,
  DeploymentHealth,
  DeploymentReading,
  MetricsReading,
  MetricsSample,
  Needs,
  VersionFigures,
} from "./logic/types.js";
export { type AppDeps, createApp } from "./app.js";
export { loadRolloutConfig, type RolloutConfig, rolloutEnv } from "./config.js";
export { type ConsulKv, createConsulKv, type KvEntry, type KvList } from "./consul.js";
export { type Controller, type ControllerDeps, type ControllerHealth, createController, type RolloutSummary } from "./controller.js";
export { createDeployments, type Deployments } from "./nomad.js";
export { createPrometheusReader, type PrometheusReader, type WindowQuery, windowQueries } from "./prometheus.js";
export { type RouteWriteResult, type RouteWriterDeps, writeRoutes } from "./routes.js";
