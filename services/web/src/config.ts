import { loadConfig, millis, port, serviceEnv } from "@forex-mesh/service-kit";
import { z } from "zod";

const httpUrl = (fallback: string) => z.url({ protocol: /^http$/ }).default(fallback);

export const webEnv = z.object({
  ...serviceEnv,
  // 8083, not 8080: the edge proxy takes 8080 in front of the mesh.
  PORT: port(8083),
  FOREX_CONVERTER_URL: httpUrl("http://127.0.0.1:8082"),
  /** Host header for the converter (e.g. `forex-converter` through the egress sidecar). */
  FOREX_CONVERTER_HOST: z.string().max(255).optional(),
  FOREX_CONVERTER_TIMEOUT_MS: millis(3000),
  FOREX_RATE_URL: httpUrl("http://127.0.0.1:8081"),
  FOREX_RATE_HOST: z.string().max(255).optional(),
  FOREX_RATE_TIMEOUT_MS: millis(2000),
  /** How long the currency list is reused before forex-rate is asked again. */
  FOREX_CURRENCIES_TTL_MS: millis(600_000),
});

export type WebConfig = Readonly<z.output<typeof webEnv>>;

export function loadWebConfig(env: Record<string, string | undefined>): WebConfig {
  return loadConfig(webEnv, env);
}
