/** @module config: forex-rate's environment, parsed once at start. */
import { fileURLToPath } from "node:url";
import { loadConfig, millis, port, serviceEnv } from "@forex-mesh/service-kit";
import { z } from "zod";

/** The snapshot committed with the package; `dist/config.js` and `src/config.ts` both sit one level below it. */
export const DEFAULT_SNAPSHOT = fileURLToPath(new URL("../data/ecb-snapshot.json.gz", import.meta.url));

const location = z.string().max(2048);

export const rateEnv = z.object({
  ...serviceEnv,
  PORT: port(8081),
  /** Path or http(s) URL of an ECB CSV, ECB XML or snapshot, gzipped or not. */
  FOREX_RATES_SOURCE: location.default(DEFAULT_SNAPSHOT),
  /** Where the scheduled refresh downloads from (e.g. the ECB's eurofxref-hist-90d.xml). Unset: no refresh. */
  FOREX_RATES_REFRESH_URL: z.url({ protocol: /^https?$/ }).optional(),
  FOREX_RATES_REFRESH_INTERVAL_MS: z.coerce.number().int().min(1000).max(7 * 86_400_000).default(3_600_000),
  FOREX_RATES_FETCH_TIMEOUT_MS: millis(30_000),
});

export type RateConfig = Readonly<z.output<typeof rateEnv>>;

export function loadRateConfig(env: Record<string, string | undefined>): RateConfig {
  return loadConfig(rateEnv, env);
}
