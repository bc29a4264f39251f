/**
 * @module Where Prometheus finds Consul, read once from the environment with zod. The variable names
 * are Consul's own (`CONSUL_HTTP_ADDR`, `CONSUL_HTTP_SSL`, `CONSUL_HTTP_TOKEN`), so the same shell
 * that points the `consul` CLI at a cluster points Prometheus at it too.
 */
import { z } from "zod";
import { ObservabilityError, ObservabilityErrorCode } from "./errors.js";

/** The bridge's default port (9090 is Prometheus, 9091 the Pushgateway, 9093 Alertmanager). */
export const DEFAULT_SD_PORT = 9095;

export interface ConsulTarget {
  /** `host:port`, as `consul_sd_configs.server` wants it. */
  server: string;
  scheme: "http" | "https";
  token?: string;
}

export interface RenderEnv {
  consul: ConsulTarget;
  /** Where Prometheus asks for targets: the `forex-consul-sd` bridge's `/v1/targets`. */
  sdUrl: string;
  /** Also scrape the agent's own `/v1/agent/metrics?format=prometheus`. */
  agentMetrics: boolean;
}

const hostPort = /^[A-Za-z0-9.-]+:\d{1,5}$/;
const bool = z
  .enum(["1", "0", "true", "false", ""])
  .optional()
  .transform((v) => v === "1" || v === "true");

const schema = z.object({
  CONSUL_HTTP_ADDR: z.string().trim().default("127.0.0.1:8500"),
  CONSUL_HTTP_SSL: bool,
  CONSUL_HTTP_TOKEN: z.string().trim().optional(),
  FOREX_PROMETHEUS_AGENT_METRICS: bool,
  FOREX_PROMETHEUS_SD_URL: z.url({ protocol: /^https?$/ }).default(`http://127.0.0.1:${DEFAULT_SD_PORT}/v1/targets`),
});

/** Accepts `host:port` or `http(s)://host:port` like the consul CLI; an explicit scheme wins over CONSUL_HTTP_SSL. */
export function parseRenderEnv(env: Record<string, string | undefined>): RenderEnv {
  const parsed = schema.safeParse(env);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ");
    throw new ObservabilityError(ObservabilityErrorCode.InvalidConfig, issues);
  }
  const { CONSUL_HTTP_ADDR: addr, CONSUL_HTTP_SSL: ssl, CONSUL_HTTP_TOKEN: token } = parsed.data;
  const match = /^(https?):\/\/([^/]+)\/?$/.exec(addr);
  const server = match ? match[2]! : addr;
  const scheme = match ? (match[1] as "http" | "https") : ssl ? "https" : "http";
  const port = Number(server.split(":").at(-1));
  if (!hostPort.test(server) || port < 1 || port > 65535) {
    throw new ObservabilityError(
      ObservabilityErrorCode.InvalidConfig,
      `CONSUL_HTTP_ADDR: expected host:port or http(s)://host:port, got ${JSON.stringify(addr)}`,
    );
  }
  const consul: ConsulTarget = { server, scheme };
  if (token) consul.token = token;
  return { consul, sdUrl: parsed.data.FOREX_PROMETHEUS_SD_URL, agentMetrics: parsed.data.FOREX_PROMETHEUS_AGENT_METRICS };
}
