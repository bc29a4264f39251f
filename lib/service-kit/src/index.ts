/** @module @forex-mesh/service-kit: what every forex service shares. */
export { loadConfig, millis, port, serviceEnv, type ServiceEnv } from "./config.js";
export { ConfigError, ErrorCodes, HttpError } from "./errors.js";
export {
  type DependencyCheck,
  type DependencyProbeOptions,
  DependencyProbes,
  type DependencyReport,
  describeDependency,
  type ProbeResult,
} from "./dependency-probes.js";
export { errorHandler, notFound } from "./error-handler.js";
export { faults, type FaultOptions } from "./faults.js";
export { healthRoutes, type HealthOptions, type Readiness } from "./health.js";
export { createLogger, type Logger, type LoggerOptions } from "./logger.js";
export {
  type ContextOptions,
  contextOf,
  contextOfOutbound,
  contextStarter,
  outboundHeaders,
  pooledHex,
  requestContext,
  type RequestContext,
  VERSION_OVERRIDE_HEADER,
} from "./request-context.js";
export { formatServedBy, parseServedBy, SERVED_BY_HEADER, SERVED_BY_MAX_LENGTH } from "./served-by.js";
export { serve, type ServeOptions, type Serving } from "./serve.js";
export { createServiceApp, type ServiceAppOptions } from "./service-app.js";
export { continueTrace, formatTraceparent, parseTraceparent, type TraceContext } from "./trace.js";
export { type CallOptions, createUpstream, type TextResponse, type Upstream, type UpstreamOptions, type UpstreamResponse } from "./upstream.js";
