/** @module The controller's configuration, read once from the environment (blank counts as unset). */
import { SCRAPE_INTERVAL } from "@forex-mesh/observability";
import { loadConfig, port } from "@forex-mesh/service-kit";
import { z } from "zod";

const httpUrl = (fallback: string) =>
  z
    .string()
    .default(fallback)
    .refine((s) => /^https?:\/\/[^/]+/.test(s) && URL.canParse(s), "must be an http(s) URL such as http://127.0.0.1:8500")
    .transform((s) => s.replace(/\/+$/, ""));

/** Prometheus' scrape interval in this repo ("5s"), in seconds. */
const defaultScrapeSeconds = Number.parseFloat(SCRAPE_INTERVAL);

export const rolloutEnv = z.object({
  CONSUL_HTTP_ADDR: httpUrl("http://127.0.0.1:8500"),
  CONSUL_HTTP_TOKEN: z.string().optional(),
  NOMAD_ADDR: httpUrl("http://127.0.0.1:4646"),
  NOMAD_TOKEN: z.string().optional(),
  PROMETHEUS_ADDR: httpUrl("http://127.0.0.1:9090"),
  /** How often step timers are checked; at most a second, so a step ends within a second of its time. */
  FOREX_ROLLOUT_TICK_MS: z.coerce.number().int().min(20).max(1_000).default(1_000),
  /**
   * Prometheus' scrape interval, seconds. A verdict needs a window of at least two of them (a
   * window with one sample has no increase); lower it only with a Prometheus that scrapes faster.
   */
  FOREX_ROLLOUT_SCRAPE_INTERVAL_SECONDS: z.coerce.number().positive().max(300).default(defaultScrapeSeconds),
  /** How long a Consul blocking query on the rollout keys waits, seconds. */
  FOREX_ROLLOUT_WATCH_WAIT_SECONDS: z.coerce.number().int().min(1).max(300).default(30),
  HOST: z.string().default("127.0.0.1"),
  /** The /healthz port (Nomad gives NOMAD_PORT_http; 0 picks a free one). */
  PORT: port(0),
  NOMAD_ALLOC_ID: z.string().optional(),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
});

export type RolloutConfig = Readonly<z.output<typeof rolloutEnv>>;

/** Throws ConfigError (from service-kit) naming every bad variable at once. */
export function loadRolloutConfig(env: Record<string, string | undefined>): RolloutConfig {
  return loadConfig(rolloutEnv, env);
}
