/** @module main: the composition root. Config → logger → store → app → listen → load rates → refresh. */
import { ConfigError, createLogger, serve } from "@forex-mesh/service-kit";
import { createApp } from "./app.js";
import { loadRateConfig } from "./config.js";
import { loadRates } from "./data/source.js";
import { createRateStore } from "./store.js";

async function main(): Promise<void> {
  const config = loadRateConfig(process.env);
  const logger = createLogger({ service: "forex-rate", version: config.FOREX_VERSION, alloc: config.NOMAD_ALLOC_ID, level: config.LOG_LEVEL });
  const store = createRateStore({ loader: (location) => loadRates(location, { timeoutMs: config.FOREX_RATES_FETCH_TIMEOUT_MS }), logger });
  let draining = false;
  const app = createApp({
    store,
    logger,
    version: config.FOREX_VERSION,
    faults: { errorRatio: config.FOREX_FAULT_ERROR_RATIO, latencyMs: config.FOREX_FAULT_LATENCY_MS },
    draining: () => draining,
  });
  // Listen first so /healthz answers while the rates load; /readyz turns 200 once they are in.
  await serve(app, {
    port: config.PORT,
    host: config.HOST,
    logger,
    graceMs: config.SHUTDOWN_GRACE_MS,
    onDrain: () => {
      draining = true;
    },
  });
  try {
    await store.load(config.FOREX_RATES_SOURCE);
  } catch (error) {
    logger.fatal({ err: error }, "cannot load rates from FOREX_RATES_SOURCE");
    process.exit(1);
  }
  if (config.FOREX_RATES_REFRESH_URL !== undefined) {
    store.startRefresh(config.FOREX_RATES_REFRESH_URL, config.FOREX_RATES_REFRESH_INTERVAL_MS);
  }
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError) {
    process.stderr.write(`forex-rate: ${error.message}\n`);
  } else {
    process.stderr.write(`forex-rate: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  }
  process.exit(1);
});
