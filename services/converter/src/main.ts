import { createLogger, createUpstream, serve } from "@forex-mesh/service-kit";
import { createApp } from "./app.js";
import { loadConverterConfig } from "./config.js";
import { createRateSource } from "./rate-client.js";

const config = loadConverterConfig(process.env);
const logger = createLogger({
  service: "forex-converter",
  version: config.FOREX_VERSION,
  alloc: config.NOMAD_ALLOC_ID,
  level: config.LOG_LEVEL,
});
const rates = createRateSource(
  createUpstream({
    url: config.FOREX_RATE_URL,
    host: config.FOREX_RATE_HOST,
    timeoutMs: config.FOREX_RATE_TIMEOUT_MS,
    name: "forex-rate",
  }),
);
let draining = false;
const app = createApp({
  logger,
  version: config.FOREX_VERSION,
  faults: { errorRatio: config.FOREX_FAULT_ERROR_RATIO, latencyMs: config.FOREX_FAULT_LATENCY_MS },
  rates,
  draining: () => draining,
});
await serve(app, {
  port: config.PORT,
  host: config.HOST,
  logger,
  graceMs: config.SHUTDOWN_GRACE_MS,
  onDrain: () => {
    draining = true;
  },
});
