#!/usr/bin/env node
/**
 * @module `forex-consul-sd`: serves Prometheus HTTP service discovery (`GET /v1/targets`) from the
 * Consul named by CONSUL_HTTP_ADDR. Prints one JSON line `listening` with the URL when ready.
 */
import { createServer } from "node:http";
import { ObservabilityError } from "./errors.js";
import { createSdApp, TARGETS_PATH } from "./sd/app.js";
import { consulReader } from "./sd/consul.js";
import { parseSdConfig } from "./sd-config.js";

const log = (event: Record<string, unknown>): void => console.log(JSON.stringify({ time: new Date().toISOString(), ...event }));

let config: ReturnType<typeof parseSdConfig>;
try {
  config = parseSdConfig(process.env);
} catch (error) {
  if (!(error instanceof ObservabilityError)) throw error;
  console.error(`${error.code}: ${error.message}`);
  process.exit(2);
}

const consul = consulReader({ baseUrl: config.consulUrl, timeoutMs: config.timeoutMs, ...(config.token ? { token: config.token } : {}) });
const server = createServer(createSdApp({ consul, log }));
server.listen(config.port, config.host, () => {
  const address = server.address();
  const port = typeof address === "object" && address !== null ? address.port : config.port;
  log({ level: "info", msg: "listening", url: `http://${config.host}:${port}${TARGETS_PATH}`, consul: config.consulUrl });
});
for (const signal of ["SIGTERM", "SIGINT"] as const) {
  process.on(signal, () => {
    server.close(() => process.exit(0));
    // Prometheus holds keep-alive connections open; idle ones would delay the exit.
    server.closeIdleConnections();
  });
}
