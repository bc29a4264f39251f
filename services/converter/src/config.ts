import { loadConfig, millis, port, serviceEnv } from "@forex-mesh/service-kit";
import { z } from "zod";

export const converterEnv = z.object({
  ...serviceEnv,
  PORT: port(8082),
  /** forex-rate itself, or later this instance's egress sidecar. */
  FOREX_RATE_URL: z.url({ protocol: /^http$/ }).default("http://127.0.0.1:8081"),
  /** Sent as the Host header (e.g. `forex-rate`) so an egress sidecar knows where to route. */
  FOREX_RATE_HOST: z.string().max(255).optional(),
  /** Whole-request deadline for one call to forex-rate; past it the caller gets a 504. */
  FOREX_RATE_TIMEOUT_MS: millis(2000),
});

export type ConverterConfig = Readonly<z.output<typeof converterEnv>>;

/** Reads and validates the environment once, at start. */
export function loadConverterConfig(env: Record<string, string | undefined>): ConverterConfig {
  return loadConfig(converterEnv, env);
}
