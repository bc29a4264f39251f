import { createLogger, createUpstream, serve } from "@forex-mesh/service-kit";
import { createApp } from "./app.js";
import { createBackends } from "./backends.js";
import { loadWebConfig } from "./config.js";
import { cachedCurrencies } from "./currency-cache.js";

const config = loadWebConfig(process.env);
const logger = createLogger({ service: "forex-web", version: config.FOREX_VERSION, alloc: config.NOMAD_ALLOC_ID, level: config.LOG_LEVEL });
const backends = createBackends({
  converter: createUpstream({
    url: config.FOREX_CONVERTER_URL,
    host: config.FOREX_CONVERTER_HOST,
    timeoutMs: config.FOREX_CONVERTER_TIMEOUT_MS,
    name: "forex-converter",
  }),
  rate: createUpstream({ url: config.FOREX_RATE_URL, host: config.FOREX_RATE_HOST, timeoutMs: config.FOREX_RATE_TIMEOUT_MS, name: "forex-rate" }),
});
let draining = false;
const app = createApp({
  logger,
  version: config.FOREX_VERSION,
  faults: { errorRatio: config.FOREX_FAULT_ERROR_RATIO, latencyMs: config.FOREX_FAULT_LATENCY_MS },
  backends,
  currencies: cachedCurrencies((headers) => backends.currencies(headers), { ttlMs: config.FOREX_CURRENCIES_TTL_MS, now: Date.now }),
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
