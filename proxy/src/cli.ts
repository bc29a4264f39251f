/**
 * @module `forex-mesh proxy …` and `node proxy/dist/main.js …`: config → Consul discovery → app →
 * listen → drain on SIGTERM. The only place that wires real I/O together.
 */
import { createApp } from "./app.js";
import { loadConfig, USAGE } from "./config.js";
import { ConsulDiscovery } from "./discovery/consul.js";
import { createLogger } from "./log.js";

export async function run(argv: string[]): Promise<number> {
  const loaded = loadConfig(argv, process.env);
  if (loaded.ok === "help") {
    process.stdout.write(USAGE);
    return 0;
  }
  if (!loaded.ok) {
    process.stderr.write(`forex-mesh proxy: invalid configuration\n${loaded.message}\n\n${USAGE}`);
    return 2;
  }
  const config = loaded.config;
  const log = createLogger(config.logLevel, { service: config.service, component: `proxy-${config.mode}` });
  const discovery = new ConsulDiscovery({
    address: config.consulAddr,
    token: config.consulToken,
    waitSeconds: config.watchWaitSeconds,
    onError: (what, error, failures) => log.warn("consul watch failing; keeping the last known data", { what, failures, error: String(error) }),
    onRecover: (what, downSeconds) => log.info("consul watch recovered", { what, down_seconds: downSeconds }),
  });
  const app = createApp({ config, discovery, log });
  const ports = await app.listen();
  log.info("proxy listening", { ...ports, mode: config.mode, upstreams: config.upstreams, consul: config.consulAddr });

  await new Promise<void>((resolve) => {
    const stop = (): void => {
      process.off("SIGTERM", stop);
      process.off("SIGINT", stop);
      resolve();
    };
    process.on("SIGTERM", stop);
    process.on("SIGINT", stop);
  });
  log.info("draining");
  await Promise.race([app.close(), new Promise((r) => setTimeout(r, 5_000).unref())]);
  await discovery.close();
  return 0;
}
