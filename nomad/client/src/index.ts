/** @module @forex-mesh/nomad-client: a typed client for the Nomad HTTP API (a real cluster or our dev agent). */
export { createNomadClient, type NomadClient, type NomadClientDeps } from "./client.js";
export { configFromEnv, type NomadConfig } from "./config.js";
export { NomadError, NomadErrorCode, UnexpectedResponseError } from "./errors.js";
export { FrameDecoder, type StreamFrame } from "./frames.js";
export type { LogOptions } from "./allocations.js";
export type { RegisterOptions } from "./jobs.js";
export type { QueryMeta, QueryOptions, WriteMeta, WriteOptions } from "./transport.js";
export type * from "./types.js";
