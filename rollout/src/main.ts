/** @module main: the composition root. Config → logger → Consul, Nomad, Prometheus → controller → /healthz → signals. */
import type { AddressInfo } from "node:net";
import { createNomadClient } from "@forex-mesh/nomad-client";
import { ConfigError, createLogger } from "@forex-mesh/service-kit";
import { createApp } from "./app.js";
import { loadRolloutConfig } from "./config.js";
import { createConsulKv } from "./consul.js";
import { createController } from "./controller.js";
import { createDeployments } from "./nomad.js";
import { createPrometheusReader } from "./prometheus.js";

async function main(): Promise<void> {
  const config = loadRolloutConfig(process.env);
  const logger = createLogger({ service: "forex-rollout", version: "0.1.0", alloc: config.NOMAD_ALLOC_ID, level: config.LOG_LEVEL });
  const nomad = createNomadClient({ address: config.NOMAD_ADDR, token: config.NOMAD_TOKEN, timeoutMs: 5_000 });
  const controller = createController({
    kv: createConsulKv(config.CONSUL_HTTP_ADDR, config.CONSUL_HTTP_TOKEN),
    deployments: createDeployments(nomad),
    prometheus: createPrometheusReader(config.PROMETHEUS_ADDR),
    logger,
    now: Date.now,
    tickMs: config.FOREX_ROLLOUT_TICK_MS,
    minWindowSeconds: 2 * config.FOREX_ROLLOUT_SCRAPE_INTERVAL_SECONDS,
    watchWaitSeconds: config.FOREX_ROLLOUT_WATCH_WAIT_SECONDS,
  });
  const server = createApp({ health: controller.health });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(config.PORT, config.HOST, resolve);
  });
  const { port } = server.address() as AddressInfo;
  controller.start();
  logger.info(
    { consul: config.CONSUL_HTTP_ADDR, nomad: config.NOMAD_ADDR, prometheus: config.PROMETHEUS_ADDR, tickMs: config.FOREX_ROLLOUT_TICK_MS },
    `rollout controller listening on http://${config.HOST}:${port}`,
  );
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, "stopping");
    server.close();
    await controller.stop();
    logger.flush?.();
    process.exit(0);
  };
  process.on("SIGTERM", () => void stop("SIGTERM"));
  process.on("SIGINT", () => void stop("SIGINT"));
}

main().catch((error: unknown) => {
  const text = error instanceof ConfigError ? error.message : error instanceof Error ? (error.stack ?? error.message) : String(error);
  process.stderr.write(`forex-rollout: ${text}\n`);
  process.exit(1);
});
