/** @module @forex-mesh/dev-agent: the single-machine Nomad + Consul API agent. */
export { CONSUL_VERSION, type RunningAgent, type StartAgentOptions, startAgent } from "./agent.js";
export { type AgentConfig, parseConfig } from "./config.js";
export { AgentStartupError, ConsulError, type ErrorCode } from "./errors.js";
export { createConsulApp } from "./http/app.js";
export { createNomadApp } from "./http/nomad/app.js";
export type { NomadDeps } from "./http/nomad/deps.js";
export { NomadEngine } from "./nomad/engine.js";
export type { Deps } from "./http/deps.js";
export { apply } from "./store/apply.js";
export { DurableStore, type DurableStoreOptions } from "./store/durable-store.js";
export type { ApplyResult, StoreEvent } from "./store/events.js";
export { emptyState, type State } from "./store/types.js";
export { WatchHub } from "./store/watch-hub.js";
