/** @module @forex-mesh/proxy: the sidecar / edge proxy. */
export { type AppDeps, createApp, type ListenAddresses, type ProxyApp } from "./app.js";
export { type Config, loadConfig } from "./config.js";
export { ConsulDiscovery } from "./discovery/consul.js";
export type { Discovery, Instance, KeyValue, Watch, WatchStatus } from "./discovery/types.js";
export { ErrorCode, ProxyError } from "./errors.js";
export { createLogger, type Logger } from "./log.js";
export { METRIC, ProxyMetrics } from "./metrics.js";
