/** @module @forex-mesh/observability: metric and rule names, PromQL builders, and the generated Prometheus/Grafana files' source. */
export { artefacts, PACKAGE_DIR, RULES_DIR, renderPrometheusYaml } from "./artefacts.js";
export { prometheusConfig, SCRAPE_INTERVAL, SIDECAR_RELABELS } from "./config.js";
export { DASHBOARD_DIR, type DashboardFile, metricNames, panelExpressions, panelQueries, readDashboards, variableMetrics } from "./dashboard-exprs.js";
export { dashboards, meshOverviewDashboard, serviceDashboard } from "./dashboards.js";
export { type ConsulTarget, parseRenderEnv, type RenderEnv } from "./env.js";
export { ObservabilityError, ObservabilityErrorCode } from "./errors.js";
export {
  ALERT,
  FAILURE_CODE_CLASSES,
  GOLDEN_STATS,
  type GoldenStat,
  goldenRecord,
  helperRecord,
  LATENCY_BUCKETS_SECONDS,
  LEVELS,
  type Level,
  MESH_RECORD,
  METRIC,
  QUANTILES,
  type Quantile,
  RESILIENCE_KINDS,
  type ResilienceKind,
  resilienceRecord,
  SIDECAR_JOB,
  WINDOWS,
  type Window,
} from "./names.js";
export { type Matchers, promString, selector } from "./promql.js";
export {
  edgesQuery,
  firingAlertsQuery,
  goldenQuery,
  healthyInstancesQuery,
  instancesUpQuery,
  resilienceQuery,
  routeConvergenceQueries,
  routeRevisionsQuery,
  serviceVersionsQuery,
} from "./queries.js";
export { type AlertingRule, type RecordingRule, type RuleFile, type RuleGroup, recordedNames, ruleFiles } from "./rules.js";
