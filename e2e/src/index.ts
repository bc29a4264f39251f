/** @module @forex-mesh/e2e: what the whole-system tests share (start the system, drive load, ask Prometheus, read logs). */
export { E2eError, E2eErrorCode } from "./errors.js";
export { driveLoad, type DriveOptions, type LoadResult, rateIn, schedule } from "./load.js";
export { CONVERT_PATH, canHaveData, EDGES, INSTANCES, SCRAPED, SERVICES } from "./mesh.js";
export { type Alert, Prometheus, type RangeSeries, type RuleState, type Series } from "./prometheus.js";
export { REPO_ROOT, type System, startSystem } from "./system.js";
export { expectedKeys, missingKeys } from "./coverage.js";
export { type LogLine, parseLogLines, readTaskLog, runningAllocs } from "./logs.js";
export { customValues, type DashboardModel, expandPanels, labelValuesQuery, type PanelQuery, referenced, type TemplateVariable } from "./grafana.js";
