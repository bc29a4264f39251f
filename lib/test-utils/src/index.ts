/** @module @forex-mesh/test-utils: helpers for tests that talk to real processes over loopback. */
export { DEV_AGENT_MAIN, type DevAgent, type StartDevAgentOptions, startDevAgent } from "./dev-agent.js";
export { freePort, listenOn } from "./ports.js";
export { startProcess, type RunningProcess, type StartProcessOptions } from "./process.js";
export { waitFor, sleep } from "./wait.js";
