/** @module @forex-mesh/resilience: what the resilience scenarios share (timed load, statistics, the process table, the mesh's own APIs). */
export { ResilienceError, ResilienceErrorCode } from "./errors.js";
export { fetchGet, meshGet, type Send, type TimedLoad, type TimedLoadOptions, timedLoad } from "./load.js";
export { allocPort, type FaultsView, type Instance, instances, type KvEntry, kvAll, kvPut, metricSum, sidecarFaults, sidecarMetrics, sidecarUpstream, type UpstreamView } from "./mesh.js";
export { agentPid, alive, parseEnviron, parseRss, rssBytes, splitNul, type TaskProcess, taskPid, taskProcesses } from "./procs.js";
export { LOAD_PATH, mb, meshReady, report } from "./scenario.js";
export { failuresByStatus, growth, isSuccess, percentile, type Sample, type Summary, sentBetween, summarize, TABLE_HEADER, tableRow } from "./stats.js";
