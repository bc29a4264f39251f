/** @module @forex-mesh/rollout: the rollout KV schemas (spec, control, status), their parsers and key helpers, and the canary rollout controller. */
// The KV contract is kv.ts (the `./schema` entry the console imports); the root adds the controller.
export * from "./kv.js";
export { RolloutError } from "./errors.js";
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
